import { describe, expect, it } from "vitest";
import { storageCollector } from "../../src/collectors/storage.js";
import {
  blobDiagnosticCategoriesDataset,
  blobDiagnosticSettingsDataset,
  blobServiceId,
  immutabilityPoliciesDataset,
  logContainersDataset,
} from "../../src/datasets/storage.js";
import {
  arm,
  armRefusal,
  categorySelections,
  devSubscription,
  diagnosticCategories,
  diagnosticSetting,
  outcomes,
  prodSubscription,
  requested,
  runCollector,
  itemsOf,
} from "../support/collector-run.js";
import type { Answer } from "../support/har.js";
import { firstExampleItem, officialExample } from "../support/official-examples.js";
import { sample } from "../support/sample.js";

/**
 * The storage collector through the real Azure pipeline, replayed: accounts, each blob service's
 * diagnostic settings (and its categories when a group other than allLogs is used), the insights-*
 * containers and the immutability policy of every container that does not say it has none.
 */
const accountsUrl = (subscription: string) => `${arm}${subscription}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01`;
const accountId = (name: string, subscription = sample.prod) =>
  `${subscription}/resourceGroups/rg-clinic-logs/providers/Microsoft.Storage/storageAccounts/${name}`;
const settingsUrl = (account: string) => `${arm}${account}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
const categoriesUrl = (account: string) =>
  `${arm}${account}/blobServices/default/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`;
const containersUrl = (account: string) => `${arm}${account}/blobServices/default/containers?api-version=2023-05-01&$filter=insights-`;
const containerId = (account: string, name: string) => `${account}/blobServices/default/containers/${name}`;
const policyUrl = (container: string) => `${arm}${container}/immutabilityPolicies/default?api-version=2023-05-01`;

const audit = accountId("stclinicaudit");
const app = accountId("stclinicapp");

/** The official StorageAccountList item, renamed. */
function account(id: string): Record<string, any> {
  const item = firstExampleItem("arm-storage-accounts-list.json");
  return { ...item, id, name: id.split("/").pop() };
}

/** The official BlobContainersList item, renamed; `has` undefined drops hasImmutabilityPolicy. */
function container(accountIdValue: string, name: string, has: boolean | null | undefined): Record<string, any> {
  const item = firstExampleItem("arm-storage-blob-containers-list.json");
  const properties = { ...item.properties, hasImmutabilityPolicy: has };
  if (has === undefined) delete properties.hasImmutabilityPolicy;
  return { ...item, id: containerId(accountIdValue, name), name, properties };
}

/** The official BlobContainersGetImmutabilityPolicy body, at the container's id. */
function policy(container: string): Record<string, any> {
  return { ...officialExample("arm-storage-immutability-policy-get.json"), id: `${container}/immutabilityPolicies/default` };
}

const setting = (account: string, logs?: unknown[]) => diagnosticSetting(`${account}/blobServices/default`, logs);
const categories = (account: string) => diagnosticCategories(`${account}/blobServices/default`);

describe("storage collector", () => {
  it("lists accounts, reads the blob service's settings and the insights- containers, and keeps the wire JSON", async () => {
    const activity = container(audit, "insights-activity-logs", true);
    const reads = container(audit, "insights-logs-storageread", false);
    const writes = container(audit, "insights-logs-storagewrite", undefined);
    const accounts = { value: [account(audit)] };
    const settings = { value: [setting(audit)] };
    const containers = { value: [activity, reads, writes] };
    const activityPolicy = policy(activity.id);
    const writesPolicy = policy(writes.id);
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: accounts },
      { url: settingsUrl(audit), body: settings },
      { url: containersUrl(audit), body: containers },
      { url: policyUrl(activity.id), body: activityPolicy },
      { url: policyUrl(writes.id), body: writesPolicy },
    ]);

    // The exact URLs, in order: the $filter is the prefix Azure Monitor's containers start with.
    expect(requested(access)).toEqual([
      `GET ${accountsUrl(sample.prod)}`,
      `GET ${settingsUrl(audit)}`,
      `GET ${containersUrl(audit)}`,
      `GET ${policyUrl(activity.id)}`,
      `GET ${policyUrl(writes.id)}`,
    ]);
    expect(access.ledger.exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 200, 200, 200, 200]);
    expect(access.ledger.exchanges[2]?.request.url).toBe(
      "https://management.azure.com/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourceGroups/rg-clinic-logs/providers/Microsoft.Storage/storageAccounts/stclinicaudit/blobServices/default/containers?api-version=2023-05-01&$filter=insights-",
    );

    expect(outcomes(records)).toEqual([
      ["storage/accounts", sample.prod, "ok", 1],
      ["storage/blob-diagnostic-settings", `${audit}/blobServices/default`, "ok", 1],
      ["storage/log-containers", audit, "ok", 3],
      ["storage/immutability-policies", activity.id, "ok", 1],
      ["storage/immutability-policies", writes.id, "ok", 1],
    ]);
    const folder = `raw/storage/${prodSubscription.subscriptionId}`;
    expect(records.map((record) => record.file)).toEqual([
      `${folder}/storage-accounts.json`,
      blobDiagnosticSettingsDataset.rawFile(blobServiceId(audit)),
      logContainersDataset.rawFile(audit),
      immutabilityPoliciesDataset.rawFile(activity.id),
      immutabilityPoliciesDataset.rawFile(writes.id),
    ]);
    // Records keep what was sent, fields the schemas do not name included (etag, metrics, retentionPolicy, ...).
    expect(records.map(itemsOf)).toEqual([accounts.value, settings.value, containers.value, [activityPolicy], [writesPolicy]]);
    expect(records.every((record) => record.status === "ok" && record.calls.length === 1)).toBe(true);
  });

  it.each([
    { hasImmutabilityPolicy: false, asked: false },
    { hasImmutabilityPolicy: true, asked: true },
    { hasImmutabilityPolicy: undefined, asked: true },
    { hasImmutabilityPolicy: null, asked: true },
  ])("a container with hasImmutabilityPolicy $hasImmutabilityPolicy: policy asked $asked", async ({ hasImmutabilityPolicy, asked }) => {
    const logs = container(audit, "insights-logs-storagedelete", hasImmutabilityPolicy);
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: { value: [account(audit)] } },
      { url: settingsUrl(audit), body: { value: [] } },
      { url: containersUrl(audit), body: { value: [logs] } },
      { url: policyUrl(logs.id), body: policy(logs.id) },
    ]);
    expect(requested(access)).toEqual([
      `GET ${accountsUrl(sample.prod)}`,
      `GET ${settingsUrl(audit)}`,
      `GET ${containersUrl(audit)}`,
      ...(asked ? [`GET ${policyUrl(logs.id)}`] : []),
    ]);
    expect(outcomes(records).map(([dataset, , status]) => [dataset, status])).toEqual([
      ["storage/accounts", "ok"],
      ["storage/blob-diagnostic-settings", "ok"],
      ["storage/log-containers", "ok"],
      ...(asked ? [["storage/immutability-policies", "ok"]] : []),
    ]);
  });

  it.each(categorySelections)("a setting selecting $selection: diagnosticSettingsCategories asked $asked", async ({ logs, asked }) => {
    const listed = categories(audit);
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: { value: [account(audit)] } },
      { url: settingsUrl(audit), body: { value: [setting(audit, logs)] } },
      { url: categoriesUrl(audit), body: listed },
      { url: containersUrl(audit), body: { value: [] } },
    ]);
    expect(requested(access)).toEqual([
      `GET ${accountsUrl(sample.prod)}`,
      `GET ${settingsUrl(audit)}`,
      ...(asked ? [`GET ${categoriesUrl(audit)}`] : []),
      `GET ${containersUrl(audit)}`,
    ]);
    const categoryRecord = records.find((record) => record.dataset === "storage/blob-diagnostic-categories");
    if (asked) {
      expect(categoryRecord).toMatchObject({
        status: "ok",
        scope: `${audit}/blobServices/default`,
        file: blobDiagnosticCategoriesDataset.rawFile(blobServiceId(audit)),
      });
      expect(itemsOf(categoryRecord)).toEqual(listed.value);
    } else {
      expect(categoryRecord).toBeUndefined();
    }
  });

  it("a 403 on one account's containers list is a permission error naming ARM's action, and the next account is still collected", async () => {
    const refusal = armRefusal("Microsoft.Storage/storageAccounts/blobServices/containers/read", `${audit}/blobServices/default`);
    const appLogs = container(app, "insights-logs-storagewrite", true);
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: { value: [account(audit), account(app)] } },
      { url: settingsUrl(audit), body: { value: [setting(audit)] } },
      { url: containersUrl(audit), ...refusal },
      { url: settingsUrl(app), body: { value: [setting(app)] } },
      { url: containersUrl(app), body: { value: [appLogs] } },
      { url: policyUrl(appLogs.id), body: policy(appLogs.id) },
    ]);
    expect(requested(access)).toEqual([
      `GET ${accountsUrl(sample.prod)}`,
      `GET ${settingsUrl(audit)}`,
      `GET ${containersUrl(audit)}`,
      `GET ${settingsUrl(app)}`,
      `GET ${containersUrl(app)}`,
      `GET ${policyUrl(appLogs.id)}`,
    ]);
    expect(access.ledger.exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 200, 403, 200, 200, 200]);
    expect(records[2]).toEqual({
      dataset: "storage/log-containers",
      scope: audit,
      file: logContainersDataset.rawFile(audit),
      status: "error",
      error: {
        call: `GET ${containersUrl(audit)}`,
        status: 403,
        code: "AuthorizationFailed",
        message: (refusal.body as { error: { message: string } }).error.message,
        reason: "permission",
        missingPermission: "Microsoft.Storage/storageAccounts/blobServices/containers/read",
      },
    });
    expect(outcomes(records)).toEqual([
      ["storage/accounts", sample.prod, "ok", 2],
      ["storage/blob-diagnostic-settings", `${audit}/blobServices/default`, "ok", 1],
      ["storage/log-containers", audit, "error", "permission"],
      ["storage/blob-diagnostic-settings", `${app}/blobServices/default`, "ok", 1],
      ["storage/log-containers", app, "ok", 1],
      ["storage/immutability-policies", appLogs.id, "ok", 1],
    ]);
  });

  it("a refused policy GET is an error for that container only; the next container is still asked", async () => {
    const first = container(audit, "insights-activity-logs", true);
    const second = container(audit, "insights-logs-storageread", true);
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: { value: [account(audit)] } },
      { url: settingsUrl(audit), body: { value: [] } },
      { url: containersUrl(audit), body: { value: [first, second] } },
      { url: policyUrl(first.id), ...armRefusal("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read", first.id) },
      { url: policyUrl(second.id), body: policy(second.id) },
    ]);
    expect(requested(access).slice(3)).toEqual([`GET ${policyUrl(first.id)}`, `GET ${policyUrl(second.id)}`]);
    expect(records[3]).toMatchObject({
      dataset: "storage/immutability-policies",
      scope: first.id,
      status: "error",
      error: {
        call: `GET ${policyUrl(first.id)}`,
        status: 403,
        reason: "permission",
        missingPermission: "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies/read",
      },
    });
    expect(outcomes(records).slice(3)).toEqual([
      ["storage/immutability-policies", first.id, "error", "permission"],
      ["storage/immutability-policies", second.id, "ok", 1],
    ]);
  });

  it("follows the containers list's nextLink and keeps both pages' items as sent", async () => {
    const pageOne = container(audit, "insights-activity-logs", false);
    const pageTwo = container(audit, "insights-logs-storageread", false);
    const nextLink = `${arm}${audit}/blobServices/default/containers?api-version=2023-05-01&$filter=insights-&$skipToken=/stclinicaudit/insights-logs-storageread`;
    const { records, access } = await runCollector(storageCollector, [
      { url: accountsUrl(sample.prod), body: { value: [account(audit)] } },
      { url: settingsUrl(audit), body: { value: [] } },
      { url: containersUrl(audit), body: { value: [pageOne], nextLink } },
      { url: nextLink, body: { value: [pageTwo] } },
    ]);
    expect(requested(access).slice(2)).toEqual([`GET ${containersUrl(audit)}`, `GET ${nextLink}`]);
    expect(records[2]).toMatchObject({ dataset: "storage/log-containers", status: "ok", calls: [`GET ${containersUrl(audit)}`, `GET ${nextLink}`] });
    expect(itemsOf(records[2])).toEqual([pageOne, pageTwo]);
  });

  it("a refused accounts list stops that subscription only: the next subscription is still collected", async () => {
    const devAccount = accountId("stclinicdev", sample.dev);
    const { records, access } = await runCollector(
      storageCollector,
      [
        { url: accountsUrl(sample.prod), ...armRefusal("Microsoft.Storage/storageAccounts/read", sample.prod) },
        { url: accountsUrl(sample.dev), body: { value: [account(devAccount)] } },
        { url: settingsUrl(devAccount), body: { value: [] } },
        { url: containersUrl(devAccount), body: { value: [] } },
      ] satisfies Answer[],
      [prodSubscription, devSubscription],
    );
    expect(requested(access)).toEqual([
      `GET ${accountsUrl(sample.prod)}`,
      `GET ${accountsUrl(sample.dev)}`,
      `GET ${settingsUrl(devAccount)}`,
      `GET ${containersUrl(devAccount)}`,
    ]);
    expect(outcomes(records)).toEqual([
      ["storage/accounts", sample.prod, "error", "permission"],
      ["storage/accounts", sample.dev, "ok", 1],
      ["storage/blob-diagnostic-settings", `${devAccount}/blobServices/default`, "ok", 0],
      ["storage/log-containers", devAccount, "ok", 0],
    ]);
    expect(records[0]).toMatchObject({ error: { status: 403, missingPermission: "Microsoft.Storage/storageAccounts/read" } });
  });
});
