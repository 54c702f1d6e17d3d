import type { Mapping } from "../mapping/mapping.js";
import type { Finding } from "../model/findings.js";
import type { CheckDefinition, CheckInput, CheckOutcome } from "./check.js";

/** Stable across runs and quarters: ARM ids are case-insensitive and Azure is not consistent about case. */
export function findingId(checkId: string, resourceId: string): string {
  return `${checkId}:${resourceId.toLowerCase()}`;
}

/** Which citations each check supports, read from the mapping (checks never name HIPAA themselves). */
export function citationsByCheck(mapping: Mapping): Map<string, string[]> {
  const byCheck = new Map<string, string[]>();
  for (const row of mapping.requirements) {
    for (const checkId of row.checks) byCheck.set(checkId, [...(byCheck.get(checkId) ?? []), row.citation]);
  }
  return byCheck;
}

/**
 * Runs every check and turns outcomes into findings. A check that throws is a bug, but it must not
 * cost the run: it becomes one `error` finding that says so.
 */
export function runChecks(checks: readonly CheckDefinition[], input: CheckInput, mapping: Mapping): Finding[] {
  const citations = citationsByCheck(mapping);
  const findings: Finding[] = [];
  const seen = new Map<string, Finding>();
  for (const check of checks) {
    let outcomes: CheckOutcome[];
    try {
      outcomes = check.evaluate(input);
    } catch (error) {
      outcomes = [
        {
          status: "error",
          resourceId: `/tenants/${input.tenantId}`,
          resourceName: input.tenantId,
          message: `Check ${check.id} failed while evaluating the evidence: ${(error as Error).message}.`,
          evidence: [],
          error: { call: `(check ${check.id})`, status: 0, message: (error as Error).message, reason: "invalid-response" },
        },
      ];
    }
    for (const outcome of outcomes) {
      let id = findingId(check.id, outcome.resourceId);
      const earlier = seen.get(id);
      // Assignments inherited from a management group appear in every subscription's list; report them once.
      if (earlier && earlier.status === outcome.status && earlier.message === outcome.message) continue;
      // Two different statements about one resource are both kept (a check bug the check tables catch).
      for (let n = 2; seen.has(id); n += 1) id = `${findingId(check.id, outcome.resourceId)}~${n}`;
      const finding: Finding = {
        id,
        checkId: check.id,
        status: outcome.status,
        severity: check.severity,
        resourceId: outcome.resourceId,
        resourceName: outcome.resourceName,
        message: outcome.message,
        hipaa: citations.get(check.id) ?? [],
        evidence: outcome.evidence,
        ...(outcome.status === "error" ? { error: outcome.error } : {}),
      };
      seen.set(id, finding);
      findings.push(finding);
    }
  }
  return findings;
}
