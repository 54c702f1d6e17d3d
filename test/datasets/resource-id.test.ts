import { describe, expect, it } from "vitest";
import { nameAfter, parseResourceId, resourceName, sameId } from "../../src/datasets/resource-id.js";

/** ARM ids as findings and checks read them: parts, names, and comparison without regard to case. */
const vault = "/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05/resourceGroups/rg-ehr/providers/Microsoft.KeyVault/vaults/kv-ehr";

describe("parseResourceId", () => {
  it.each([
    { id: vault, parts: { subscriptionId: "291bba3f-e0a5-47bc-a099-3bdcb2a50a05", resourceGroup: "rg-ehr", name: "kv-ehr" } },
    { id: "/SUBSCRIPTIONS/abc/RESOURCEGROUPS/rg-ehr", parts: { subscriptionId: "abc", resourceGroup: "rg-ehr", name: "rg-ehr" } },
    { id: "/subscriptions/abc/", parts: { subscriptionId: "abc", resourceGroup: undefined, name: "abc" } },
    {
      id: "/subscriptions/abc/providers/Microsoft.Security/pricings/VirtualMachines",
      parts: { subscriptionId: "abc", resourceGroup: undefined, name: "VirtualMachines" },
    },
    { id: "/tenants/t/subscriptions/abc", parts: undefined },
    { id: "/providers/Microsoft.Management/managementGroups/mg", parts: undefined },
    { id: "", parts: undefined },
  ])("$id", ({ id, parts }) => {
    expect(parseResourceId(id)).toEqual(parts);
  });
});

describe("resourceName", () => {
  it.each([
    [vault, "kv-ehr"],
    [`${vault}/`, "kv-ehr"],
    ["kv-ehr", "kv-ehr"],
    ["/", "/"],
    ["", ""],
  ])("%s: %s", (id, name) => {
    expect(resourceName(id)).toBe(name);
  });
});

describe("nameAfter and sameId", () => {
  it.each([
    [vault, "vaults", "kv-ehr"],
    [vault, "VAULTS", "kv-ehr"],
    [vault.toLowerCase(), "resourceGroups", "rg-ehr"],
    [vault, "subscriptions", "291bba3f-e0a5-47bc-a099-3bdcb2a50a05"],
    [vault, "storageAccounts", undefined],
    ["subscriptions/abc", "subscriptions", "abc"],
  ])("%s after %s: %s", (id, type, name) => {
    expect(nameAfter(id, type)).toBe(name);
  });

  it("ids compare without regard to case, and only whole", () => {
    expect(sameId(vault, vault.toUpperCase())).toBe(true);
    expect(sameId(vault, `${vault}-2`)).toBe(false);
  });
});
