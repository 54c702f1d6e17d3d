import { queryWorkspace } from "../azure/log-query.js";
import {
  auditRecordsDataset,
  auditTables,
  activityLogSettingsDataset,
  LogTableSchema,
  logTablesDataset,
  LogWorkspaceSchema,
  logWorkspacesDataset,
  sentinelAlertRulesDataset,
  sentinelOnboardingDataset,
} from "../datasets/log-analytics.js";
import { parseResourceId } from "../datasets/resource-id.js";
import { armList, defineCollector, drain } from "./collector.js";

/** Microsoft Sentinel's current stable SecurityInsights api-version. */
const securityInsightsApiVersion = "2024-09-01";

/**
 * Where audit logs are kept and for how long: each subscription's activity-log diagnostic settings,
 * Log Analytics workspaces and their tables, and one query per workspace for the records the audit
 * tables really hold. Where a workspace has Microsoft Sentinel, its analytics rules too.
 */

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
  datasets: [logWorkspacesDataset, logTablesDataset, auditRecordsDataset, activityLogSettingsDataset, sentinelOnboardingDataset, sentinelAlertRulesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`log-analytics: workspaces and activity log export in ${subscription.displayName}`);
      const client = context.access.logAnalytics(subscription.subscriptionId);
      await context.collect({
        dataset: activityLogSettingsDataset,
        scope: subscription.scope,
        // arm-monitor 7 reads these at 2017-05-01-preview, which predates category groups.
        fetch: () =>
          armList(
            context.access,
            subscription.subscriptionId,
            `${subscription.scope}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
          ),
      });
      const workspaces = await context.collect({
        dataset: logWorkspacesDataset,
        scope: subscription.scope,
        fetch: () => drain(client.workspaces.list()),
      });
      if (workspaces.status !== "ok") continue;
      for (const workspace of workspaces.value.map((item) => LogWorkspaceSchema.parse(item))) {
        const resourceGroup = parseResourceId(workspace.id)?.resourceGroup ?? "";
        // A workspace's name is unique only within its resource group, so the group names its folder too.
        const tables = await context.collect({
          dataset: logTablesDataset,
          scope: workspace.id,
          fetch: () => drain(client.tables.listByWorkspace(resourceGroup, workspace.name)),
        });
        const customerId = workspace.properties.customerId;
        const present = tables.status === "ok" ? tables.value.map((item) => LogTableSchema.parse(item).name).filter((name) => auditTables.includes(name)) : [];
        if (customerId && present.length > 0) {
          context.progress.step(`log-analytics: audit records in workspace ${workspace.name}`);
          await context.collect({
            dataset: auditRecordsDataset,
            scope: workspace.id,
            fetch: () => queryWorkspace(context.access, customerId, auditRecordsQuery(present), auditRecordsWindow),
          });
        }
        // Microsoft Sentinel's analytics rules are read only where the workspace has Sentinel.
        const sentinel = `${workspace.id}/providers/Microsoft.SecurityInsights`;
        const onboarding = await context.collect({
          dataset: sentinelOnboardingDataset,
          scope: workspace.id,
          fetch: () => armList(context.access, subscription.subscriptionId, `${sentinel}/onboardingStates?api-version=${securityInsightsApiVersion}`),
        });
        if (onboarding.status !== "ok" || onboarding.value.length === 0) continue;
        await context.collect({
          dataset: sentinelAlertRulesDataset,
          scope: workspace.id,
          fetch: () => armList(context.access, subscription.subscriptionId, `${sentinel}/alertRules?api-version=${securityInsightsApiVersion}`),
        });
      }
    }
  },
});
