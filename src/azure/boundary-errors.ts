import type { CallError, CallFailureReason } from "../model/call-error.js";
import { limitSettingNames } from "./limits.js";

/**
 * Errors the tool raises itself when an answer or a link crosses one of its bounds. None of them is
 * a RestError, so the SDKs' retry policies rethrow them at once instead of trying again: asking a
 * foreign host again, or reading the same oversized answer again, cannot turn out better.
 */
export abstract class BoundaryError extends Error {
  abstract readonly reason: CallFailureReason;

  /**
   * @param call the request that was refused or whose answer was, "GET https://..."
   * @param status the HTTP status that arrived, or 0 when the request was never sent
   */
  constructor(
    readonly call: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  toCallError(): CallError {
    return { call: this.call, status: this.status, message: this.message, reason: this.reason };
  }
}

/** A nextLink or redirect that leaves the endpoint the token is for: not followed, nothing sent there. */
export class ForeignLinkError extends BoundaryError {
  override readonly name = "ForeignLinkError";
  readonly reason = "foreign-link";

  /** A request to `url` refused before it was sent, because it is not on `origin`. */
  static notSent(method: string, url: string, origin: string): ForeignLinkError {
    return new ForeignLinkError(
      `${method} ${url}`,
      0,
      `not sent, because it leads outside ${origin}, the endpoint the token is for: no request and no token went there`,
    );
  }
}

/** A page that this list already received is asked for again: the service's paging goes round in a circle. */
export class PagingLoopError extends BoundaryError {
  override readonly name = "PagingLoopError";
  readonly reason = "paging-loop";
}

/** More pages or more bytes than the configured limit. */
export class LimitReachedError extends BoundaryError {
  override readonly name = "LimitReachedError";
  readonly reason = "limit-reached";

  /** The same words whether the live transport stopped reading or a recorded body was found too large. */
  static tooLarge(call: string, status: number, maxBytes: number): LimitReachedError {
    return new LimitReachedError(call, status, `the answer is larger than the ${maxBytes} bytes ${limitSettingNames.maxResponseBytes} allows; it was not read`);
  }
}

/** A body that is not UTF-8, or JSON nested beyond the parser limit: kept in raw/calls.har, never parsed. */
export class UnreadableBodyError extends BoundaryError {
  override readonly name = "UnreadableBodyError";
  readonly reason = "unreadable-body";
}

/** The service asked to wait longer than the run allows before a retry. */
export class RetryAfterTooLongError extends BoundaryError {
  override readonly name = "RetryAfterTooLongError";
  readonly reason = "throttled";
}
