import { z } from "zod";
import { QueryResponseSchema, queryWorkspace } from "../azure/log-query.js";
import { parseResourceId } from "../azure/resource-id.js";
import { defineDataset } from "../model/evidence.js";
import { armList, defineCollector, drain } from "./collector.js";
import { DiagnosticSettingSchema } from "./shared/diagnostic-settings.js";

/**
 * Where audit logs are kept and for how long: Log Analytics workspaces and their tables (analytics
 * and total retention), the records the audit tables really hold (oldest and newest, which show how
 * far back the trail reaches and that it is still arriving), and each subscription's activity-log
 * diagnostic settings.
 */

// GET /subscriptions/{s}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01
// (arm-operationalinsights 9)
export const LogWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  properties: z.object({
    customerId: z.string().nullable().optional(),
    retentionInDays: z.number().nullable().optional(),
    sku: z.object({ name: z.string().nullable().optional() }).nullable().optional(),
    /** When the workspace was created: nothing older can be in it. */
    createdDate: z.string().nullable().optional(),
  }),
});
export type LogWorkspace = z.infer<typeof LogWorkspaceSchema>;

// GET {workspace}/tables?api-version=2022-10-01 (arm-operationalinsights 9)
export const LogTableSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Interactive (analytics) retention. */
    retentionInDays: z.number().nullable().optional(),
    /** Analytics plus long-term (archive) retention. */
    totalRetentionInDays: z.number().nullable().optional(),
    plan: z.string().nullable().optional(),
    /** Whether the analytics retention follows the workspace's: a boolean, the string "True"/"False" in older answers. */
    retentionInDaysAsDefault: z.union([z.boolean(), z.string()]).nullable().optional(),
  }),
});
export type LogTable = z.infer<typeof LogTableSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview:
// the same shape as a resource's diagnostic settings, without metrics.
export const ActivityLogSettingSchema = DiagnosticSettingSchema;

export const logWorkspacesDataset = defineDataset({
  id: "log-analytics/workspaces",
  collector: "log-analytics",
  title: "Log Analytics workspaces",
  scope: "subscription",
  item: LogWorkspaceSchema,
  permission: "Microsoft.OperationalInsights/workspaces/read (Reader)",
});

export const logTablesDataset = defineDataset({
  id: "log-analytics/tables",
  collector: "log-analytics",
  title: "Log Analytics tables and their retention",
  scope: "resource",
  item: LogTableSchema,
  permission: "Microsoft.OperationalInsights/workspaces/tables/read (Reader)",
});

export const activityLogSettingsDataset = defineDataset({
  id: "log-analytics/activity-log-settings",
  collector: "log-analytics",
  title: "Activity log diagnostic settings",
  scope: "subscription",
  item: ActivityLogSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
});

export const auditRecordsDataset = defineDataset({
  id: "log-analytics/audit-records",
  collector: "log-analytics",
  title: "Records in the audit tables (count, oldest, newest)",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
});

/**
 * The tables that hold the audit trail this tool reports on: the activity log, Entra ID sign-ins and
 * directory audits, and Key Vault (and other resource) logs in both collection modes.
 */
export const auditTables = ["AzureActivity", "SigninLogs", "AuditLogs", "AzureDiagnostics", "AKVAuditLogs"];

/**
 * 4383 days (twelve years) is the longest total retention Log Analytics offers, so no record a
 * workspace still holds falls outside the window. Only the interactive part can be queried: records
 * in long-term retention are not returned, and the report says so.
 */
export const auditRecordsWindow = "P4383D";

/**
 * How many records each audit table holds, and its oldest and newest, in one query. Only tables the
 * workspace lists are named (a union over a table that does not exist fails); isfuzzy keeps one
 * unreadable table from failing the rest, and the SDK reports that as a partial result.
 */
export function auditRecordsQuery(tables: readonly string[]): string {
  return `union isfuzzy=true ${tables.join(", ")} | summarize records = count(), oldest = min(TimeGenerated), newest = max(TimeGenerated) by Type`;
}

export const logAnalyticsCollector = defineCollector({
  id: "log-analytics",
  title: "Log Analytics retention and activity-log export",
  datasets: [logWorkspacesDataset, logTablesDataset, auditRecordsDataset, activityLogSettingsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`log-analytics: workspaces and activity log export in ${subscription.displayName}`);
      const folder = `raw/log-analytics/${subscription.subscriptionId}`;
      const client = context.access.logAnalytics(subscription.subscriptionId);
      await context.collect({
        dataset: activityLogSettingsDataset,
        scope: subscription.scope,
        file: `${folder}/activity-log-settings.json`,
        // arm-monitor 7 reads these at 2017-05-01-preview, which predates category groups.
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`),
      });
      const workspaces = await context.collect({
        dataset: logWorkspacesDataset,
        scope: subscription.scope,
        file: `${folder}/workspaces.json`,
        fetch: () => drain(client.workspaces.list()),
      });
      if (workspaces.status !== "ok") continue;
      for (const workspace of workspaces.value.map((item) => LogWorkspaceSchema.parse(item))) {
        const resourceGroup = parseResourceId(workspace.id)?.resourceGroup ?? "";
        // A workspace's name is unique only within its resource group, so the group names its folder too.
        const place = `${folder}/workspaces/${resourceGroup}/${workspace.name}`;
        const tables = await context.collect({
          dataset: logTablesDataset,
          scope: workspace.id,
          file: `${place}/tables.json`,
          fetch: () => drain(client.tables.listByWorkspace(resourceGroup, workspace.name)),
        });
        const customerId = workspace.properties.customerId;
        if (tables.status !== "ok" || !customerId) continue;
        const present = tables.value.map((item) => LogTableSchema.parse(item).name).filter((name) => auditTables.includes(name));
        if (present.length === 0) continue;
        context.progress.step(`log-analytics: audit records in workspace ${workspace.name}`);
        await context.collect({
          dataset: auditRecordsDataset,
          scope: workspace.id,
          file: `${place}/audit-records.json`,
          fetch: () => queryWorkspace(context.access, customerId, auditRecordsQuery(present), auditRecordsWindow),
        });
      }
    }
  },
});
