import { blobDiagnosticCategoriesDataset, blobDiagnosticSettingsDataset, blobServiceId, storageAccountsDataset } from "../datasets/storage.js";
import { defineCheck } from "./check.js";
import { resourceLoggingOutcome } from "./support/diagnostic-settings.js";
import { forEachListed } from "./support/listing.js";

/** The blob service's log categories: every read, write and delete of a blob, with the caller. */
const blobCategories = ["StorageRead", "StorageWrite", "StorageDelete"];

export const check = defineCheck({
  id: "storage-blob-audit-logging",
  title: "Storage accounts log every read, write and delete of their blobs to a destination",
  severity: "high",
  requires: [storageAccountsDataset, blobDiagnosticSettingsDataset],
  alsoReads: [blobDiagnosticCategoriesDataset],
  rationale:
    "Documents, images and exports kept in blob storage are often ePHI; only the blob service's StorageRead, StorageWrite and StorageDelete logs record who accessed or changed them, and Azure keeps them only when a diagnostic setting on the blob service sends them somewhere (the account itself has metrics only).",
  remediation: {
    text: "Add a diagnostic setting to each account's blob service (blobServices/default) sending StorageRead, StorageWrite and StorageDelete (or allLogs) to a Log Analytics workspace or an immutable storage account other than the account itself.",
    portal: "Storage accounts > (account) > Diagnostic settings > blob > Add diagnostic setting",
    source: "https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachListed(
      evidence,
      subscriptions,
      storageAccountsDataset,
      {
        unavailable: (subscription) => `Blob logging of the storage accounts of subscription ${subscription.displayName}`,
        none: (subscription) => `Subscription ${subscription.displayName} holds no storage account.`,
      },
      ({ value: account, ref }, subscription) =>
        resourceLoggingOutcome({
          evidence,
          subject: { resourceId: account.id, resourceName: account.name },
          label: `Storage account ${account.name} in subscription ${subscription.displayName}`,
          records: "blob reads, writes and deletes",
          settingsScope: blobServiceId(account.id),
          settings: blobDiagnosticSettingsDataset,
          categories: blobDiagnosticCategoriesDataset,
          required: blobCategories,
          refs: [ref],
        }),
    );
  },
});
