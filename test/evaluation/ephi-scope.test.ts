import { describe, expect, it } from "vitest";
import { resourcesDataset } from "../../src/datasets/defender.js";
import { managementGroupDescendantsDataset, managementGroupId, resourceGroupsDataset } from "../../src/datasets/inventory.js";
import { subscriptionsDataset } from "../../src/datasets/subscriptions.js";
import { ephiInventory, standingOf } from "../../src/evaluation/ephi-scope.js";
import { ephiView } from "../../src/evaluation/ephi-view.js";
import type { EphiScope } from "../../src/model/ephi-scope.js";
import { EvidenceSet } from "../../src/model/evidence.js";
import { baaServices, forbidden, goodTenant, signInWorkspace, subscription, tenantId, vaultId, type Tenant } from "../support/good-tenant.js";
import { officialExample } from "../support/official-examples.js";

/**
 * Where ePHI lives, decided from the declaration and the inventory. Every case starts from the good
 * tenant with five resources: the vault (sample-group), the log archive account the vault sends its
 * logs to (logs), a storage account and a virtual network (other-group), and the workspace that
 * receives Entra ID's logs (logs). One declaration, one change, and the standing of each resource.
 */
const group = (name: string) => `${subscription.scope}/resourceGroups/${name}`;
const storageId = `${group("other-group")}/providers/Microsoft.Storage/storageAccounts/stother`;
const networkId = `${group("other-group")}/providers/Microsoft.Network/virtualNetworks/vnet-other`;
const owner = "Pat Doe, security officer";

function tenantWithResources(): Tenant {
  const tenant = goodTenant();
  tenant
    .items(resourcesDataset)
    .push(
      { id: storageId, name: "stother", type: "Microsoft.Storage/storageAccounts", location: "eastus" },
      { id: networkId, name: "vnet-other", type: "Microsoft.Network/virtualNetworks", location: "eastus" },
      { id: signInWorkspace, name: "law-security", type: "Microsoft.OperationalInsights/workspaces", location: "eastus" },
    );
  tenant.items(resourceGroupsDataset).push({ id: group("other-group"), name: "other-group", location: "eastus" });
  return tenant;
}

const tagGroup = (tenant: Tenant, name: string, tags: Record<string, string>) => {
  tenant.items(resourceGroupsDataset).find((candidate) => candidate.name === name)!.tags = tags;
};
const byTag: EphiScope = { tags: [{ name: "data-classification", values: ["ephi", "phi"] }] };

function standings(tenant: Tenant, scope: EphiScope | undefined) {
  const inventory = ephiInventory(new EvidenceSet(tenant.records), tenantId, tenant.subscriptions, scope);
  return Object.fromEntries(inventory.resources.map((resource) => [resource.name, resource.standing]));
}

interface Case {
  name: string;
  scope: EphiScope | undefined;
  change?: (tenant: Tenant) => void;
  expected: Record<string, string>;
}

