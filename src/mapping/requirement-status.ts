import type { Coverage } from "../model/assessment.js";
import type { Finding, RequirementResult, RequirementStatus } from "../model/findings.js";
import type { EvidenceMode, Mapping, RequirementRow } from "./mapping.js";

/**
 * A requirement's status is one function of three things, and nothing else:
 * - what its checks can decide (the row's evidence: auto, partial or attest);
 * - what its primary checks found (supporting checks never decide: their failures are concerns);
 * - the state of its attestation.
 * docs/requirement-status.md is generated from `statusTable` below, so the documentation is the code.
 */
export const primaryOutcomes = ["any fail", "any error", "all pass", "none"] as const;
export type PrimaryOutcome = (typeof primaryOutcomes)[number];

export const attestationStates = ["valid", "expired", "missing", "not needed"] as const;
export type AttestationState = (typeof attestationStates)[number];

/** The outcome of a row's primary checks: a fail outweighs an error, which outweighs passes. */
export function primaryOutcome(primaryChecks: readonly string[], findings: readonly Finding[]): PrimaryOutcome {
  const own = findings.filter((finding) => primaryChecks.includes(finding.checkId));
  if (own.some((finding) => finding.status === "fail")) return "any fail";
  if (own.some((finding) => finding.status === "error")) return "any error";
  if (own.some((finding) => finding.status === "pass")) return "all pass";
  // Nothing in scope for the checks to examine (only not-applicable findings), or no primary check.
  return "none";
}

/**
 * The status table. A failed primary check makes a row not satisfied whatever is attested; a primary
 * check that could not be evaluated leaves it incomplete; an auto row is evidenced by its checks
 * alone; a partial row only with its checks passing and a valid attestation; an attest row by its
 * attestation alone. An expired attestation counts as none.
 */
export function requirementStatus(kind: EvidenceMode, outcome: PrimaryOutcome, attestation: AttestationState): RequirementStatus {
  const attested = attestation === "valid";
  if (kind === "attest") return attested ? "attested" : "attestation_required";
  if (outcome === "any fail") return "not_satisfied";
  if (outcome === "any error") return "incomplete";
  if (outcome === "all pass") return kind === "auto" || attested ? "satisfied" : "attestation_required";
  // No verdict from the checks: only an attestation can close the row.
  return attested ? "attested" : "attestation_required";
}

/** Every combination, for the table test and the generated documentation. */
export function statusTable(): { kind: EvidenceMode; outcome: PrimaryOutcome; attestation: AttestationState; status: RequirementStatus }[] {
  const kinds: EvidenceMode[] = ["auto", "partial", "attest"];
  return kinds.flatMap((kind) =>
    primaryOutcomes.flatMap((outcome) =>
      attestationStates
        // An auto row takes no attestation; partial and attest rows always need one; attest rows have no primary check.
        .filter((attestation) => (kind === "auto" ? attestation === "not needed" : attestation !== "not needed"))
        .filter(() => kind !== "attest" || outcome === "none")
        .map((attestation) => ({ kind, outcome, attestation, status: requirementStatus(kind, outcome, attestation) })),
    ),
  );
}

/** Until attestations can be recorded, a row that needs one has none. */
function attestationStateOf(row: RequirementRow): AttestationState {
  return row.attestation ? "missing" : "not needed";
}

/** A finding decides a row unless its resource was declared out of the ePHI scope. */
export function decides(finding: Finding): boolean {
  return finding.ephiScope !== "out of scope";
}

/**
 * A row's concerns: failures of its supporting checks, and failures of its primary checks on
 * resources out of the ePHI scope. Shown beside the row; they never decide it.
 */
function concernsOf(row: RequirementRow, findings: readonly Finding[]): string[] {
  return findings
    .filter((finding) => finding.status === "fail" && (row.checks.supporting.includes(finding.checkId) || (row.checks.primary.includes(finding.checkId) && !decides(finding))))
    .map((finding) => finding.id);
}

export function evaluateRequirements(mapping: Mapping, findings: readonly Finding[]): RequirementResult[] {
  const deciding = findings.filter(decides);
  return mapping.requirements.map((row) => ({
    id: row.citation,
    title: row.title,
    safeguard: row.safeguard,
    designation: row.designation,
    evidence: row.evidence,
    status: requirementStatus(row.evidence, primaryOutcome(row.checks.primary, deciding), attestationStateOf(row)),
    checks: row.checks.primary,
    supportingChecks: row.checks.supporting,
    attestations: row.attestation ? [row.attestation.id] : [],
    concerns: concernsOf(row, findings),
  }));
}

/** One status per row, adding up to the number of rows; and how many rows automated checks reached a verdict on. */
export function coverageOf(requirements: readonly RequirementResult[], findings: readonly Finding[]): Coverage {
  const byStatus: Record<RequirementStatus, number> = {
    satisfied: 0,
    not_satisfied: 0,
    incomplete: 0,
    attestation_required: 0,
    attested: 0,
    not_applicable: 0,
  };
  let automated = 0;
  for (const requirement of requirements) {
    byStatus[requirement.status]++;
    const decided = findings.some((finding) => decides(finding) && requirement.checks.includes(finding.checkId) && (finding.status === "pass" || finding.status === "fail"));
    if (decided) automated++;
  }
  return {
    total: requirements.length,
    automated,
    attested: byStatus.attested,
    open: byStatus.attestation_required + byStatus.incomplete,
    byStatus,
  };
}
