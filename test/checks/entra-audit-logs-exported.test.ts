import { check } from "../../src/checks/entra-audit-logs-exported.js";
import { entraDiagnosticSettingsDataset } from "../../src/datasets/entra-sign-ins.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const setting = (tenant: Tenant): Raw => tenant.items(entraDiagnosticSettingsDataset)[0]!;
const refused =
  'Export of Entra ID audit logs could not be evaluated because the evidence "Entra ID diagnostic settings (where sign-in and audit logs are sent)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.';

checkTable(check, [
  {
    name: "AuditLogs sent to the security workspace",
    expected: [{ status: "pass", message: 'Entra ID diagnostic setting "to-law-security" sends AuditLogs to Log Analytics workspace law-security.' }],
  },
  {
    name: "all logs through the category group, to an event hub",
    change: (tenant) => {
      setting(tenant).properties = {
        eventHubAuthorizationRuleId:
          "/subscriptions/b67f7fec-69fc-4974-9099-a26bd6ffeda3/resourceGroups/siem/providers/Microsoft.EventHub/namespaces/siem-ingest/authorizationrules/RootManageSharedAccessKey",
        workspaceId: "",
        logs: [{ categoryGroup: "allLogs", enabled: true }],
      };
    },
    expected: [{ status: "pass", message: 'Entra ID diagnostic setting "to-law-security" sends AuditLogs to event hub namespace siem-ingest.' }],
  },
  {
    name: "AuditLogs category turned off",
    change: (tenant) => {
      setting(tenant).properties.logs = [
        { category: "SignInLogs", enabled: true },
        { category: "AuditLogs", enabled: false },
      ];
    },
    expected: [
      {
        status: "fail",
        message:
          "No Entra ID diagnostic setting sends AuditLogs to a destination (1 setting(s) examined), so directory changes are kept only as long as Entra ID keeps them (30 days at most).",
      },
    ],
  },
  {
    name: "a setting without a destination",
    change: (tenant) => {
      delete setting(tenant).properties.workspaceId;
    },
    expected: [
      {
        status: "fail",
        message:
          "No Entra ID diagnostic setting sends AuditLogs to a destination (1 setting(s) examined), so directory changes are kept only as long as Entra ID keeps them (30 days at most).",
      },
    ],
  },
  {
    name: "the settings refused (service principals cannot read them)",
    change: (tenant) => tenant.fail(entraDiagnosticSettingsDataset, forbidden),
    expected: [{ status: "error", message: refused }],
  },
]);
