import { z } from "zod";
import { AllowedRegionsSchema, EphiScopeSchema } from "./ephi-scope.js";

/**
 * The organisation's own thresholds the checks apply, from the configuration. They are recorded in
 * the manifest, so an archive evaluated again years later is judged by the same numbers.
 */
export const CheckSettingsSchema = z.object({
  /** Bounds for the number of principals holding Owner on a subscription (inclusive). */
  ownersPerSubscription: z.object({ min: z.number().int(), max: z.number().int() }),
  /** Bounds for the number of Global Administrators (active or eligible), inclusive. */
  globalAdministrators: z.object({ min: z.number().int(), max: z.number().int() }),
  /** Days without a sign-in after which an account holding a role is stale. */
  staleAccountDays: z.number().int(),
  /** Total retention the audit-log tables should keep, in days: the organisation's policy (HIPAA sets none for logs). */
  auditLogRetentionDays: z.number().int(),
  /** Days a high-severity Defender alert may stay active before it counts as unhandled. */
  activeAlertDays: z.number().int(),
  /** Emergency access accounts (user principal names or object ids) named in the configuration. */
  breakGlassAccounts: z.array(z.string()),
  /** Where ePHI lives, as declared; absent: no scope declared, every resource counts. */
  ephiScope: EphiScopeSchema.optional(),
  /** Regions the organisation allows resources in; absent: none declared. */
  allowedRegions: AllowedRegionsSchema.optional(),
});
export type CheckSettings = z.infer<typeof CheckSettingsSchema>;