const cases: Case[] = [
  {
    name: "no scope declared: everything counts",
    scope: undefined,
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "in scope", "vnet-other": "in scope", "law-security": "in scope" },
  },
  {
    name: "by tag on a resource group: an unmarked data store beside it is unclassified, an unmarked network out, the log workspace in as the audit trail",
    scope: byTag,
    change: (tenant) => tagGroup(tenant, "sample-group", { "Data-Classification": "PHI" }),
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "unclassified", "vnet-other": "out of scope", "law-security": "in scope" },
  },
  {
    name: "by tag: the nearest tag decides, so a resource marked otherwise leaves its tagged group (and an unmarked vault is no data store)",
    scope: byTag,
    change: (tenant) => {
      tagGroup(tenant, "other-group", { "data-classification": "ephi" });
      tenant.items(resourcesDataset).find((resource) => resource.name === "stother")!.tags = { "data-classification": "public" };
    },
    expected: { "sample-vault": "out of scope", stauditarchive: "unclassified", stother: "out of scope", "vnet-other": "in scope", "law-security": "in scope" },
  },
  {
    name: "by tag on the subscription: everything below inherits it",
    scope: byTag,
    change: (tenant) => {
      tenant.items(subscriptionsDataset, `/tenants/${tenantId}`)[0]!.tags = { "data-classification": "ephi" };
    },
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "in scope", "vnet-other": "in scope", "law-security": "in scope" },
  },
  {
    name: "by resource group id (any case)",
    scope: { resourceGroups: [group("SAMPLE-GROUP")] },
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "unclassified", "vnet-other": "out of scope", "law-security": "in scope" },
  },
  {
    name: "by subscription",
    scope: { subscriptions: [subscription.subscriptionId] },
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "in scope", "vnet-other": "in scope", "law-security": "in scope" },
  },
  {
    name: "by management group, through its descendants",
    scope: { managementGroups: ["mg-phi"] },
    change: (tenant) => {
      const listing = structuredClone(officialExample("arm-management-group-descendants-list.json").value as Record<string, any>[]);
      listing[1]!.name = subscription.subscriptionId;
      tenant.records.push({
        dataset: managementGroupDescendantsDataset.id,
        scope: managementGroupId("mg-phi"),
        file: "raw/inventory/management-groups/mg-phi/descendants.json",
        status: "ok",
        calls: [],
        value: listing,
      });
    },
    expected: { "sample-vault": "in scope", stauditarchive: "in scope", stother: "in scope", "vnet-other": "in scope", "law-security": "in scope" },
  },
  {
    name: "by management group whose descendants could not be read: nothing is dropped on a guess",
    scope: { managementGroups: ["mg-phi"] },
    change: (tenant) => {
      tenant.records.push({
        dataset: managementGroupDescendantsDataset.id,
        scope: managementGroupId("mg-phi"),
        file: "raw/inventory/management-groups/mg-phi/descendants.json",
        status: "error",
        error: forbidden,
      });
    },
    expected: {
      "sample-vault": "unclassified",
      stauditarchive: "unclassified",
      stother: "unclassified",
      "vnet-other": "unclassified",
      "law-security": "in scope",
    },
  },
  {
    name: "by tag, with the resource groups unreadable: their tags are unknown, so resources are unclassified",
    scope: byTag,
    change: (tenant) => tenant.fail(resourceGroupsDataset, forbidden),
    expected: {
      "sample-vault": "unclassified",
      stauditarchive: "unclassified",
      stother: "unclassified",
      "vnet-other": "unclassified",
      "law-security": "in scope",
    },
  },
  {
    name: "exclusions by resource group, resource and tag take things out, even from an included subscription",
    scope: {
      subscriptions: [subscription.subscriptionId],
      exclusions: [
        { resourceGroup: group("other-group"), reason: "marketing site only", owner },
        { resource: vaultId, reason: "holds only test keys", owner },
        { tag: { name: "purpose", values: ["telemetry"] }, reason: "telemetry without identifiers", owner },
      ],
    },
    change: (tenant) => {
      tenant.items(resourcesDataset).find((resource) => resource.name === "law-security")!.tags = { purpose: "telemetry" };
    },
    expected: {
      "sample-vault": "out of scope",
      stauditarchive: "in scope",
      stother: "out of scope",
      "vnet-other": "out of scope",
      "law-security": "out of scope",
    },
  },
  {
    name: "an exclusion of the whole subscription",
    scope: { tags: byTag.tags, exclusions: [{ subscription: subscription.subscriptionId.toUpperCase(), reason: "sandbox", owner }] },
    change: (tenant) => tagGroup(tenant, "sample-group", { "data-classification": "ephi" }),
    expected: {
      "sample-vault": "out of scope",
      stauditarchive: "out of scope",
      stother: "out of scope",
      "vnet-other": "out of scope",
      "law-security": "out of scope",
    },
  },
];

