import { createHttpHeaders, createPipelineRequest, type HttpClient } from "@azure/core-rest-pipeline";
import { AuthenticationHandler, Client, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { TokenCredential } from "@azure/core-auth";
import { ForeignLinkError } from "./boundary-errors.js";

/**
 * The Graph client's last middleware: instead of the global fetch, hand the request to the same
 * HttpClient the ARM clients use, so Graph calls are recorded, replayed and sanitised the same way.
 */
class SharedTransportHandler implements Middleware {
  constructor(private readonly transport: HttpClient) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const headers = createHttpHeaders();
    new Headers(options.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      headers.set(name, value);
    });
    const request = createPipelineRequest({
      url,
      method: (options.method ?? "GET").toUpperCase() as "GET",
      headers,
      body: typeof options.body === "string" ? options.body : undefined,
    });
    const response = await this.transport.sendRequest(request);
    const noBody = response.status === 204 || response.status === 205 || response.status === 304;
    context.response = new Response(noBody ? null : (response.bodyAsText ?? ""), {
      status: response.status,
      headers: response.headers.toJSON(),
    });
  }

  setNext(): void {
    // Terminal: nothing runs after the transport.
  }
}

export interface GraphClientSettings {
  credential: TokenCredential;
  transport: HttpClient;
  /** e.g. https://graph.microsoft.com (no trailing slash, no version). */
  baseUrl: string;
  scope: string;
  /**
   * RetryHandler base delay in seconds and maximum retries (the SDK's defaults are 3 s and 3), and
   * the longest Retry-After it honours: the boundary refuses longer ones before RetryHandler sees them.
   */
  retry: { delaySeconds: number; maxRetries: number; maxRetryAfterSeconds: number };
}

/**
 * RetryHandler cuts every wait to its own 180 s ceiling and then retries early; a Retry-After the
 * run allows (up to limits.retryAfterSeconds) is waited in full instead.
 */
class RetryAfterOptions extends RetryHandlerOptions {
  constructor(
    delaySeconds: number,
    maxRetries: number,
    private readonly maxRetryAfterSeconds: number,
  ) {
    super(delaySeconds, maxRetries);
  }

  override getMaxDelay(): number {
    return this.maxRetryAfterSeconds;
  }
}

/** The endpoint each Graph client was made for, so its paging can tell its own links from others. */
const endpointOrigins = new WeakMap<Client, string>();

export function createGraphClient(settings: GraphClientSettings): Client {
  const auth = new AuthenticationHandler(new TokenCredentialAuthenticationProvider(settings.credential, { scopes: [settings.scope] }));
  // RetryHandler retries 429/503/504, honouring Retry-After and backing off exponentially without it
  // (Conditional Access endpoints throttle with no Retry-After at all).
  const retry = new RetryHandler(new RetryAfterOptions(settings.retry.delaySeconds, settings.retry.maxRetries, settings.retry.maxRetryAfterSeconds));
  const transport = new SharedTransportHandler(settings.transport);
  auth.setNext(retry);
  retry.setNext(transport);
  const host = new URL(settings.baseUrl).hostname;
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${settings.baseUrl}/`,
    defaultVersion: "v1.0",
    // Graph only attaches the token for Graph hosts; an overridden endpoint must be named as one.
    customHosts: new Set([host]),
  });
  endpointOrigins.set(client, new URL(settings.baseUrl).origin);
  return client;
}

/**
 * An @odata.nextLink, checked before the Graph client sees it: the client reads any link that does
 * not start with "https://" as a path on its own host, so an http: link would not even reach the
 * transport's check as what it is. A link to another scheme, host or port ends the list.
 */
export function graphNextLink(client: Client, link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  const origin = endpointOrigins.get(client);
  let target: string | undefined;
  try {
    target = new URL(link, origin).origin;
  } catch {
    target = undefined;
  }
  if (origin === undefined || target !== origin) throw ForeignLinkError.notSent("GET", link, origin ?? "the Graph endpoint");
  return link;
}
