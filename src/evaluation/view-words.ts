import type { DatasetRead } from "../model/evidence.js";

/** A summary cell for evidence that could not be read: what went wrong, briefly; the gaps section says more. */
export function notCollected(read: Extract<DatasetRead<unknown>, { ok: false }>): string {
  return `not collected (${read.error.status ? `HTTP ${read.error.status}` : read.error.reason})`;
}
