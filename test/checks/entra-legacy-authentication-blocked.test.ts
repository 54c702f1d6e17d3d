import { check } from "../../src/checks/entra-legacy-authentication-blocked.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, directoryRoles, exclusionGroup, forbidden, people, type Tenant } from "../support/good-tenant.js";

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
        message: 'Enabled policy "Block legacy authentication" blocks legacy authentication, but not everywhere: group 99999999-0000-4000-8000-0000000000e1.',
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
  {
    name: "excludes a user who is no emergency account, a role, guests and an application: each is named",
    change: (t: Tenant) => {
      const policy = caPolicies(t)[1]!;
      policy.conditions.users.excludeUsers = [...policy.conditions.users.excludeUsers, people.ownerB];
      policy.conditions.users.excludeRoles = [directoryRoles.helpdeskAdministrator];
      policy.conditions.users.excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest" };
      policy.conditions.applications.excludeApplications = ["00000003-0000-0ff1-ce00-000000000000"];
    },
    expected: [
      {
        status: "fail",
        message:
          'Enabled policy "Block legacy authentication" blocks legacy authentication, but not everywhere: user 11111111-0000-4000-8000-00000000000b; role 729827e3-9c14-49f7-bb1b-9608f156bbb8; guests (b2bCollaborationGuest); application 00000003-0000-0ff1-ce00-000000000000.',
      },
    ],
  },
  {
    name: "only on some platforms",
    change: (t: Tenant) => {
      caPolicies(t)[1]!.conditions.platforms = { includePlatforms: ["windows"], excludePlatforms: [] };
    },
    expected: [
      { status: "fail", message: 'Enabled policy "Block legacy authentication" blocks legacy authentication, but not everywhere: only on platforms windows.' },
    ],
  },
  {
    name: "a second, complete block beside a weakened one passes",
    change: (t: Tenant) => {
      const weak = structuredClone(caPolicies(t)[1]!);
      weak.id = "0a1b2c3d-0000-4000-8000-0000000000d2";
      weak.displayName = "Block legacy authentication (pilot)";
      weak.conditions.users.excludeGroups = [exclusionGroup];
      caPolicies(t).splice(1, 0, weak);
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled policy "Block legacy authentication" blocks legacy authentication for all users and all cloud apps, excluding only emergency access accounts.',
      },
    ],
  },
  {
    name: "two weakened blocks: each is named",
    change: (t: Tenant) => {
      caPolicies(t)[1]!.conditions.users.excludeGroups = [exclusionGroup];
      const weak = structuredClone(caPolicies(t)[1]!);
      weak.id = "0a1b2c3d-0000-4000-8000-0000000000d2";
      weak.displayName = "Block legacy authentication (pilot)";
      weak.conditions.platforms = { includePlatforms: ["windows"], excludePlatforms: [] };
      caPolicies(t).push(weak);
    },
    expected: [
      {
        status: "fail",
        message: 'Enabled policy "Block legacy authentication" blocks legacy authentication, but not everywhere: group 99999999-0000-4000-8000-0000000000e1.',
      },
      {
        status: "fail",
        message:
          'Enabled policy "Block legacy authentication (pilot)" blocks legacy authentication, but not everywhere: group 99999999-0000-4000-8000-0000000000e1; only on platforms windows.',
      },
    ],
  },
  {
    name: "no complete block while security defaults are unknown",
    change: (t: Tenant) => {
      caPolicies(t).splice(1, 1);
      t.fail(entra.securityDefaultsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Blocking of legacy authentication (no Conditional Access policy blocks it fully, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "no complete block while security defaults do not report isEnabled",
    change: (t: Tenant) => {
      caPolicies(t).splice(1, 1);
      delete t.items(entra.securityDefaultsDataset)[0]!.isEnabled;
    },
    expected: [
      {
        status: "error",
        message:
          "Blocking of legacy authentication (no Conditional Access policy blocks it fully, so security defaults decide) could not be evaluated: the security defaults policy did not report isEnabled.",
      },
    ],
  },
  {
    name: "users unavailable while the block excludes no user: still judged",
    change: (t: Tenant) => {
      caPolicies(t)[1]!.conditions.users.excludeUsers = [];
      t.fail(entra.usersDataset, forbidden);
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled policy "Block legacy authentication" blocks legacy authentication for all users and all cloud apps, excluding only emergency access accounts.',
      },
    ],
  },
  {
    name: "the policies unavailable: no verdict",
    change: (t: Tenant) => t.fail(entra.conditionalAccessPoliciesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Blocking of legacy authentication could not be evaluated because the evidence "Conditional Access policies" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "users unavailable while one of two enforced blocks excludes users: no verdict, though the other excludes no one",
    change: (t: Tenant) => {
      const second = structuredClone(caPolicies(t)[1]!);
      second.id = "0a1b2c3d-0000-4000-8000-0000000000d2";
      second.displayName = "Block legacy authentication (no exclusions)";
      second.conditions.users.excludeUsers = [];
      caPolicies(t).splice(1, 0, second);
      t.fail(entra.usersDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Blocking of legacy authentication (who its exclusions are) could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
