import { describe, expect, it } from "vitest";
import { check as purgeProtection } from "../../src/checks/key-vault-purge-protection-enabled.js";
import { check as publicNetwork } from "../../src/checks/key-vault-public-network-restricted.js";
import { fillCommand, placeholderValues, placeholdersIn, remediationFor } from "../../src/checks/remediation.js";
import type { RemediationAdvice } from "../../src/model/assessment.js";

/** A finding's command is filled from its resource id, completely or not at all. */
const subscriptionId = "00000000-0000-0000-0000-000000000001";
const tenantId = "00000000-0000-0000-0000-0000000000aa";
const vault = `/subscriptions/${subscriptionId}/resourceGroups/rg-clinic/providers/Microsoft.KeyVault/vaults/kv-records`;

describe("placeholderValues", () => {
  it.each([
    {
      name: "an ARM resource",
      resourceId: vault,
      expected: { subscriptionId, resourceGroup: "rg-clinic", name: "kv-records", resourceId: vault },
    },
    {
      name: "an ARM resource whose id Azure returned in lower case",
      resourceId: `/subscriptions/${subscriptionId}/resourcegroups/rg-clinic/providers/microsoft.operationalinsights/workspaces/law-audit`,
      expected: {
        subscriptionId,
        resourceGroup: "rg-clinic",
        name: "law-audit",
        resourceId: `/subscriptions/${subscriptionId}/resourcegroups/rg-clinic/providers/microsoft.operationalinsights/workspaces/law-audit`,
      },
    },
    {
      name: "a child resource: the name is the last segment",
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-clinic/providers/Microsoft.Storage/storageAccounts/stlogs/blobServices/default`,
      expected: {
        subscriptionId,
        resourceGroup: "rg-clinic",
        name: "default",
        resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-clinic/providers/Microsoft.Storage/storageAccounts/stlogs/blobServices/default`,
      },
    },
    {
      name: "a role assignment at subscription scope: no resource group",
      resourceId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`,
      expected: {
        subscriptionId,
        name: "11111111-2222-3333-4444-555555555555",
        resourceId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`,
      },
    },
    {
      name: "a subscription: no resource group, no name",
      resourceId: `/subscriptions/${subscriptionId}`,
      expected: { subscriptionId, resourceId: `/subscriptions/${subscriptionId}` },
    },
    {
      name: "a resource group: no name",
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-clinic`,
      expected: { subscriptionId, resourceGroup: "rg-clinic", resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-clinic` },
    },
    { name: "the tenant", resourceId: `/tenants/${tenantId}`, expected: { tenantId } },
    { name: "an Entra object path: the tenant id only", resourceId: `/tenants/${tenantId}/users/u-1/roles/r-1`, expected: { tenantId } },
    { name: "a path that is not an ARM id (a missing dataset's scope)", resourceId: `/subscriptions/${subscriptionId}/key-vault/vaults`, expected: {} },
    {
      name: "a resource group with parentheses, which a shell would misread",
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg(old)/providers/Microsoft.KeyVault/vaults/kv-records`,
      expected: { subscriptionId, name: "kv-records" },
    },
  ])("$name", ({ resourceId, expected }) => {
    expect(placeholderValues(resourceId)).toEqual(expected);
  });
});

describe("fillCommand", () => {
  it.each([
    {
      name: "an ARM resource fills subscription, group and name",
      command: "az keyvault update --subscription {subscriptionId} -g {resourceGroup} -n {name} --enable-purge-protection true",
      resourceId: vault,
      expected: `az keyvault update --subscription ${subscriptionId} -g rg-clinic -n kv-records --enable-purge-protection true`,
    },
    {
      name: "an ARM resource fills the whole id",
      command: "az resource show --ids {resourceId}",
      resourceId: vault,
      expected: `az resource show --ids ${vault}`,
    },
    {
      name: "a subscription fills its id",
      command: "az account set --subscription {subscriptionId}",
      resourceId: `/subscriptions/${subscriptionId}`,
      expected: `az account set --subscription ${subscriptionId}`,
    },
    {
      name: "a subscription cannot fill a resource group",
      command: "az keyvault update --subscription {subscriptionId} -g {resourceGroup} -n {name} --enable-purge-protection true",
      resourceId: `/subscriptions/${subscriptionId}`,
      expected: undefined,
    },
    {
      name: "a tenant path fills the tenant id",
      command: "GET https://graph.microsoft.com/v1.0/organization/{tenantId}",
      resourceId: `/tenants/${tenantId}`,
      expected: `GET https://graph.microsoft.com/v1.0/organization/${tenantId}`,
    },
    {
      name: "a tenant path cannot fill an ARM placeholder",
      command: "az account set --subscription {subscriptionId}",
      resourceId: `/tenants/${tenantId}/users/u-1`,
      expected: undefined,
    },
    {
      name: "an ARM id cannot fill the tenant id",
      command: "GET https://graph.microsoft.com/v1.0/organization/{tenantId}",
      resourceId: vault,
      expected: undefined,
    },
    {
      name: "a placeholder no resource id fills leaves the command out",
      command: "az monitor diagnostic-settings create --resource {resourceId} --workspace {workspaceId}",
      resourceId: vault,
      expected: undefined,
    },
    {
      name: "a path that is not an ARM id names no resource",
      command: "az keyvault update --subscription {subscriptionId} -g {resourceGroup} -n {name} --enable-purge-protection true",
      resourceId: `/subscriptions/${subscriptionId}/key-vault/vaults`,
      expected: undefined,
    },
    {
      name: "a JSON body is not a placeholder",
      command: `PATCH https://graph.microsoft.com/v1.0/organization/{tenantId} {"state": "enabled"}`,
      resourceId: `/tenants/${tenantId}`,
      expected: `PATCH https://graph.microsoft.com/v1.0/organization/${tenantId} {"state": "enabled"}`,
    },
  ])("$name", ({ command, resourceId, expected }) => {
    expect(fillCommand(command, resourceId)).toBe(expected);
  });

  it("lists every {word} of a command, known or not", () => {
    expect(placeholdersIn(`az x -g {resourceGroup} --w {workspaceId} --body {"a": 1}`)).toEqual(["resourceGroup", "workspaceId"]);
  });
});

