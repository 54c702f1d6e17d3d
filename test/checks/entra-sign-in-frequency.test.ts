import { check } from "../../src/checks/entra-sign-in-frequency.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, exclusionGroup, forbidden, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator).',
      },
    ],
  },
  {
    name: "none",
    change: (t: Tenant) => {
      caPolicies(t).splice(2, 1);
    },
    expected: [
      {
        status: "fail",
        message: "No enabled Conditional Access policy sets a sign-in frequency (2 policies examined): sessions last as long as Entra ID's defaults allow.",
      },
    ],
  },
  {
    name: "only a group",
    change: (t: Tenant) => {
      const p = caPolicies(t)[2]!;
      p.conditions.users.includeRoles = [];
      p.conditions.users.includeGroups = [exclusionGroup];
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency is set only for some users, not for all users or Global Administrators: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for group 99999999-0000-4000-8000-0000000000e1).',
      },
    ],
  },
  {
    name: "report-only",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.state = "enabledForReportingButNotEnforced";
    },
    expected: [
      {
        status: "fail",
        message: "No enabled Conditional Access policy sets a sign-in frequency (3 policies examined): sessions last as long as Entra ID's defaults allow.",
      },
    ],
  },
  {
    name: "users unavailable while the policy excludes users: who they are is unknown, so no verdict",
    change: (t: Tenant) => t.fail(entra.usersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Session lifetime controls (who their exclusions are) could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
