// Microsoft Defender for Cloud: per subscription, the resources in use, the Defender plans, security
// contacts, alerts, secure score, regulatory compliance standards and auto-provisioning.
// Clinic-Prod holds a storage account for scanned records, but its Defender plan is off (Free).
import {
  archiveStorage,
  dev,
  devScope,
  devWorkspace,
  exportsStorage,
  portal,
  prod,
  rgEhrApp,
  rgEhrData,
  scansStorage,
  securityWorkspace,
  sqlServer,
} from "./clinic.mjs";
import { arm } from "./recording.mjs";

const resourceItem = (id, type, location = "eastus2") => ({ id, name: id.split("/").pop(), type, location });
const defenderPlan = (subscriptionId, name, pricingTier, extra = {}) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${name}`,
  name,
  type: "Microsoft.Security/pricings",
  properties: {
    pricingTier,
    freeTrialRemainingTime: "PT0S",
    enforce: "False",
    ...(pricingTier === "Standard" ? { enablementTime: "2025-02-03T10:00:00.0000000Z" } : {}),
    ...extra,
  },
});
const securityContact = (subscriptionId) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/securityContacts/default`,
  name: "default",
  type: "Microsoft.Security/securityContacts",
  properties: {
    emails: "security@contosoclinic.com;it-oncall@contosoclinic.com",
    phone: "+1-555-0100",
    isEnabled: true,
    notificationsByRole: { state: "On", roles: ["Owner"] },
    notificationsSources: [
      { sourceType: "Alert", minimalSeverity: "Medium" },
      { sourceType: "AttackPath", minimalRiskLevel: "Critical" },
    ],
  },
});
const defenderAnswers = {
  [prod.id]: {
    resources: [
      resourceItem(`${rgEhrData}/providers/Microsoft.KeyVault/vaults/kv-phi-prod-01`, "Microsoft.KeyVault/vaults"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.KeyVault/vaults/kv-clinic-app-02`, "Microsoft.KeyVault/vaults"),
      resourceItem(scansStorage, "Microsoft.Storage/storageAccounts"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Compute/virtualMachines/vm-ehr-app-01`, "Microsoft.Compute/virtualMachines"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Network/virtualNetworks/vnet-ehr`, "Microsoft.Network/virtualNetworks"),
      resourceItem(securityWorkspace, "Microsoft.OperationalInsights/workspaces"),
      resourceItem(archiveStorage, "Microsoft.Storage/storageAccounts"),
      resourceItem(exportsStorage, "Microsoft.Storage/storageAccounts", "westus2"),
      resourceItem(sqlServer, "Microsoft.Sql/servers"),
      resourceItem(`${sqlServer}/databases/ehr-records`, "Microsoft.Sql/servers/databases"),
      resourceItem(portal, "Microsoft.Web/sites"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Web/serverfarms/asp-ehr-portal`, "Microsoft.Web/serverFarms"),
    ],
    pricings: [
      defenderPlan(prod.id, "VirtualMachines", "Standard", { subPlan: "P2" }),
      defenderPlan(prod.id, "StorageAccounts", "Free"),
      defenderPlan(prod.id, "KeyVaults", "Standard", { subPlan: "PerKeyVault" }),
      defenderPlan(prod.id, "SqlServers", "Standard"),
      defenderPlan(prod.id, "AppServices", "Standard"),
      defenderPlan(prod.id, "Arm", "Standard", { subPlan: "PerSubscription" }),
      defenderPlan(prod.id, "CloudPosture", "Standard"),
    ],
    alerts: [
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-ehr-app/providers/Microsoft.Security/locations/eastus2/alerts/2517366999999999999_0f1e2d3c`,
        name: "2517366999999999999_0f1e2d3c",
        type: "Microsoft.Security/Locations/alerts",
        properties: {
          alertDisplayName: "Suspicious PowerShell command line",
          severity: "Medium",
          status: "Active",
          startTimeUtc: "2026-11-18T22:41:07.000Z",
          timeGeneratedUtc: "2026-11-18T22:43:10.000Z",
          compromisedEntity: "vm-ehr-app-01",
        },
      },
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-ehr-app/providers/Microsoft.Security/locations/eastus2/alerts/2517400000000000000_1a2b3c4d`,
        name: "2517400000000000000_1a2b3c4d",
        type: "Microsoft.Security/Locations/alerts",
        properties: {
          alertDisplayName: "Antimalware action taken",
          severity: "High",
          status: "Resolved",
          startTimeUtc: "2026-10-30T04:12:55.000Z",
          timeGeneratedUtc: "2026-10-30T04:15:01.000Z",
          compromisedEntity: "vm-ehr-app-01",
        },
      },
    ],
  },
  [dev.id]: {
    resources: [
      resourceItem(`${devScope}/resourceGroups/rg-dev-sandbox/providers/Microsoft.KeyVault/vaults/kv-dev-sandbox-03`, "Microsoft.KeyVault/vaults"),
      resourceItem(devWorkspace, "Microsoft.OperationalInsights/workspaces"),
    ],
    pricings: [
      defenderPlan(dev.id, "VirtualMachines", "Free"),
      defenderPlan(dev.id, "StorageAccounts", "Free"),
      defenderPlan(dev.id, "KeyVaults", "Standard", { subPlan: "PerKeyVault" }),
      defenderPlan(dev.id, "Arm", "Free"),
    ],
    alerts: [],
  },
};
// Shape: arm-security-secure-scores-list.json (percentage is a fraction of 1).
const secureScore = (subscriptionId, current, max) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore`,
  name: "ascScore",
  type: "Microsoft.Security/secureScores",
  properties: { displayName: "ASC score", score: { max, current, percentage: Math.round((current / max) * 10000) / 10000 }, weight: 12 },
});
// Shape: arm-security-regulatory-compliance-standards-list.json
const complianceStandard = (subscriptionId, name, state, passedControls, failedControls, skippedControls) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/${name}`,
  name,
  type: "Microsoft.Security/regulatoryComplianceStandards",
  properties: { state, passedControls, failedControls, skippedControls, unsupportedControls: 0 },
});
const defenderPosture = {
  [prod.id]: {
    secureScore: secureScore(prod.id, 41.3, 58),
    standards: [
      complianceStandard(prod.id, "Microsoft-cloud-security-benchmark", "Failed", 38, 19, 2),
      complianceStandard(prod.id, "HIPAA-HITRUST-9-2", "Failed", 47, 14, 6),
    ],
  },
  [dev.id]: {
    secureScore: secureScore(dev.id, 19.8, 46),
    standards: [
      complianceStandard(dev.id, "Microsoft-cloud-security-benchmark", "Failed", 21, 27, 2),
      complianceStandard(dev.id, "HIPAA-HITRUST-9-2", "Failed", 30, 29, 8),
    ],
  },
};

