import { describe, expect, it } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { collectDataset } from "../../src/collectors/collector.js";
import { entraSignInsCollector } from "../../src/collectors/entra-sign-ins.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { har, type Answer } from "../support/har.js";
import { sample, sampleClock, silent } from "../support/sample.js";

/**
 * The sign-in log collector through the real Azure pipeline and LogsQueryClient, replayed: where
 * Entra sends its logs, the workspace, and the two queries; refusals and partial results end as errors.
 */
const arm = "https://management.azure.com";
const workspace = `${sample.prod}/resourceGroups/rg-security-logs/providers/Microsoft.OperationalInsights/workspaces/law-clinic-security`;
const customerId = "b5e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5e";
const settingsUrl = `${arm}/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01`;
const workspaceUrl = `${arm}${workspace}?api-version=2022-10-01`;
const queryUrl = `https://api.loganalytics.io/v1/workspaces/${customerId}/query`;
const table = (rows: unknown[][]) => ({
  tables: [
    {
      name: "PrimaryResult",
      columns: [
        { name: "signIns", type: "long" },
        { name: "newest", type: "datetime" },
        { name: "oldest", type: "datetime" },
      ],
      rows,
    },
  ],
});

const exportSetting = {
  value: [
    {
      id: "/providers/microsoft.aadiam/diagnosticSettings/to-law",
      name: "to-law",
      properties: { workspaceId: workspace, logs: [{ category: "SignInLogs", enabled: true }] },
    },
  ],
};
const workspaceBody = { id: workspace, name: "law-clinic-security", properties: { customerId, retentionInDays: 90 } };
const refusedForServicePrincipals = {
  status: 403,
  body: {
    error: {
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action 'microsoft.aadiam/diagnosticSettings/read' over scope '/providers/microsoft.aadiam'.",
    },
  },
};

async function collect(answers: Answer[], signInLogsWorkspaces: string[] = []): Promise<{ records: EvidenceRecord[]; access: AzureAccess }> {
  const access = new AzureAccess({ kind: "replay", har: har(answers), source: "test.har" }, resolveEndpoints("AzurePublic"), sampleClock);
  const records: EvidenceRecord[] = [];
  await entraSignInsCollector.collect({
    access,
    tenantId: sample.tenantId,
    subscriptions: [{ subscriptionId: sample.prod.split("/").pop()!, displayName: "Clinic-Prod", scope: sample.prod }],
    progress: silent,
    signInLogsWorkspaces,
    scopeManagementGroups: [],
    earlierRecords: [],
    async collect(request) {
      const record = await collectDataset(entraSignInsCollector.id, request);
      records.push(record);
      return record;
    },
  });
  return { records, access };
}

const statuses = (records: EvidenceRecord[]) =>
  records.map((record) => [record.dataset, record.status, record.status === "error" ? record.error.reason : record.value.length]);

describe("sign-in logs in Log Analytics", () => {
  it("follows Entra's diagnostic setting to the workspace and keeps both query answers as sent", async () => {
    const arrival = table([[1843, "2026-11-20T13:58:41.117Z", "2026-10-21T14:05:09.552Z"]]);
    const { records, access } = await collect([
      { url: settingsUrl, body: exportSetting },
      { url: workspaceUrl, body: workspaceBody },
      { method: "POST", url: queryUrl, body: arrival },
      { method: "POST", url: queryUrl, body: table([]) },
    ]);
    expect(statuses(records)).toEqual([
      ["entra-sign-ins/diagnostic-settings", "ok", 1],
      ["entra-sign-ins/workspace", "ok", 1],
      ["entra-sign-ins/arrival", "ok", 1],
      ["entra-sign-ins/authentication", "ok", 1],
    ]);
    expect(records[2]?.status === "ok" && records[2].value[0]).toEqual(arrival);
    // The queries went to the workspace's customer id, over the last 30 days.
    const queries = access.ledger.exchanges
      .filter((exchange) => exchange.request.method === "POST")
      .map((exchange) => JSON.parse(exchange.request.body ?? "{}") as { query: string; timespan: string });
    expect(queries.map((sent) => sent.timespan)).toEqual(["P30D", "P30D"]);
    expect(queries[0]?.query).toContain("SigninLogs | summarize signIns = count(), newest = max(TimeGenerated)");
    expect(queries[1]?.query).toContain("by UserId, UserPrincipalName, AuthenticationRequirement, succeeded");
  });

  it("an API that refuses service principals is an error naming the permission, and a configured workspace is still queried", async () => {
    const { records } = await collect(
      [
        { url: settingsUrl, ...refusedForServicePrincipals },
        { url: workspaceUrl, body: workspaceBody },
        { method: "POST", url: queryUrl, body: table([]) },
      ],
      [workspace],
    );
    expect(records[0]).toMatchObject({
      dataset: "entra-sign-ins/diagnostic-settings",
      status: "error",
      error: { status: 403, reason: "permission", missingPermission: "microsoft.aadiam/diagnosticSettings/read", call: `GET ${settingsUrl}` },
    });
    expect(statuses(records).slice(1)).toEqual([
      ["entra-sign-ins/workspace", "ok", 1],
      ["entra-sign-ins/arrival", "ok", 1],
      ["entra-sign-ins/authentication", "ok", 1],
    ]);
  });

  it("a query that returns a partial failure is incomplete evidence, never a shorter list", async () => {
    const partial = {
      ...table([[12, "2026-11-20T13:58:41.117Z", "2026-11-01T00:00:00.000Z"]]),
      error: {
        code: "PartialError",
        message: "There were some errors when processing your query.",
        details: [{ code: "EngineError", message: "Query exceeded the allowed memory." }],
      },
    };
    const { records } = await collect([
      { url: settingsUrl, body: exportSetting },
      { url: workspaceUrl, body: workspaceBody },
      { method: "POST", url: queryUrl, body: partial },
      { method: "POST", url: queryUrl, body: table([]) },
    ]);
    expect(records[2]).toMatchObject({
      dataset: "entra-sign-ins/arrival",
      status: "error",
      error: { call: `POST ${queryUrl}`, status: 200, reason: "incomplete-data", message: expect.stringContaining("the query returned a partial result") },
    });
  });

  it("a setting sending allLogs sends SignInLogs too: its workspace is queried", async () => {
    const allLogs = { value: [{ ...exportSetting.value[0], properties: { workspaceId: workspace, logs: [{ categoryGroup: "allLogs", enabled: true }] } }] };
    const { records } = await collect([
      { url: settingsUrl, body: allLogs },
      { url: workspaceUrl, body: workspaceBody },
      { method: "POST", url: queryUrl, body: table([]) },
    ]);
    expect(statuses(records)).toEqual([
      ["entra-sign-ins/diagnostic-settings", "ok", 1],
      ["entra-sign-ins/workspace", "ok", 1],
      ["entra-sign-ins/arrival", "ok", 1],
      ["entra-sign-ins/authentication", "ok", 1],
    ]);
  });

  it("no setting exports SignInLogs and none is configured: no workspace is queried", async () => {
    const { records, access } = await collect([
      {
        url: settingsUrl,
        body: { value: [{ ...exportSetting.value[0], properties: { workspaceId: workspace, logs: [{ category: "AuditLogs", enabled: true }] } }] },
      },
    ]);
    expect(statuses(records)).toEqual([["entra-sign-ins/diagnostic-settings", "ok", 1]]);
    expect(access.ledger.exchanges).toHaveLength(1);
  });
});
