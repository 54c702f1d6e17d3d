import { z } from "zod";

/** What a Log Analytics query answers, and its rows as objects: the shape the query datasets hold. */

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
