import { check } from "../../src/checks/entra-mfa-azure-management.js";
import { checkTable } from "../support/check-table.js";
import * as entra from "../../src/datasets/entra.js";
import { caPolicies, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on Azure management, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    name: "admin portals only",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.applications.includeApplications = ["MicrosoftAdminPortals"];
    },
    expected: [
      {
        status: "fail",
        message:
          "Of 3 enabled user(s), emergency access accounts aside, MFA on Azure management is required only under conditions for 3: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com).",
      },
    ],
  },
  {
    name: "azure management app",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.applications.includeApplications = ["797f4846-ba00-4fd7-ba43-dac1f8f63013"];
    },
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on Azure management, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    // Microsoft Learn, "Security defaults in Microsoft Entra ID": any user who reaches Azure Resource
    // Manager (portal, CLI, PowerShell) must complete MFA, administrator or not.
    name: "security defaults on and no Conditional Access policy",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [
      {
        status: "pass",
        message:
          "Security defaults are on and no Conditional Access policy exists: security defaults require MFA of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI and Azure PowerShell), so MFA is required on Azure management of all 3 enabled user(s), emergency access accounts aside. Microsoft's platform-enforced mandatory MFA for Azure management is not counted here: a tenant may have postponed it, and no API shows whether it did.",
      },
    ],
  },
]);
