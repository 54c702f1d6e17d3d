import { describe, expect, it } from "vitest";
import { alertRulesCollector } from "../../src/collectors/alert-rules.js";
import { defenderCollector } from "../../src/collectors/defender.js";
import { storageSettingsDataset } from "../../src/datasets/defender.js";
import { arm, armRefusal, devSubscription, outcomes, prodSubscription, requested, runCollector, itemsOf } from "../support/collector-run.js";
import type { Answer } from "../support/har.js";
import { officialExample } from "../support/official-examples.js";
import { sample } from "../support/sample.js";

/**
 * The alert-rules and defender collectors through the real Azure pipeline, replayed: each list at
 * the api-version the collector names, kept as sent; one refusal leaves the other lists collected.
 */
const insights = (subscription: string, path: string) => `${arm}${subscription}/providers/Microsoft.Insights/${path}`;
const scheduledUrl = (subscription: string) => insights(subscription, "scheduledQueryRules?api-version=2023-03-15-preview");
const activityAlertsUrl = (subscription: string) => insights(subscription, "activityLogAlerts?api-version=2020-10-01");

describe("alert-rules collector", () => {
  it("asks scheduled query rules at 2023-03-15-preview and activity-log alerts at 2020-10-01, keeping the official examples as sent", async () => {
    const scheduled = officialExample("arm-monitor-scheduled-query-rules-list.json");
    const activity = officialExample("arm-monitor-activity-log-alerts-list.json");
    const { records, access } = await runCollector(alertRulesCollector, [
      { url: scheduledUrl(sample.prod), body: scheduled },
      { url: activityAlertsUrl(sample.prod), body: activity },
    ]);
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status])).toEqual([
      [
        "GET",
        `https://management.azure.com/subscriptions/${prodSubscription.subscriptionId}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview`,
        200,
      ],
      [
        "GET",
        `https://management.azure.com/subscriptions/${prodSubscription.subscriptionId}/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01`,
        200,
      ],
    ]);
    expect(outcomes(records)).toEqual([
      ["alert-rules/scheduled-query-rules", sample.prod, "ok", 2],
      ["alert-rules/activity-log-alerts", sample.prod, "ok", 2],
    ]);
    const folder = `raw/alert-rules/${prodSubscription.subscriptionId}`;
    expect(records.map((record) => record.file)).toEqual([`${folder}/scheduled-query-rules.json`, `${folder}/activity-log-alerts.json`]);
    // Scopes without the leading "/", webhookProperties, tags, type: all as the service sent them.
    expect(records.map(itemsOf)).toEqual([scheduled.value, activity.value]);
    expect(records[1]?.status === "ok" && records[1].calls).toEqual([`GET ${activityAlertsUrl(sample.prod)}`]);
  });

  it("a refused activity-log alerts list is a permission error; the scheduled rules and the next subscription are kept", async () => {
    const refusal = armRefusal("Microsoft.Insights/activityLogAlerts/read", sample.prod);
    const { records, access } = await runCollector(
      alertRulesCollector,
      [
        { url: scheduledUrl(sample.prod), body: { value: [] } },
        { url: activityAlertsUrl(sample.prod), ...refusal },
        { url: scheduledUrl(sample.dev), body: { value: [] } },
        { url: activityAlertsUrl(sample.dev), body: officialExample("arm-monitor-activity-log-alerts-list.json") },
      ],
      [prodSubscription, devSubscription],
    );
    expect(requested(access)).toEqual([
      `GET ${scheduledUrl(sample.prod)}`,
      `GET ${activityAlertsUrl(sample.prod)}`,
      `GET ${scheduledUrl(sample.dev)}`,
      `GET ${activityAlertsUrl(sample.dev)}`,
    ]);
    expect(outcomes(records)).toEqual([
      ["alert-rules/scheduled-query-rules", sample.prod, "ok", 0],
      ["alert-rules/activity-log-alerts", sample.prod, "error", "permission"],
      ["alert-rules/scheduled-query-rules", sample.dev, "ok", 0],
      ["alert-rules/activity-log-alerts", sample.dev, "ok", 2],
    ]);
    expect(records[1]).toMatchObject({
      error: { call: `GET ${activityAlertsUrl(sample.prod)}`, status: 403, missingPermission: "Microsoft.Insights/activityLogAlerts/read" },
    });
  });
});

const security = (path: string) => `${arm}${sample.prod}/providers/Microsoft.Security/${path}`;
const defenderCalls = [
  { dataset: "defender/resources", url: `${arm}${sample.prod}/resources?api-version=2021-04-01`, file: "resources.json", body: { value: [] } },
  {
    dataset: "defender/pricings",
    url: security("pricings?api-version=2024-01-01"),
    file: "pricings.json",
    body: officialExample("arm-security-pricings-list.json"),
  },
  {
    dataset: "defender/security-contacts",
    url: security("securityContacts?api-version=2023-12-01-preview"),
    file: "security-contacts.json",
    body: officialExample("arm-security-contacts-list.json"),
  },
  { dataset: "defender/alerts", url: security("alerts?api-version=2022-01-01"), file: "alerts.json", body: officialExample("arm-security-alerts-list.json") },
  {
    dataset: "defender/secure-scores",
    url: security("secureScores?api-version=2020-01-01"),
    file: "secure-scores.json",
    body: officialExample("arm-security-secure-scores-list.json"),
  },
  {
    dataset: "defender/regulatory-compliance",
    url: security("regulatoryComplianceStandards?api-version=2019-01-01-preview"),
    file: "regulatory-compliance-standards.json",
    body: officialExample("arm-security-regulatory-compliance-standards-list.json"),
  },
  {
    dataset: "defender/auto-provisioning",
    url: security("autoProvisioningSettings?api-version=2017-08-01-preview"),
    file: "auto-provisioning.json",
    body: officialExample("arm-security-auto-provisioning-settings-list.json"),
  },
];
/** The action ARM names when it refuses a list: Microsoft.Security/secureScores/read, Microsoft.Resources/... */
const actionOf = (url: string) =>
  `${new URL(url).pathname.includes("Microsoft.Security") ? "Microsoft.Security/" : "Microsoft.Resources/subscriptions/"}${new URL(url).pathname.split("/").pop()}/read`;
