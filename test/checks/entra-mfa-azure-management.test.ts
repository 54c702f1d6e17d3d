import { check } from "../../src/checks/entra-mfa-azure-management.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "An enabled Conditional Access policy requires MFA on Azure management, without conditions, for all 3 enabled user(s), emergency access accounts aside." },
    ],
  },
  {
    name: "admin portals only",
    change: (t: Tenant) => { caPolicies(t)[0]!.conditions.applications.includeApplications = ["MicrosoftAdminPortals"]; },
    expected: [
      { status: "fail", message: "Of 3 enabled user(s), emergency access accounts aside, MFA on Azure management is required only under conditions for 3: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com)." },
    ],
  },
  {
    name: "azure management app",
    change: (t: Tenant) => { caPolicies(t)[0]!.conditions.applications.includeApplications = ["797f4846-ba00-4fd7-ba43-dac1f8f63013"]; },
    expected: [
      { status: "pass", message: "An enabled Conditional Access policy requires MFA on Azure management, without conditions, for all 3 enabled user(s), emergency access accounts aside." },
    ],
  },
]);
