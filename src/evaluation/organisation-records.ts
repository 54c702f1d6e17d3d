import type { RequirementRow } from "../mapping/mapping.js";
import type { RowAttestation } from "../mapping/requirement-status.js";
import type { AttestationsView, ExceptionRow } from "../model/assessment.js";
import { broadExceptionThreshold, type AcceptedRisk, type RecordedAttestation } from "../model/attestations.js";
import type { Finding, RequirementResult } from "../model/findings.js";

/**
 * What people recorded, weighed on the collection day: whether each row's attestation is valid or
 * expired, which failing findings an exception accepts as a risk, and the lists the reports show
 * (attestations with their state, the request list, the exceptions with what became of each).
 * Days are compared as YYYY-MM-DD in UTC: an attestation counts from its date to its expiresOn, both
 * included; an exception up to its expiresOn.
 */

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

const valid = (attestation: RecordedAttestation, day: string) => attestation.date <= day && day <= attestation.expiresOn;

/** Each row's attestation: the latest valid one covering it, or else the latest expired one. */
export function rowAttestations(attestations: readonly RecordedAttestation[], day: string): (row: RequirementRow) => RowAttestation {
  return (row) => {
    if (!row.attestation) return { state: "not needed", recorded: undefined };
    const covering = attestations.filter((attestation) => attestation.requirements.includes(row.citation)).sort((a, b) => b.date.localeCompare(a.date));
    const current = covering.find((attestation) => valid(attestation, day));
    if (current) return { state: "valid", recorded: current };
    const expired = covering.find((attestation) => attestation.expiresOn < day);
    return expired ? { state: "expired", recorded: expired } : { state: "missing", recorded: undefined };
  };
}

/** A case-insensitive glob on a resource id: `*` any run of characters, `?` one character. */
export function globMatches(pattern: string, resourceId: string): boolean {
  const expression = pattern
    .split("")
    .map((character) => (character === "*" ? ".*" : character === "?" ? "." : character.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${expression}$`, "i").test(resourceId);
}

/**
 * Applies each exception to the failing findings of its check whose resource it matches. An expired
 * exception, or a pattern over more than the threshold without `broad: true`, applies to nothing and
 * is flagged; one that matches no failing finding is reported. Accepted findings keep their status.
 */
export function acceptRisks(
  findings: readonly Finding[],
  exceptions: readonly AcceptedRisk[],
  day: string,
): { findings: Finding[]; exceptions: ExceptionRow[] } {
  const accepted = new Map<string, Finding["acceptedRisk"]>();
  const rows = exceptions.map((exception): ExceptionRow => {
    const matched = findings.filter(
      (finding) => finding.checkId === exception.check && finding.status === "fail" && globMatches(exception.resource, finding.resourceId),
    );
    const base = {
      id: exception.id,
      check: exception.check,
      resource: exception.resource,
      rationale: exception.rationale,
      compensatingControl: exception.compensatingControl,
      owner: `${exception.owner.name}, ${exception.owner.role}`,
      approver: `${exception.approver.name}, ${exception.approver.role}`,
      expiresOn: exception.expiresOn,
      matched: matched.length,
    };
    if (exception.expiresOn < day) return { ...base, state: "expired" };
    if (matched.length === 0) return { ...base, state: "matches nothing" };
    if (matched.length > broadExceptionThreshold && !exception.broad) return { ...base, state: "too broad" };
    for (const finding of matched)
      if (!accepted.has(finding.id)) accepted.set(finding.id, { exception: exception.id, approver: base.approver, expiresOn: exception.expiresOn });
    return { ...base, state: "applied" };
  });
  return {
    findings: findings.map((finding) => (accepted.has(finding.id) ? { ...finding, acceptedRisk: accepted.get(finding.id) } : finding)),
    exceptions: rows,
  };
}

/** The attestations with their state on the collection day, and the rows still waiting for one. */
export function attestationsView(attestations: readonly RecordedAttestation[], requirements: readonly RequirementResult[], day: string): AttestationsView {
  return {
    recorded: attestations.map((attestation) => ({
      ...attestation,
      state: valid(attestation, day) ? "valid" : attestation.expiresOn < day ? "expired" : "not yet valid",
    })),
    requests: requirements
      // Rows that fail or could not be evaluated are acted on through their findings first.
      .filter((requirement) => requirement.status === "attestation_required")
      .map((requirement) => ({
        requirement: requirement.id,
        title: requirement.title,
        state: requirement.attestationState === "expired" ? ("expired" as const) : ("missing" as const),
        ...(requirement.attestationState === "expired" && requirement.attestation ? { expiredOn: requirement.attestation.expiresOn } : {}),
        template: `templates/${requirement.attestations[0] ?? "attestation"}.yaml`,
      })),
  };
}