const defenderAnswers = (refused?: string): Answer[] =>
  defenderCalls.map((call) =>
    call.dataset === refused ? { url: call.url, ...armRefusal(actionOf(call.url), sample.prod) } : { url: call.url, body: call.body },
  );

describe("defender collector", () => {
  it("asks the seven lists at their api-versions, in order, and keeps each as sent", async () => {
    const { records, access } = await runCollector(defenderCollector, defenderAnswers());
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status])).toEqual(
      defenderCalls.map((call) => ["GET", call.url, 200]),
    );
    expect(requested(access).slice(4)).toEqual([
      `GET https://management.azure.com${sample.prod}/providers/Microsoft.Security/secureScores?api-version=2020-01-01`,
      `GET https://management.azure.com${sample.prod}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview`,
      `GET https://management.azure.com${sample.prod}/providers/Microsoft.Security/autoProvisioningSettings?api-version=2017-08-01-preview`,
    ]);
    expect(records.map((record) => [record.dataset, record.scope, record.status, record.file])).toEqual(
      defenderCalls.map((call) => [call.dataset, sample.prod, "ok", `raw/defender/${prodSubscription.subscriptionId}/${call.file}`]),
    );
    expect(records.map(itemsOf)).toEqual(defenderCalls.map((call) => (call.body as { value: unknown[] }).value));
    expect(
      outcomes(records)
        .slice(4)
        .map(([dataset, , , count]) => [dataset, count]),
    ).toEqual([
      ["defender/secure-scores", 1],
      ["defender/regulatory-compliance", 4],
      ["defender/auto-provisioning", 1],
    ]);
  });

  it.each([
    ["defender/secure-scores", "Microsoft.Security/secureScores/read"],
    ["defender/regulatory-compliance", "Microsoft.Security/regulatoryComplianceStandards/read"],
    ["defender/auto-provisioning", "Microsoft.Security/autoProvisioningSettings/read"],
  ])("%s refused (403): a permission error naming %s, and the six other lists are collected", async (refused, action) => {
    expect(actionOf(defenderCalls.find((call) => call.dataset === refused)!.url)).toBe(action);
    const { records, access } = await runCollector(defenderCollector, defenderAnswers(refused));
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.url, exchange.response?.status])).toEqual(
      defenderCalls.map((call) => [call.url, call.dataset === refused ? 403 : 200]),
    );
    expect(records.map((record) => [record.dataset, record.status])).toEqual(
      defenderCalls.map((call) => [call.dataset, call.dataset === refused ? "error" : "ok"]),
    );
    const url = defenderCalls.find((call) => call.dataset === refused)!.url;
    expect(records.find((record) => record.dataset === refused)).toMatchObject({
      status: "error",
      error: { call: `GET ${url}`, status: 403, code: "AuthorizationFailed", reason: "permission", missingPermission: actionOf(url) },
    });
  });

  it("reads each storage account's own Defender for Storage settings after the lists, and nothing for other resources", async () => {
    const account = (name: string) => `${sample.prod}/resourceGroups/rg-ehr-data/providers/Microsoft.Storage/storageAccounts/${name}`;
    const settingsUrl = (name: string) =>
      `${arm}${account(name)}/providers/Microsoft.Security/defenderForStorageSettings/current?api-version=2022-12-01-preview`;
    const resources = {
      value: [
        { id: account("stscans"), name: "stscans", type: "Microsoft.Storage/storageAccounts", location: "eastus" },
        {
          id: `${sample.prod}/resourceGroups/rg-ehr-data/providers/Microsoft.KeyVault/vaults/kv-phi`,
          name: "kv-phi",
          type: "Microsoft.KeyVault/vaults",
          location: "eastus",
        },
        { id: account("starchive"), name: "starchive", type: "Microsoft.Storage/storageAccounts", location: "eastus" },
      ],
    };
    const official = officialExample("arm-security-defender-for-storage-settings-get.json");
    const { records, access } = await runCollector(defenderCollector, [
      ...defenderAnswers().map((answer, index) => (index === 0 ? { ...answer, body: resources } : answer)),
      { url: settingsUrl("stscans"), body: official },
      { url: settingsUrl("starchive"), ...armRefusal("Microsoft.Security/defenderForStorageSettings/read", account("starchive")) },
    ]);
    expect(requested(access).slice(defenderCalls.length)).toEqual([`GET ${settingsUrl("stscans")}`, `GET ${settingsUrl("starchive")}`]);
    expect(outcomes(records).slice(defenderCalls.length)).toEqual([
      ["defender/storage-settings", account("stscans"), "ok", 1],
      ["defender/storage-settings", account("starchive"), "error", "permission"],
    ]);
    expect(itemsOf(records[defenderCalls.length])).toEqual([official]);
    expect(records[defenderCalls.length]!.file).toBe(storageSettingsDataset.rawFile(account("stscans")));
  });
});
