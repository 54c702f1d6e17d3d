import { queryRows } from "../datasets/log-query-rows.js";
import { auditRecordsDataset, auditTables, logTablesDataset, logWorkspacesDataset } from "../datasets/log-analytics.js";
import type { CallError } from "../model/call-error.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { forEachListed } from "./support/listing.js";
import { analyticsDays, recordsByTable } from "./support/log-analytics.js";

const day = 24 * 60 * 60 * 1000;

/**
 * Records of a quiet table can start a few days short of the retention limit, and Log Analytics
 * removes expired data in daily batches; a week either way is not a gap.
 */
const reachToleranceDays = 7;

/** Audit tables fill every day in a tenant in use; a week without a record means the flow stopped. */
const arrivalDays = 7;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export const check = defineCheck({
  id: "log-analytics-effective-retention",
  title: "The audit tables really hold records as far back as their retention, and records still arrive",
  severity: "medium",
  requires: [logWorkspacesDataset, logTablesDataset, auditRecordsDataset],
  rationale:
    "A retention setting is a promise; the records themselves show whether the audit trail reaches back that far (logging may have started late, or data been purged) and whether it is still being written.",
  remediation: {
    text: "Find why records are missing: when each diagnostic setting was created, whether data was purged, whether ingestion stopped (a daily cap or a removed setting; the workspace's Operation table records ingestion stops). Restore the flow, and record the gap and its cause for the auditor.",
    portal: 'Log Analytics workspaces > (workspace) > Logs: _LogOperation | where Category == "Ingestion"',
    source: "https://learn.microsoft.com/azure/azure-monitor/logs/monitor-workspace",
  },
  evaluate({ evidence, subscriptions, collectedAt }) {
    return forEachListed(
      evidence,
      subscriptions,
      logWorkspacesDataset,
      {
        unavailable: (subscription) => `Audit records in the workspaces of subscription ${subscription.displayName}`,
        none: (subscription) => `Subscription ${subscription.displayName} holds no Log Analytics workspace.`,
      },
      ({ value: workspace, ref }, subscription): CheckOutcome => {
        const subject = { resourceId: workspace.id, resourceName: workspace.name };
        const label = `Workspace ${workspace.name} in subscription ${subscription.displayName}`;
        const tables = evidence.read(logTablesDataset, workspace.id);
        if (!tables.ok) return notEvaluated(subject, `Audit records of workspace ${workspace.name}`, logTablesDataset, tables);
        const audit = tables.items.filter(({ value }) => auditTables.includes(value.name));
        if (audit.length === 0) {
          return {
            status: "not_applicable",
            ...subject,
            message: `${label} has none of the audit tables (${auditTables.join(", ")}).`,
            evidence: [ref, { file: tables.file, pointer: "/value" }],
          };
        }
        const records = evidence.read(auditRecordsDataset, workspace.id);
        if (!records.ok) return notEvaluated(subject, `Audit records of workspace ${workspace.name}`, auditRecordsDataset, records);
        const { byTable: held, unreadable } = recordsByTable(records.items.flatMap(({ value }) => queryRows(value)));
        const refs = [ref, ...audit.map((table) => table.ref), ...records.items.map((item) => item.ref)];
        if (unreadable > 0) {
          const error: CallError = {
            call: records.calls[0] ?? records.file,
            status: 200,
            message: `${unreadable} row(s) without a table name, a count and two valid times`,
            reason: "invalid-response",
          };
          return {
            status: "error",
            ...subject,
            message: `The audit records of workspace ${workspace.name} could not be read: ${unreadable} row(s) of the query's answer lack a table name, a count or valid times.`,
            evidence: refs,
            error,
          };
        }
        const created = workspace.properties.createdDate ? new Date(workspace.properties.createdDate) : undefined;
        const ageDays = created && !Number.isNaN(created.getTime()) ? Math.floor((collectedAt.getTime() - created.getTime()) / day) : undefined;

        const problems: string[] = [];
        const unknown: string[] = [];
        const observed: string[] = [];
        const empty: string[] = [];
        for (const { value: table } of audit) {
          const found = held.get(table.name);
          if (!found || found.records === 0) {
            empty.push(table.name);
            continue;
          }
          const kept = analyticsDays(table, workspace);
          const reach = Math.floor((collectedAt.getTime() - found.oldest.getTime()) / day);
          const silentDays = Math.floor((collectedAt.getTime() - found.newest.getTime()) / day);
          observed.push(`${table.name} ${reach}${kept !== undefined ? ` of ${kept}` : ""} days (${isoDay(found.oldest)} to ${isoDay(found.newest)})`);
          if (kept === undefined) unknown.push(`the retention of ${table.name}`);
          else {
            // Nothing can be older than the workspace; a younger workspace is not a gap.
            const expected = ageDays !== undefined ? Math.min(kept, ageDays) : kept;
            if (reach + reachToleranceDays < expected)
              problems.push(`${table.name} reaches back only ${reach} days (oldest record ${isoDay(found.oldest)}) although ${kept} days are kept`);
          }
          if (silentDays > arrivalDays) problems.push(`${table.name} has had no new record for ${silentDays} days (newest ${isoDay(found.newest)})`);
        }
        if (problems.length > 0) return { status: "fail", ...subject, message: `${label}: ${problems.join("; ")}.`, evidence: refs };
        if (unknown.length > 0) {
          const error: CallError = {
            call: tables.calls[0] ?? tables.file,
            status: 200,
            message: `not reported: ${unknown.join(", ")}`,
            reason: "incomplete-data",
          };
          return {
            status: "error",
            ...subject,
            message: `Whether the audit records of workspace ${workspace.name} reach back as far as kept is unknown: the API did not report ${unknown.join(", ")}.`,
            evidence: refs,
            error,
          };
        }
        if (observed.length === 0) {
          return {
            status: "not_applicable",
            ...subject,
            message: `${label} holds no record in its audit tables (${empty.join(", ")}), so it is not where audit logs are kept.`,
            evidence: refs,
          };
        }
        const none = empty.length > 0 ? `; no records in ${empty.join(", ")}` : "";
        return {
          status: "pass",
          ...subject,
          message: `${label} holds audit records as far back as it keeps them: ${observed.join(", ")}${none}.`,
          evidence: refs,
        };
      },
    );
  },
});
