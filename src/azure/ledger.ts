import { AsyncLocalStorage } from "node:async_hooks";
import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import type { Clock } from "../clock.js";
import { bodyOf } from "./body.js";
import type { BoundaryError } from "./boundary-errors.js";
import { sanitizeHeaders, type Exchange } from "./exchange.js";

/**
 * The ledger of every call: each HTTP attempt (retries included) that any SDK client or the Graph
 * client made, in order. It becomes raw/calls.har, the report's collection-gaps section reads it,
 * and collectors read the raw response bodies out of it so that evidence is stored exactly as the
 * service sent it, whatever the SDK's models rename or drop.
 */
export class Ledger {
  readonly exchanges: Exchange[] = [];

  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }
}

interface CallScope {
  collector: string;
  exchanges: Exchange[];
  /** The first bound this call crossed. SDKs wrap what the transport throws (Graph's GraphError), so it is kept here too. */
  stoppedBy?: BoundaryError | undefined;
}

const callScope = new AsyncLocalStorage<CallScope>();

/** The exchanges of the logical call in progress so far, or undefined outside any. */
export function exchangesOfCurrentCall(): readonly Exchange[] | undefined {
  return callScope.getStore()?.exchanges;
}

/** Marks the logical call in progress as stopped at a bound: whatever the SDK makes of the error, the call is that error. */
export function stopCurrentCall(error: BoundaryError): void {
  const scope = callScope.getStore();
  if (scope && !scope.stoppedBy) scope.stoppedBy = error;
}

/**
 * Runs `work` and returns, beside its outcome, the exchanges it caused. Async context follows the
 * SDKs' promise chains (checked for HLC and modular ARM clients and the Graph client), so concurrent
 * work in other scopes does not leak in.
 */
export async function withExchangeCapture<T>(
  collector: string,
  work: () => Promise<T>,
): Promise<{ outcome: { ok: true; value: T } | { ok: false; error: unknown }; exchanges: Exchange[]; stoppedBy: BoundaryError | undefined }> {
  const scope: CallScope = { collector, exchanges: [] };
  const outcome = await callScope.run(scope, async () => {
    try {
      return { ok: true as const, value: await work() };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  return { outcome, exchanges: scope.exchanges, stoppedBy: scope.stoppedBy };
}

/**
 * The one HttpClient every ARM, Log Analytics and Graph request goes through: it forwards to the
 * live transport or the replay, and writes what happened to the ledger.
 */
export class RecordingHttpClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
  ) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const startedAt = this.clock.now();
    const started = this.clock.monotonicMs();
    const scope = callScope.getStore();
    const exchange: Exchange = {
      startedAt,
      durationMs: 0,
      collector: scope?.collector,
      request: {
        method: request.method,
        url: request.url,
        headers: sanitizeHeaders(request.headers),
        body: typeof request.body === "string" ? request.body : undefined,
      },
    };
    try {
      const response = await this.inner.sendRequest(request);
      exchange.response = {
        status: response.status,
        headers: sanitizeHeaders(response.headers),
        body: bodyOf(response),
      };
      return response;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      exchange.failure = { code, message: message ?? String(error) };
      throw error;
    } finally {
      exchange.durationMs = Math.round(this.clock.monotonicMs() - started);
      this.ledger.record(exchange);
      scope?.exchanges.push(exchange);
    }
  }
}
