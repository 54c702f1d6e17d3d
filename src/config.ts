import { dirname, resolve } from "node:path";
import { z } from "zod";
import { cloudNames } from "./azure/clouds.js";
import type { CollectionLimits } from "./azure/limits.js";
import { defaultCheckSettings, type CheckSettings } from "./checks/check.js";
import { parseYamlInput, readTextInput } from "./input/read-input.js";
import { AllowedRegionsSchema, EphiScopeSchema } from "./model/ephi-scope.js";

/** --config FILE: what an organisation sets once and keeps beside its archives. */
const ConfigSchema = z.strictObject({
  /** Printed on every report page. */
  organization: z.string().min(1).optional(),
  cloud: z.enum(cloudNames).optional(),
  /** Subscription ids to cover; default: every subscription the identity can see. */
  subscriptions: z.array(z.string().regex(/^[0-9a-fA-F-]{36}$/, "expected a subscription id (GUID)")).optional(),
  /** HIPAA sections to report on, e.g. ["164.312"]. */
  sections: z.array(z.string()).optional(),
  checks: z
    .strictObject({
      ownersPerSubscription: z
        .strictObject({ min: z.number().int().min(0), max: z.number().int().min(1) })
        .refine(({ min, max }) => min <= max, "min must not exceed max")
        .optional(),
      globalAdministrators: z
        .strictObject({ min: z.number().int().min(0), max: z.number().int().min(1) })
        .refine(({ min, max }) => min <= max, "min must not exceed max")
        .optional(),
      /** An account with no sign-in for this many days is stale. */
      staleAccountDays: z.number().int().min(1).optional(),
      /**
       * Total retention, in days, the audit-log tables should keep: the organisation's policy, since
       * HIPAA sets none for logs (default 2191: six years, a value Log Analytics accepts).
       */
      auditLogRetentionDays: z.number().int().min(1).optional(),
      /** A high-severity Defender alert still active after this many days is left unhandled. */
      activeAlertDays: z.number().int().min(1).optional(),
    })
    .optional(),
  /**
   * Log Analytics workspaces (ARM resource ids) that receive Entra ID sign-in logs. Entra's own
   * diagnostic settings name them too, but that API refuses service principals.
   */
  signInLogsWorkspaces: z
    .array(
      z
        .string()
        .regex(
          /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i,
          "expected a workspace resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…)",
        ),
    )
    .optional(),
  /** Emergency access ("break-glass") accounts, by user principal name or object id. */
  breakGlassAccounts: z.array(z.string().min(1)).optional(),
  /** Where ePHI lives: by tag, resource group, subscription or management group, with recorded exclusions. */
  ephiScope: EphiScopeSchema.optional(),
  /** Regions the organisation allows resources in: reported for the risk analysis, never a HIPAA verdict. */
  allowedRegions: AllowedRegionsSchema.optional(),
  /** The folder of attestation files (one YAML per attestation), relative to this file; --attestations overrides it. */
  attestations: z.string().min(1).optional(),
  /** The exceptions file (accepted risks), relative to this file; --exceptions overrides it. */
  exceptions: z.string().min(1).optional(),
  /** Bounds of every collection (src/azure/limits.ts has the defaults and why). */
  limits: z
    .strictObject({
      pagesPerList: z.number().int().min(1).optional(),
      responseBytes: z.number().int().min(1).optional(),
      jsonDepth: z.number().int().min(1).optional(),
      retryAfterSeconds: z.number().min(0).optional(),
      connectTimeoutSeconds: z.number().positive().optional(),
      idleTimeoutSeconds: z.number().positive().optional(),
    })
    .optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

export async function loadConfig(file: string | undefined): Promise<Config> {
  if (!file) return {};
  const config = parseYamlInput(file, await readTextInput(file), ConfigSchema);
  // Paths in the file are relative to the file, so it can be kept beside what it names.
  const beside = (path: string | undefined) => (path === undefined ? undefined : resolve(dirname(file), path));
  return {
    ...config,
    ...(config.attestations ? { attestations: beside(config.attestations) } : {}),
    ...(config.exceptions ? { exceptions: beside(config.exceptions) } : {}),
  };
}

export function checkSettingsFrom(config: Config): CheckSettings {
  return {
    ownersPerSubscription: config.checks?.ownersPerSubscription ?? defaultCheckSettings.ownersPerSubscription,
    globalAdministrators: config.checks?.globalAdministrators ?? defaultCheckSettings.globalAdministrators,
    staleAccountDays: config.checks?.staleAccountDays ?? defaultCheckSettings.staleAccountDays,
    activeAlertDays: config.checks?.activeAlertDays ?? defaultCheckSettings.activeAlertDays,
    auditLogRetentionDays: config.checks?.auditLogRetentionDays ?? defaultCheckSettings.auditLogRetentionDays,
    breakGlassAccounts: config.breakGlassAccounts ?? defaultCheckSettings.breakGlassAccounts,
    ...(config.ephiScope ? { ephiScope: config.ephiScope } : {}),
    ...(config.allowedRegions ? { allowedRegions: config.allowedRegions } : {}),
  };
}

/** The configured limits, in the units the code uses; unset ones keep their defaults. */
export function collectionLimitsFrom(config: Config): Partial<CollectionLimits> {
  const limits = config.limits ?? {};
  const milliseconds = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 1000));
  return {
    maxPagesPerList: limits.pagesPerList,
    maxResponseBytes: limits.responseBytes,
    maxJsonDepth: limits.jsonDepth,
    maxRetryAfterMs: milliseconds(limits.retryAfterSeconds),
    connectTimeoutMs: milliseconds(limits.connectTimeoutSeconds),
    idleTimeoutMs: milliseconds(limits.idleTimeoutSeconds),
  };
}
