import { describe, expect, it } from "vitest";
import { isEnabledRule, type ScheduledQueryRule } from "../../src/datasets/alert-rules.js";
import { queryRows } from "../../src/datasets/log-query-rows.js";

/** Small readers of raw answers that checks share: a query's rows, and whether a scheduled query rule is on. */
describe("queryRows", () => {
  it.each([
    {
      name: "the first table's rows, keyed by column name",
      tables: [
        {
          name: "PrimaryResult",
          columns: [{ name: "Type", type: "string" }, { name: "records" }],
          rows: [
            ["SigninLogs", 12],
            ["AuditLogs", 3],
          ],
        },
        { name: "Other", columns: [{ name: "x" }], rows: [[1]] },
      ],
      rows: [
        { Type: "SigninLogs", records: 12 },
        { Type: "AuditLogs", records: 3 },
      ],
    },
    { name: "an answer without tables has no rows", tables: [], rows: [] },
    { name: "a table without rows", tables: [{ name: "PrimaryResult", columns: [{ name: "Type" }], rows: [] }], rows: [] },
    {
      name: "a row shorter than the columns leaves the rest undefined",
      tables: [{ name: "PrimaryResult", columns: [{ name: "Type" }, { name: "records" }], rows: [["SigninLogs"]] }],
      rows: [{ Type: "SigninLogs", records: undefined }],
    },
  ])("$name", ({ tables, rows }) => {
    expect(queryRows({ tables })).toEqual(rows);
  });
});

describe("isEnabledRule", () => {
  const rule = (enabled: ScheduledQueryRule["properties"]["enabled"]): ScheduledQueryRule => ({ id: "r", name: "r", properties: { enabled } });
  it.each([
    [true, true],
    ["true", true],
    [false, false],
    ["false", false],
    [null, false],
    [undefined, false],
  ] as const)("enabled %s: %s", (enabled, on) => {
    expect(isEnabledRule(rule(enabled))).toBe(on);
  });
});