describe("remediationFor", () => {
  const advice: RemediationAdvice = {
    text: "Turn on purge protection.",
    portal: "Key vaults > (vault) > Properties > Purge protection",
    source: "https://learn.microsoft.com/azure/key-vault/general/key-vault-recovery",
    command: "az keyvault update --subscription {subscriptionId} -g {resourceGroup} -n {name} --enable-purge-protection true",
  };
  const { text, portal, source } = advice;

  it.each([
    {
      name: "a finding on the resource gets the filled command",
      resourceId: vault,
      expected: {
        text,
        portal,
        source,
        command: `az keyvault update --subscription ${subscriptionId} -g rg-clinic -n kv-records --enable-purge-protection true`,
      },
    },
    { name: "a finding the command cannot be filled for gets none at all", resourceId: `/subscriptions/${subscriptionId}`, expected: { text, portal, source } },
  ])("$name", ({ resourceId, expected }) => {
    expect(remediationFor(advice, { resourceId })).toStrictEqual(expected);
  });

  it("advice without a command stays without one", () => {
    expect(remediationFor({ text, portal, source }, { resourceId: vault })).toStrictEqual({ text, portal, source });
  });
});

describe("the checks' own commands", () => {
  it.each([
    {
      check: purgeProtection,
      expected: `az keyvault update --subscription ${subscriptionId} -g rg-clinic -n kv-records --enable-purge-protection true`,
    },
    { check: publicNetwork, expected: "az keyvault update --resource-group rg-clinic --name kv-records --default-action Deny" },
  ])("$check.id fills for a vault", ({ check, expected }) => {
    expect(remediationFor(check.remediation, { resourceId: vault }).command).toBe(expected);
  });

  it("a vault check's error at subscription scope shows no command", () => {
    expect(remediationFor(purgeProtection.remediation, { resourceId: `/subscriptions/${subscriptionId}` })).not.toHaveProperty("command");
  });
});
