import { describe, expect, it } from "vitest";
import type { AzureAccess } from "../../src/azure/access.js";
import { logAnalyticsCollector } from "../../src/collectors/log-analytics.js";
import { auditRecordsDataset, logTablesDataset, sentinelAlertRulesDataset, sentinelOnboardingDataset } from "../../src/datasets/log-analytics.js";
import { arm, armRefusal, outcomes, prodSubscription, requested, runCollector, itemsOf } from "../support/collector-run.js";
import type { Answer } from "../support/har.js";
import { firstExampleItem, officialExample } from "../support/official-examples.js";
import { sample } from "../support/sample.js";

/**
 * The log-analytics collector through the real pipeline, @azure/arm-operationalinsights and
 * LogsQueryClient, replayed: activity-log settings, workspaces, their tables, and one query over the
 * audit tables a workspace lists.
 */
const activityLogUrl = `${arm}${sample.prod}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
const workspacesUrl = `${arm}${sample.prod}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01`;
const workspaceId = (resourceGroup: string, name: string) =>
  `${sample.prod}/resourceGroups/${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${name}`;
const tablesUrl = (resourceGroup: string, name: string) => `${arm}${workspaceId(resourceGroup, name)}/tables?api-version=2022-10-01`;
const queryUrl = (customerId: string) => `https://api.loganalytics.io/v1/workspaces/${customerId}/query`;
const onboardingUrl = (resourceGroup: string, name: string) =>
  `${arm}${workspaceId(resourceGroup, name)}/providers/Microsoft.SecurityInsights/onboardingStates?api-version=2024-09-01`;
const analyticsRulesUrl = (resourceGroup: string, name: string) =>
  `${arm}${workspaceId(resourceGroup, name)}/providers/Microsoft.SecurityInsights/alertRules?api-version=2024-09-01`;
/** A workspace without Microsoft Sentinel: its onboarding states list is empty. */
const noSentinel = (at: { resourceGroup: string; name: string }): Answer => ({ url: onboardingUrl(at.resourceGroup, at.name), body: { value: [] } });

const security = { resourceGroup: "rg-security-logs", name: "law-clinic-security", customerId: "b5e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5e" };
const apps = { resourceGroup: "rg-apps", name: "law-clinic-apps", customerId: "c6f2d1ef-8b4a-4d3e-af9c-2a1b3c4d5e6f" };

const activityLogSettings = officialExample("arm-monitor-subscription-diagnostic-settings-list.json");
const officialTables = officialExample("arm-log-analytics-tables-list.json").value as Record<string, any>[];

/** The official WorkspacesSubscriptionList item at our id; customerId replaced (null drops it). */
function workspace(at: { resourceGroup: string; name: string; customerId: string | null }): Record<string, any> {
  const item = firstExampleItem("arm-log-analytics-workspaces-list.json");
  const properties: Record<string, any> = { ...item.properties, customerId: at.customerId };
  if (at.customerId === null) delete properties.customerId;
  return { ...item, id: workspaceId(at.resourceGroup, at.name), name: at.name, properties };
}

/** The official TablesList items moved to the workspace, plus the named tables in the same shape. */
function tables(at: { resourceGroup: string; name: string }, names: readonly string[], withOfficial = true): { value: Record<string, any>[] } {
  const moved = (item: Record<string, any>, name: string) => ({
    ...structuredClone(item),
    name,
    id: `${workspaceId(at.resourceGroup, at.name)}/tables/${name}`,
  });
  return {
    value: [...(withOfficial ? officialTables.map((item) => moved(item, item.name as string)) : []), ...names.map((name) => moved(officialTables[0]!, name))],
  };
}

const answer = (rows: unknown[][]) => ({
  tables: [
    {
      name: "PrimaryResult",
      columns: [
        { name: "Type", type: "string" },
        { name: "records", type: "long" },
        { name: "oldest", type: "datetime" },
        { name: "newest", type: "datetime" },
      ],
      rows,
    },
  ],
});
const summary = " | summarize records = count(), oldest = min(TimeGenerated), newest = max(TimeGenerated) by Type";

function sentQueries(access: AzureAccess): { url: string; body: unknown }[] {
  return access.ledger.exchanges
    .filter((exchange) => exchange.request.method === "POST")
    .map((exchange) => ({ url: exchange.request.url, body: JSON.parse(exchange.request.body ?? "null") as unknown }));
}

/** The calls before the workspaces' own: the activity-log settings and the workspace list. */
const head = (workspaces: unknown[]): Answer[] => [
  { url: activityLogUrl, body: activityLogSettings },
  { url: workspacesUrl, body: { value: workspaces } },
];

describe("log-analytics collector", () => {
  it("lists workspaces and tables through the SDK, accepts the official TablesList, and queries only the audit tables listed", async () => {
    const listed = tables(security, ["SigninLogs", "AzureActivity", "AKVAuditLogs"]);
    const records: unknown = answer([["SigninLogs", 1843, "2026-01-02T00:00:00Z", "2026-11-20T13:58:41Z"]]);
    const workspaces = [workspace(security)];
    const { records: collected, access } = await runCollector(logAnalyticsCollector, [
      ...head(workspaces),
      { url: tablesUrl(security.resourceGroup, security.name), body: listed },
      { method: "POST", url: queryUrl(security.customerId), body: records },
      noSentinel(security),
    ]);
    expect(requested(access)).toEqual([
      `GET ${activityLogUrl}`,
      `GET ${workspacesUrl}`,
      `GET ${tablesUrl(security.resourceGroup, security.name)}`,
      `POST ${queryUrl(security.customerId)}`,
      `GET ${onboardingUrl(security.resourceGroup, security.name)}`,
    ]);
    expect(access.ledger.exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 200, 200, 200, 200]);
    expect(outcomes(collected)).toEqual([
      ["log-analytics/activity-log-settings", sample.prod, "ok", 1],
      ["log-analytics/workspaces", sample.prod, "ok", 1],
      ["log-analytics/tables", workspaceId(security.resourceGroup, security.name), "ok", 5],
      ["log-analytics/audit-records", workspaceId(security.resourceGroup, security.name), "ok", 1],
      ["log-analytics/sentinel-onboarding-states", workspaceId(security.resourceGroup, security.name), "ok", 0],
    ]);
    const folder = `raw/log-analytics/${prodSubscription.subscriptionId}`;
    expect(collected.map((record) => record.file)).toEqual([
      `${folder}/activity-log-settings.json`,
      `${folder}/workspaces.json`,
      logTablesDataset.rawFile(workspaceId(security.resourceGroup, security.name)),
      auditRecordsDataset.rawFile(workspaceId(security.resourceGroup, security.name)),
      sentinelOnboardingDataset.rawFile(workspaceId(security.resourceGroup, security.name)),
    ]);
    // As sent: retentionInDaysAsDefault stays the string "False", and the query answer is the raw body.
    expect(collected.map(itemsOf)).toEqual([activityLogSettings.value, workspaces, listed.value, [records], []]);
    expect((itemsOf(collected[2]) as Record<string, any>[])[0]?.properties.retentionInDaysAsDefault).toBe("False");
    // One query, to the customer id, naming only the listed audit tables in the order listed, over twelve years.
    expect(sentQueries(access)).toEqual([
      { url: queryUrl(security.customerId), body: { query: `union isfuzzy=true SigninLogs, AzureActivity, AKVAuditLogs${summary}`, timespan: "P4383D" } },
    ]);
  });

  it.each([
    {
      listed: ["AzureActivity", "SigninLogs", "AuditLogs", "AzureDiagnostics", "AKVAuditLogs"],
      named: "AzureActivity, SigninLogs, AuditLogs, AzureDiagnostics, AKVAuditLogs",
    },
    { listed: ["AKVAuditLogs", "Heartbeat", "AuditLogs", "AppServiceConsoleLogs", "StorageBlobLogs"], named: "AKVAuditLogs, AuditLogs, StorageBlobLogs" },
    { listed: ["AzureDiagnostics"], named: "AzureDiagnostics" },
    { listed: ["Heartbeat", "AppServiceConsoleLogs", "signinlogs"], named: undefined },
    { listed: [], named: undefined },
  ])("tables $listed: the query names $named", async ({ listed, named }) => {
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(security)]),
      { url: tablesUrl(security.resourceGroup, security.name), body: tables(security, listed) },
      { method: "POST", url: queryUrl(security.customerId), body: answer([]) },
      noSentinel(security),
    ]);
    expect(sentQueries(access)).toEqual(
      named ? [{ url: queryUrl(security.customerId), body: { query: `union isfuzzy=true ${named}${summary}`, timespan: "P4383D" } }] : [],
    );
    expect(records.map((record) => record.dataset)).toEqual([
      "log-analytics/activity-log-settings",
      "log-analytics/workspaces",
      "log-analytics/tables",
      ...(named ? ["log-analytics/audit-records"] : []),
      "log-analytics/sentinel-onboarding-states",
    ]);
  });

  it("a workspace without customerId is listed and its tables read, but not queried; the next workspace is", async () => {
    const noCustomer = { ...apps, customerId: null };
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(noCustomer), workspace(security)]),
      { url: tablesUrl(apps.resourceGroup, apps.name), body: tables(apps, ["AzureActivity"]) },
      { url: tablesUrl(security.resourceGroup, security.name), body: tables(security, ["AzureActivity"]) },
      { method: "POST", url: queryUrl(security.customerId), body: answer([]) },
      { method: "POST", url: queryUrl(apps.customerId), body: answer([]) },
      noSentinel(apps),
      noSentinel(security),
    ]);
    expect(requested(access).slice(2)).toEqual([
      `GET ${tablesUrl(apps.resourceGroup, apps.name)}`,
      `GET ${onboardingUrl(apps.resourceGroup, apps.name)}`,
      `GET ${tablesUrl(security.resourceGroup, security.name)}`,
      `POST ${queryUrl(security.customerId)}`,
      `GET ${onboardingUrl(security.resourceGroup, security.name)}`,
    ]);
    expect(outcomes(records).slice(1)).toEqual([
      ["log-analytics/workspaces", sample.prod, "ok", 2],
      ["log-analytics/tables", workspaceId(apps.resourceGroup, apps.name), "ok", 3],
      ["log-analytics/sentinel-onboarding-states", workspaceId(apps.resourceGroup, apps.name), "ok", 0],
      ["log-analytics/tables", workspaceId(security.resourceGroup, security.name), "ok", 3],
      ["log-analytics/audit-records", workspaceId(security.resourceGroup, security.name), "ok", 1],
      ["log-analytics/sentinel-onboarding-states", workspaceId(security.resourceGroup, security.name), "ok", 0],
    ]);
  });

  it("a 200 answer with tables and a PartialError is incomplete evidence, with the service's and the details' messages", async () => {
    const partial = {
      ...answer([["AzureActivity", 12, "2026-11-01T00:00:00Z", "2026-11-20T13:58:41Z"]]),
      error: {
        code: "PartialError",
        message: "There were some errors when processing your query.",
        details: [
          { code: "EngineError", message: "Something went wrong processing your query on the server." },
          { code: "LimitsExceeded", message: "Query exceeded the allowed memory." },
        ],
      },
    };
    const { records } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(security)]),
      { url: tablesUrl(security.resourceGroup, security.name), body: tables(security, ["AzureActivity", "AuditLogs"]) },
      { method: "POST", url: queryUrl(security.customerId), body: partial },
      noSentinel(security),
    ]);
    expect(records[3]).toEqual({
      dataset: "log-analytics/audit-records",
      scope: workspaceId(security.resourceGroup, security.name),
      file: auditRecordsDataset.rawFile(workspaceId(security.resourceGroup, security.name)),
      status: "error",
      error: {
        call: `POST ${queryUrl(security.customerId)}`,
        status: 200,
        code: "PartialError",
        reason: "incomplete-data",
        message:
          "the query returned a partial result: There were some errors when processing your query. Something went wrong processing your query on the server. Query exceeded the allowed memory.",
      },
    });
  });

  it("a 403 on the query is a permission error naming the query permission; the next workspace is still queried", async () => {
    const refused = {
      error: { code: "InsufficientAccessError", message: "The provided credentials have insufficient access to perform the requested operation" },
    };
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(security), workspace(apps)]),
      { url: tablesUrl(security.resourceGroup, security.name), body: tables(security, ["SigninLogs"]) },
      { method: "POST", url: queryUrl(security.customerId), status: 403, body: refused },
      noSentinel(security),
      { url: tablesUrl(apps.resourceGroup, apps.name), body: tables(apps, ["AzureActivity"]) },
      { method: "POST", url: queryUrl(apps.customerId), body: answer([]) },
      noSentinel(apps),
    ]);
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status])).toEqual([
      ["GET", activityLogUrl, 200],
      ["GET", workspacesUrl, 200],
      ["GET", tablesUrl(security.resourceGroup, security.name), 200],
      ["POST", queryUrl(security.customerId), 403],
      ["GET", onboardingUrl(security.resourceGroup, security.name), 200],
      ["GET", tablesUrl(apps.resourceGroup, apps.name), 200],
      ["POST", queryUrl(apps.customerId), 200],
      ["GET", onboardingUrl(apps.resourceGroup, apps.name), 200],
    ]);
    expect(records[3]).toMatchObject({
      dataset: "log-analytics/audit-records",
      status: "error",
      error: {
        call: `POST ${queryUrl(security.customerId)}`,
        status: 403,
        code: "InsufficientAccessError",
        reason: "permission",
        message: refused.error.message,
        missingPermission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
      },
    });
    expect(outcomes(records).slice(5)).toEqual([
      ["log-analytics/tables", workspaceId(apps.resourceGroup, apps.name), "ok", 3],
      ["log-analytics/audit-records", workspaceId(apps.resourceGroup, apps.name), "ok", 1],
      ["log-analytics/sentinel-onboarding-states", workspaceId(apps.resourceGroup, apps.name), "ok", 0],
    ]);
  });

  it("a refused tables list is a permission error and that workspace is not queried (its Sentinel onboarding is still read)", async () => {
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(security)]),
      {
        url: tablesUrl(security.resourceGroup, security.name),
        ...armRefusal("Microsoft.OperationalInsights/workspaces/tables/read", workspaceId(security.resourceGroup, security.name)),
      },
      noSentinel(security),
    ]);
    expect(requested(access)).toEqual([
      `GET ${activityLogUrl}`,
      `GET ${workspacesUrl}`,
      `GET ${tablesUrl(security.resourceGroup, security.name)}`,
      `GET ${onboardingUrl(security.resourceGroup, security.name)}`,
    ]);
    expect(records[2]).toMatchObject({
      dataset: "log-analytics/tables",
      status: "error",
      error: {
        call: `GET ${tablesUrl(security.resourceGroup, security.name)}`,
        status: 403,
        reason: "permission",
        missingPermission: "Microsoft.OperationalInsights/workspaces/tables/read",
      },
    });
    expect(records).toHaveLength(4);
  });

  // Workspace names are unique only within a resource group: two of one name must not share a file.
  it("two workspaces with one name in different resource groups get distinct record files", async () => {
    const east = { resourceGroup: "rg-east", name: "law-audit", customerId: "d7a3e2f0-9c5b-4e4f-b0ad-3b2c4d5e6f70" };
    const west = { resourceGroup: "rg-west", name: "law-audit", customerId: "e8b4f301-ad6c-4f50-81be-4c3d5e6f7081" };
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(east), workspace(west)]),
      { url: tablesUrl(east.resourceGroup, east.name), body: tables(east, ["AzureActivity"]) },
      { method: "POST", url: queryUrl(east.customerId), body: answer([]) },
      noSentinel(east),
      { url: tablesUrl(west.resourceGroup, west.name), body: tables(west, ["AzureActivity"]) },
      { method: "POST", url: queryUrl(west.customerId), body: answer([]) },
      noSentinel(west),
    ]);
    // Both workspaces are collected, each at its own scope...
    expect(requested(access)).toHaveLength(8);
    expect(
      outcomes(records)
        .slice(2)
        .map(([dataset, scope, status]) => [dataset, scope, status]),
    ).toEqual([
      ["log-analytics/tables", workspaceId(east.resourceGroup, east.name), "ok"],
      ["log-analytics/audit-records", workspaceId(east.resourceGroup, east.name), "ok"],
      ["log-analytics/sentinel-onboarding-states", workspaceId(east.resourceGroup, east.name), "ok"],
      ["log-analytics/tables", workspaceId(west.resourceGroup, west.name), "ok"],
      ["log-analytics/audit-records", workspaceId(west.resourceGroup, west.name), "ok"],
      ["log-analytics/sentinel-onboarding-states", workspaceId(west.resourceGroup, west.name), "ok"],
    ]);
    // ...and each in its own folder.
    const files = records.map((record) => record.file);
    expect(new Set(files).size).toBe(files.length);
  });

  it("a refused workspace list asks no tables and no query, and the activity-log settings are kept", async () => {
    const { records, access } = await runCollector(logAnalyticsCollector, [
      { url: activityLogUrl, body: activityLogSettings },
      { url: workspacesUrl, ...armRefusal("Microsoft.OperationalInsights/workspaces/read", sample.prod) },
    ]);
    expect(requested(access)).toEqual([`GET ${activityLogUrl}`, `GET ${workspacesUrl}`]);
    expect(outcomes(records)).toEqual([
      ["log-analytics/activity-log-settings", sample.prod, "ok", 1],
      ["log-analytics/workspaces", sample.prod, "error", "permission"],
    ]);
    expect(records[1]).toMatchObject({ error: { status: 403, missingPermission: "Microsoft.OperationalInsights/workspaces/read" } });
  });

  it("reads Microsoft Sentinel's analytics rules only where the workspace has Sentinel, as the official examples answer", async () => {
    const onboarded = officialExample("arm-sentinel-onboarding-states-list.json");
    const rules = officialExample("arm-sentinel-alert-rules-list.json");
    const { records, access } = await runCollector(logAnalyticsCollector, [
      ...head([workspace(security), workspace(apps)]),
      { url: tablesUrl(security.resourceGroup, security.name), body: tables(security, []) },
      { url: onboardingUrl(security.resourceGroup, security.name), body: onboarded },
      { url: analyticsRulesUrl(security.resourceGroup, security.name), body: rules },
      { url: tablesUrl(apps.resourceGroup, apps.name), body: tables(apps, []) },
      {
        url: onboardingUrl(apps.resourceGroup, apps.name),
        ...armRefusal("Microsoft.SecurityInsights/onboardingStates/read", workspaceId(apps.resourceGroup, apps.name)),
      },
    ]);
    expect(requested(access).slice(2)).toEqual([
      `GET ${tablesUrl(security.resourceGroup, security.name)}`,
      `GET ${onboardingUrl(security.resourceGroup, security.name)}`,
      `GET ${analyticsRulesUrl(security.resourceGroup, security.name)}`,
      `GET ${tablesUrl(apps.resourceGroup, apps.name)}`,
      `GET ${onboardingUrl(apps.resourceGroup, apps.name)}`,
    ]);
    expect(outcomes(records).slice(2)).toEqual([
      ["log-analytics/tables", workspaceId(security.resourceGroup, security.name), "ok", 2],
      ["log-analytics/sentinel-onboarding-states", workspaceId(security.resourceGroup, security.name), "ok", 1],
      ["log-analytics/sentinel-alert-rules", workspaceId(security.resourceGroup, security.name), "ok", 3],
      ["log-analytics/tables", workspaceId(apps.resourceGroup, apps.name), "ok", 2],
      ["log-analytics/sentinel-onboarding-states", workspaceId(apps.resourceGroup, apps.name), "error", "permission"],
    ]);
    expect(itemsOf(records[4])).toEqual(rules.value);
    expect(records[4]!.file).toBe(sentinelAlertRulesDataset.rawFile(workspaceId(security.resourceGroup, security.name)));
  });
});
