import { check } from "../../src/checks/log-analytics-retention.js";
import { signInWorkspaceDataset } from "../../src/datasets/entra-sign-ins.js";
import { vaultDiagnosticSettingsDataset } from "../../src/datasets/key-vault.js";
import * as logs from "../../src/datasets/log-analytics.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, signInWorkspace, type Tenant, vaultId } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const workspace = (tenant: Tenant): Raw => tenant.items(logs.logWorkspacesDataset)[0]!;
const tables = (tenant: Tenant): Raw[] => tenant.items(logs.logTablesDataset, signInWorkspace);

/**
 * A second workspace in the good subscription, listed with its tables: `tableName` kept 90 days in
 * total. Whether it receives audit data is up to the case.
 */
function secondWorkspace(tenant: Tenant, name: string, tableName: string): string {
  const id = signInWorkspace.replace(/law-security$/, name);
  tenant.items(logs.logWorkspacesDataset).push({ ...structuredClone(workspace(tenant)), id, name });
  tenant.records.push({
    dataset: logs.logTablesDataset.id,
    scope: id,
    file: logs.logTablesDataset.rawFile(id),
    status: "ok",
    calls: [`GET https://management.azure.com${id}/tables?api-version=2022-10-01`],
    value: [{ id: `${id}/tables/${tableName}`, name: tableName, properties: { retentionInDays: 90, totalRetentionInDays: 90, plan: "Analytics" } }],
  });
  return id;
}

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
    ],
  },
  {
    // Microsoft Learn, "Configure data retention in a Log Analytics workspace": each table has its own
    // total retention, which takes precedence over the workspace's default; the non-interactive
    // sign-ins are an audit table of their own.
    name: "the non-interactive sign-ins table keeps 90 days",
    change: (tenant: Tenant) => {
      tables(tenant).push({
        id: `${signInWorkspace}/tables/AADNonInteractiveUserSignInLogs`,
        name: "AADNonInteractiveUserSignInLogs",
        properties: { retentionInDays: 90, totalRetentionInDays: 90, plan: "Analytics" },
      });
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AADNonInteractiveUserSignInLogs 90 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "a table that follows the workspace default keeps the workspace's retention",
    change: (tenant: Tenant) => {
      const signIns = tables(tenant).find((table) => table.name === "SigninLogs")!;
      signIns.properties.totalRetentionInDays = -1;
      signIns.properties.retentionInDays = -1;
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): SigninLogs 90 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "a workspace that receives no audit data is not judged",
    change: (tenant: Tenant) => {
      const scratch = `${signInWorkspace.replace(/law-security$/, "law-scratch")}`;
      tenant.items(logs.logWorkspacesDataset).push({
        ...structuredClone(workspace(tenant)),
        id: scratch,
        name: "law-scratch",
        properties: { ...workspace(tenant).properties, retentionInDays: 30 },
      });
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
      {
        status: "not_applicable",
        message:
          "Workspace law-scratch in subscription Example Subscription receives no audit data: no collected diagnostic setting sends logs to it, and the configuration names it for no sign-in logs.",
      },
    ],
  },
  {
    name: "workspace kept 30 days",
    change: (tenant: Tenant) => {
      workspace(tenant).properties.retentionInDays = 30;
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "an audit table kept two years",
    change: (tenant: Tenant) => {
      tables(tenant).find((table) => table.name === "SigninLogs")!.properties.totalRetentionInDays = 730;
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): SigninLogs 730 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "a shorter policy is configured",
    change: (tenant: Tenant) => {
      tables(tenant).find((table) => table.name === "SigninLogs")!.properties.totalRetentionInDays = 730;
      tenant.settings.auditLogRetentionDays = 365;
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 365 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 730 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "total retention not reported",
    change: (tenant: Tenant) => {
      delete tables(tenant).find((table) => table.name === "AuditLogs")!.properties.totalRetentionInDays;
    },
    expected: [
      {
        status: "error",
        message: "The retention of workspace law-security is partly unknown: neither the table nor the workspace reported the total retention of AuditLogs.",
      },
    ],
  },
  {
    name: "no workspace",
    change: (tenant: Tenant) => {
      tenant.items(logs.logWorkspacesDataset).splice(0, 1);
    },
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no Log Analytics workspace." }],
  },
  {
    name: "tables unavailable",
    change: (tenant: Tenant) => tenant.fail(logs.logTablesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Retention of the tables of workspace law-security could not be evaluated because the evidence "Log Analytics tables and their retention" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "a workspace that receives no audit data is judged all the same when a diagnostic setting could not be read",
    change: (tenant: Tenant) => {
      const scratch = `${signInWorkspace.replace(/law-security$/, "law-scratch")}`;
      tenant.items(logs.logWorkspacesDataset).push({
        ...structuredClone(workspace(tenant)),
        id: scratch,
        name: "law-scratch",
        properties: { ...workspace(tenant).properties, retentionInDays: 30 },
      });
      tenant.records.push({
        dataset: logs.logTablesDataset.id,
        scope: scratch,
        file: "raw/log-analytics/law-scratch/tables.json",
        status: "ok",
        calls: [],
        value: [],
      });
      tenant.fail(vaultDiagnosticSettingsDataset, forbidden);
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
      {
        status: "not_applicable",
        message:
          "Workspace law-scratch in subscription Example Subscription holds none of the audit tables (AzureActivity, SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs, AuditLogs, AzureDiagnostics, AKVAuditLogs, StorageBlobLogs, SQLSecurityAuditEvents, AppServiceAuditLogs).",
      },
    ],
  },
  {
    name: "a table without long-term retention keeps its analytics retention",
    change: (tenant: Tenant) => {
      const audit = tables(tenant).find((table) => table.name === "AuditLogs")!;
      audit.properties.totalRetentionInDays = null;
      audit.properties.retentionInDays = 400;
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AuditLogs 400 days in total (400 analytics).",
      },
    ],
  },
  {
    name: "the Key Vault's diagnostic setting sends its audit logs to a second workspace: that workspace is judged, and keeps them 90 days",
    change: (tenant: Tenant) => {
      const keys = secondWorkspace(tenant, "law-keys", "AKVAuditLogs");
      tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties.workspaceId = keys;
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
      {
        status: "fail",
        message:
          "Workspace law-keys in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AKVAuditLogs 90 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "a second workspace the configuration names for sign-in logs, and no diagnostic setting does, is judged, and keeps them 90 days",
    change: (tenant: Tenant) => {
      const signIns = secondWorkspace(tenant, "law-signins", "SigninLogs");
      tenant.records.push({
        dataset: signInWorkspaceDataset.id,
        scope: signIns,
        file: signInWorkspaceDataset.rawFile(signIns),
        status: "ok",
        calls: [`GET https://management.azure.com${signIns}?api-version=2022-10-01`],
        value: [{ id: signIns, name: "law-signins", properties: { customerId: "b5e1c0de-0000-4000-8000-00000000000b", retentionInDays: 90 } }],
      });
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
      {
        status: "fail",
        message:
          "Workspace law-signins in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): SigninLogs 90 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "a second vault whose diagnostic settings could not be read, the first's read: a workspace that receives no audit data is judged all the same",
    change: (tenant: Tenant) => {
      secondWorkspace(tenant, "law-scratch", "AzureActivity");
      const otherVault = vaultId.replace(/[^/]+$/, "kv-records");
      tenant.records.push({
        dataset: vaultDiagnosticSettingsDataset.id,
        scope: otherVault,
        file: vaultDiagnosticSettingsDataset.rawFile(otherVault),
        status: "error",
        error: forbidden,
      });
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (90 analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
      {
        status: "fail",
        message:
          "Workspace law-scratch in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 90 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "workspaces unavailable",
    change: (tenant: Tenant) => tenant.fail(logs.logWorkspacesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Log retention in subscription Example Subscription could not be evaluated because the evidence "Log Analytics workspaces" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    // Microsoft Learn, "Configure data retention in a Log Analytics workspace": a table's retentionInDays
    // of -1 follows the workspace's default; its own totalRetentionInDays still applies.
    name: "a table with its own total whose analytics retention follows a workspace default the workspace does not report: the total decides, the analytics part unknown",
    change: (tenant: Tenant) => {
      tables(tenant).find((table) => table.name === "SigninLogs")!.properties.retentionInDays = -1;
      delete workspace(tenant).properties.retentionInDays;
    },
    expected: [
      {
        status: "pass",
        message:
          "Workspace law-security in subscription Example Subscription keeps every audit table at least 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AzureActivity 2191 days in total (90 analytics), SigninLogs 2191 days in total (? analytics), AuditLogs 2191 days in total (90 analytics), AKVAuditLogs 2191 days in total (90 analytics).",
      },
    ],
  },
  {
    // Microsoft Learn, "Tables - Create Or Update": a total of -1 defaults to the table's retentionInDays,
    // and a retentionInDays of -1 to the workspace's retention, which here is null.
    name: "a table following a workspace default the workspace reports as null: unknown",
    change: (tenant: Tenant) => {
      const audit = tables(tenant).find((table) => table.name === "AuditLogs")!;
      audit.properties.totalRetentionInDays = -1;
      audit.properties.retentionInDays = -1;
      workspace(tenant).properties.retentionInDays = null;
    },
    expected: [
      {
        status: "error",
        message: "The retention of workspace law-security is partly unknown: neither the table nor the workspace reported the total retention of AuditLogs.",
      },
    ],
  },
  {
    // Microsoft Learn, "Tables - Create Or Update": "Setting this property [totalRetentionInDays] to -1 will
    // default to retentionInDays", the table's own analytics retention, not the workspace's.
    name: "a table whose total follows its own analytics retention of 400 days keeps 400 in total, not the workspace's 90",
    change: (tenant: Tenant) => {
      const audit = tables(tenant).find((table) => table.name === "AuditLogs")!;
      audit.properties.totalRetentionInDays = -1;
      audit.properties.retentionInDays = 400;
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 1 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): AuditLogs 400 days in total (400 analytics).",
      },
    ],
  },
  {
    name: "two tables short: both are named",
    change: (tenant: Tenant) => {
      for (const name of ["SigninLogs", "AuditLogs"]) tables(tenant).find((table) => table.name === name)!.properties.totalRetentionInDays = 365;
    },
    expected: [
      {
        status: "fail",
        message:
          "Workspace law-security in subscription Example Subscription keeps 2 audit table(s) shorter than 2191 days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs): SigninLogs 365 days in total (90 analytics), AuditLogs 365 days in total (90 analytics).",
      },
    ],
  },
  {
    name: "two tables following a workspace default the workspace does not report: both unknown",
    change: (tenant: Tenant) => {
      for (const name of ["SigninLogs", "AuditLogs"]) {
        const table = tables(tenant).find((candidate) => candidate.name === name)!;
        table.properties.totalRetentionInDays = -1;
        table.properties.retentionInDays = -1;
      }
      delete workspace(tenant).properties.retentionInDays;
    },
    expected: [
      {
        status: "error",
        message:
          "The retention of workspace law-security is partly unknown: neither the table nor the workspace reported the total retention of SigninLogs, AuditLogs.",
      },
    ],
  },
]);
