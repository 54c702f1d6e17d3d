import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticCategorySchema, DiagnosticSettingSchema } from "./diagnostic-settings.js";
import { recordFile } from "./raw-files.js";

// GET /subscriptions/{s}/providers/Microsoft.Sql/servers?api-version=2023-08-01
export const SqlServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  properties: z.object({ fullyQualifiedDomainName: z.string().nullable().optional() }),
});
export type SqlServer = z.infer<typeof SqlServerSchema>;

// GET {server}/auditingSettings/default?api-version=2023-08-01 (ServerBlobAuditingPolicies_Get)
export const SqlAuditingSettingsSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  properties: z.object({
    /** "Enabled" or "Disabled"; enabled auditing needs storageEndpoint or isAzureMonitorTargetEnabled. */
    state: z.string().nullable().optional(),
    /** Blob endpoint of the storage account receiving audit files; "" when none. */
    storageEndpoint: z.string().nullable().optional(),
    /** Days audit files are kept in that storage account; 0 keeps them without limit. */
    retentionDays: z.number().nullable().optional(),
    /** Audit records go to Azure Monitor, routed by a diagnostic setting of the master database. */
    isAzureMonitorTargetEnabled: z.boolean().nullable().optional(),
    auditActionsAndGroups: z.array(z.string()).nullable().optional(),
  }),
});
export type SqlAuditingSettings = z.infer<typeof SqlAuditingSettingsSchema>;

export const sqlServersDataset = defineDataset({
  id: "sql/servers",
  collector: "sql",
  title: "Azure SQL servers",
  scope: "subscription",
  item: SqlServerSchema,
  permission: "Microsoft.Sql/servers/read (Reader)",
  rawFile: recordFile("sql", "servers.json"),
});

export const sqlAuditingDataset = defineDataset({
  id: "sql/auditing-settings",
  collector: "sql",
  title: "SQL server auditing policy",
  scope: "resource",
  item: SqlAuditingSettingsSchema,
  permission: "Microsoft.Sql/servers/auditingSettings/read (Reader)",
  rawFile: recordFile("sql", "auditing-settings.json"),
});

export const masterDiagnosticSettingsDataset = defineDataset({
  id: "sql/master-diagnostic-settings",
  collector: "sql",
  title: "Diagnostic settings of the master database (where server audit records go)",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Sql/servers/databases/providers/Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
  rawFile: recordFile("sql", "master-diagnostic-settings.json"),
});

export const masterDiagnosticCategoriesDataset = defineDataset({
  id: "sql/master-diagnostic-categories",
  collector: "sql",
  title: "Master database log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
  rawFile: recordFile("sql", "master-diagnostic-categories.json"),
});

/** The storage account an auditing policy's blob endpoint names: "https://staudit.blob.core.windows.net/" → "staudit". */
export function auditStorageAccount(endpoint: string): string {
  try {
    return new URL(endpoint).hostname.split(".")[0] ?? endpoint;
  } catch {
    return endpoint;
  }
}

/** The master database of a server: its diagnostic settings carry the server's audit records. */
export function masterDatabaseId(serverId: string): string {
  return `${serverId}/databases/master`;
}
