import { describe, expect, it } from "vitest";
import { siteDiagnosticCategoriesDataset, siteDiagnosticSettingsDataset } from "../../src/datasets/app-service.js";
import { appServiceCollector } from "../../src/collectors/app-service.js";
import {
  arm,
  armRefusal,
  categorySelections,
  diagnosticCategories,
  diagnosticSetting,
  outcomes,
  prodSubscription,
  requested,
  runCollector,
  itemsOf,
} from "../support/collector-run.js";
import { officialExample } from "../support/official-examples.js";
import { sample } from "../support/sample.js";

/**
 * The App Service collector through the real Azure pipeline, replayed: the sites of a subscription
 * and each site's diagnostic settings, with its categories when a group other than allLogs is used.
 */
const sitesUrl = `${arm}${sample.prod}/providers/Microsoft.Web/sites?api-version=2024-04-01`;
const siteId = (name: string) => `${sample.prod}/resourceGroups/rg-clinic-web/providers/Microsoft.Web/sites/${name}`;
const settingsUrl = (site: string) => `${arm}${site}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
const categoriesUrl = (site: string) => `${arm}${site}/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`;

const portal = siteId("app-clinic-portal");
const api = siteId("func-clinic-api");
const folder = `raw/app-service/${prodSubscription.subscriptionId}`;

/** The official ListWebApps items (two full sites), moved to our ids. */
function sites(...ids: string[]): { value: Record<string, any>[] } {
  const example = officialExample("arm-web-sites-list.json").value as Record<string, any>[];
  return { value: ids.map((id, index) => ({ ...structuredClone(example[index % example.length]!), id, name: id.split("/").pop() })) };
}

describe("app-service collector", () => {
  it("lists sites and reads each site's diagnostic settings, keeping the wire JSON", async () => {
    const listed = sites(portal, api);
    const portalSettings = {
      value: [
        diagnosticSetting(portal, [
          { category: "AppServiceAuditLogs", enabled: true },
          { category: "AppServiceHTTPLogs", enabled: true },
        ]),
      ],
    };
    const { records, access } = await runCollector(appServiceCollector, [
      { url: sitesUrl, body: listed },
      { url: settingsUrl(portal), body: portalSettings },
      { url: settingsUrl(api), body: { value: [] } },
    ]);
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status])).toEqual([
      ["GET", sitesUrl, 200],
      ["GET", settingsUrl(portal), 200],
      ["GET", settingsUrl(api), 200],
    ]);
    expect(outcomes(records)).toEqual([
      ["app-service/sites", sample.prod, "ok", 2],
      ["app-service/diagnostic-settings", portal, "ok", 1],
      ["app-service/diagnostic-settings", api, "ok", 0],
    ]);
    expect(records.map((record) => record.file)).toEqual([
      `${folder}/sites.json`,
      siteDiagnosticSettingsDataset.rawFile(portal),
      siteDiagnosticSettingsDataset.rawFile(api),
    ]);
    expect(records.map(itemsOf)).toEqual([listed.value, portalSettings.value, []]);
  });

  it.each(categorySelections)("a site setting selecting $selection: categories asked $asked", async ({ logs, asked }) => {
    const listed = diagnosticCategories(portal);
    const { records, access } = await runCollector(appServiceCollector, [
      { url: sitesUrl, body: sites(portal) },
      { url: settingsUrl(portal), body: { value: [diagnosticSetting(portal, logs)] } },
      { url: categoriesUrl(portal), body: listed },
    ]);
    expect(requested(access)).toEqual([`GET ${sitesUrl}`, `GET ${settingsUrl(portal)}`, ...(asked ? [`GET ${categoriesUrl(portal)}`] : [])]);
    const categories = records.find((record) => record.dataset === "app-service/diagnostic-categories");
    if (asked) {
      expect(categories).toMatchObject({ status: "ok", scope: portal, file: siteDiagnosticCategoriesDataset.rawFile(portal) });
      expect(itemsOf(categories)).toEqual(listed.value);
    } else {
      expect(categories).toBeUndefined();
    }
  });

  it("one site's refused settings are a permission error for it alone; the next site is still read", async () => {
    const refusal = armRefusal("Microsoft.Insights/diagnosticSettings/read", portal);
    const { records, access } = await runCollector(appServiceCollector, [
      { url: sitesUrl, body: sites(portal, api) },
      { url: settingsUrl(portal), ...refusal },
      { url: categoriesUrl(portal), body: diagnosticCategories(portal) },
      { url: settingsUrl(api), body: { value: [diagnosticSetting(api, [{ categoryGroup: "audit", enabled: true }])] } },
      { url: categoriesUrl(api), body: diagnosticCategories(api) },
    ]);
    expect(requested(access)).toEqual([`GET ${sitesUrl}`, `GET ${settingsUrl(portal)}`, `GET ${settingsUrl(api)}`, `GET ${categoriesUrl(api)}`]);
    expect(records[1]).toEqual({
      dataset: "app-service/diagnostic-settings",
      scope: portal,
      file: siteDiagnosticSettingsDataset.rawFile(portal),
      status: "error",
      error: {
        call: `GET ${settingsUrl(portal)}`,
        status: 403,
        code: "AuthorizationFailed",
        message: (refusal.body as { error: { message: string } }).error.message,
        reason: "permission",
        missingPermission: "Microsoft.Insights/diagnosticSettings/read",
      },
    });
    expect(outcomes(records).slice(2)).toEqual([
      ["app-service/diagnostic-settings", api, "ok", 1],
      ["app-service/diagnostic-categories", api, "ok", 2],
    ]);
  });

  it("a failure without an error body is named by its call and status", async () => {
    // 501: a status the SDK's retry policy does not retry, answered by a gateway page rather than ARM.
    const { records } = await runCollector(appServiceCollector, [
      { url: sitesUrl, status: 501, raw: Buffer.from("<html><body>Not Implemented</body></html>"), headers: { "content-type": "text/html" } },
    ]);
    expect(records).toEqual([
      {
        dataset: "app-service/sites",
        scope: sample.prod,
        file: `${folder}/sites.json`,
        status: "error",
        error: { call: `GET ${sitesUrl}`, status: 501, message: `GET ${sitesUrl}: HTTP 501`, reason: "service" },
      },
    ]);
  });

  it("a refused sites list is the only call and the only record", async () => {
    const { records, access } = await runCollector(appServiceCollector, [{ url: sitesUrl, ...armRefusal("Microsoft.Web/sites/read", sample.prod) }]);
    expect(requested(access)).toEqual([`GET ${sitesUrl}`]);
    expect(outcomes(records)).toEqual([["app-service/sites", sample.prod, "error", "permission"]]);
    expect(records[0]).toMatchObject({ error: { status: 403, missingPermission: "Microsoft.Web/sites/read" } });
  });
});
