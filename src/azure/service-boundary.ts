import type { HttpClient, HttpHeaders, Pipeline, PipelinePolicy, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { bodyOf, isUtf8Body, nestsDeeperThan } from "./body.js";
import { BoundaryError, ForeignLinkError, LimitReachedError, PagingLoopError, RetryAfterTooLongError, UnreadableBodyError } from "./boundary-errors.js";
import { limitSettingNames, seconds, type CollectionLimits } from "./limits.js";
import { exchangesOfCurrentCall, stopCurrentCall } from "./ledger.js";
import { replayKey } from "./replay.js";

/**
 * The HttpClient one service's SDK client sends through: it sits after the SDK has attached the
 * bearer token and before anything leaves the process (or reaches the replay), so it is where the
 * token is kept to its own endpoint and where every answer is checked before an SDK reads it.
 *
 * - A request to any scheme, host or port but the endpoint's is never sent: a nextLink or redirect
 *   elsewhere ends the call as `foreign-link`, and no token goes there.
 * - A GET for a page this logical call already received ends it as `paging-loop`; more pages than
 *   the limit end it as `limit-reached`. (The SDKs retry a 429 or 5xx with the same URL; only a URL
 *   that already got a 2xx is a loop.)
 * - A Retry-After beyond the limit ends the call as `throttled` before any SDK starts waiting.
 * - A body over the byte limit, not UTF-8, or nested beyond the depth limit ends it as
 *   `limit-reached` or `unreadable-body`: no SDK parses it. The ledger below has recorded it already.
 */
export class ServiceBoundary implements HttpClient {
  private readonly origin: string;

  constructor(
    private readonly inner: HttpClient,
    endpoint: string,
    private readonly limits: CollectionLimits,
  ) {
    this.origin = new URL(endpoint).origin;
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const call = `${request.method} ${request.url}`;
    if (originOf(request.url) !== this.origin) {
      throw stop(ForeignLinkError.notSent(request.method, request.url, this.origin));
    }
    this.checkPaging(request, call);
    let response: PipelineResponse;
    try {
      response = await this.inner.sendRequest(request);
    } catch (error) {
      // The live transport's byte limit: the SDK may wrap it, the call is still that.
      if (error instanceof BoundaryError) stop(error);
      throw error;
    }
    this.checkAnswer(request, response, call);
    return response;
  }

  private checkPaging(request: PipelineRequest, call: string): void {
    const earlier = exchangesOfCurrentCall();
    if (!earlier) return;
    const received = earlier.filter((exchange) => exchange.response && exchange.response.status >= 200 && exchange.response.status < 300);
    if (request.method === "GET") {
      const page = replayKey(request.method, request.url);
      if (received.some((exchange) => replayKey(exchange.request.method, exchange.request.url) === page)) {
        throw stop(new PagingLoopError(call, 0, "not sent again: this list already received that page, so its paging goes round in a circle"));
      }
    }
    if (received.length >= this.limits.maxPagesPerList) {
      throw stop(
        new LimitReachedError(call, 0, `not sent: the list already has ${received.length} page(s), the most ${limitSettingNames.maxPagesPerList} allows`),
      );
    }
  }

  private checkAnswer(request: PipelineRequest, response: PipelineResponse, call: string): void {
    const { status } = response;
    const location = response.headers.get("location");
    if (status >= 300 && status < 400 && location) {
      const target = resolved(location, request.url);
      if (!target || target.origin !== this.origin) {
        throw stop(
          new ForeignLinkError(
            call,
            status,
            `answered ${status} with a redirect to ${location}, outside ${this.origin}: not followed, and no token went there`,
          ),
        );
      }
    }
    if (status === 429 || status === 503 || status === 504) {
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined && wait > this.limits.maxRetryAfterMs) {
        throw stop(
          new RetryAfterTooLongError(
            call,
            status,
            `the service asked to wait ${seconds(wait)} before a retry, longer than the ${seconds(this.limits.maxRetryAfterMs)} ${limitSettingNames.maxRetryAfterMs} allows`,
          ),
        );
      }
    }
    const body = bodyOf(response);
    if (body.length > this.limits.maxResponseBytes) {
      throw stop(LimitReachedError.tooLarge(call, status, this.limits.maxResponseBytes));
    }
    if (!isUtf8Body(body)) {
      throw stop(
        new UnreadableBodyError(call, status, "the answer is not valid UTF-8; its exact bytes are kept base64-encoded in raw/calls.har, and it was not read"),
      );
    }
    if (nestsDeeperThan(body, this.limits.maxJsonDepth)) {
      throw stop(
        new UnreadableBodyError(
          call,
          status,
          `the answer nests JSON deeper than ${this.limits.maxJsonDepth} levels (${limitSettingNames.maxJsonDepth}); it is kept in raw/calls.har and was not parsed`,
        ),
      );
    }
  }
}

/**
 * Puts the same endpoint check first in an Azure SDK client's pipeline, before any policy signs the
 * request: the bearer policy refuses an http: URL itself, with words that do not name the link.
 */
export function keepToEndpoint<Client extends { pipeline: Pipeline }>(client: Client, endpoint: string): Client {
  const origin = new URL(endpoint).origin;
  const policy: PipelinePolicy = {
    name: "hipaaEvidenceEndpoint",
    sendRequest(request, next) {
      if (originOf(request.url) !== origin) throw stop(ForeignLinkError.notSent(request.method, request.url, origin));
      return next(request);
    },
  };
  client.pipeline.addPolicy(policy, { phase: "Serialize" });
  return client;
}

function stop<E extends BoundaryError>(error: E): E {
  stopCurrentCall(error);
  return error;
}

function originOf(url: string): string | undefined {
  return resolved(url, undefined)?.origin;
}

function resolved(url: string, base: string | undefined): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * The longest wait any of the SDKs would take from this answer: core-rest-pipeline reads
 * retry-after-ms, x-ms-retry-after-ms and Retry-After (seconds or an HTTP date), Graph's
 * RetryHandler Retry-After only. Unreadable values are ignored, as the SDKs ignore them.
 */
export function retryAfterMs(headers: HttpHeaders): number | undefined {
  const waits: number[] = [];
  for (const [name, factor] of [
    ["retry-after-ms", 1],
    ["x-ms-retry-after-ms", 1],
    ["retry-after", 1000],
  ] as const) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    const number = Number(value);
    if (Number.isFinite(number)) waits.push(Math.max(0, number * factor));
    else if (name === "retry-after" && Number.isFinite(Date.parse(value))) waits.push(Math.max(0, Date.parse(value) - Date.now()));
  }
  return waits.length > 0 ? Math.max(...waits) : undefined;
}
