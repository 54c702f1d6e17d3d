import { describe, expect, it } from "vitest";
import { inventoryCollector } from "../../src/collectors/inventory.js";
import { arm, armRefusal, devSubscription, outcomes, prodSubscription, requested, runCollector } from "../support/collector-run.js";
import { officialExample } from "../support/official-examples.js";

/**
 * The inventory collector through the real Azure pipeline, replayed: each subscription's resource
 * groups with their tags, and the subscriptions under each management group the ePHI scope names.
 */
const groupsUrl = (scope: string) => `${arm}${scope}/resourcegroups?api-version=2021-04-01`;
const descendantsUrl = (name: string) => `${arm}/providers/Microsoft.Management/managementGroups/${name}/descendants?api-version=2023-04-01`;
const group = (scope: string, name: string, tags?: Record<string, string>) => ({
  ...officialExample("arm-resource-group-get.json"),
  id: `${scope}/resourceGroups/${name}`,
  name,
  ...(tags ? { tags } : {}),
});

describe("inventory collector", () => {
  it("lists each subscription's resource groups with their tags, and nothing at management groups unless the scope names them", async () => {
    const { records, access } = await runCollector(
      inventoryCollector,
      [
        {
          url: groupsUrl(prodSubscription.scope),
          body: { value: [group(prodSubscription.scope, "rg-ehr-data", { "data-classification": "ephi" }), group(prodSubscription.scope, "rg-ops")] },
        },
        { url: groupsUrl(devSubscription.scope), body: { value: [group(devSubscription.scope, "rg-dev-sandbox")] } },
      ],
      [prodSubscription, devSubscription],
    );
    expect(requested(access)).toEqual([`GET ${groupsUrl(prodSubscription.scope)}`, `GET ${groupsUrl(devSubscription.scope)}`]);
    expect(outcomes(records)).toEqual([
      ["inventory/resource-groups", prodSubscription.scope, "ok", 2],
      ["inventory/resource-groups", devSubscription.scope, "ok", 1],
    ]);
    expect(records[0]).toMatchObject({ file: `raw/inventory/${prodSubscription.subscriptionId}/resource-groups.json` });
    expect(records[0]?.status === "ok" && (records[0].value as { tags?: unknown }[])[0]?.tags).toEqual({ "data-classification": "ephi" });
  });

  it("reads the descendants of each management group the scope names, and records a refusal as the error it is", async () => {
    const { records } = await runCollector(
      inventoryCollector,
      [
        { url: groupsUrl(prodSubscription.scope), body: { value: [] } },
        { url: descendantsUrl("mg-clinical"), body: officialExample("arm-management-group-descendants-list.json") },
        {
          url: descendantsUrl("mg-research"),
          ...armRefusal("Microsoft.Management/managementGroups/descendants/read", "/providers/Microsoft.Management/managementGroups/mg-research"),
        },
      ],
      [prodSubscription],
      ["mg-clinical", "mg-research"],
    );
    expect(outcomes(records)).toEqual([
      ["inventory/resource-groups", prodSubscription.scope, "ok", 0],
      ["inventory/management-group-descendants", "/providers/Microsoft.Management/managementGroups/mg-clinical", "ok", 2],
      ["inventory/management-group-descendants", "/providers/Microsoft.Management/managementGroups/mg-research", "error", "permission"],
    ]);
    expect(records.map((record) => record.file)).toEqual([
      `raw/inventory/${prodSubscription.subscriptionId}/resource-groups.json`,
      expect.stringMatching(/^raw\/inventory\/management-groups\/mg-clinical-[0-9a-f]{8}\/descendants\.json$/),
      expect.stringMatching(/^raw\/inventory\/management-groups\/mg-research-[0-9a-f]{8}\/descendants\.json$/),
    ]);
  });
});
