/**
 * One HTTP request and what came back (or why nothing did), as the ledger records it. Secrets never
 * enter an Exchange: `sanitizeHeaders` runs before one is built.
 */
export interface Exchange {
  startedAt: Date;
  durationMs: number;
  /** The collector whose work made the call, when known. */
  collector: string | undefined;
  request: { method: string; url: string; headers: Record<string, string>; body?: string | undefined };
  /** `body` holds the bytes exactly as they arrived (decompressed), UTF-8 or not. */
  response?: { status: number; headers: Record<string, string>; body: Buffer } | undefined;
  /** Set when no response arrived (network failure, no recording). */
  failure?: { code?: string | undefined; message: string } | undefined;
}

const secretHeaders = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-ms-token-aad-id-token"]);
const tokenPattern = /^(bearer|pop)\s+|^eyJ[\w-]+\.eyJ[\w-]+\./i;

/** Drops credentials and anything that looks like a token; lower-cases names for stable output. */
export function sanitizeHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [rawName, value] of headers) {
    const name = rawName.toLowerCase();
    if (secretHeaders.has(name) || tokenPattern.test(value)) continue;
    clean[name] = value;
  }
  return clean;
}

/** Headers worth keeping in the ledger summary: request ids and every throttling signal ARM and Graph send. */
export function throttlingHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (
      name === "retry-after" ||
      name === "retry-after-ms" ||
      name === "x-ms-retry-after-ms" ||
      name.startsWith("x-ms-ratelimit-") ||
      name.startsWith("x-ms-throttle-") ||
      name === "x-ms-resource-unit" ||
      name.startsWith("x-ms-user-quota-")
    ) {
      kept[name] = value;
    }
  }
  return kept;
}

export function requestIdOf(exchange: Exchange): string | undefined {
  const headers = exchange.response?.headers ?? {};
  return headers["x-ms-request-id"] ?? headers["request-id"] ?? headers["client-request-id"];
}
