import { check } from "../../src/checks/entra-legacy-authentication-blocked.js";
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
          'Enabled policy "Block legacy authentication" blocks legacy authentication for all users and all cloud apps, excluding only emergency access accounts.',
      },
    ],
  },
  {
    name: "report-only",
    change: (t: Tenant) => {
      caPolicies(t)[1]!.state = "enabledForReportingButNotEnforced";
    },
    expected: [{ status: "fail", message: 'Policy "Block legacy authentication" would block legacy authentication but is report-only, so it blocks nothing.' }],
  },
  {
    name: "excludes a group",
    change: (t: Tenant) => {
      caPolicies(t)[1]!.conditions.users.excludeGroups = [exclusionGroup];
    },
    expected: [
      {
        status: "fail",
        message: 'Enabled policy "Block legacy authentication" blocks legacy authentication, but not for group 99999999-0000-4000-8000-0000000000e1.',
      },
    ],
  },
  {
    name: "no block",
    change: (t: Tenant) => {
      caPolicies(t).splice(1, 1);
    },
    expected: [
      {
        status: "fail",
        message: "No enabled Conditional Access policy blocks legacy authentication (2 policies examined), and security defaults are not enabled.",
      },
    ],
  },
  {
    name: "security defaults",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [{ status: "pass", message: "Security defaults are enabled, which block legacy authentication for all users." }],
  },
  {
    name: "users unavailable",
    change: (t: Tenant) => t.fail(entra.usersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Blocking of legacy authentication (who its exclusions are) could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
