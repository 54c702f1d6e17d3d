import type { Coverage } from "../model/assessment.js";
import type { Finding, RequirementResult, RequirementStatus } from "../model/findings.js";
import type { Mapping, RequirementRow } from "./mapping.js";

/**
 * A requirement's status from the findings of its checks:
 * - no checks mapped: attestation_required;
 * - any fail: not_satisfied;
 * - an error and no fail: incomplete (never a verdict without evidence);
 * - nothing evaluated (every finding not_applicable, or none): attestation_required, since no
 *   automated evidence exists for it;
 * - all pass on a row that also asks for an attestation (every "partial" row, and "auto" rows whose
 *   checks do not yet cover every system): attestation_required, because the checks show only
 *   part of what the requirement asks and claiming more would overstate the evidence;
 * - all pass otherwise: satisfied.
 */
export function requirementStatus(row: RequirementRow, findings: readonly Finding[]): RequirementStatus {
  if (row.checks.length === 0) return "attestation_required";
  const relevant = findings.filter((finding) => row.checks.includes(finding.checkId));
  if (relevant.some((finding) => finding.status === "fail")) return "not_satisfied";
  if (relevant.some((finding) => finding.status === "error")) return "incomplete";
  if (!relevant.some((finding) => finding.status === "pass")) return "attestation_required";
  if (row.attestation) return "attestation_required";
  return "satisfied";
}

export function evaluateRequirements(mapping: Mapping, findings: readonly Finding[]): RequirementResult[] {
  return mapping.requirements.map((row) => ({
    id: row.citation,
    title: row.title,
    safeguard: row.safeguard,
    designation: row.designation,
    status: requirementStatus(row, findings),
    checks: row.checks,
    attestations: row.attestation ? [row.attestation.id] : [],
  }));
}

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
    const evaluated = findings.some(
      (finding) => requirement.checks.includes(finding.checkId) && (finding.status === "pass" || finding.status === "fail"),
    );
    if (evaluated) automated++;
  }
  return {
    total: requirements.length,
    automated,
    attested: byStatus.attested,
    open: byStatus.attestation_required + byStatus.incomplete,
    byStatus,
  };
}
