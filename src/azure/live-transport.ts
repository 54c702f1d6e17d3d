import https from "node:https";
import type { Duplex } from "node:stream";
import { createDefaultHttpClient, RestError, type HttpClient, type PipelineRequest, type PipelineResponse, type TlsSettings } from "@azure/core-rest-pipeline";
import { setBody } from "./body.js";
import { LimitReachedError } from "./boundary-errors.js";
import { limitSettingNames, seconds, type CollectionLimits } from "./limits.js";
import { ServiceBoundary } from "./service-boundary.js";

/**
 * A live HttpClient for one endpoint outside the collection (Key Vault signing): the same
 * timeouts, byte limit and endpoint check as the collectors' clients, without the ledger.
 */
export function boundedLiveClient(endpoint: string, limits: CollectionLimits, inner: HttpClient = createDefaultHttpClient()): HttpClient {
  return new ServiceBoundary(new BoundedTransport(inner, limits), endpoint, limits);
}

/**
 * The live transport, bounded: a new connection must be up within the connect timeout, an answer
 * may stay silent no longer than the idle timeout (before its headers and between pieces of its
 * body), and a body is read only up to the byte limit. The body is streamed so that these hold
 * while it arrives and so that its exact bytes are kept.
 *
 * A timeout is thrown as a RestError with code ETIMEDOUT, which the Azure SDKs' retry policy retries
 * like any other network failure; the byte limit is not retried (the same answer would come again).
 */
export class BoundedTransport implements HttpClient {
  private readonly agents = new WeakMap<object, https.Agent>();

  constructor(
    private readonly inner: HttpClient,
    private readonly limits: Pick<CollectionLimits, "maxResponseBytes" | "connectTimeoutMs" | "idleTimeoutMs">,
  ) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const call = `${request.method} ${request.url}`;
    const idle = this.limits.idleTimeoutMs;
    const caller = { abortSignal: request.abortSignal, streamResponseStatusCodes: request.streamResponseStatusCodes, agent: request.agent };
    const attempt = new AbortController();
    const forwardAbort = () => attempt.abort();
    if (caller.abortSignal?.aborted) attempt.abort();
    caller.abortSignal?.addEventListener("abort", forwardAbort);

    let silence: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let body: NodeJS.ReadableStream | undefined;
    const watch = (what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silence = what;
        attempt.abort();
        // A decompressing stream does not end when the socket under it is destroyed.
        (body as Duplex | undefined)?.destroy(new Error(what));
      }, idle);
    };

    request.abortSignal = attempt.signal;
    // Every answer this tool reads is JSON; streaming all of them lets the limits hold while they arrive.
    request.streamResponseStatusCodes = everyStatus;
    if (!request.agent && !request.disableKeepAlive && request.url.startsWith("https:")) request.agent = this.agentFor(request.tlsSettings);
    watch(`no answer within ${seconds(idle)} (${limitSettingNames.idleTimeoutMs})`);
    try {
      const response = await this.inner.sendRequest(request);
      body = response.readableStreamBody;
      if (!body) return setBody(response, Buffer.from(response.bodyAsText ?? "", "utf8"));
      const chunks: Buffer[] = [];
      let size = 0;
      const stalled = `the answer stalled: no data for ${seconds(idle)} (${limitSettingNames.idleTimeoutMs})`;
      watch(stalled);
      for await (const chunk of body) {
        watch(stalled);
        const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += piece.length;
        if (size > this.limits.maxResponseBytes) {
          attempt.abort();
          (body as Duplex).destroy();
          throw LimitReachedError.tooLarge(call, response.status, this.limits.maxResponseBytes);
        }
        chunks.push(piece);
      }
      // A stream destroyed by the timer may end instead of failing: a cut-off body is never an answer.
      if (silence) throw new RestError(silence, { code: "ETIMEDOUT", request });
      return setBody(response, Buffer.concat(chunks, size));
    } catch (error) {
      if (silence) throw new RestError(silence, { code: "ETIMEDOUT", request });
      throw error;
    } finally {
      clearTimeout(timer);
      caller.abortSignal?.removeEventListener("abort", forwardAbort);
      request.abortSignal = caller.abortSignal;
      request.streamResponseStatusCodes = caller.streamResponseStatusCodes;
      request.agent = caller.agent;
    }
  }

  /** Keep-alive agents like the SDK's own, one per TLS setting, whose new connections must come up in time. */
  private agentFor(tlsSettings: TlsSettings | undefined): https.Agent {
    const key = tlsSettings ?? noTlsSettings;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new ConnectTimeoutAgent({ keepAlive: true, ...tlsSettings }, this.limits.connectTimeoutMs);
      this.agents.set(key, agent);
    }
    return agent;
  }
}

const everyStatus = new Set([Number.POSITIVE_INFINITY]);
const noTlsSettings = {};

class ConnectTimeoutAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly connectTimeoutMs: number,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (!socket) return socket;
    const timer = setTimeout(() => {
      const error = Object.assign(
        new Error(
          `no connection to ${options.host ?? options.hostname}:${options.port} within ${seconds(this.connectTimeoutMs)} (${limitSettingNames.connectTimeoutMs})`,
        ),
        { code: "ETIMEDOUT" },
      );
      socket.destroy(error);
    }, this.connectTimeoutMs);
    const settled = () => clearTimeout(timer);
    socket.once("secureConnect", settled);
    socket.once("close", settled);
    return socket;
  }
}
