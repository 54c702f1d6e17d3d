/**
 * The bounds every collection keeps, whatever the services answer: how many pages one list may
 * have, how large and how deeply nested one answer may be, how long the tool waits when asked to,
 * and how long a silent connection may stay silent. The defaults are far beyond anything Azure or
 * Graph sends in normal operation; `limits` in the configuration file changes them (in seconds and
 * bytes), and tests inject small values.
 */
export interface CollectionLimits {
  /** Successful responses one logical call (one dataset) may receive before it stops as `limit-reached`. */
  maxPagesPerList: number;
  /** Bytes of one response body (after decompression) before it stops being read. */
  maxResponseBytes: number;
  /** Nesting of arrays and objects in one JSON body before it counts as unreadable. */
  maxJsonDepth: number;
  /** The longest Retry-After honoured; a longer one ends the call as `throttled`. */
  maxRetryAfterMs: number;
  /** Live only: a new connection (TCP and TLS) must be up within this time. */
  connectTimeoutMs: number;
  /** Live only: the longest silence while waiting for an answer's headers or between two pieces of its body. */
  idleTimeoutMs: number;
}

export const defaultCollectionLimits: CollectionLimits = {
  maxPagesPerList: 5000,
  // Log Analytics answers up to 64 MB; ARM and Graph pages are far smaller.
  maxResponseBytes: 128 * 1024 * 1024,
  // Azure and Graph payloads nest about ten levels; JSON.stringify fails somewhere past a few thousand.
  maxJsonDepth: 512,
  maxRetryAfterMs: 300_000,
  connectTimeoutMs: 30_000,
  // Longer than ARM's and Graph's own gateway timeouts; a Log Analytics query may think for minutes.
  idleTimeoutMs: 120_000,
};

/** The configuration file's names for each limit, quoted in errors so the reader knows what to raise. */
export const limitSettingNames: Record<keyof CollectionLimits, string> = {
  maxPagesPerList: "limits.pagesPerList",
  maxResponseBytes: "limits.responseBytes",
  maxJsonDepth: "limits.jsonDepth",
  maxRetryAfterMs: "limits.retryAfterSeconds",
  connectTimeoutMs: "limits.connectTimeoutSeconds",
  idleTimeoutMs: "limits.idleTimeoutSeconds",
};

export function resolveLimits(...overrides: (Partial<CollectionLimits> | undefined)[]): CollectionLimits {
  const limits = { ...defaultCollectionLimits };
  for (const override of overrides) {
    for (const [name, value] of Object.entries(override ?? {}) as [keyof CollectionLimits, number | undefined][]) {
      if (value !== undefined) limits[name] = value;
    }
  }
  return limits;
}

/** "300 s", "0.2 s": durations as the errors and the configuration state them. */
export function seconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(3))} s`;
}
