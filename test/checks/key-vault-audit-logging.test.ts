import { check } from "../../src/checks/key-vault-audit-logging.js";
import { vaultDiagnosticSettingsDataset, vaultsDataset } from "../../src/datasets/key-vault.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, subscription, vaultId } from "../support/good-tenant.js";
import { firstExampleItem } from "../support/official-examples.js";

const vault = "Key Vault sample-vault in subscription Example Subscription";

checkTable(check, [
  {
    name: "the audit category group goes to a workspace (and the archive and the example's event hub)",
    expected: [
      {
        status: "pass",
        message: `${vault} sends its audit logs to Log Analytics workspace law-security, storage account stauditarchive and event hub namespace andy1101 through diagnostic setting "mysetting".`,
      },
    ],
  },
  {
    name: "the official example as published: allLogs to storage and an event hub, with an empty workspaceId",
    change: (tenant) => {
      tenant.items(vaultDiagnosticSettingsDataset).splice(0, 1, firstExampleItem("arm-monitor-diagnostic-settings-list.json"));
    },
    expected: [
      {
        status: "pass",
        message: `${vault} sends its audit logs to storage account appteststorage1 and event hub namespace andy1101 through diagnostic setting "mysetting".`,
      },
    ],
  },
  {
    name: "no diagnostic setting",
    change: (tenant) => tenant.items(vaultDiagnosticSettingsDataset).splice(0),
    expected: [{ status: "fail", message: `${vault} has no diagnostic setting, so its audit logs are not kept.` }],
  },
  {
    name: "the audit logs are selected but disabled",
    change: (tenant) => {
      tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties.logs[0].enabled = false;
    },
    expected: [
      { status: "fail", message: `${vault} has 1 diagnostic setting(s), none of which sends AuditEvent or the audit category group to a destination.` },
    ],
  },
  {
    name: "AuditEvent selected but every destination empty",
    change: (tenant) => {
      const properties = tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties;
      properties.logs = [{ category: "AuditEvent", enabled: true }];
      properties.workspaceId = "";
      properties.storageAccountId = null;
      delete properties.eventHubAuthorizationRuleId;
    },
    expected: [
      { status: "fail", message: `${vault} has 1 diagnostic setting(s), none of which sends AuditEvent or the audit category group to a destination.` },
    ],
  },
  {
    name: "the AuditEvent category to a workspace only",
    change: (tenant) => {
      const properties = tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties;
      properties.logs = [{ category: "AuditEvent", enabled: true }];
      properties.storageAccountId = null;
      properties.eventHubAuthorizationRuleId = null;
    },
    expected: [{ status: "pass", message: `${vault} sends its audit logs to Log Analytics workspace law-security through diagnostic setting "mysetting".` }],
  },
  {
    // Microsoft Learn, "Diagnostic Settings - Create Or Update": marketplacePartnerId is the full ARM id of the Marketplace (partner) resource logs go to.
    name: "a partner solution the only destination: named by its resource",
    change: (tenant) => {
      const properties = tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties;
      properties.workspaceId = null;
      properties.storageAccountId = null;
      properties.eventHubAuthorizationRuleId = null;
      properties.marketplacePartnerId = `${subscription.scope}/resourceGroups/logs/providers/Microsoft.Datadog/monitors/dd-clinic`;
    },
    expected: [{ status: "pass", message: `${vault} sends its audit logs to partner solution dd-clinic through diagnostic setting "mysetting".` }],
  },
  {
    name: "the event hub namespace in a resource group called namespaces: named by the namespace, not the group's next segment",
    change: (tenant) => {
      tenant.items(vaultDiagnosticSettingsDataset)[0]!.properties.eventHubAuthorizationRuleId =
        `${subscription.scope}/resourceGroups/namespaces/providers/Microsoft.EventHub/namespaces/ns-audit/authorizationrules/RootManageSharedAccessKey`;
    },
    expected: [
      {
        status: "pass",
        message: `${vault} sends its audit logs to Log Analytics workspace law-security, storage account stauditarchive and event hub namespace ns-audit through diagnostic setting "mysetting".`,
      },
    ],
  },
  {
    name: "diagnostic settings refused: this vault is not evaluated",
    change: (tenant) => tenant.fail(vaultDiagnosticSettingsDataset, { ...forbidden, missingPermission: "Microsoft.Insights/diagnosticSettings/read" }, vaultId),
    expected: [
      {
        status: "error",
        message: `Audit logging of ${vault} could not be evaluated because the evidence "Key Vault diagnostic settings" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Insights/diagnosticSettings/read.`,
      },
    ],
  },
  {
    name: "vault list refused: not evaluated",
    change: (tenant) => tenant.fail(vaultsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Audit logging for the Key Vaults of subscription Example Subscription could not be evaluated because the evidence "Key Vaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
