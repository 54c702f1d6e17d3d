import { auditTables, logTablesDataset, logWorkspacesDataset } from "../datasets/log-analytics.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { forEachListed } from "./support/listing.js";

/** Interactive retention below this cannot support an investigation of last quarter's events. */
const minimumAnalyticsDays = 90;

export const check = defineCheck({
  id: "log-analytics-retention",
  title: "Log Analytics workspaces keep data at least 90 days interactively, and the audit tables for the configured total period",
  severity: "medium",
  requires: [logWorkspacesDataset, logTablesDataset],
  rationale:
    "Audit records are only useful while they exist: investigations reach back months, and auditors commonly expect the audit trail to be kept as long as the security documentation (six years by default here).",
  remediation: {
    text: "Set the workspace's analytics retention to at least 90 days, and the total retention (analytics plus long-term retention) of each audit table to at least the configured period.",
    portal: "Log Analytics workspaces > (workspace) > Usage and estimated costs > Data Retention; (workspace) > Tables > (table) > Manage table > Data retention settings",
    source: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
  },
  evaluate({ evidence, subscriptions, settings }) {
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
        const tables = evidence.read(logTablesDataset, workspace.id);
        if (!tables.ok) return notEvaluated(subject, `Retention of the tables of workspace ${workspace.name}`, logTablesDataset, tables);
        const days = workspace.properties.retentionInDays;
        const problems: string[] = [];
        const unknown: string[] = [];
        if (days === undefined || days === null) unknown.push("the workspace's retention");
        else if (days < minimumAnalyticsDays) problems.push(`keeps data ${days} days (at least ${minimumAnalyticsDays} expected)`);
        const audit = tables.items.filter(({ value }) => auditTables.includes(value.name));
        for (const { value } of audit) {
          const total = value.properties.totalRetentionInDays;
          if (total === undefined || total === null) unknown.push(`the total retention of ${value.name}`);
          else if (total < settings.auditLogRetentionDays) problems.push(`keeps ${value.name} ${total} days in total (${settings.auditLogRetentionDays} configured)`);
        }
        const refs = [ref, ...audit.map((table) => table.ref)];
        const tablesText = audit.length ? audit.map(({ value }) => `${value.name} ${value.properties.totalRetentionInDays ?? "?"} days`).join(", ") : "no audit table";
        if (problems.length) return { status: "fail", ...subject, message: `Workspace ${workspace.name} in subscription ${subscription.displayName} ${problems.join("; ")}.`, evidence: refs };
        if (unknown.length) {
          return {
            status: "error",
            ...subject,
            message: `The retention of workspace ${workspace.name} is partly unknown: the API did not report ${unknown.join(", ")}.`,
            evidence: refs,
            error: { call: tables.calls[0] ?? tables.file, status: 200, message: `not reported: ${unknown.join(", ")}`, reason: "incomplete-data" },
          };
        }
        return { status: "pass", ...subject, message: `Workspace ${workspace.name} in subscription ${subscription.displayName} keeps data ${days} days interactively; audit tables in total: ${tablesText}.`, evidence: refs };
      },
    );
  },
});
