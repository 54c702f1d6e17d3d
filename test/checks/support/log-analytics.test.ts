import { describe, expect, it } from "vitest";
import { analyticsDays, recordsByTable, totalDays } from "../../../src/checks/support/log-analytics.js";
import type { LogTable, LogWorkspace } from "../../../src/datasets/log-analytics.js";

/** Reading the records query's rows per table, and a table's queryable retention. */
const goodRow = { Type: "SigninLogs", records: 1200, oldest: "2026-05-01T00:00:00Z", newest: "2026-11-19T00:00:00Z" };

describe("recordsByTable", () => {
  it.each([
    { name: "a good row", row: goodRow, read: { records: 1200, oldest: "2026-05-01T00:00:00.000Z", newest: "2026-11-19T00:00:00.000Z" } },
    {
      name: "a count given as a string (a long column) is read as a number",
      row: { ...goodRow, records: "1200" },
      read: { records: 1200, oldest: "2026-05-01T00:00:00.000Z", newest: "2026-11-19T00:00:00.000Z" },
    },
    { name: "a count that is no number", row: { ...goodRow, records: "many" }, read: undefined },
    { name: "no count", row: { ...goodRow, records: undefined }, read: undefined },
    { name: "no table name", row: { ...goodRow, Type: undefined }, read: undefined },
    { name: "no oldest record", row: { ...goodRow, oldest: null }, read: undefined },
    { name: "no newest record", row: { ...goodRow, newest: undefined }, read: undefined },
    { name: "an oldest time given as a number, not a date string", row: { ...goodRow, oldest: 0 }, read: undefined },
    { name: "a newest time given as a number, not a date string", row: { ...goodRow, newest: 1_763_510_400_000 }, read: undefined },
    { name: "an oldest time that is no date", row: { ...goodRow, oldest: "last spring" }, read: undefined },
    { name: "a newest time that is no date", row: { ...goodRow, newest: "yesterday" }, read: undefined },
  ])("$name", ({ row, read }) => {
    // The row sits beside a good one of another table: an unreadable row is counted, the good one kept.
    const { byTable, unreadable } = recordsByTable([row, { ...goodRow, Type: "AuditLogs" }]);
    const seen = byTable.get("SigninLogs");
    expect(seen && { records: seen.records, oldest: seen.oldest.toISOString(), newest: seen.newest.toISOString() }).toEqual(read);
    expect(unreadable).toBe(read ? 0 : 1);
    expect([...byTable.keys()]).toEqual(read ? ["SigninLogs", "AuditLogs"] : ["AuditLogs"]);
  });
});

describe("analyticsDays", () => {
  const table = (retentionInDays: number | null | undefined): LogTable => ({ id: "t", name: "SigninLogs", properties: { retentionInDays } });
  const workspace = (retentionInDays: number | null | undefined): LogWorkspace => ({ id: "w", name: "law-security", properties: { retentionInDays } });
  it.each([
    { name: "the table's own retention", own: 180, inherited: 90, days: 180 },
    { name: "-1: the workspace's", own: -1, inherited: 90, days: 90 },
    { name: "0 is no retention of its own: the workspace's", own: 0, inherited: 90, days: 90 },
    { name: "absent: the workspace's", own: undefined, inherited: 90, days: 90 },
    { name: "null: the workspace's", own: null, inherited: 30, days: 30 },
    { name: "neither reports one: unknown", own: undefined, inherited: undefined, days: undefined },
    { name: "the workspace's null: unknown", own: -1, inherited: null, days: undefined },
  ])("$name", ({ own, inherited, days }) => {
    expect(analyticsDays(table(own), workspace(inherited))).toBe(days);
  });
});

describe("totalDays", () => {
  const table = (retentionInDays: number | null | undefined, totalRetentionInDays: number | null | undefined): LogTable => ({
    id: "t",
    name: "SigninLogs",
    properties: { retentionInDays, totalRetentionInDays },
  });
  const workspace = (retentionInDays: number | null | undefined): LogWorkspace => ({ id: "w", name: "law-security", properties: { retentionInDays } });
  // Tables API (2022-10-01): a total of -1 "will default to table retention", itself -1 for the workspace's.
  it.each([
    { name: "the table's own total", analytics: 90, total: 2191, inherited: 30, days: 2191 },
    { name: "-1: the table's analytics retention", analytics: 400, total: -1, inherited: 90, days: 400 },
    { name: "-1 with analytics following the workspace: the workspace's", analytics: -1, total: -1, inherited: 730, days: 730 },
    { name: "null, no long-term retention: the analytics retention", analytics: 30, total: null, inherited: 730, days: 30 },
    { name: "absent: unknown", analytics: 90, total: undefined, inherited: 90, days: undefined },
    { name: "-1 all the way and the workspace does not say: unknown", analytics: -1, total: -1, inherited: undefined, days: undefined },
  ])("$name", ({ analytics, total, inherited, days }) => {
    expect(totalDays(table(analytics, total), workspace(inherited))).toBe(days);
  });
});
