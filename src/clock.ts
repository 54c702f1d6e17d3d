/** Injectable time source, so that archives, reports and tests are deterministic. */
export interface Clock {
  now(): Date;
  /** A monotonic reading in milliseconds, for durations (the ledger's call times). */
  monotonicMs(): number;
}

export const systemClock: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`fixedClock: not a date: ${iso}`);
  return { now: () => new Date(at), monotonicMs: () => 0 };
}

/** 2026-11-24T09:30:00.000Z -> 20261124T093000Z, the form used in archive names. */
export function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}
