// Key Vault: the vaults of each subscription and the diagnostic settings of each vault.
import { archiveStorage, dev, principals, prod, securityWorkspace, tenantId } from "./clinic.mjs";
import { arm } from "./recording.mjs";
import { diagnosticSetting } from "./shared-payloads.mjs";

// Shape: arm-key-vault-vaults-list-by-subscription.json
function vault(subscriptionId, resourceGroup, name, properties) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    type: "Microsoft.KeyVault/vaults",
    location: "eastus2",
    tags: {},
    systemData: {
      createdBy: "dana.whitfield@contosoclinic.com",
      createdByType: "User",
      createdAt: "2024-02-12T16:03:11.0000000Z",
      lastModifiedBy: "dana.whitfield@contosoclinic.com",
      lastModifiedByType: "User",
      lastModifiedAt: "2026-08-30T08:41:52.0000000Z",
    },
    properties: {
      sku: { family: "A", name: "standard" },
      tenantId,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: "Succeeded",
      ...properties,
    },
  };
}

const vaults = {
  [prod.id]: [
    // Well configured.
    vault(prod.id, "rg-ehr-data", "kv-phi-prod-01", {
      accessPolicies: [],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
    }),
    // Planted: no purge protection (property absent, as in the official example), access policies, open network.
    vault(prod.id, "rg-ehr-app", "kv-clinic-app-02", {
      accessPolicies: [
        {
          tenantId,
          objectId: principals.ehrApi.id,
          permissions: { keys: [], secrets: ["get", "list"], certificates: [] },
        },
      ],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: false,
      publicNetworkAccess: "Enabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] },
    }),
  ],
  [dev.id]: [
    // Planted: no purge protection and no diagnostic setting; its firewall is fine.
    vault(dev.id, "rg-dev-sandbox", "kv-dev-sandbox-03", {
      accessPolicies: [],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 7,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Enabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [{ value: "203.0.113.0/24" }], virtualNetworkRules: [] },
    }),
  ],
};

// Where each vault sends its logs, by vault name.
const diagnosticSettings = {
  "kv-phi-prod-01": (id) => [
    diagnosticSetting(id, "send-to-security-workspace", { workspaceId: securityWorkspace }, [
      { category: null, categoryGroup: "audit", enabled: true },
      { category: null, categoryGroup: "allLogs", enabled: false },
    ]),
  ],
  "kv-clinic-app-02": (id) => [
    diagnosticSetting(id, "archive-audit-events", { storageAccountId: archiveStorage }, [
      { category: "AuditEvent", categoryGroup: null, enabled: true },
      { category: "AzurePolicyEvaluationDetails", categoryGroup: null, enabled: false },
    ]),
  ],
  "kv-dev-sandbox-03": () => [],
};

export function recordKeyVault({ record }) {
  for (const subscriptionEntry of [prod, dev]) {
    record("GET", `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`, 200, {
      value: vaults[subscriptionEntry.id],
    });
    for (const item of vaults[subscriptionEntry.id]) {
      record("GET", `${arm}${item.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
        value: diagnosticSettings[item.name](item.id),
      });
    }
  }
}
