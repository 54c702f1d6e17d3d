import type { CallError } from "../model/call-error.js";
import { parseJsonBody } from "./body.js";
import { BoundaryError } from "./boundary-errors.js";
import type { Exchange } from "./exchange.js";
import { defaultCollectionLimits } from "./limits.js";
import { notRecordedCode } from "./replay.js";

/** Thrown by a collector that stopped on purpose (a bound was reached): the data is incomplete, not wrong. */
export class IncompleteDataError extends Error {
  override readonly name = "IncompleteDataError";
}

/** Graph error codes that mean "this tenant lacks the licence", not "this identity lacks permission". */
const licenceCodes = new Set([
  "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
  "Authentication_RequestFromUnsupportedUserRole",
  "AadPremiumLicenseRequired",
]);

function serviceError(exchange: Exchange | undefined): { code?: string; message?: string } {
  const body = exchange?.response?.body;
  if (!body || body.length === 0) return {};
  const parsed = parseJsonBody(body, defaultCollectionLimits.maxJsonDepth);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object") return {};
  const { code, message } = (parsed.value as { error?: { code?: unknown; message?: unknown } }).error ?? {};
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
  };
}

/** ARM names the denied action in its message: "...does not have authorization to perform action 'X' over scope...". */
function deniedAction(message: string | undefined): string | undefined {
  return message ? /perform action '([^']+)'/.exec(message)?.[1] : undefined;
}

/**
 * Turns whatever a call threw, plus the exchanges it made, into the CallError a finding and the
 * collection-gaps section show. `permission` is what the dataset declares the call needs.
 */
export function describeFailure(error: unknown, exchanges: readonly Exchange[], permission: string): CallError {
  // A bound the tool enforced names its own call: often one that was never sent.
  if (error instanceof BoundaryError) return error.toCallError();
  const last = exchanges[exchanges.length - 1];
  const call = last ? `${last.request.method} ${last.request.url}` : "(no request was sent)";
  const thrown = error as { code?: unknown; statusCode?: unknown; message?: unknown; name?: unknown };
  const thrownCode = typeof thrown?.code === "string" ? thrown.code : undefined;
  // A rejection with no value at all says nothing: the finding says so rather than "undefined".
  const thrownMessage =
    typeof thrown?.message === "string" ? thrown.message : error === undefined || error === null ? "the call failed without saying why" : String(error);
  // What the ledger saw decides: Graph wraps a network failure as status -1 with code "RestError".
  const status = last?.response?.status ?? (last?.failure ? 0 : typeof thrown?.statusCode === "number" && thrown.statusCode > 0 ? thrown.statusCode : 0);
  const fromService = serviceError(last);
  const code = fromService.code ?? last?.failure?.code ?? thrownCode;
  const message = fromService.message ?? last?.failure?.message ?? thrownMessage;
  const base = { call, status, ...(code ? { code } : {}), message };

  if (error instanceof IncompleteDataError) return { ...base, message: error.message, reason: "incomplete-data" };
  if (thrownCode === notRecordedCode || last?.failure?.code === notRecordedCode) {
    return { ...base, reason: "not-recorded" };
  }
  if (status === 401 || status === 403) {
    if (code && licenceCodes.has(code)) return { ...base, reason: "licence" };
    return { ...base, reason: "permission", missingPermission: deniedAction(message) ?? permission };
  }
  if (status === 429) {
    const attempts = exchanges.filter((exchange) => exchange.request.url === last?.request.url).length;
    return { ...base, message: `throttled after ${attempts} attempt(s): ${message}`, reason: "throttled" };
  }
  if (status === 0) return { ...base, reason: "network" };
  if (status >= 200 && status < 300) {
    // The call succeeded but the SDK could not read the answer: the payload is not what the API documents.
    return { ...base, message: `response could not be read: ${thrownMessage}`, reason: "invalid-response" };
  }
  // Any other answer (a 5xx above all) is the service's own failure.
  return { ...base, reason: "service" };
}
