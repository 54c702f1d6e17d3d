import { signInWorkspaceDataset } from "../datasets/entra-sign-ins.js";
import { auditTables, logTablesDataset, logWorkspacesDataset } from "../datasets/log-analytics.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { forEachListed } from "./support/listing.js";
import { analyticsDays, totalDays } from "./support/log-analytics.js";
import { logDestinations, logSourceDatasets } from "./support/log-routes.js";

export const check = defineCheck({
  id: "log-analytics-retention",
  title: "Each audit table of a workspace that receives audit data keeps it, in total, as long as the organisation's policy says",
  severity: "medium",
  requires: [logWorkspacesDataset, logTablesDataset],
  // Which workspaces receive audit data: where the diagnostic settings send it, and the configured sign-in workspaces.
  alsoReads: [...logSourceDatasets.map(({ dataset }) => dataset), signInWorkspaceDataset],
  rationale:
    "Audit records are only useful while they exist. Each table keeps its own retention, which takes precedence over the workspace's default, so each audit table (the activity log, Entra ID sign-ins of every kind and directory audits, Key Vault, storage, SQL and App Service audit logs) is judged by its own total retention, analytics plus long-term (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure). The Security Rule sets no retention period for logs; the period is the organisation's policy, checks.auditLogRetentionDays in the configuration (six years, 2191 days, by default: beyond two years Log Analytics accepts only whole years).",
  remediation: {
    text: "Set the total retention (analytics plus long-term retention) of each audit table to at least the organisation's configured period; beyond 730 days Log Analytics accepts only whole years (1095, 1460, 1826, 2191, ...).",
    portal: "Log Analytics workspaces > (workspace) > Tables > (table) > Manage table > Data retention settings: Total retention period",
    source: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
  },
  evaluate({ evidence, subscriptions, settings }) {
    // A workspace receives audit data when a diagnostic setting sends logs to it or the configuration
    // names it for sign-in logs. Where a setting could not be read, every workspace is judged.
    const receiving = new Set([
      ...logDestinations(evidence, subscriptions)
        .filter(({ destination }) => destination.kind === "workspace")
        .map(({ destination }) => destination.id.toLowerCase()),
      ...evidence.scopesOf(signInWorkspaceDataset).map((scope) => scope.toLowerCase()),
    ]);
    const routesComplete = logSourceDatasets.every(({ dataset }) => evidence.scopesOf(dataset).every((scope) => evidence.read(dataset, scope).ok));
    const required = settings.auditLogRetentionDays;
    const policy = `${required} days, the organisation's policy (checks.auditLogRetentionDays in the configuration; the Security Rule sets no retention period for logs)`;
    return forEachListed(
      evidence,
      subscriptions,
      logWorkspacesDataset,
      {
        unavailable: (subscription) => `Log retention in subscription ${subscription.displayName}`,
        none: (subscription) => `Subscription ${subscription.displayName} holds no Log Analytics workspace.`,
      },
      ({ value: workspace, ref }, subscription): CheckOutcome => {
        const subject = { resourceId: workspace.id, resourceName: workspace.name };
        const label = `Workspace ${workspace.name} in subscription ${subscription.displayName}`;
        if (routesComplete && !receiving.has(workspace.id.toLowerCase())) {
          return {
            status: "not_applicable",
            ...subject,
            message: `${label} receives no audit data: no collected diagnostic setting sends logs to it, and the configuration names it for no sign-in logs.`,
            evidence: [ref],
          };
        }
        const tables = evidence.read(logTablesDataset, workspace.id);
        if (!tables.ok) return notEvaluated(subject, `Retention of the tables of workspace ${workspace.name}`, logTablesDataset, tables);
        const audit = tables.items.filter(({ value }) => auditTables.includes(value.name));
        const refs = [ref, ...audit.map((table) => table.ref)];
        if (audit.length === 0) {
          return {
            status: "not_applicable",
            ...subject,
            message: `${label} holds none of the audit tables (${auditTables.join(", ")}).`,
            evidence: [ref, { file: tables.file, pointer: "/value" }],
          };
        }
        const short: string[] = [];
        const kept: string[] = [];
        const unknown: string[] = [];
        for (const { value: table } of audit) {
          const total = totalDays(table, workspace);
          const analytics = analyticsDays(table, workspace);
          const described = `${table.name} ${total ?? "?"} days in total (${analytics ?? "?"} analytics)`;
          if (total === undefined) unknown.push(table.name);
          else if (total < required) short.push(described);
          else kept.push(described);
        }
        if (short.length > 0) {
          return {
            status: "fail",
            ...subject,
            message: `${label} keeps ${short.length} audit table(s) shorter than ${policy}: ${short.join(", ")}.`,
            evidence: refs,
          };
        }
        if (unknown.length > 0) {
          return {
            status: "error",
            ...subject,
            message: `The retention of workspace ${workspace.name} is partly unknown: neither the table nor the workspace reported the total retention of ${unknown.join(", ")}.`,
            evidence: refs,
            error: {
              call: tables.calls[0] ?? tables.file,
              status: 200,
              message: `not reported: the total retention of ${unknown.join(", ")}`,
              reason: "incomplete-data",
            },
          };
        }
        return { status: "pass", ...subject, message: `${label} keeps every audit table at least ${policy}: ${kept.join(", ")}.`, evidence: refs };
      },
    );
  },
});
