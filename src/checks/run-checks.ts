import type { EvidenceSet } from "../model/evidence.js";
import type { UncitedFinding } from "../model/findings.js";
import { readsOf, type CheckDefinition, type CheckInput } from "./check.js";
import { remediationFor } from "./remediation.js";

/** Stable across runs and quarters: ARM ids are case-insensitive and Azure is not consistent about case. */
export function findingId(checkId: string, resourceId: string): string {
  return `${checkId}:${resourceId.toLowerCase()}`;
}

/**
 * Runs every check and turns outcomes into findings, which the mapping then cites. Each check sees
 * only the datasets it declares. A check that throws is a bug, but it must not cost the run: it
 * becomes one `error` finding that says so.
 */
export function runChecks(checks: readonly CheckDefinition[], input: Omit<CheckInput, "evidence"> & { evidence: EvidenceSet }): UncitedFinding[] {
  const findings: UncitedFinding[] = [];
  const seen = new Map<string, UncitedFinding>();
  for (const check of checks) {
    const outcomes = outcomesOf(check, { ...input, evidence: input.evidence.restrictedTo(readsOf(check), `check ${check.id}`) });
    for (const outcome of outcomes) {
      let id = findingId(check.id, outcome.resourceId);
      const earlier = seen.get(id);
      // Assignments inherited from a management group appear in every subscription's list; report them once.
      if (earlier && earlier.status === outcome.status && earlier.message === outcome.message) continue;
      // Two different statements about one resource are both kept (a check bug the check tables catch).
      for (let n = 2; seen.has(id); n += 1) id = `${findingId(check.id, outcome.resourceId)}~${n}`;
      const finding: UncitedFinding = {
        id,
        checkId: check.id,
        status: outcome.status,
        severity: check.severity,
        resourceId: outcome.resourceId,
        resourceName: outcome.resourceName,
        message: outcome.message,
        evidence: outcome.evidence,
        ...(outcome.status === "error" ? { error: outcome.error } : {}),
        // How to fix it goes with every finding that needs fixing or could not be judged.
        ...(outcome.status === "fail" || outcome.status === "error" ? { remediation: remediationFor(check.remediation, outcome) } : {}),
      };
      seen.set(id, finding);
      findings.push(finding);
    }
  }
  return findings;
}

function outcomesOf(check: CheckDefinition, input: CheckInput) {
  try {
    return check.evaluate(input);
  } catch (error) {
    return [
      {
        status: "error" as const,
        resourceId: `/tenants/${input.tenantId}`,
        resourceName: input.tenantId,
        message: `Check ${check.id} failed while evaluating the evidence: ${(error as Error).message}.`,
        evidence: [],
        error: { call: `(check ${check.id})`, status: 0, message: (error as Error).message, reason: "invalid-response" as const },
      },
    ];
  }
}
