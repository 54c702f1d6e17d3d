import { z } from "zod";
import { CallErrorSchema } from "./call-error.js";

/** findings/findings.json, a contract: docs/findings-json.md. */
export const findingStatuses = ["pass", "fail", "error", "manual", "not_applicable"] as const;
export const requirementStatuses = ["satisfied", "not_satisfied", "incomplete", "attestation_required", "attested", "not_applicable"] as const;

export const FindingSchema = z.object({
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
export type Finding = z.infer<typeof FindingSchema>;
/** A finding as a check states it, before the mapping says which requirements it supports. */
export type UncitedFinding = Omit<Finding, "hipaa">;
export type FindingStatus = Finding["status"];

export const RequirementResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  safeguard: z.string(),
  designation: z.enum(["standard", "required", "addressable"]),
  status: z.enum(requirementStatuses),
  checks: z.array(z.string()),
  attestations: z.array(z.string()),
});
export type RequirementResult = z.infer<typeof RequirementResultSchema>;
export type RequirementStatus = RequirementResult["status"];

export const FindingsDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal("hipaa-evidence"), version: z.string() }),
  mapping: z.object({ id: z.string(), version: z.string() }),
  tenantId: z.string(),
  collectedAt: z.string(),
  findings: z.array(FindingSchema),
  requirements: z.array(RequirementResultSchema),
});
export type FindingsDocument = z.infer<typeof FindingsDocumentSchema>;
