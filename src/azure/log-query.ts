import { LogsQueryResultStatus } from "@azure/monitor-query-logs";
import { z } from "zod";
import type { AzureAccess } from "./access.js";
import { IncompleteDataError } from "./failure.js";

/** Log Analytics queries (KQL) through @azure/monitor-query-logs, for the collectors that prove logs exist. */

// POST https://api.loganalytics.io/v1/workspaces/{customerId}/query: the response body as sent
export const QueryResponseSchema = z.object({
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string().optional() })),
      rows: z.array(z.array(z.unknown())),
    }),
  ),
});
export type QueryResponse = z.infer<typeof QueryResponseSchema>;

/** Rows of a query's first table as objects keyed by column name. */
export function queryRows(response: QueryResponse): Record<string, unknown>[] {
  const table = response.tables[0];
  if (!table) return [];
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column.name, row[index]])));
}

/**
 * Runs one query over `duration` (ISO 8601, e.g. "P30D") against a workspace's customer id (its
 * GUID; the ARM id does not work there). A partial result is incomplete evidence, never a smaller
 * truth. The SDK reshapes tables, so what the archive keeps is the raw body the recorder captured;
 * the one item returned here only lets the caller cross-check the count.
 */
export async function queryWorkspace(access: AzureAccess, customerId: string, kql: string, duration: string): Promise<unknown[]> {
  const result = await access.logs().queryWorkspace(customerId, kql, { duration });
  if (result.status === LogsQueryResultStatus.PartialFailure) {
    throw new IncompleteDataError(`the query returned a partial result: ${errorText(result.partialError)}`);
  }
  return [result];
}

/**
 * The service's words for a partial error: its message, then its details' messages. The innermost
 * cause (details[].innererror) is dropped by the SDK's deserialiser; the raw answer in raw/calls.har
 * keeps it.
 */
function errorText(error: { message?: unknown; details?: unknown }): string {
  const details = Array.isArray(error.details) ? (error.details as { message?: unknown }[]) : [];
  const causes = details.map((detail) => detail.message).filter((text): text is string => typeof text === "string" && text.length > 0);
  return [typeof error.message === "string" ? error.message : "no message", ...causes].join(" ");
}
