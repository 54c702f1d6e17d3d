import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armGet, armList, defineCollector } from "./collector.js";
import { collectDiagnostics, DiagnosticCategorySchema, DiagnosticSettingSchema } from "./shared/diagnostic-settings.js";

/**
 * Azure SQL logical servers per subscription and how they audit: the server auditing policy, and the
 * diagnostic settings of the master database, which is where server audit records are routed to Log
 * Analytics or an event hub (a server itself has no log categories). `@azure/arm-sql` is a 36 MB
 * client for three GETs, so the calls go through an installed SDK client's pipeline instead.
 */

const sqlApiVersion = "2023-08-01";

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
});

export const sqlAuditingDataset = defineDataset({
  id: "sql/auditing-settings",
  collector: "sql",
  title: "SQL server auditing policy",
  scope: "resource",
  item: SqlAuditingSettingsSchema,
  permission: "Microsoft.Sql/servers/auditingSettings/read (Reader)",
});

export const masterDiagnosticSettingsDataset = defineDataset({
  id: "sql/master-diagnostic-settings",
  collector: "sql",
  title: "Diagnostic settings of the master database (where server audit records go)",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Sql/servers/databases/providers/Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
});

export const masterDiagnosticCategoriesDataset = defineDataset({
  id: "sql/master-diagnostic-categories",
  collector: "sql",
  title: "Master database log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
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

export const sqlCollector = defineCollector({
  id: "sql",
  title: "Azure SQL",
  datasets: [sqlServersDataset, sqlAuditingDataset, masterDiagnosticSettingsDataset, masterDiagnosticCategoriesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`sql: servers and their auditing in ${subscription.displayName}`);
      const folder = `raw/sql/${subscription.subscriptionId}`;
      const servers = await context.collect({
        dataset: sqlServersDataset,
        scope: subscription.scope,
        file: `${folder}/servers.json`,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Sql/servers?api-version=${sqlApiVersion}`),
      });
      if (servers.status !== "ok") continue;
      for (const server of servers.value.map((item) => SqlServerSchema.parse(item))) {
        await context.collect({
          dataset: sqlAuditingDataset,
          scope: server.id,
          file: `${folder}/${server.name}/auditing-settings.json`,
          fetch: async () => [await armGet(context.access, subscription.subscriptionId, `${server.id}/auditingSettings/default?api-version=${sqlApiVersion}`)],
        });
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: masterDatabaseId(server.id),
          file: (name) => `${folder}/${server.name}/master-${name}.json`,
          settings: masterDiagnosticSettingsDataset,
          categories: masterDiagnosticCategoriesDataset,
        });
      }
    }
  },
});
