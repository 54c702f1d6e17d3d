import { describe, expect, it } from "vitest";
import { recordFile } from "../../src/datasets/raw-files.js";

/**
 * Archive entry names are made by the tool: a GUID as it is, anything else a safe slug with a short
 * hash of the original. No name Azure returns can put "../", a line break or a clash into the archive.
 */
const subscription = "/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3";
const vault = (group: string, name: string) => `${subscription}/resourceGroups/${group}/providers/Microsoft.KeyVault/vaults/${name}`;
const vaultSettings = recordFile("key-vault", "diagnostic-settings.json");

describe("raw file names", () => {
  it.each([
    ["the tenant", recordFile("entra", "users.json"), "/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47", "raw/entra/users.json"],
    ["a subscription", recordFile("rbac", "role-assignments.json"), subscription, "raw/rbac/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/role-assignments.json"],
    [
      "a subscription id in capitals",
      recordFile("rbac", "role-assignments.json"),
      subscription.toUpperCase(),
      "raw/rbac/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/role-assignments.json",
    ],
    [
      "a resource: its name and a hash of its id",
      vaultSettings,
      vault("rg-ehr-data", "kv-phi-prod-01"),
      "raw/key-vault/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/kv-phi-prod-01-369edf75/diagnostic-settings.json",
    ],
    [
      "the same resource written in other case",
      vaultSettings,
      vault("RG-EHR-DATA", "KV-PHI-PROD-01"),
      "raw/key-vault/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/kv-phi-prod-01-369edf75/diagnostic-settings.json",
    ],
    [
      "a namesake in another resource group",
      vaultSettings,
      vault("rg-other", "kv-phi-prod-01"),
      "raw/key-vault/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/kv-phi-prod-01-a071b4aa/diagnostic-settings.json",
    ],
    [
      "a child resource: the names along its id",
      recordFile("storage", "immutability-policy.json"),
      `${subscription}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default/containers/insights-logs-auditevent`,
      "raw/storage/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/st1-default-insights-logs-auditevent-62f10cbc/immutability-policy.json",
    ],
    [
      "a group of the tenant",
      recordFile("entra", "transitive-members.json"),
      "/tenants/t/groups/B2F6D1EF-0002-4B7C-9D0E-1F2A3B4C5D6E",
      "raw/entra/groups/b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e/transitive-members.json",
    ],
    [
      "a vault named with ../ and a line break",
      vaultSettings,
      vault("rg", "../evil\nname"),
      "raw/key-vault/other/subscriptions-4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2-58f34cce/diagnostic-settings.json",
    ],
    [
      "a subscription id that climbs",
      recordFile("rbac", "role-assignments.json"),
      "/subscriptions/../../etc",
      "raw/rbac/5ec1f7e7/etc-26e37dda/role-assignments.json",
    ],
    [
      "a group id that climbs",
      recordFile("entra", "transitive-members.json"),
      "/tenants/t/groups/../x",
      "raw/entra/other/tenants-t-groups-x-6de81e07/transitive-members.json",
    ],
    ["a scope that is no id", recordFile("entra-sign-ins", "workspace.json"), "not an id", "raw/entra-sign-ins/other/not-an-id-3c741084/workspace.json"],
    [
      "a management group",
      recordFile("rbac", "role-assignments.json"),
      "/providers/Microsoft.Management/managementGroups/mg-clinic",
      "raw/rbac/management-groups/mg-clinic-5b62d20e/role-assignments.json",
    ],
    [
      "a management group's child is no management group",
      recordFile("rbac", "role-assignments.json"),
      "/providers/Microsoft.Management/managementGroups/mg-clinic/x",
      "raw/rbac/other/providers-microsoft-management-managementgroups-08b27214/role-assignments.json",
    ],
    [
      "a tenant path inside another path",
      recordFile("entra", "users.json"),
      "/x/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47",
      "raw/entra/other/x-tenants-7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47-d5ccd4da/users.json",
    ],
    [
      "a subscription with a trailing slash",
      recordFile("rbac", "role-assignments.json"),
      `${subscription}/`,
      "raw/rbac/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/role-assignments.json",
    ],
    [
      "a subscription path inside another path",
      recordFile("rbac", "role-assignments.json"),
      `/x${subscription}`,
      "raw/rbac/other/x-subscriptions-4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1-c51b26a6/role-assignments.json",
    ],
    [
      "a resource group",
      recordFile("rbac", "role-assignments.json"),
      `${subscription}/resourceGroups/rg-ehr`,
      "raw/rbac/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/rg-ehr-1dc8a451/role-assignments.json",
    ],
    [
      "a tenant object kind that is no plain word",
      recordFile("entra", "members.json"),
      "/tenants/t/Odd Groups/b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e",
      "raw/entra/odd-groups-9760b291/b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e/members.json",
    ],
    [
      "a name cut at 48 characters just after a dash",
      vaultSettings,
      vault("rg", `--${"a".repeat(47)}--bbb--`),
      `raw/key-vault/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/${"a".repeat(47)}-a33f6b6b/diagnostic-settings.json`,
    ],
  ])("%s", (_case, file, scope, expected) => {
    expect(file(scope)).toBe(expected);
  });

  it("are made of safe characters only, whatever the name", () => {
    const hostile = ["../../x", "a/b", "line\nbreak", "tab\there", "C:\\windows", "é", "", " ", "%2e%2e", "-", "..."];
    for (const name of hostile) {
      const path = vaultSettings(vault("rg", name));
      expect(path, JSON.stringify(name)).toMatch(/^raw\/key-vault(\/[a-z0-9][a-z0-9-]*)+\/diagnostic-settings\.json$/);
      expect(path.split("/")).not.toContain("..");
    }
  });
});
