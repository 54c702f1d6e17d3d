import { check } from "../../src/checks/entra-mfa-all-users.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, directoryRoles, entraUsers, forbidden, mfaPolicy, people, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;

/** The MFA policy reaching nobody, and `count` more users (Clinician 10, 11, ...): everyone is outside every policy. */
function outsideEveryPolicy(t: Tenant, count: number): void {
  caPolicies(t)[0]!.conditions.users.includeUsers = ["None"];
  const template = entraUsers(t).find((user: Raw) => user.id === people.ownerA)!;
  for (let number = 10; number < 10 + count; number += 1) {
    entraUsers(t).push({
      ...template,
      id: `11111111-0000-4000-8000-0000000000${number}`,
      displayName: `Clinician ${number}`,
      userPrincipalName: `clinician.${number}@example.com`,
    });
  }
}
/** The fifteen users a sentence names before it counts the rest: the good tenant's three, then Clinician 10 to 21. */
const fifteenNamed = [
  "Avery Owner (avery.owner@example.com)",
  "Blake Owner (blake.owner@example.com)",
  "User Account (user@my-tenant.com)",
  ...Array.from({ length: 12 }, (_, index) => `Clinician ${10 + index} (clinician.${10 + index}@example.com)`),
].join("; ");

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on all cloud apps, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    name: "a policy excluding a role while the role assignments cannot be read: unknown, blaming the role list",
    change: (tenant: Tenant) => {
      caPolicies(tenant)[0]!.conditions.users.excludeRoles = ["729827e3-9c14-49f7-bb1b-9608f156bbb8"];
      tenant.fail(entra.directoryRoleAssignmentsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'MFA for every user on all cloud apps (3 user(s) whose verdict depends on it: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com)) could not be evaluated because the evidence "Entra ID directory role assignments (active)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "user excluded directly",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 1: Blake Owner (blake.owner@example.com) (excluded from "Require MFA for all users" as user).',
      },
    ],
  },
  {
    name: "office 365 only",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.applications.includeApplications = ["Office365"];
    },
    expected: [
      {
        status: "fail",
        message:
          "Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required only under conditions for 3: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com).",
      },
    ],
  },
  {
    name: "disabled user ignored",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
      entraUsers(t).find((u: Raw) => u.id === people.ownerB)!.accountEnabled = false;
    },
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on all cloud apps, without conditions, for all 2 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    // Graph leaves out properties it was not asked for; a user whose listing lacks accountEnabled is
    // not known to be disabled, so still counts.
    name: "a user without accountEnabled still counts",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
      delete entraUsers(t).find((u: Raw) => u.id === people.ownerB)!.accountEnabled;
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 1: Blake Owner (blake.owner@example.com) (excluded from "Require MFA for all users" as user).',
      },
    ],
  },
  {
    name: "group members unknown",
    change: (t: Tenant) => t.fail(entra.groupMembersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'MFA for every user on all cloud apps (3 user(s) whose verdict depends on it: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com)) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "SD only",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [
      {
        status: "fail",
        message:
          "Security defaults are on and no Conditional Access policy exists: for the 3 enabled user(s), emergency access accounts aside, Microsoft asks for MFA only when it judges a sign-in risky (administrators always), so MFA is not required at every sign-in on all cloud apps.",
      },
    ],
  },
  {
    name: "no policies, SD unknown",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.fail(entra.securityDefaultsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'MFA for every user on all cloud apps (no Conditional Access policy is enabled, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "SD unknown while an enabled policy requires MFA: Conditional Access decides",
    change: (t: Tenant) => t.fail(entra.securityDefaultsDataset, forbidden),
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on all cloud apps, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    name: "policies that exist but none enabled (one report-only), SD unknown",
    change: (t: Tenant) => {
      for (const policy of caPolicies(t)) policy.state = "disabled";
      caPolicies(t)[0]!.state = "enabledForReportingButNotEnforced";
      t.fail(entra.securityDefaultsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'MFA for every user on all cloud apps (no Conditional Access policy is enabled, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "the MFA policy disabled, security defaults off: every user is named with the disabled policy",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "disabled";
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 3: Avery Owner (avery.owner@example.com) ("Require MFA for all users" is disabled); Blake Owner (blake.owner@example.com) ("Require MFA for all users" is disabled); User Account (user@my-tenant.com) ("Require MFA for all users" is disabled).',
      },
    ],
  },
  {
    name: "a user excluded from the MFA policy and reached only by a report-only one: both gaps are named",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
      const reportOnly = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000b1", "Trial: MFA for everyone");
      reportOnly.state = "enabledForReportingButNotEnforced";
      caPolicies(t).push(reportOnly);
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 1: Blake Owner (blake.owner@example.com) (excluded from "Require MFA for all users" as user; "Trial: MFA for everyone" is report-only).',
      },
    ],
  },
  {
    name: "a policy blocking every sign-in beside the MFA policy",
    change: (t: Tenant) => {
      const block = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000b0", "Block all sign-ins");
      block.grantControls.builtInControls = ["block"];
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
      caPolicies(t).push(block);
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 1: Blake Owner (blake.owner@example.com) (excluded from "Require MFA for all users" as user; blocked by "Block all sign-ins").',
      },
    ],
  },
  {
    name: "seventeen users outside every policy: the sentence names fifteen and counts the rest",
    change: (t: Tenant) => outsideEveryPolicy(t, 14),
    expected: [
      {
        status: "fail",
        message: `Of 17 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 17: ${fifteenNamed}; and 2 more.`,
      },
    ],
  },
  {
    name: "fifteen users outside every policy: all named, none left to count",
    change: (t: Tenant) => outsideEveryPolicy(t, 12),
    expected: [
      {
        status: "fail",
        message: `Of 15 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 15: ${fifteenNamed}.`,
      },
    ],
  },
  {
    name: "one user outside every policy, one only under conditions, one unknown: each is named in its part",
    change: (t: Tenant) => {
      const userAccount = entraUsers(t).find((user: Raw) => user.userPrincipalName === "user@my-tenant.com")!;
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerA, people.ownerB, userAccount.id);
      const narrowed = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000b2", "MFA off-site");
      narrowed.conditions.users = { ...narrowed.conditions.users, includeUsers: [people.ownerA], excludeUsers: [] };
      narrowed.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
      // User Account's type is not reported, and this policy leaves guests out.
      const membersOnly = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000b3", "MFA for members");
      membersOnly.conditions.users = {
        ...membersOnly.conditions.users,
        includeUsers: [userAccount.id],
        excludeUsers: [],
        excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: "b2bCollaborationGuest" },
      };
      delete userAccount.userType;
      caPolicies(t).push(narrowed, membersOnly);
    },
    expected: [
      {
        status: "fail",
        message:
          'Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 1: Blake Owner (blake.owner@example.com) (excluded from "Require MFA for all users" as user); required only under conditions for 1: Avery Owner (avery.owner@example.com) (excluded from "Require MFA for all users" as user); for 1 more it is unknown (User Account (user@my-tenant.com) (excluded from "Require MFA for all users" as user)), because policy "MFA for members": the user\'s type (member or guest) is unknown, and it excludes guest or external users.',
      },
    ],
  },
  {
    name: "a policy whose users are not reported leaves every user unknown, with no missing evidence to blame",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users = null;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is required on all cloud apps is unknown for 3 of 3 enabled user(s), emergency access accounts aside: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com); because policy "Require MFA for all users": it does not say which users it applies to.',
      },
    ],
  },
  {
    name: "security defaults reported on while a policy exists: Conditional Access decides",
    change: (t: Tenant) => {
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on all cloud apps, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
  {
    // The PIM eligible roles play no part in an everyday sign-in (a role-targeted policy reaches only
    // active holders), so their absence is not what leaves these users unknown.
    name: "a policy whose users are not reported while the PIM eligible roles cannot be read: still no missing evidence to blame",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users = null;
      t.fail(entra.directoryRoleEligibilityDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is required on all cloud apps is unknown for 3 of 3 enabled user(s), emergency access accounts aside: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com); because policy "Require MFA for all users": it does not say which users it applies to.',
      },
    ],
  },
  {
    name: "two policies whose users are not reported: each reason named once",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users = null;
      caPolicies(t)[2]!.conditions.users = null;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is required on all cloud apps is unknown for 3 of 3 enabled user(s), emergency access accounts aside: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com); because policy "Require MFA for all users": it does not say which users it applies to; policy "Administrators sign in every 4 hours": it does not say which users it applies to.',
      },
    ],
  },
  {
    // Both the excluded group's members and the active role list are missing; the group's members are
    // named first, as the unknown the policy's group exclusion hangs on.
    name: "the excluded group's members and the role assignments both unreadable: the group members are blamed",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeRoles = [directoryRoles.helpdeskAdministrator];
      t.fail(entra.groupMembersDataset, forbidden);
      t.fail(entra.directoryRoleAssignmentsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'MFA for every user on all cloud apps (3 user(s) whose verdict depends on it: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com)) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "no Conditional Access policy and security defaults off: nobody is required to use MFA",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
    },
    expected: [
      {
        status: "fail",
        message:
          "Of 3 enabled user(s), emergency access accounts aside, MFA on all cloud apps is required by no enabled policy for 3: Avery Owner (avery.owner@example.com); Blake Owner (blake.owner@example.com); User Account (user@my-tenant.com).",
      },
    ],
  },
  {
    name: "a policy whose user conditions leave out the group lists reads no group members",
    change: (t: Tenant) => {
      delete caPolicies(t)[2]!.conditions.users.includeGroups;
      delete caPolicies(t)[2]!.conditions.users.excludeGroups;
    },
    expected: [
      {
        status: "pass",
        message:
          "An enabled Conditional Access policy requires MFA on all cloud apps, without conditions, for all 3 enabled user(s), emergency access accounts aside.",
      },
    ],
  },
]);
