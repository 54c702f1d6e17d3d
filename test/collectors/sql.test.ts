import { describe, expect, it } from "vitest";
import { masterDiagnosticCategoriesDataset, masterDiagnosticSettingsDataset, sqlAuditingDataset } from "../../src/datasets/sql.js";
import { sqlCollector } from "../../src/collectors/sql.js";
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
import { firstExampleItem, officialExample } from "../support/official-examples.js";
import { sample } from "../support/sample.js";

/**
 * The SQL collector through the real Azure pipeline, replayed: servers, each server's auditing
 * policy, and the diagnostic settings of its master database (where server audit records are routed),
 * with the master database's categories when a group other than allLogs is used.
 */
const serversUrl = `${arm}${sample.prod}/providers/Microsoft.Sql/servers?api-version=2023-08-01`;
const serverId = (name: string) => `${sample.prod}/resourceGroups/rg-clinic-data/providers/Microsoft.Sql/servers/${name}`;
const auditingUrl = (server: string) => `${arm}${server}/auditingSettings/default?api-version=2023-08-01`;
const masterSettingsUrl = (server: string) => `${arm}${server}/databases/master/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
const masterCategoriesUrl = (server: string) =>
  `${arm}${server}/databases/master/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`;

const records1 = serverId("sql-clinic-records");
const billing = serverId("sql-clinic-billing");
const folder = `raw/sql/${prodSubscription.subscriptionId}`;

function server(id: string): Record<string, any> {
  return { ...firstExampleItem("arm-sql-servers-list.json"), id, name: id.split("/").pop() };
}
/** ServerBlobAuditingCreateMax (Enabled, storage and Azure Monitor) or ServerBlobAuditingGet (Disabled), at the server. */
function auditing(
  server: string,
  example: "arm-sql-server-auditing-settings-create-max.json" | "arm-sql-server-auditing-settings-get.json",
): Record<string, any> {
  return { ...officialExample(example), id: `${server}/auditingSettings/default` };
}
const master = (server: string) => `${server}/databases/master`;

describe("sql collector", () => {
  it("lists servers, reads each one's auditing policy and its master database's diagnostic settings, keeping the wire JSON", async () => {
    const servers = { value: [server(records1), server(billing)] };
    const enabled = auditing(records1, "arm-sql-server-auditing-settings-create-max.json");
    const disabled = auditing(billing, "arm-sql-server-auditing-settings-get.json");
    const routed = { value: [diagnosticSetting(master(records1), [{ category: "SQLSecurityAuditEvents", enabled: true }])] };
    const { records, access } = await runCollector(sqlCollector, [
      { url: serversUrl, body: servers },
      { url: auditingUrl(records1), body: enabled },
      { url: masterSettingsUrl(records1), body: routed },
      { url: auditingUrl(billing), body: disabled },
      { url: masterSettingsUrl(billing), body: { value: [] } },
    ]);
    expect(access.ledger.exchanges.map((exchange) => [exchange.request.method, exchange.request.url, exchange.response?.status])).toEqual([
      ["GET", serversUrl, 200],
      ["GET", auditingUrl(records1), 200],
      ["GET", masterSettingsUrl(records1), 200],
      ["GET", auditingUrl(billing), 200],
      ["GET", masterSettingsUrl(billing), 200],
    ]);
    expect(outcomes(records)).toEqual([
      ["sql/servers", sample.prod, "ok", 2],
      ["sql/auditing-settings", records1, "ok", 1],
      ["sql/master-diagnostic-settings", master(records1), "ok", 1],
      ["sql/auditing-settings", billing, "ok", 1],
      ["sql/master-diagnostic-settings", master(billing), "ok", 0],
    ]);
    expect(records.map((record) => record.file)).toEqual([
      `${folder}/servers.json`,
      sqlAuditingDataset.rawFile(records1),
      masterDiagnosticSettingsDataset.rawFile(master(records1)),
      sqlAuditingDataset.rawFile(billing),
      masterDiagnosticSettingsDataset.rawFile(master(billing)),
    ]);
    expect(records.map(itemsOf)).toEqual([servers.value, [enabled], routed.value, [disabled], []]);
  });

  it.each(categorySelections)("a master-database setting selecting $selection: categories asked $asked", async ({ logs, asked }) => {
    const listed = diagnosticCategories(master(records1));
    const { records, access } = await runCollector(sqlCollector, [
      { url: serversUrl, body: { value: [server(records1)] } },
      { url: auditingUrl(records1), body: auditing(records1, "arm-sql-server-auditing-settings-create-max.json") },
      { url: masterSettingsUrl(records1), body: { value: [diagnosticSetting(master(records1), logs)] } },
      { url: masterCategoriesUrl(records1), body: listed },
    ]);
    expect(requested(access)).toEqual([
      `GET ${serversUrl}`,
      `GET ${auditingUrl(records1)}`,
      `GET ${masterSettingsUrl(records1)}`,
      ...(asked ? [`GET ${masterCategoriesUrl(records1)}`] : []),
    ]);
    const categories = records.find((record) => record.dataset === "sql/master-diagnostic-categories");
    if (asked) {
      expect(categories).toMatchObject({ status: "ok", scope: master(records1), file: masterDiagnosticCategoriesDataset.rawFile(master(records1)) });
      expect(itemsOf(categories)).toEqual(listed.value);
    } else {
      expect(categories).toBeUndefined();
    }
  });

  it("a refused auditing policy is a permission error for that server; its master database and the next server are still read", async () => {
    const refusal = armRefusal("Microsoft.Sql/servers/auditingSettings/read", records1);
    const { records, access } = await runCollector(sqlCollector, [
      { url: serversUrl, body: { value: [server(records1), server(billing)] } },
      { url: auditingUrl(records1), ...refusal },
      { url: masterSettingsUrl(records1), body: { value: [] } },
      { url: auditingUrl(billing), body: auditing(billing, "arm-sql-server-auditing-settings-get.json") },
      { url: masterSettingsUrl(billing), body: { value: [] } },
    ]);
    expect(requested(access)).toEqual([
      `GET ${serversUrl}`,
      `GET ${auditingUrl(records1)}`,
      `GET ${masterSettingsUrl(records1)}`,
      `GET ${auditingUrl(billing)}`,
      `GET ${masterSettingsUrl(billing)}`,
    ]);
    expect(records[1]).toEqual({
      dataset: "sql/auditing-settings",
      scope: records1,
      file: sqlAuditingDataset.rawFile(records1),
      status: "error",
      error: {
        call: `GET ${auditingUrl(records1)}`,
        status: 403,
        code: "AuthorizationFailed",
        message: (refusal.body as { error: { message: string } }).error.message,
        reason: "permission",
        missingPermission: "Microsoft.Sql/servers/auditingSettings/read",
      },
    });
    expect(outcomes(records).slice(2)).toEqual([
      ["sql/master-diagnostic-settings", master(records1), "ok", 0],
      ["sql/auditing-settings", billing, "ok", 1],
      ["sql/master-diagnostic-settings", master(billing), "ok", 0],
    ]);
  });

  it("refused master-database settings ask no categories, and the next server is still read", async () => {
    const { records, access } = await runCollector(sqlCollector, [
      { url: serversUrl, body: { value: [server(records1), server(billing)] } },
      { url: auditingUrl(records1), body: auditing(records1, "arm-sql-server-auditing-settings-create-max.json") },
      { url: masterSettingsUrl(records1), ...armRefusal("Microsoft.Insights/diagnosticSettings/read", master(records1)) },
      { url: masterCategoriesUrl(records1), body: diagnosticCategories(master(records1)) },
      { url: auditingUrl(billing), body: auditing(billing, "arm-sql-server-auditing-settings-get.json") },
      { url: masterSettingsUrl(billing), body: { value: [diagnosticSetting(master(billing), [{ categoryGroup: "audit", enabled: true }])] } },
      { url: masterCategoriesUrl(billing), body: diagnosticCategories(master(billing)) },
    ]);
    expect(requested(access)).toEqual([
      `GET ${serversUrl}`,
      `GET ${auditingUrl(records1)}`,
      `GET ${masterSettingsUrl(records1)}`,
      `GET ${auditingUrl(billing)}`,
      `GET ${masterSettingsUrl(billing)}`,
      `GET ${masterCategoriesUrl(billing)}`,
    ]);
    expect(outcomes(records)).toEqual([
      ["sql/servers", sample.prod, "ok", 2],
      ["sql/auditing-settings", records1, "ok", 1],
      ["sql/master-diagnostic-settings", master(records1), "error", "permission"],
      ["sql/auditing-settings", billing, "ok", 1],
      ["sql/master-diagnostic-settings", master(billing), "ok", 1],
      ["sql/master-diagnostic-categories", master(billing), "ok", 2],
    ]);
    expect(records[2]).toMatchObject({
      error: { status: 403, call: `GET ${masterSettingsUrl(records1)}`, missingPermission: "Microsoft.Insights/diagnosticSettings/read" },
    });
  });

  it("a refused servers list is the only call and the only record", async () => {
    const { records, access } = await runCollector(sqlCollector, [{ url: serversUrl, ...armRefusal("Microsoft.Sql/servers/read", sample.prod) }]);
    expect(requested(access)).toEqual([`GET ${serversUrl}`]);
    expect(outcomes(records)).toEqual([["sql/servers", sample.prod, "error", "permission"]]);
    expect(records[0]).toMatchObject({ error: { status: 403, missingPermission: "Microsoft.Sql/servers/read" } });
  });
});
