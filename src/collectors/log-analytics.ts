import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armList, defineCollector } from "./collector.js";
import { DiagnosticSettingSchema } from "./key-vault.js";

/**
 * Where audit logs are kept and for how long: Log Analytics workspaces and their tables (analytics
 * and total retention), and each subscription's activity-log diagnostic settings.
 */

// GET /subscriptions/{s}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01
export const LogWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  properties: z.object({
    customerId: z.string().nullable().optional(),
    retentionInDays: z.number().nullable().optional(),
    sku: z.object({ name: z.string().nullable().optional() }).nullable().optional(),
  }),
});
export type LogWorkspace = z.infer<typeof LogWorkspaceSchema>;

// GET {workspace}/tables?api-version=2022-10-01
export const LogTableSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Interactive (analytics) retention. */
    retentionInDays: z.number().nullable().optional(),
    /** Analytics plus long-term (archive) retention. */
    totalRetentionInDays: z.number().nullable().optional(),
    plan: z.string().nullable().optional(),
    retentionInDaysAsDefault: z.boolean().nullable().optional(),
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

/** The tables that hold the audit trail this tool reports on. */
export const auditTables = ["AzureActivity", "SigninLogs", "AuditLogs", "AzureDiagnostics", "AKVAuditLogs"];

export const logAnalyticsCollector = defineCollector({
  id: "log-analytics",
  title: "Log Analytics retention and activity-log export",
  datasets: [logWorkspacesDataset, logTablesDataset, activityLogSettingsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`log-analytics: workspaces and activity log export in ${subscription.displayName}`);
      const folder = `raw/log-analytics/${subscription.subscriptionId}`;
      const list = (path: string) => () => armList(context.access, subscription.subscriptionId, path);
      await context.collect({
        dataset: activityLogSettingsDataset,
        scope: subscription.scope,
        file: `${folder}/activity-log-settings.json`,
        fetch: list(`${subscription.scope}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`),
      });
      const workspaces = await context.collect({
        dataset: logWorkspacesDataset,
        scope: subscription.scope,
        file: `${folder}/workspaces.json`,
        fetch: list(`${subscription.scope}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01`),
      });
      if (workspaces.status !== "ok") continue;
      for (const workspace of workspaces.value.map((item) => LogWorkspaceSchema.parse(item))) {
        await context.collect({
          dataset: logTablesDataset,
          scope: workspace.id,
          file: `${folder}/tables/${workspace.name}.json`,
          fetch: list(`${workspace.id}/tables?api-version=2022-10-01`),
        });
      }
    }
  },
});
