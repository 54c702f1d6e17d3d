import { LogsQueryResultStatus } from "@azure/monitor-query-logs";
import type { AzureAccess } from "./access.js";
import { IncompleteDataError } from "./failure.js";

/** Log Analytics queries (KQL) through @azure/monitor-query-logs, for the collectors that prove logs exist. */

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
