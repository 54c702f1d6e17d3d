import { check } from "../../src/checks/storage-blob-audit-logging.js";
import { blobDiagnosticCategoriesDataset, blobDiagnosticSettingsDataset, blobServiceId, storageAccountsDataset } from "../../src/datasets/storage.js";
import { checkTable } from "../support/check-table.js";
import { archiveAccountId, forbidden, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const blob = blobServiceId(archiveAccountId);
const settings = (tenant: Tenant): Raw[] => tenant.items(blobDiagnosticSettingsDataset, blob);
const account = "Storage account stauditarchive in subscription Example Subscription";

checkTable(check, [
  {
    name: "the audit group, which the blob service's category listing says holds reads, writes and deletes",
    expected: [
      {
        status: "pass",
        message: `${account} sends its blob reads, writes and deletes (StorageRead, StorageWrite and StorageDelete) to Log Analytics workspace law-security through diagnostic setting "blob-access-to-law-security".`,
      },
    ],
  },
  {
    name: "the three categories named, across two settings",
    change: (tenant) => {
      const [first] = settings(tenant);
      first!.properties.logs = [{ category: "StorageRead", enabled: true }];
      settings(tenant).push({
        ...structuredClone(first),
        name: "writes-to-archive",
        properties: {
          storageAccountId: archiveAccountId,
          logs: [
            { category: "StorageWrite", enabled: true },
            { category: "StorageDelete", enabled: true },
          ],
        },
      });
    },
    expected: [
      {
        status: "pass",
        message: `${account} sends its blob reads, writes and deletes (StorageRead, StorageWrite and StorageDelete) to Log Analytics workspace law-security and storage account stauditarchive through diagnostic settings "blob-access-to-law-security" and "writes-to-archive".`,
      },
    ],
  },
  {
    name: "allLogs needs no category listing",
    change: (tenant) => {
      settings(tenant)[0]!.properties.logs = [{ categoryGroup: "allLogs", enabled: true }];
      tenant.fail(blobDiagnosticCategoriesDataset, forbidden);
    },
    expected: [
      {
        status: "pass",
        message: `${account} sends its blob reads, writes and deletes (StorageRead, StorageWrite and StorageDelete) to Log Analytics workspace law-security through diagnostic setting "blob-access-to-law-security".`,
      },
    ],
  },
  {
    name: "reads are not logged",
    change: (tenant) => {
      settings(tenant)[0]!.properties.logs = [
        { category: "StorageRead", enabled: false },
        { category: "StorageWrite", enabled: true },
        { category: "StorageDelete", enabled: true },
      ];
    },
    expected: [
      {
        status: "fail",
        message: `${account} does not send StorageRead to any destination (1 diagnostic setting(s) examined), so not all of its blob reads, writes and deletes are logged.`,
      },
    ],
  },
  {
    name: "an audit group that, for this resource, leaves reads out",
    change: (tenant) => {
      tenant.items(blobDiagnosticCategoriesDataset, blob).find((category) => category.name === "StorageRead")!.properties.categoryGroups = ["allLogs"];
    },
    expected: [
      {
        status: "fail",
        message: `${account} does not send StorageRead to any destination (1 diagnostic setting(s) examined), so not all of its blob reads, writes and deletes are logged.`,
      },
    ],
  },
  {
    // The collector asks for the category listing only when a setting selects a category group other than allLogs.
    name: "reads named alone, with no category listing collected: writes and deletes are not sent, rather than unknown",
    change: (tenant) => {
      settings(tenant)[0]!.properties.logs = [{ category: "StorageRead", enabled: true }];
      tenant.records.splice(
        tenant.records.findIndex((record) => record.dataset === blobDiagnosticCategoriesDataset.id),
        1,
      );
    },
    expected: [
      {
        status: "fail",
        message: `${account} does not send StorageWrite and StorageDelete to any destination (1 diagnostic setting(s) examined), so not all of its blob reads, writes and deletes are logged.`,
      },
    ],
  },
  {
    // Microsoft Learn, "Diagnostic Settings Category - List": the categories the resource offers, each with its groups.
    name: "a category listing without StorageDelete: no group is known to hold it, so it is not sent",
    change: (tenant) => {
      const listing = tenant.items(blobDiagnosticCategoriesDataset, blob);
      listing.splice(
        listing.findIndex((category) => category.name === "StorageDelete"),
        1,
      );
    },
    expected: [
      {
        status: "fail",
        message: `${account} does not send StorageDelete to any destination (1 diagnostic setting(s) examined), so not all of its blob reads, writes and deletes are logged.`,
      },
    ],
  },
  {
    name: "a setting with no destination",
    change: (tenant) => {
      settings(tenant)[0]!.properties.workspaceId = "";
    },
    expected: [
      {
        status: "fail",
        message: `${account} does not send StorageRead, StorageWrite and StorageDelete to any destination (1 diagnostic setting(s) examined), so not all of its blob reads, writes and deletes are logged.`,
      },
    ],
  },
  {
    name: "no diagnostic setting on the blob service",
    change: (tenant) => settings(tenant).splice(0),
    expected: [{ status: "fail", message: `${account} has no diagnostic setting, so its blob reads, writes and deletes are not logged.` }],
  },
  {
    name: "the category listing refused: what the audit group holds is unknown",
    change: (tenant) =>
      tenant.fail(blobDiagnosticCategoriesDataset, { ...forbidden, missingPermission: "Microsoft.Insights/diagnosticSettingsCategories/read" }),
    expected: [
      {
        status: "error",
        message: `Logging of ${account} (whether its category group includes StorageRead, StorageWrite and StorageDelete) could not be evaluated because the evidence "Blob service log categories and their groups" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Insights/diagnosticSettingsCategories/read.`,
      },
    ],
  },
  {
    name: "blob diagnostic settings refused",
    change: (tenant) => tenant.fail(blobDiagnosticSettingsDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Logging of ${account} could not be evaluated because the evidence "Blob service diagnostic settings" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      },
    ],
  },
  {
    name: "no storage account",
    change: (tenant) => tenant.items(storageAccountsDataset).splice(0),
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no storage account." }],
  },
]);
