import { inject } from "vitest";
import type { SharedSampleArchive } from "./build-sample-archive.js";

/** The sample archive the end-to-end project's global set-up built for this run (read-only). */
export function sharedSampleArchive(): SharedSampleArchive {
  return inject("sampleArchive");
}

/** The same sample scoped to one standard (summary and one report), built once per run (read-only). */
export function scopedSampleArchive(): SharedSampleArchive {
  return inject("scopedSampleArchive");
}
