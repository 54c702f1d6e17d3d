import { check } from "../../src/checks/defender-security-contact-notifications.js";
import * as defender from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import type { Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message: "Defender for Cloud in subscription Example Subscription emails security@example.com about alerts of Medium severity and above.",
      },
    ],
  },
  {
    name: "high severity only",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.notificationsSources = [{ sourceType: "Alert", minimalSeverity: "High" }];
    },
    expected: [
      {
        status: "fail",
        message:
          "No security contact of subscription Example Subscription is emailed about medium-severity alerts: security@example.com (alerts from High severity).",
      },
    ],
  },
  {
    name: "contact disabled",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.isEnabled = false;
    },
    expected: [
      {
        status: "fail",
        message: "No security contact of subscription Example Subscription is emailed about medium-severity alerts: security@example.com (disabled).",
      },
    ],
  },
  {
    name: "isEnabled absent",
    change: (tenant: Tenant) => {
      delete tenant.items(defender.securityContactsDataset)[0]!.properties.isEnabled;
    },
    expected: [
      {
        status: "error",
        message:
          "Whether the security contact security@example.com of subscription Example Subscription is enabled is unknown: the API did not report isEnabled.",
      },
    ],
  },
  {
    name: "no contact",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset).splice(0, 1);
    },
    expected: [{ status: "fail", message: "Subscription Example Subscription has no Defender for Cloud security contact, so alerts email nobody." }],
  },
]);
