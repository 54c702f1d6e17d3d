import type { LogTable, LogWorkspace } from "../../datasets/log-analytics.js";

/** Reading Log Analytics evidence: what the records query found per table, and a table's queryable retention. */

/** What one audit table holds, from the records query. */
export interface TableRecords {
  records: number;
  oldest: Date;
  newest: Date;
}

/**
 * The query's rows by table name (the Type column); tables without records have no row. A row that
 * cannot be read is counted, never dropped: a table it might describe would otherwise look empty.
 */
export function recordsByTable(rows: readonly Record<string, unknown>[]): { byTable: Map<string, TableRecords>; unreadable: number } {
  const byTable = new Map<string, TableRecords>();
  let unreadable = 0;
  for (const row of rows) {
    const oldest = typeof row.oldest === "string" ? new Date(row.oldest) : undefined;
    const newest = typeof row.newest === "string" ? new Date(row.newest) : undefined;
    const records = typeof row.records === "number" ? row.records : Number(row.records);
    if (typeof row.Type !== "string" || !oldest || !newest || Number.isNaN(oldest.getTime()) || Number.isNaN(newest.getTime()) || !Number.isFinite(records)) {
      unreadable += 1;
      continue;
    }
    byTable.set(row.Type, { records, oldest, newest });
  }
  return { byTable, unreadable };
}

/** A table's analytics (queryable) retention: its own, or the workspace's when it follows the default (-1 or absent). */
export function analyticsDays(table: LogTable, workspace: LogWorkspace): number | undefined {
  const own = table.properties.retentionInDays;
  if (typeof own === "number" && own > 0) return own;
  const inherited = workspace.properties.retentionInDays;
  return typeof inherited === "number" ? inherited : undefined;
}

/**
 * A table's total retention (analytics plus long-term): its own setting, which takes precedence; its
 * analytics retention (itself the workspace's default when the table follows it) when the total
 * follows it (-1, "defaults to retentionInDays" in the Tables API) or it has no long-term retention
 * (null). Undefined when the answer does not say.
 */
export function totalDays(table: LogTable, workspace: LogWorkspace): number | undefined {
  const own = table.properties.totalRetentionInDays;
  if (typeof own === "number" && own > 0) return own;
  if (own === null || own === -1) return analyticsDays(table, workspace);
  return undefined;
}