describe("the ePHI inventory", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const tenant = tenantWithResources();
    testCase.change?.(tenant);
    expect(standings(tenant, testCase.scope)).toEqual(testCase.expected);
  });

  it("says why, and records each exclusion as a decision with its owner and how many resources it took out", () => {
    const tenant = tenantWithResources();
    tagGroup(tenant, "sample-group", { "data-classification": "ephi" });
    const inventory = ephiInventory(new EvidenceSet(tenant.records), tenantId, tenant.subscriptions, {
      ...byTag,
      exclusions: [{ resourceGroup: group("other-group"), reason: "marketing site only", owner }],
    });
    expect(inventory.rules).toEqual([
      "Tag data-classification = ephi or phi on the resource, its resource group or its subscription (the nearest that carries the tag decides)",
    ]);
    expect(inventory.exclusions).toEqual([{ target: "resource group other-group", reason: "marketing site only", owner, resources: 2 }]);
    expect(Object.fromEntries(inventory.resources.map((resource) => [resource.name, resource.why]))).toEqual({
      "sample-vault": "tag data-classification = ephi",
      stauditarchive: "receives logs sent by Key Vault sample-vault",
      stother: "excluded: marketing site only (decided by Pat Doe, security officer)",
      "vnet-other": "excluded: marketing site only (decided by Pat Doe, security officer)",
      "law-security": "receives logs sent by the activity log of subscription Example Subscription, Entra ID, Key Vault sample-vault and 3 more",
    });
    expect(inventory.resources.find((resource) => resource.name === "sample-vault")?.evidence).toEqual({
      file: "raw/defender/291bba3f-e0a5-47bc-a099-3bdcb2a50a05/resources.json",
      pointer: "/value/0",
    });
  });

  it("places findings: tenant-wide statements, extension resources by their parent, containers by what they hold", () => {
    const tenant = tenantWithResources();
    tagGroup(tenant, "sample-group", { "data-classification": "ephi" });
    const inventory = ephiInventory(new EvidenceSet(tenant.records), tenantId, tenant.subscriptions, {
      ...byTag,
      exclusions: [{ resourceGroup: group("sandbox"), reason: "sandbox", owner }],
    });
    const place = (id: string) => standingOf(inventory, tenant.subscriptions, id);
    expect(place(`/tenants/${tenantId}/users/1`)).toBe("tenant-wide");
    expect(place("/providers/Microsoft.Management/managementGroups/mg-root/providers/Microsoft.Authorization/roleAssignments/1")).toBe("tenant-wide");
    expect(place(`${vaultId}/providers/Microsoft.Authorization/roleAssignments/1`)).toBe("in scope");
    expect(place(`${storageId}/blobServices/default`)).toBe("unclassified");
    expect(place(networkId)).toBe("out of scope");
    expect(place(subscription.scope)).toBe("in scope");
    expect(place(group("sample-group"))).toBe("in scope");
    expect(place(`${group("sample-group")}/providers/Microsoft.Authorization/roleAssignments/2`)).toBe("in scope");
    // A resource the listing does not hold: unclassified, unless a recorded exclusion covers where it is.
    expect(place(`${group("web")}/providers/Microsoft.Web/sites/app-portal`)).toBe("unclassified");
    expect(place(`${group("sandbox")}/providers/Microsoft.Web/sites/app-sandbox`)).toBe("out of scope");
  });
});

describe("the summary's ePHI view", () => {
  it("counts what holds ePHI by type and location, with the BAA's word and the allowed regions, and lists the unclassified", () => {
    const tenant = tenantWithResources();
    tagGroup(tenant, "sample-group", { "data-classification": "ephi" });
    tenant.items(resourcesDataset).find((resource) => resource.name === "stother")!.location = "westeurope";
    const inventory = ephiInventory(new EvidenceSet(tenant.records), tenantId, tenant.subscriptions, byTag);
    const view = ephiView(inventory, baaServices, ["eastus"]);
    // Most first: the types that hold the most ePHI lead.
    expect(view.byType).toEqual([
      { type: "Microsoft.Storage/storageAccounts", inScope: 1, unclassified: 1, locations: ["eastus", "westeurope"], baa: "covered (Storage: Blobs)" },
      { type: "Microsoft.KeyVault/vaults", inScope: 1, unclassified: 0, locations: ["eastus"], baa: "covered (Key Vault)" },
      { type: "Microsoft.OperationalInsights/workspaces", inScope: 1, unclassified: 0, locations: ["eastus"], baa: "covered (Azure Monitor)" },
    ]);
    expect(view.byLocation).toEqual([
      { location: "eastus", inScope: 3, unclassified: 0, allowed: "allowed" },
      { location: "westeurope", inScope: 0, unclassified: 1, allowed: "not allowed" },
    ]);
    expect(view.unclassified.map((resource) => resource.name)).toEqual(["stother"]);
    expect(view.outOfScope).toEqual({ count: 1, reasons: [{ why: "not a data store, and no rule includes it", count: 1 }] });
    expect(ephiView(inventory, baaServices, undefined).byLocation.map((row) => row.allowed)).toEqual(["no regions declared", "no regions declared"]);
  });
});
