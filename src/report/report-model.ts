import type { Mapping } from "../mapping/mapping.js";
import type { Assessment, RunFacts } from "../model/assessment.js";

/** Everything a report shows: the facts of the run, the mapping's rows, and the assessment. */
export interface ReportInput {
  run: RunFacts;
  mapping: Mapping;
  assessment: Assessment;
}
