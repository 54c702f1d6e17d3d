import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticCategorySchema, DiagnosticSettingSchema } from "./diagnostic-settings.js";
import { recordFile } from "./raw-files.js";

/** An immutability policy as ARM gives it: the period is an integer, written as a string in some older examples. */
const PolicyPropertiesSchema = z.object({
  immutabilityPeriodSinceCreationInDays: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .nullable()
    .optional(),
  /** Container policies: "Locked" or "Unlocked"; account policies also "Disabled". */
  state: z.string().nullable().optional(),
  allowProtectedAppendWrites: z.boolean().nullable().optional(),
  allowProtectedAppendWritesAll: z.boolean().nullable().optional(),
});
export type PolicyProperties = z.infer<typeof PolicyPropertiesSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01
export const StorageAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  kind: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  properties: z.object({
    /** Version-level immutability for the whole account, with its default policy. */
    immutableStorageWithVersioning: z
      .object({ enabled: z.boolean().nullable().optional(), immutabilityPolicy: PolicyPropertiesSchema.nullable().optional() })
      .nullable()
      .optional(),
  }),
});
export type StorageAccount = z.infer<typeof StorageAccountSchema>;

// GET {account}/blobServices/default/containers?api-version=2023-05-01&$filter=insights-
export const BlobContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** True once a container-level policy exists; the list does not promise to carry the policy itself. */
    hasImmutabilityPolicy: z.boolean().nullable().optional(),
    hasLegalHold: z.boolean().nullable().optional(),
    immutableStorageWithVersioning: z.object({ enabled: z.boolean().nullable().optional() }).nullable().optional(),
  }),
});
export type BlobContainer = z.infer<typeof BlobContainerSchema>;

// GET {container}/immutabilityPolicies/default?api-version=2023-05-01
export const ImmutabilityPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: PolicyPropertiesSchema,
});
export type ImmutabilityPolicy = z.infer<typeof ImmutabilityPolicySchema>;

export const storageAccountsDataset = defineDataset({
  id: "storage/accounts",
  collector: "storage",
  title: "Storage accounts",
  scope: "subscription",
  item: StorageAccountSchema,
  permission: "Microsoft.Storage/storageAccounts/read (Reader)",
  rawFile: recordFile("storage", "storage-accounts.json"),
});

export const blobDiagnosticSettingsDataset = defineDataset({
  id: "storage/blob-diagnostic-settings",
  collector: "storage",
  title: "Blob service diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
  rawFile: recordFile("storage", "blob-diagnostic-settings.json"),
});

export const blobDiagnosticCategoriesDataset = defineDataset({
  id: "storage/blob-diagnostic-categories",
  collector: "storage",
  title: "Blob service log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
  rawFile: recordFile("storage", "blob-diagnostic-categories.json"),
});

export const logContainersDataset = defineDataset({
  id: "storage/log-containers",
  collector: "storage",
  title: "Containers holding exported Azure Monitor logs (insights-*)",
  scope: "resource",
  item: BlobContainerSchema,
  permission: "Microsoft.Storage/storageAccounts/blobServices/containers/read (Reader)",
  rawFile: recordFile("storage", "log-containers.json"),
});

export const immutabilityPoliciesDataset = defineDataset({
  id: "storage/immutability-policies",
  collector: "storage",
  title: "Immutability policies of log containers",
  scope: "resource",
  item: ImmutabilityPolicySchema,
  permission: "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read (Reader)",
  rawFile: recordFile("storage", "immutability-policy.json"),
});

/** The blob service of an account: where its data-access logs are configured. */
export function blobServiceId(accountId: string): string {
  return `${accountId}/blobServices/default`;
}
