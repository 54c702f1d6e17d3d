import { check } from "../../src/checks/defender-high-alerts-handled.js";
import * as defender from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, subscription, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message: "No high-severity Defender alert in subscription Example Subscription has been active for more than 7 days (0 alert(s) examined).",
      },
    ],
  },
  {
    name: "high alert active for 12 days",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityAlertsDataset).push({
        id: `${subscription.scope}/providers/Microsoft.Security/locations/eastus/alerts/2517`,
        name: "2517",
        properties: {
          alertDisplayName: "Suspicious sign-in to a storage account",
          severity: "High",
          status: "Active",
          startTimeUtc: "2026-11-08T09:00:00Z",
          compromisedEntity: "stphi01",
        },
      });
    },
    expected: [
      {
        status: "fail",
        message:
          'High-severity alert "Suspicious sign-in to a storage account" on stphi01 in subscription Example Subscription has been active for 12 days (more than 7).',
      },
    ],
  },
  {
    name: "recent high alert and an old resolved one",
    change: (tenant: Tenant) => {
      tenant
        .items(defender.securityAlertsDataset)
        .push(
          { id: "a1", name: "a1", properties: { alertDisplayName: "Fresh", severity: "High", status: "Active", startTimeUtc: "2026-11-19T09:00:00Z" } },
          { id: "a2", name: "a2", properties: { alertDisplayName: "Old", severity: "High", status: "Resolved", startTimeUtc: "2026-09-01T09:00:00Z" } },
        );
    },
    expected: [
      {
        status: "pass",
        message: "No high-severity Defender alert in subscription Example Subscription has been active for more than 7 days (2 alert(s) examined).",
      },
    ],
  },
  {
    name: "active high alert without a time",
    change: (tenant: Tenant) => {
      tenant
        .items(defender.securityAlertsDataset)
        .push({ id: "a3", name: "a3", properties: { alertDisplayName: "Timeless", severity: "High", status: "Active" } });
    },
    expected: [{ status: "error", message: 'How long the active high-severity alert "Timeless" has been open is unknown: it reports no time.' }],
  },
  {
    name: "alerts unavailable",
    change: (tenant: Tenant) => tenant.fail(defender.securityAlertsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Defender alerts of subscription Example Subscription could not be evaluated because the evidence "Defender for Cloud security alerts" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
