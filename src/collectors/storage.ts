import {
  BlobContainerSchema,
  blobDiagnosticCategoriesDataset,
  blobDiagnosticSettingsDataset,
  blobServiceId,
  immutabilityPoliciesDataset,
  logContainersDataset,
  StorageAccountSchema,
  storageAccountsDataset,
} from "../datasets/storage.js";
import { armGet, armList, defineCollector } from "./collector.js";
import { collectDiagnostics } from "./shared/diagnostic-settings.js";

/**
 * Storage accounts per subscription, the diagnostic settings of each account's blob service (reads,
 * writes and deletes of blobs are logged there, not on the account), and the containers Azure Monitor
 * writes exported logs into, with their immutability policies. `@azure/arm-storage` is an 11 MB
 * client for four GETs, so the calls go through an installed SDK client's pipeline instead (same
 * credential, retries and recorder).
 */

const storageApiVersion = "2023-05-01";

/**
 * Azure Monitor names the containers it creates "insights-logs-<category>" (resource logs) and
 * "insights-activity-logs" (the activity log); the list's $filter is a name prefix.
 */
export const logContainerPrefix = "insights-";

export const storageCollector = defineCollector({
  id: "storage",
  title: "Storage accounts",
  datasets: [storageAccountsDataset, blobDiagnosticSettingsDataset, blobDiagnosticCategoriesDataset, logContainersDataset, immutabilityPoliciesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`storage: accounts, blob logging and log archives in ${subscription.displayName}`);
      const list = (path: string) => () => armList(context.access, subscription.subscriptionId, path);
      const accounts = await context.collect({
        dataset: storageAccountsDataset,
        scope: subscription.scope,
        fetch: list(`${subscription.scope}/providers/Microsoft.Storage/storageAccounts?api-version=${storageApiVersion}`),
      });
      if (accounts.status !== "ok") continue;
      for (const account of accounts.value.map((item) => StorageAccountSchema.parse(item))) {
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: blobServiceId(account.id),
          settings: blobDiagnosticSettingsDataset,
          categories: blobDiagnosticCategoriesDataset,
        });
        const containers = await context.collect({
          dataset: logContainersDataset,
          scope: account.id,
          fetch: list(`${blobServiceId(account.id)}/containers?api-version=${storageApiVersion}&$filter=${logContainerPrefix}`),
        });
        if (containers.status !== "ok") continue;
        for (const container of containers.value.map((item) => BlobContainerSchema.parse(item))) {
          // Unknown is asked about; only a container that says it has no policy is skipped.
          if (container.properties.hasImmutabilityPolicy === false) continue;
          await context.collect({
            dataset: immutabilityPoliciesDataset,
            scope: container.id,
            fetch: async () => [
              await armGet(context.access, subscription.subscriptionId, `${container.id}/immutabilityPolicies/default?api-version=${storageApiVersion}`),
            ],
          });
        }
      }
    }
  },
});
