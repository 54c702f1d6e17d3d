import type { Coverage } from "../model/assessment.js";
import type { RecordedAttestation } from "../model/attestations.js";
import type { Finding, RequirementResult, RequirementStatus } from "../model/findings.js";
import type { EvidenceMode, Mapping, RequirementRow } from "./mapping.js";

/**
 * A requirement's status is one function of these things, and nothing else:
 * - what its checks can decide (the row's evidence: auto, partial or attest);
 * - what its primary checks found (supporting checks never decide: their failures are concerns);
 * - the state of its attestation;
 * - what that attestation records: an addressable specification's decision (164.306(d)(3)), or that
 *   the row does not apply (only where the rule allows it).
 * docs/requirement-status.md is generated from `statusTable` below, so the documentation is the code.
 */
export const primaryOutcomes = ["any fail", "any error", "all pass", "none"] as const;
export type PrimaryOutcome = (typeof primaryOutcomes)[number];

export const attestationStates = ["valid", "expired", "missing", "not needed"] as const;
export type AttestationState = (typeof attestationStates)[number];

export const recordedDecisions = ["none", "implemented", "alternative", "not_reasonable", "not applicable"] as const;
/** What a valid attestation records about the row: no decision, one of 164.306(d)(3)'s, or that it does not apply. */
export type RecordedDecision = (typeof recordedDecisions)[number];

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
 * The status table. Only a valid attestation counts: an expired one is as good as none, and what it
 * recorded no longer applies. A valid attestation that the row does not apply makes it not
 * applicable; one that records an alternative measure or that the specification is not reasonable
 * closes the row as a documented decision, whatever the checks found (their failures are shown
 * beside it). Otherwise: a failed primary check makes the row not satisfied whatever is attested; a
 * primary check that could not be evaluated leaves it incomplete; an auto row is evidenced by its
 * checks alone; a partial row only with its checks passing and a valid attestation; an attest row by
 * its attestation alone.
 */
export function requirementStatus(
  kind: EvidenceMode,
  outcome: PrimaryOutcome,
  attestation: AttestationState,
  decision: RecordedDecision = "none",
): RequirementStatus {
  const attested = attestation === "valid";
  if (attested && decision === "not applicable") return "not_applicable";
  if (attested && (decision === "alternative" || decision === "not_reasonable")) return "documented_decision";
  if (kind === "attest") return attested ? "attested" : "attestation_required";
  if (outcome === "any fail") return "not_satisfied";
  if (outcome === "any error") return "incomplete";
  if (outcome === "all pass") return kind === "auto" || attested ? "satisfied" : "attestation_required";
  // No verdict from the checks: only an attestation can close the row.
  return attested ? "attested" : "attestation_required";
}

/** Every combination, for the table test and the generated documentation. */
export function statusTable(): {
  kind: EvidenceMode;
  outcome: PrimaryOutcome;
  attestation: AttestationState;
  decision: RecordedDecision;
  status: RequirementStatus;
}[] {
  const kinds: EvidenceMode[] = ["auto", "partial", "attest"];
  return kinds.flatMap((kind) =>
    primaryOutcomes.flatMap((outcome) =>
      attestationStates
        // An auto row takes no attestation; partial and attest rows always need one; attest rows have no primary check.
        .filter((attestation) => (kind === "auto" ? attestation === "not needed" : attestation !== "not needed"))
        .filter(() => kind !== "attest" || outcome === "none")
        .flatMap((attestation) =>
          recordedDecisions
            // Only an attestation records a decision; an expired one is listed to show it no longer counts.
            .filter((decision) => decision === "none" || attestation === "valid" || attestation === "expired")
            .map((decision) => ({ kind, outcome, attestation, decision, status: requirementStatus(kind, outcome, attestation, decision) })),
        ),
    ),
  );
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
    .filter(
      (finding) =>
        finding.status === "fail" && (row.checks.supporting.includes(finding.checkId) || (row.checks.primary.includes(finding.checkId) && !decides(finding))),
    )
    .map((finding) => finding.id);
}

/** A row's attestation as the evaluation found it: its state, and the attestation that gives it (valid, or else the latest expired). */
export interface RowAttestation {
  state: AttestationState;
  recorded: RecordedAttestation | undefined;
}

function decisionOf(recorded: RecordedAttestation | undefined): RecordedDecision {
  if (!recorded) return "none";
  if (recorded.notApplicable) return "not applicable";
  return recorded.decision ?? "none";
}

export function evaluateRequirements(
  mapping: Mapping,
  findings: readonly Finding[],
  attestationOf: (row: RequirementRow) => RowAttestation = (row) => ({ state: row.attestation ? "missing" : "not needed", recorded: undefined }),
): RequirementResult[] {
  const deciding = findings.filter(decides);
  return mapping.requirements.map((row) => {
    const attestation = attestationOf(row);
    const recorded = attestation.recorded;
    return {
      id: row.citation,
      title: row.title,
      safeguard: row.safeguard,
      designation: row.designation,
      evidence: row.evidence,
      status: requirementStatus(row.evidence, primaryOutcome(row.checks.primary, deciding), attestation.state, decisionOf(recorded)),
      checks: row.checks.primary,
      supportingChecks: row.checks.supporting,
      attestations: row.attestation ? [row.attestation.id] : [],
      concerns: concernsOf(row, findings),
      attestationState: attestation.state,
      ...(recorded
        ? {
            attestation: {
              file: recorded.path,
              owner: `${recorded.owner.name}, ${recorded.owner.role}`,
              date: recorded.date,
              expiresOn: recorded.expiresOn,
              ...(recorded.decision ? { decision: recorded.decision } : {}),
              ...(recorded.rationale ? { rationale: recorded.rationale } : {}),
              ...(recorded.notApplicable ? { notApplicableReason: recorded.notApplicable.reason } : {}),
            },
          }
        : {}),
    };
  });
}

/** One status per row, adding up to the number of rows; and how many rows automated checks reached a verdict on. */
export function coverageOf(requirements: readonly RequirementResult[], findings: readonly Finding[]): Coverage {
  const byStatus: Record<RequirementStatus, number> = {
    satisfied: 0,
    not_satisfied: 0,
    incomplete: 0,
    attestation_required: 0,
    attested: 0,
    documented_decision: 0,
    not_applicable: 0,
  };
  let automated = 0;
  for (const requirement of requirements) {
    byStatus[requirement.status]++;
    const decided = findings.some(
      (finding) => decides(finding) && requirement.checks.includes(finding.checkId) && (finding.status === "pass" || finding.status === "fail"),
    );
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
