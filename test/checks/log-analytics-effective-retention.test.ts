import { check } from "../../src/checks/log-analytics-effective-retention.js";
import * as logs from "../../src/datasets/log-analytics.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, signInWorkspace, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const rows = (tenant: Tenant): unknown[][] => tenant.items(logs.auditRecordsDataset, signInWorkspace)[0]!.tables[0].rows;
const row = (tenant: Tenant, table: string): unknown[] => rows(tenant).find((candidate) => candidate[0] === table)!;
const tables = (tenant: Tenant): Raw[] => tenant.items(logs.logTablesDataset, signInWorkspace);
const workspace = (tenant: Tenant): Raw => tenant.items(logs.logWorkspacesDataset)[0]!;
const label = "Workspace law-security in subscription Example Subscription";
const good =
  "AzureActivity 89 of 90 days (2026-08-22 to 2026-11-20), SigninLogs 89 of 90 days (2026-08-22 to 2026-11-20), AuditLogs 89 of 90 days (2026-08-23 to 2026-11-19), AKVAuditLogs 89 of 90 days (2026-08-22 to 2026-11-20)";

checkTable(check, [
  {
    name: "every audit table reaches back to its retention and is fresh",
    expected: [{ status: "pass", message: `${label} holds audit records as far back as it keeps them: ${good}.` }],
  },
  {
    name: "the activity log reaches back only 20 days of 90",
    change: (tenant) => {
      row(tenant, "AzureActivity")[2] = "2026-10-31T09:00:00Z";
    },
    expected: [{ status: "fail", message: `${label}: AzureActivity reaches back only 20 days (oldest record 2026-10-31) although 90 days are kept.` }],
  },
  {
    name: "a workspace created 20 days ago cannot hold more",
    change: (tenant) => {
      row(tenant, "AzureActivity")[2] = "2026-10-31T09:00:00Z";
      workspace(tenant).properties.createdDate = "2026-10-31T08:00:00Z";
    },
    expected: [
      {
        status: "pass",
        message: `${label} holds audit records as far back as it keeps them: ${good.replace("AzureActivity 89 of 90 days (2026-08-22", "AzureActivity 20 of 90 days (2026-10-31")}.`,
      },
    ],
  },
  {
    name: "a week short is within tolerance",
    change: (tenant) => {
      row(tenant, "AuditLogs")[2] = "2026-08-29T09:00:00Z";
    },
    expected: [
      {
        status: "pass",
        message: `${label} holds audit records as far back as it keeps them: ${good.replace("AuditLogs 89 of 90 days (2026-08-23", "AuditLogs 83 of 90 days (2026-08-29")}.`,
      },
    ],
  },
  {
    name: "sign-in records stopped arriving ten days ago",
    change: (tenant) => {
      row(tenant, "SigninLogs")[3] = "2026-11-10T10:00:00Z";
    },
    expected: [{ status: "fail", message: `${label}: SigninLogs has had no new record for 10 days (newest 2026-11-10).` }],
  },
  {
    name: "a table kept longer than the workspace default, with its own retention",
    change: (tenant) => {
      tables(tenant).find((table) => table.name === "AzureActivity")!.properties.retentionInDays = 365;
    },
    expected: [{ status: "fail", message: `${label}: AzureActivity reaches back only 89 days (oldest record 2026-08-22) although 365 days are kept.` }],
  },
  {
    name: "a table following the workspace default (-1)",
    change: (tenant) => {
      tables(tenant).find((table) => table.name === "AzureActivity")!.properties.retentionInDays = -1;
      workspace(tenant).properties.retentionInDays = 30;
    },
    // Records older than the retention are not a gap in the trail; the sentence shows them as found.
    expected: [
      {
        status: "pass",
        message: `${label} holds audit records as far back as it keeps them: ${good.replace("AzureActivity 89 of 90 days", "AzureActivity 89 of 30 days")}.`,
      },
    ],
  },
  {
    name: "retention of a table and of the workspace unreported",
    change: (tenant) => {
      delete tables(tenant).find((table) => table.name === "SigninLogs")!.properties.retentionInDays;
      delete workspace(tenant).properties.retentionInDays;
    },
    expected: [
      {
        status: "error",
        message:
          "Whether the audit records of workspace law-security reach back as far as kept is unknown: the API did not report the retention of SigninLogs.",
      },
    ],
  },
  {
    name: "a table without records is named, not judged",
    change: (tenant) => {
      rows(tenant).splice(rows(tenant).indexOf(row(tenant, "AKVAuditLogs")), 1);
    },
    expected: [
      {
        status: "pass",
        message: `${label} holds audit records as far back as it keeps them: ${good.replace(", AKVAuditLogs 89 of 90 days (2026-08-22 to 2026-11-20)", "")}; no records in AKVAuditLogs.`,
      },
    ],
  },
  {
    name: "a row without a valid time is unreadable, not an empty table",
    change: (tenant) => {
      row(tenant, "SigninLogs")[2] = "yesterday";
    },
    expected: [
      {
        status: "error",
        message: "The audit records of workspace law-security could not be read: 1 row(s) of the query's answer lack a table name, a count or valid times.",
      },
    ],
  },
  {
    name: "no record in any audit table",
    change: (tenant) => {
      rows(tenant).splice(0);
    },
    expected: [
      {
        status: "not_applicable",
        message: `${label} holds no record in its audit tables (AzureActivity, SigninLogs, AuditLogs, AKVAuditLogs), so it is not where audit logs are kept.`,
      },
    ],
  },
  {
    name: "no audit table in the workspace",
    change: (tenant) => {
      tables(tenant).splice(0, 4);
    },
    expected: [
      {
        status: "not_applicable",
        message:
          "Workspace law-security in subscription Example Subscription has none of the audit tables (AzureActivity, SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs, AuditLogs, AzureDiagnostics, AKVAuditLogs, StorageBlobLogs, SQLSecurityAuditEvents, AppServiceAuditLogs).",
      },
    ],
  },
  {
    name: "the records query returned a partial result",
    change: (tenant) =>
      tenant.fail(logs.auditRecordsDataset, {
        call: "POST https://api.loganalytics.io/v1/workspaces/b5e1c0de-0000-4000-8000-00000000000a/query",
        status: 200,
        message: "the query returned a partial result: There were some errors when processing your query.",
        reason: "incomplete-data",
      }),
    expected: [
      {
        status: "error",
        message:
          'Audit records of workspace law-security could not be evaluated because the evidence "Records in the audit tables (count, oldest, newest)" is unavailable: POST https://api.loganalytics.io/v1/workspaces/b5e1c0de-0000-4000-8000-00000000000a/query returned HTTP 200 (the query returned a partial result: There were some errors when processing your query.).',
      },
    ],
  },
  {
    name: "the query refused",
    change: (tenant) => tenant.fail(logs.auditRecordsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Audit records of workspace law-security could not be evaluated because the evidence "Records in the audit tables (count, oldest, newest)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "no workspace",
    change: (tenant) => tenant.items(logs.logWorkspacesDataset).splice(0),
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no Log Analytics workspace." }],
  },
]);
