import type { CheckSettings } from "../checks/check.js";
import { checks as registeredChecks } from "../checks/registry.js";
import { runChecks } from "../checks/run-checks.js";
import { citeFindings } from "../mapping/citations.js";
import type { Mapping } from "../mapping/mapping.js";
import { coverageOf, evaluateRequirements } from "../mapping/requirement-status.js";
import type { Assessment } from "../model/assessment.js";
import type { BaaCatalogue } from "../model/baa-services.js";
import { noRecords, type OrganisationRecords } from "../model/attestations.js";
import { EvidenceSet, type CollectedEvidence } from "../model/evidence.js";
import { auditLogView } from "./audit-log-view.js";
import { collectionGaps } from "./collection-gaps.js";
import { defenderView } from "./defender-view.js";
import { ephiInventory, standingOf } from "./ephi-scope.js";
import { ephiView } from "./ephi-view.js";
import { acceptRisks, attestationsView, dayOf, rowAttestations } from "./organisation-records.js";
import { identityAzureRoles } from "./identity-roles.js";
import { privilegedMfaTable } from "./privileged-mfa.js";

export interface EvaluationInput {
  evidence: CollectedEvidence;
  mapping: Mapping;
  settings: CheckSettings;
  /** Microsoft's list of the services its HIPAA BAA covers. */
  baa: BaaCatalogue;
  /** Attestations and accepted risks the organisation recorded; none unless given. */
  records?: OrganisationRecords;
  /** The checks to run; every registered check unless a test narrows them. */
  checks?: typeof registeredChecks;
}

/**
 * The evaluate stage, pure: collected evidence in, the assessment out. The checks on the mapping's
 * rows run on the evidence, the mapping cites and scores their findings, and every view the reports
 * show is derived here, once. Ages ("no sign-in for 90 days") are measured from the end of the
 * collection window. Every finding is placed against the declared ePHI scope before the mapping
 * scores it: findings on resources out of scope never decide a requirement.
 */
export function evaluate(input: EvaluationInput): Assessment {
  const { evidence, mapping, settings, baa } = input;
  const checks = input.checks ?? registeredChecks;
  const records = new EvidenceSet(evidence.records, evidence.collectorFailures);
  const ephi = ephiInventory(records, evidence.tenantId, evidence.subscriptions, settings.ephiScope);
  const scope = {
    subscriptions: evidence.subscriptions,
    tenantId: evidence.tenantId,
    settings,
    collectedAt: new Date(evidence.collection.window.end),
    ephi,
    baa,
  };
  // A run scoped to some sections keeps only the checks on them, and the findings that cite them.
  const inScope = new Set(mapping.requirements.flatMap((row) => [...row.checks.primary, ...row.checks.supporting]));
  const scopedChecks = checks.filter((check) => inScope.has(check.id));
  const placed = runChecks(scopedChecks, { ...scope, evidence: records }).map((finding) => ({
    ...finding,
    ephiScope: standingOf(ephi, evidence.subscriptions, finding.resourceId),
  }));
  // Attestations and exceptions are weighed on the day the evidence was collected, years later too.
  const day = dayOf(new Date(evidence.collection.window.end));
  const recorded = input.records ?? noRecords;
  const accepted = acceptRisks(citeFindings(placed, mapping), recorded.exceptions, day);
  const findings = accepted.findings;
  const requirements = evaluateRequirements(mapping, findings, rowAttestations(recorded.attestations, day));
  return {
    ephi: ephiView(ephi, baa, settings.allowedRegions),
    findings,
    requirements,
    coverage: coverageOf(requirements, findings),
    gaps: collectionGaps(evidence, scopedChecks).filter((gap) => gap.affectedChecks.length > 0 || scopedChecks.length === checks.length),
    checks: scopedChecks.map(({ id, title, severity, rationale, remediation, reportsAnAssessment }) => ({
      id,
      title,
      severity,
      rationale,
      remediation,
      reportsAnAssessment: reportsAnAssessment === true,
    })),
    privilegedMfa: privilegedMfaTable(records, evidence.tenantId, evidence.subscriptions, settings),
    auditLogs: auditLogView(records, evidence.subscriptions, evidence.tenantId, findings),
    defender: defenderView(records, evidence.subscriptions),
    identityAzureRoles: identityAzureRoles(records, evidence.identity?.objectId, evidence.subscriptions),
    settings,
    attestations: attestationsView(recorded.attestations, requirements, day),
    exceptions: accepted.exceptions,
  };
}
