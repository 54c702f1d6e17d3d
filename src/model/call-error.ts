import { z } from "zod";

/**
 * Why a piece of evidence is missing: the call that failed, what Azure or Graph answered and the
 * permission the collecting identity lacked. This is what turns a finding into `error` instead of a
 * verdict, and what the report's "collection gaps" section lists.
 */
export const callFailureReasons = [
  "permission",
  "licence",
  "throttled",
  "not-recorded",
  "not-collected",
  "network",
  "service",
  "invalid-response",
  "incomplete-data",
  "foreign-link",
  "paging-loop",
  "limit-reached",
  "unreadable-body",
] as const;
export type CallFailureReason = (typeof callFailureReasons)[number];

export const CallErrorSchema = z.object({
  /** "GET https://management.azure.com/..." */
  call: z.string(),
  /** HTTP status, or 0 when no response arrived (network error, no recording). */
  status: z.number().int(),
  /** Service error code (AuthorizationFailed, Authorization_RequestDenied, ...) when one was given. */
  code: z.string().optional(),
  message: z.string(),
  /** The action or Graph permission the call needs; given when the failure is (or may be) about access. */
  missingPermission: z.string().optional(),
  reason: z.enum(callFailureReasons),
});
export type CallError = z.infer<typeof CallErrorSchema>;
