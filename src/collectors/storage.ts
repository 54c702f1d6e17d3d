import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armGet, armList, defineCollector } from "./collector.js";
import { collectDiagnostics, DiagnosticCategorySchema, DiagnosticSettingSchema } from "./shared/diagnostic-settings.js";

/**
 * Storage accounts per subscription, the diagnostic settings of each account's blob service (reads,
 * writes and deletes of blobs are logged there, not on the account), and the containers Azure Monitor
 * writes exported logs into, with their immutability policies. `@azure/arm-storage` is an 11 MB
 * client for four GETs, so the calls go through an installed SDK client's pipeline instead (same
 * credential, retries and recorder).
 */

const storageApiVersion = "2023-05-01";

/** An immutability policy as ARM gives it: the period is an integer, written as a string in some older examples. */
const PolicyPropertiesSchema = z.object({
  immutabilityPeriodSinceCreationInDays: z.union([z.number(), z.string().regex(/^\d+$/)]).nullable().optional(),
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
});

export const blobDiagnosticSettingsDataset = defineDataset({
  id: "storage/blob-diagnostic-settings",
  collector: "storage",
  title: "Blob service diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
});

export const blobDiagnosticCategoriesDataset = defineDataset({
  id: "storage/blob-diagnostic-categories",
  collector: "storage",
  title: "Blob service log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
});

export const logContainersDataset = defineDataset({
  id: "storage/log-containers",
  collector: "storage",
  title: "Containers holding exported Azure Monitor logs (insights-*)",
  scope: "resource",
  item: BlobContainerSchema,
  permission: "Microsoft.Storage/storageAccounts/blobServices/containers/read (Reader)",
});

export const immutabilityPoliciesDataset = defineDataset({
  id: "storage/immutability-policies",
  collector: "storage",
  title: "Immutability policies of log containers",
  scope: "resource",
  item: ImmutabilityPolicySchema,
  permission: "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read (Reader)",
});

/**
 * Azure Monitor names the containers it creates "insights-logs-<category>" (resource logs) and
 * "insights-activity-logs" (the activity log); the list's $filter is a name prefix.
 */
export const logContainerPrefix = "insights-";

/** The blob service of an account: where its data-access logs are configured. */
export function blobServiceId(accountId: string): string {
  return `${accountId}/blobServices/default`;
}

export const storageCollector = defineCollector({
  id: "storage",
  title: "Storage accounts",
  datasets: [storageAccountsDataset, blobDiagnosticSettingsDataset, blobDiagnosticCategoriesDataset, logContainersDataset, immutabilityPoliciesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`storage: accounts, blob logging and log archives in ${subscription.displayName}`);
      const folder = `raw/storage/${subscription.subscriptionId}`;
      const list = (path: string) => () => armList(context.access, subscription.subscriptionId, path);
      const accounts = await context.collect({
        dataset: storageAccountsDataset,
        scope: subscription.scope,
        file: `${folder}/storage-accounts.json`,
        fetch: list(`${subscription.scope}/providers/Microsoft.Storage/storageAccounts?api-version=${storageApiVersion}`),
      });
      if (accounts.status !== "ok") continue;
      for (const account of accounts.value.map((item) => StorageAccountSchema.parse(item))) {
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: blobServiceId(account.id),
          file: (name) => `${folder}/${account.name}/blob-${name}.json`,
          settings: blobDiagnosticSettingsDataset,
          categories: blobDiagnosticCategoriesDataset,
        });
        const containers = await context.collect({
          dataset: logContainersDataset,
          scope: account.id,
          file: `${folder}/${account.name}/log-containers.json`,
          fetch: list(`${blobServiceId(account.id)}/containers?api-version=${storageApiVersion}&$filter=${logContainerPrefix}`),
        });
        if (containers.status !== "ok") continue;
        for (const container of containers.value.map((item) => BlobContainerSchema.parse(item))) {
          // Unknown is asked about; only a container that says it has no policy is skipped.
          if (container.properties.hasImmutabilityPolicy === false) continue;
          await context.collect({
            dataset: immutabilityPoliciesDataset,
            scope: container.id,
            file: `${folder}/${account.name}/immutability-policies/${container.name}.json`,
            fetch: async () => [await armGet(context.access, subscription.subscriptionId, `${container.id}/immutabilityPolicies/default?api-version=${storageApiVersion}`)],
          });
        }
      }
    }
  },
});
