import { check } from "../../src/checks/log-analytics-retention.js";
import * as logs from "../../src/datasets/log-analytics.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, signInWorkspace, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const workspace = (tenant: Tenant): Raw => tenant.items(logs.logWorkspacesDataset)[0]!;
const tables = (tenant: Tenant): Raw[] => tenant.items(logs.logTablesDataset, signInWorkspace);

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "Workspace law-security in subscription Example Subscription keeps data 90 days interactively; audit tables in total: AzureActivity 2192 days, SigninLogs 2192 days, AuditLogs 2192 days, AKVAuditLogs 2192 days." },
    ],
  },
  {
    name: "workspace kept 30 days",
    change: (tenant: Tenant) => { workspace(tenant).properties.retentionInDays = 30; },
    expected: [
      { status: "fail", message: "Workspace law-security in subscription Example Subscription keeps data 30 days (at least 90 expected)." },
    ],
  },
  {
    name: "an audit table kept two years",
    change: (tenant: Tenant) => { tables(tenant).find((table) => table.name === "SigninLogs")!.properties.totalRetentionInDays = 730; },
    expected: [
      { status: "fail", message: "Workspace law-security in subscription Example Subscription keeps SigninLogs 730 days in total (2192 configured)." },
    ],
  },
  {
    name: "a shorter policy is configured",
    change: (tenant: Tenant) => { tables(tenant).find((table) => table.name === "SigninLogs")!.properties.totalRetentionInDays = 730; tenant.settings.auditLogRetentionDays = 365; },
    expected: [
      { status: "pass", message: "Workspace law-security in subscription Example Subscription keeps data 90 days interactively; audit tables in total: AzureActivity 2192 days, SigninLogs 730 days, AuditLogs 2192 days, AKVAuditLogs 2192 days." },
    ],
  },
  {
    name: "total retention not reported",
    change: (tenant: Tenant) => { delete tables(tenant).find((table) => table.name === "AuditLogs")!.properties.totalRetentionInDays; },
    expected: [
      { status: "error", message: "The retention of workspace law-security is partly unknown: the API did not report the total retention of AuditLogs." },
    ],
  },
  {
    name: "no workspace",
    change: (tenant: Tenant) => { tenant.items(logs.logWorkspacesDataset).splice(0, 1); },
    expected: [
      { status: "not_applicable", message: "Subscription Example Subscription holds no Log Analytics workspace." },
    ],
  },
  {
    name: "tables unavailable",
    change: (tenant: Tenant) => tenant.fail(logs.logTablesDataset, forbidden),
    expected: [
      { status: "error", message: "Retention of the tables of workspace law-security could not be evaluated because the evidence \"Log Analytics tables and their retention\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
]);
