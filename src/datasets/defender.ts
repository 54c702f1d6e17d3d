import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

/**
 * Microsoft Defender for Cloud per subscription: which plans are on, who is told about alerts, the
 * alerts themselves, the resources that exist (so plans can be set against what they protect), the
 * secure score, the regulatory compliance standards assessed and the auto-provisioning setting.
 * The installed arm-security reads pricings and contacts at outdated api-versions (contacts with an
 * obsolete schema), so every call goes through an SDK pipeline at the current version.
 */

// GET /subscriptions/{s}/providers/Microsoft.Security/pricings?api-version=2024-01-01
export const PricingSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** "Standard" is the paid plan, on; "Free" is off. */
    pricingTier: z.string(),
    /** For StorageAccounts, "DefenderForStorageV2" carries on-upload malware scanning; the older per-transaction plan does not. */
    subPlan: z.string().nullable().optional(),
    enablementTime: z.string().nullable().optional(),
    deprecated: z.boolean().nullable().optional(),
    /** The plan's parts, on or off: for storage, OnUploadMalwareScanning and SensitiveDataDiscovery. isEnabled is the string "True"/"False". */
    extensions: z
      .array(
        z.object({
          name: z.string(),
          isEnabled: z.union([z.string(), z.boolean()]).nullable().optional(),
          additionalExtensionProperties: z.record(z.string(), z.unknown()).nullable().optional(),
        }),
      )
      .nullable()
      .optional(),
  }),
});
export type Pricing = z.infer<typeof PricingSchema>;

// GET {storageAccount}/providers/Microsoft.Security/defenderForStorageSettings/current?api-version=2022-12-01-preview
export const DefenderForStorageSettingSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    isEnabled: z.boolean().nullable().optional(),
    malwareScanning: z
      .object({ onUpload: z.object({ isEnabled: z.boolean().nullable().optional(), capGBPerMonth: z.number().nullable().optional() }).nullable().optional() })
      .nullable()
      .optional(),
    sensitiveDataDiscovery: z.object({ isEnabled: z.boolean().nullable().optional() }).nullable().optional(),
    /** True when the account's own settings replace the subscription's plan. */
    overrideSubscriptionLevelSettings: z.boolean().nullable().optional(),
  }),
});
export type DefenderForStorageSetting = z.infer<typeof DefenderForStorageSettingSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview
export const SecurityContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Semicolon-separated addresses. */
    emails: z.string().nullable().optional(),
    isEnabled: z.boolean().nullable().optional(),
    notificationsByRole: z
      .object({ state: z.string().nullable().optional(), roles: z.array(z.string()).nullable().optional() })
      .nullable()
      .optional(),
    notificationsSources: z
      .array(z.object({ sourceType: z.string(), minimalSeverity: z.string().nullable().optional(), minimalRiskLevel: z.string().nullable().optional() }))
      .nullable()
      .optional(),
  }),
});
export type SecurityContact = z.infer<typeof SecurityContactSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Security/alerts?api-version=2022-01-01
export const SecurityAlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    alertDisplayName: z.string().nullable().optional(),
    severity: z.string().nullable().optional(),
    status: z.string().nullable().optional(),
    timeGeneratedUtc: z.string().nullable().optional(),
    startTimeUtc: z.string().nullable().optional(),
    compromisedEntity: z.string().nullable().optional(),
  }),
});
export type SecurityAlert = z.infer<typeof SecurityAlertSchema>;

// GET /subscriptions/{s}/resources?api-version=2021-04-01
export const ResourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  location: z.string().nullable().optional(),
  /** The resource's own tags; absent or null means it carries none. */
  tags: z.record(z.string(), z.string()).nullable().optional(),
});
export type Resource = z.infer<typeof ResourceSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Security/secureScores?api-version=2020-01-01
export const SecureScoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    displayName: z.string().nullable().optional(),
    /** percentage is current/max as a fraction from 0 to 1, not a percentage. */
    score: z
      .object({ current: z.number().nullable().optional(), max: z.number().nullable().optional(), percentage: z.number().nullable().optional() })
      .nullable()
      .optional(),
    weight: z.number().nullable().optional(),
  }),
});
export type SecureScore = z.infer<typeof SecureScoreSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview
export const ComplianceStandardSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Passed, Failed, Skipped or Unsupported (no assessment data for the standard). */
    state: z.string().nullable().optional(),
    passedControls: z.number().nullable().optional(),
    failedControls: z.number().nullable().optional(),
    skippedControls: z.number().nullable().optional(),
    unsupportedControls: z.number().nullable().optional(),
  }),
});
export type ComplianceStandard = z.infer<typeof ComplianceStandardSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Security/autoProvisioningSettings?api-version=2017-08-01-preview
export const AutoProvisioningSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({ autoProvision: z.string().nullable().optional() }),
});
export type AutoProvisioning = z.infer<typeof AutoProvisioningSchema>;

const reader = "Microsoft.Security/*/read (Security Reader, or Reader)";

export const pricingsDataset = defineDataset({
  id: "defender/pricings",
  collector: "defender",
  title: "Defender for Cloud plans",
  scope: "subscription",
  item: PricingSchema,
  permission: reader,
  rawFile: recordFile("defender", "pricings.json"),
});
export const securityContactsDataset = defineDataset({
  id: "defender/security-contacts",
  collector: "defender",
  title: "Defender for Cloud security contacts",
  scope: "subscription",
  item: SecurityContactSchema,
  permission: reader,
  rawFile: recordFile("defender", "security-contacts.json"),
});
export const securityAlertsDataset = defineDataset({
  id: "defender/alerts",
  collector: "defender",
  title: "Defender for Cloud security alerts",
  scope: "subscription",
  item: SecurityAlertSchema,
  permission: reader,
  rawFile: recordFile("defender", "alerts.json"),
});
export const secureScoresDataset = defineDataset({
  id: "defender/secure-scores",
  collector: "defender",
  title: "Defender for Cloud secure score",
  scope: "subscription",
  item: SecureScoreSchema,
  permission: reader,
  rawFile: recordFile("defender", "secure-scores.json"),
});
export const complianceStandardsDataset = defineDataset({
  id: "defender/regulatory-compliance",
  collector: "defender",
  title: "Defender for Cloud regulatory compliance standards",
  scope: "subscription",
  item: ComplianceStandardSchema,
  permission: reader,
  rawFile: recordFile("defender", "regulatory-compliance-standards.json"),
});
export const autoProvisioningDataset = defineDataset({
  id: "defender/auto-provisioning",
  collector: "defender",
  title: "Defender for Cloud auto-provisioning",
  scope: "subscription",
  item: AutoProvisioningSchema,
  permission: reader,
  rawFile: recordFile("defender", "auto-provisioning.json"),
});
export const storageSettingsDataset = defineDataset({
  id: "defender/storage-settings",
  collector: "defender",
  title: "Defender for Storage settings of a storage account",
  scope: "resource",
  item: DefenderForStorageSettingSchema,
  permission: "Microsoft.Security/defenderForStorageSettings/read (Security Reader, or Reader)",
  rawFile: recordFile("defender", "defender-for-storage-settings.json"),
});
export const resourcesDataset = defineDataset({
  id: "defender/resources",
  collector: "defender",
  title: "Resources in the subscription",
  scope: "subscription",
  item: ResourceSchema,
  permission: "Microsoft.Resources/subscriptions/resources/read (Reader)",
  rawFile: recordFile("defender", "resources.json"),
});