export function recordDefender({ record }) {
  for (const { id } of [prod, dev]) {
    const answers = defenderAnswers[id];
    record("GET", `${arm}/subscriptions/${id}/resources?api-version=2021-04-01`, 200, { value: answers.resources });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/pricings?api-version=2024-01-01`, 200, { value: answers.pricings });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview`, 200, {
      value: [securityContact(id)],
    });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/alerts?api-version=2022-01-01`, 200, { value: answers.alerts });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/secureScores?api-version=2020-01-01`, 200, {
      value: [defenderPosture[id].secureScore],
    });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview`, 200, {
      value: defenderPosture[id].standards,
    });
    // Shape: arm-security-auto-provisioning-settings-list.json. Off, as it must be since the Log Analytics
    // agent it installed was retired (2024).
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/autoProvisioningSettings?api-version=2017-08-01-preview`, 200, {
      value: [
        {
          id: `/subscriptions/${id}/providers/Microsoft.Security/autoProvisioningSettings/default`,
          name: "default",
          type: "Microsoft.Security/autoProvisioningSettings",
          properties: { autoProvision: "Off" },
        },
      ],
    });
    // Each storage account's own Defender for Storage settings, in the order the resources list them
    // (shape: GetDefenderForStorageSettings_example.json). Neither account overrides its subscription,
    // whose plan is off: uploads (the scanned records) are not scanned for malware.
    for (const resource of answers.resources.filter((item) => item.type === "Microsoft.Storage/storageAccounts")) {
      record("GET", `${arm}${resource.id}/providers/Microsoft.Security/defenderForStorageSettings/current?api-version=2022-12-01-preview`, 200, {
        id: `${resource.id}/providers/Microsoft.Security/defenderForStorageSettings/current`,
        name: "current",
        type: "Microsoft.Security/defenderForStorageSettings",
        properties: {
          isEnabled: false,
          malwareScanning: { onUpload: { isEnabled: false, capGBPerMonth: -1 } },
          sensitiveDataDiscovery: { isEnabled: false },
          overrideSubscriptionLevelSettings: false,
        },
      });
    }
  }
}
