import { check } from "../../src/checks/sql-server-auditing.js";
import {
  masterDatabaseId,
  masterDiagnosticCategoriesDataset,
  masterDiagnosticSettingsDataset,
  sqlAuditingDataset,
  sqlServersDataset,
} from "../../src/datasets/sql.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, sqlServerId, type Tenant } from "../support/good-tenant.js";
import { officialExample } from "../support/official-examples.js";

type Raw = Record<string, any>;
const policy = (tenant: Tenant): Raw => tenant.items(sqlAuditingDataset, sqlServerId)[0]!.properties;
const masterSettings = (tenant: Tenant): Raw[] => tenant.items(masterDiagnosticSettingsDataset, masterDatabaseId(sqlServerId));
const server = "SQL server sql-records in subscription Example Subscription";

checkTable(check, [
  {
    name: "auditing to Azure Monitor, routed by the master database's audit group",
    expected: [{ status: "pass", message: `${server} audits database activity to Log Analytics workspace law-security (through the master database).` }],
  },
  {
    name: "the official example with auditing on: storage (kept 6 days) and Azure Monitor",
    change: (tenant) => {
      tenant.items(sqlAuditingDataset, sqlServerId).splice(0, 1, structuredClone(officialExample("arm-sql-server-auditing-settings-create-max.json")));
    },
    expected: [
      {
        status: "pass",
        message: `${server} audits database activity to storage account mystorage (kept 6 days) and Log Analytics workspace law-security (through the master database).`,
      },
    ],
  },
  {
    name: "storage only, kept without limit: the master database is not needed",
    change: (tenant) => {
      Object.assign(policy(tenant), { storageEndpoint: "https://stsqlaudit.blob.core.windows.net/", retentionDays: 0, isAzureMonitorTargetEnabled: false });
      tenant.fail(masterDiagnosticSettingsDataset, forbidden);
    },
    expected: [{ status: "pass", message: `${server} audits database activity to storage account stsqlaudit (kept without limit).` }],
  },
  {
    name: "the official example as published: auditing disabled",
    change: (tenant) => {
      tenant.items(sqlAuditingDataset, sqlServerId).splice(0, 1, structuredClone(officialExample("arm-sql-server-auditing-settings-get.json")));
    },
    expected: [{ status: "fail", message: `${server} has server auditing disabled, so no record of database access is kept.` }],
  },
  {
    name: "Azure Monitor chosen but the master database sends nothing",
    change: (tenant) => {
      masterSettings(tenant).splice(0);
    },
    expected: [
      {
        status: "fail",
        message: `${server} audits to Azure Monitor, but no diagnostic setting of its master database sends SQLSecurityAuditEvents anywhere (0 setting(s) examined), so the audit records are dropped.`,
      },
    ],
  },
  {
    name: "the master database sends only other categories",
    change: (tenant) => {
      masterSettings(tenant)[0]!.properties.logs = [{ category: "Errors", enabled: true }];
    },
    expected: [
      {
        status: "fail",
        message: `${server} audits to Azure Monitor, but no diagnostic setting of its master database sends SQLSecurityAuditEvents anywhere (1 setting(s) examined), so the audit records are dropped.`,
      },
    ],
  },
  {
    name: "enabled with neither destination",
    change: (tenant) => {
      Object.assign(policy(tenant), { storageEndpoint: "", isAzureMonitorTargetEnabled: false });
    },
    expected: [
      {
        status: "fail",
        message: `${server} has server auditing enabled with no destination: neither a storage account nor Azure Monitor receives the records.`,
      },
    ],
  },
  {
    name: "no state reported",
    change: (tenant) => {
      delete policy(tenant).state;
    },
    expected: [{ status: "error", message: `Whether ${server} audits is unknown: its auditing policy reports no state.` }],
  },
  {
    name: "no storage and Azure Monitor not reported",
    change: (tenant) => {
      delete policy(tenant).isAzureMonitorTargetEnabled;
    },
    expected: [
      {
        status: "error",
        message: `Where ${server} sends its audit records is unknown: its auditing policy names no storage account and does not say whether Azure Monitor receives them.`,
      },
    ],
  },
  {
    name: "the master database's categories refused",
    change: (tenant) => tenant.fail(masterDiagnosticCategoriesDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Where ${server} sends its audit records (whether the master database's category group includes SQLSecurityAuditEvents) could not be evaluated because the evidence "Master database log categories and their groups" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      },
    ],
  },
  {
    name: "the master database's settings refused",
    change: (tenant) => tenant.fail(masterDiagnosticSettingsDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Where ${server} sends its audit records could not be evaluated because the evidence "Diagnostic settings of the master database (where server audit records go)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      },
    ],
  },
  {
    name: "the auditing policy refused",
    change: (tenant) => tenant.fail(sqlAuditingDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Auditing of ${server} could not be evaluated because the evidence "SQL server auditing policy" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      },
    ],
  },
  {
    name: "no SQL server",
    change: (tenant) => tenant.items(sqlServersDataset).splice(0),
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no Azure SQL server." }],
  },
]);
