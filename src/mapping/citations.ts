import type { Finding, PlacedFinding } from "../model/findings.js";
import type { Mapping } from "./mapping.js";

/** Which citations each check supports, read from the mapping (checks never name HIPAA themselves). */
export function citationsByCheck(mapping: Mapping): Map<string, string[]> {
  const byCheck = new Map<string, string[]>();
  for (const row of mapping.requirements) {
    // A finding supports every row its check decides or informs.
    for (const checkId of [...row.checks.primary, ...row.checks.supporting]) byCheck.set(checkId, [...(byCheck.get(checkId) ?? []), row.citation]);
  }
  return byCheck;
}

/** Each finding with the citations its check supports, in the field order findings.json keeps. */
export function citeFindings(findings: readonly PlacedFinding[], mapping: Mapping): Finding[] {
  const citations = citationsByCheck(mapping);
  return findings.map(({ id, checkId, status, severity, resourceId, resourceName, ephiScope, message, evidence, error, remediation }) => ({
    id,
    checkId,
    status,
    severity,
    resourceId,
    resourceName,
    ephiScope,
    message,
    hipaa: citations.get(checkId) ?? [],
    evidence,
    ...(error ? { error } : {}),
    ...(remediation ? { remediation } : {}),
  }));
}
