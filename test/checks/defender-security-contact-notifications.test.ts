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
  {
    name: "two addresses, spaced, both named",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.emails = " security@example.com ; privacy@example.com ;";
    },
    expected: [
      {
        status: "pass",
        message:
          "Defender for Cloud in subscription Example Subscription emails security@example.com, privacy@example.com about alerts of Medium severity and above.",
      },
    ],
  },
  {
    name: "low severity and above reaches medium",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.notificationsSources = [
        { sourceType: "AttackPath", minimalRiskLevel: "Critical" },
        { sourceType: "Alert", minimalSeverity: "Low" },
      ];
    },
    expected: [
      {
        status: "pass",
        message: "Defender for Cloud in subscription Example Subscription emails security@example.com about alerts of Low severity and above.",
      },
    ],
  },
  {
    name: "only attack paths are notified, not alerts",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.notificationsSources = [{ sourceType: "AttackPath", minimalRiskLevel: "Critical" }];
    },
    expected: [
      {
        status: "fail",
        message:
          "No security contact of subscription Example Subscription is emailed about medium-severity alerts: security@example.com (no alert notifications).",
      },
    ],
  },
  {
    name: "a contact with no email address",
    change: (tenant: Tenant) => {
      tenant.items(defender.securityContactsDataset)[0]!.properties.emails = "";
    },
    expected: [
      {
        status: "fail",
        message: "No security contact of subscription Example Subscription is emailed about medium-severity alerts: no email (alerts from Medium severity).",
      },
    ],
  },
  {
    name: "isEnabled absent on a contact without email is no unknown: nobody would be emailed",
    change: (tenant: Tenant) => {
      delete tenant.items(defender.securityContactsDataset)[0]!.properties.isEnabled;
      tenant.items(defender.securityContactsDataset)[0]!.properties.emails = "";
    },
    expected: [
      {
        status: "fail",
        message: "No security contact of subscription Example Subscription is emailed about medium-severity alerts: no email (alerts from Medium severity).",
      },
    ],
  },
  {
    name: "a second, good contact beside a disabled one passes",
    change: (tenant: Tenant) => {
      const contacts = tenant.items(defender.securityContactsDataset);
      const second = structuredClone(contacts[0]!);
      contacts[0]!.properties.isEnabled = false;
      second.name = "second";
      second.id = `${second.id}-second`;
      second.properties.emails = "soc@example.com";
      contacts.push(second);
    },
    expected: [
      { status: "pass", message: "Defender for Cloud in subscription Example Subscription emails soc@example.com about alerts of Medium severity and above." },
    ],
  },
  {
    name: "two contacts short of it: both are named",
    change: (tenant: Tenant) => {
      const contacts = tenant.items(defender.securityContactsDataset);
      const second = structuredClone(contacts[0]!);
      contacts[0]!.properties.isEnabled = false;
      second.name = "second";
      second.id = `${second.id}-second`;
      second.properties.emails = "soc@example.com";
      second.properties.notificationsSources = [];
      contacts.push(second);
    },
    expected: [
      {
        status: "fail",
        message:
          "No security contact of subscription Example Subscription is emailed about medium-severity alerts: security@example.com (disabled); soc@example.com (no alert notifications).",
      },
    ],
  },
]);
