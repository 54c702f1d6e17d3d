import { z } from "zod";
import { CallErrorSchema } from "./call-error.js";
import { scopeStandings } from "./ephi-scope.js";

/** findings/findings.json, a contract: docs/findings-json.md. Readers handle every format; the tool writes the newest. */
export const findingStatuses = ["pass", "fail", "error", "manual", "not_applicable"] as const;
export const requirementStatuses = [
  "satisfied",
  "not_satisfied",
  "incomplete",
  "attestation_required",
  "attested",
  "documented_decision",
  "not_applicable",
] as const;
export const evidenceModes = ["auto", "partial", "attest"] as const;

const FindingV1Schema = z.object({
  id: z.string(),
  checkId: z.string(),
  status: z.enum(findingStatuses),
  severity: z.enum(["low", "medium", "high", "critical"]),
  resourceId: z.string(),
  resourceName: z.string(),
  message: z.string(),
  hipaa: z.array(z.string()),
  evidence: z.array(z.object({ file: z.string(), pointer: z.string() })),
  error: CallErrorSchema.optional(),
});

/**
 * How to fix what a check finds, as the Microsoft Learn page in `source` documents it. Never names
 * HIPAA (the mapping does). The tool shows the command and never runs it.
 */
export const RemediationAdviceSchema = z.object({
  /** What to change, in one or two sentences. */
  text: z.string(),
  /** Where a person clicks, in the Azure portal or the Microsoft Entra admin center, as the page gives it. */
  portal: z.string(),
  /** The Microsoft Learn page the advice was taken from (https://learn.microsoft.com/...). */
  source: z.string(),
  /**
   * An Azure CLI or Microsoft Graph command, only where the `source` page itself gives one. On a
   * check it is a template with {subscriptionId}, {resourceGroup}, {name}, {resourceId} or
   * {tenantId}; on a finding those are filled from its resource id (or the command is left out).
   */
  command: z.string().optional(),
});
export type RemediationAdvice = z.infer<typeof RemediationAdviceSchema>;

/** A failing finding the organisation accepted as a risk, by a recorded exception: it keeps its status. */
export const AcceptedRiskNoteSchema = z.object({
  /** The exception's id in the exceptions file. */
  exception: z.string(),
  /** Who approved it: "name, role". */
  approver: z.string(),
  expiresOn: z.string(),
});

export const FindingSchema = FindingV1Schema.extend({
  /**
   * Where the resource stands against the declared ePHI scope. Only findings in scope, unclassified
   * or tenant-wide decide a requirement; a failing one out of scope is shown as a concern.
   */
  ephiScope: z.enum(scopeStandings),
  /** Present on findings that fail or could not be evaluated. */
  remediation: RemediationAdviceSchema.optional(),
  /** Present on failing findings a valid exception accepts as a risk; they stay failing and do not count toward --fail-on. */
  acceptedRisk: AcceptedRiskNoteSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
/** A finding placed against the ePHI scope, before the mapping says which requirements it supports. */
export type PlacedFinding = Omit<Finding, "hipaa" | "acceptedRisk">;
/** A finding as a check states it. */
export type UncitedFinding = Omit<Finding, "hipaa" | "ephiScope" | "acceptedRisk">;
export type FindingStatus = Finding["status"];

const RequirementResultV1Schema = z.object({
  id: z.string(),
  title: z.string(),
  safeguard: z.string(),
  designation: z.enum(["standard", "required", "addressable"]),
  // Format 1 knew no documented decision.
  status: z.enum(["satisfied", "not_satisfied", "incomplete", "attestation_required", "attested", "not_applicable"]),
  checks: z.array(z.string()),
  attestations: z.array(z.string()),
});

export const RequirementResultSchema = RequirementResultV1Schema.extend({
  status: z.enum(requirementStatuses),
  /** What the checks can decide: auto (all of it), partial (part; an attestation completes it), attest (none). */
  evidence: z.enum(evidenceModes),
  /** `checks` are the primary checks, which decide the status; these only inform it. */
  supportingChecks: z.array(z.string()),
  /** Ids of the failing findings of supporting checks, and of primary checks out of the ePHI scope: shown beside the row, never deciding it. */
  concerns: z.array(z.string()),
  /** Whether a valid attestation covers the row on the collection day; "not needed" for rows the checks decide alone. */
  attestationState: z.enum(["valid", "expired", "missing", "not needed"]),
  /** The attestation that gives that state: the valid one, or else the latest expired one. */
  attestation: z
    .object({
      /** Its path in the archive (attestations/...). */
      file: z.string(),
      /** Who it is attributed to: "name, role". */
      owner: z.string(),
      date: z.string(),
      expiresOn: z.string(),
      /** On addressable specifications: implemented, alternative or not_reasonable (164.306(d)(3)). */
      decision: z.enum(["implemented", "alternative", "not_reasonable"]).optional(),
      rationale: z.string().optional(),
      notApplicableReason: z.string().optional(),
    })
    .optional(),
});
export type RequirementResult = z.infer<typeof RequirementResultSchema>;
export type RequirementStatus = RequirementResult["status"];

const documentFields = {
  tool: z.object({ name: z.literal("hipaa-evidence"), version: z.string() }),
  mapping: z.object({ id: z.string(), version: z.string() }),
  tenantId: z.string(),
  collectedAt: z.string(),
};

/** Format 1, written by 0.1.0. */
export const FindingsDocumentV1Schema = z.object({
  schemaVersion: z.literal(1),
  ...documentFields,
  findings: z.array(FindingV1Schema),
  requirements: z.array(RequirementResultV1Schema),
});

/** Format 2: primary and supporting checks, concerns, what a row's evidence can decide, the ePHI scope and remediation on findings. */
export const FindingsDocumentSchema = z.object({
  schemaVersion: z.literal(2),
  ...documentFields,
  findings: z.array(FindingSchema),
  requirements: z.array(RequirementResultSchema),
});
export type FindingsDocument = z.infer<typeof FindingsDocumentSchema>;
