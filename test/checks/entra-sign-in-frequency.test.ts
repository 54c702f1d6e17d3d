import { check } from "../../src/checks/entra-sign-in-frequency.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, directoryRoles, exclusionGroup, forbidden, people, type Tenant } from "../support/good-tenant.js";

/** The good tenant's one sign-in frequency policy, as a pass names it. */
const administratorsEvery4Hours = {
  status: "pass",
  message:
    'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator).',
} as const;

/** The administrators' session policy copied for all users under another name, its frequency changed as given. */
function forEveryone(t: Tenant, displayName: string, frequency: Record<string, unknown>): ReturnType<typeof caPolicies>[number] {
  const policy = structuredClone(caPolicies(t)[2]!);
  policy.id = "0a1b2c3d-0000-4000-8000-0000000000c4";
  policy.displayName = displayName;
  policy.conditions.users.includeRoles = [];
  policy.conditions.users.includeUsers = ["All"];
  Object.assign(policy.sessionControls.signInFrequency, frequency);
  return policy;
}

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [administratorsEvery4Hours],
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
  {
    name: "sign-in every time",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.sessionControls.signInFrequency = {
        isEnabled: true,
        frequencyInterval: "everyTime",
        authenticationType: "primaryAndSecondaryAuthentication",
      };
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in every time, no persistent browser session, for Global Administrator).',
      },
    ],
  },
  {
    name: "every day: 24 hours, the longest accepted",
    change: (t: Tenant) => {
      Object.assign(caPolicies(t)[2]!.sessionControls.signInFrequency, { value: 1, type: "days" });
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 1 day, no persistent browser session, for Global Administrator).',
      },
    ],
  },
  {
    name: "every two days: longer than 24 hours",
    change: (t: Tenant) => {
      Object.assign(caPolicies(t)[2]!.sessionControls.signInFrequency, { value: 2, type: "days" });
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 2 days, no persistent browser session, for Global Administrator), but with a frequency longer than 24 hours.',
      },
    ],
  },
  {
    name: "every 24 hours",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.sessionControls.signInFrequency.value = 24;
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 24 hours, no persistent browser session, for Global Administrator).',
      },
    ],
  },
  {
    name: "every 25 hours",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.sessionControls.signInFrequency.value = 25;
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 25 hours, no persistent browser session, for Global Administrator), but with a frequency longer than 24 hours.',
      },
    ],
  },
  {
    name: "a frequency without its value: its length unknown, no verdict",
    change: (t: Tenant) => {
      delete caPolicies(t)[2]!.sessionControls.signInFrequency.value;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether sign-in frequency ends the sessions of all users or Global Administrators within 24 hours could not be determined: "Administrators sign in every 4 hours" (sign-in again every (value not reported) hours, no persistent browser session, for Global Administrator): it does not report the length of its frequency.',
      },
    ],
  },
  {
    name: "a frequency without its unit: its length unknown, no verdict",
    change: (t: Tenant) => {
      delete caPolicies(t)[2]!.sessionControls.signInFrequency.type;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether sign-in frequency ends the sessions of all users or Global Administrators within 24 hours could not be determined: "Administrators sign in every 4 hours" (sign-in again every 4 (unit not reported), no persistent browser session, for Global Administrator): it does not report the length of its frequency.',
      },
    ],
  },
  {
    name: "for all users, the persistent browser left alone",
    change: (t: Tenant) => {
      const p = caPolicies(t)[2]!;
      p.conditions.users.includeRoles = [];
      p.conditions.users.includeUsers = ["All"];
      delete p.sessionControls.persistentBrowser;
    },
    expected: [
      {
        status: "pass",
        message: 'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 4 hours, for all users).',
      },
    ],
  },
  {
    name: "excluding a user, a group, a role and guests: each is named",
    change: (t: Tenant) => {
      const users = caPolicies(t)[2]!.conditions.users;
      users.excludeUsers = [...users.excludeUsers, people.ownerB];
      users.excludeGroups = [exclusionGroup];
      users.excludeRoles = [directoryRoles.helpdeskAdministrator];
      users.excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest", externalTenants: { membershipKind: "all" } };
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator), but with exclusions (user 11111111-0000-4000-8000-00000000000b, group 99999999-0000-4000-8000-0000000000e1, role 729827e3-9c14-49f7-bb1b-9608f156bbb8, guests).',
      },
    ],
  },
  {
    name: "only outside trusted locations",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator; only outside all trusted locations), but with only outside all trusted locations.',
      },
    ],
  },
  {
    name: "a sound policy beside a weakened one: the sound one is named",
    change: (t: Tenant) => {
      caPolicies(t).push(forEveryone(t, "Everyone signs in every week", { value: 7, type: "days" }));
    },
    expected: [administratorsEvery4Hours],
  },
  {
    name: "two weakened policies: both are named",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.sessionControls.signInFrequency.value = 48;
      caPolicies(t).push(forEveryone(t, "Everyone signs in every week", { value: 7, type: "days" }));
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 48 hours, no persistent browser session, for Global Administrator), but with a frequency longer than 24 hours; "Everyone signs in every week" (sign-in again every 7 days, no persistent browser session, for all users), but with a frequency longer than 24 hours.',
      },
    ],
  },
  {
    name: "users unavailable, the policy excluding nobody: still judged",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.conditions.users.excludeUsers = [];
      t.fail(entra.usersDataset, forbidden);
    },
    expected: [administratorsEvery4Hours],
  },
  {
    name: "a policy that sets only the persistent browser is no sign-in frequency",
    change: (t: Tenant) => {
      delete caPolicies(t)[2]!.sessionControls.signInFrequency;
    },
    expected: [
      {
        status: "fail",
        message: "No enabled Conditional Access policy sets a sign-in frequency (3 policies examined): sessions last as long as Entra ID's defaults allow.",
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
          'Session lifetime controls could not be evaluated because the evidence "Conditional Access policies" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "only for Helpdesk Administrator and one user: neither all users nor Global Administrators, both named",
    change: (t: Tenant) => {
      const users = caPolicies(t)[2]!.conditions.users;
      users.includeRoles = [directoryRoles.helpdeskAdministrator];
      users.includeUsers = [people.ownerB];
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency is set only for some users, not for all users or Global Administrators: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for role 729827e3-9c14-49f7-bb1b-9608f156bbb8, user 11111111-0000-4000-8000-00000000000b).',
      },
    ],
  },
  {
    name: "only guests: named as guests",
    change: (t: Tenant) => {
      const users = caPolicies(t)[2]!.conditions.users;
      users.includeRoles = [];
      users.includeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest" };
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency is set only for some users, not for all users or Global Administrators: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for guests (b2bCollaborationGuest)).',
      },
    ],
  },
  {
    name: "a policy that names no one (includeUsers None): says so",
    change: (t: Tenant) => {
      const users = caPolicies(t)[2]!.conditions.users;
      users.includeRoles = [];
      users.includeUsers = ["None"];
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency is set only for some users, not for all users or Global Administrators: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for no one named).',
      },
    ],
  },
  {
    name: "two conditions that narrow it: both named, in the description and as shortfalls",
    change: (t: Tenant) => {
      const conditions = caPolicies(t)[2]!.conditions;
      conditions.platforms = { includePlatforms: ["all"], excludePlatforms: ["linux"] };
      conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator; not on platforms linux, only outside all trusted locations), but with not on platforms linux; only outside all trusted locations.',
      },
    ],
  },
  {
    name: "a frequency in days without its value: of unreported length, never within the limit nor a shortfall",
    change: (t: Tenant) => {
      const frequency = caPolicies(t)[2]!.sessionControls.signInFrequency;
      frequency.type = "days";
      delete frequency.value;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether sign-in frequency ends the sessions of all users or Global Administrators within 24 hours could not be determined: "Administrators sign in every 4 hours" (sign-in again every (value not reported) days, no persistent browser session, for Global Administrator): it does not report the length of its frequency.',
      },
    ],
  },
  {
    name: "a frequency of unreported length beside a sound policy for all users: the sound one passes",
    change: (t: Tenant) => {
      caPolicies(t).push(forEveryone(t, "Everyone signs in every 12 hours", { value: 12 }));
      delete caPolicies(t)[2]!.sessionControls.signInFrequency.value;
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Everyone signs in every 12 hours" (sign-in again every 12 hours, no persistent browser session, for all users).',
      },
    ],
  },
  {
    name: "two broad policies, each undecided, one of them on two counts: every unknown named",
    change: (t: Tenant) => {
      const everyone = forEveryone(t, "Everyone signs in every 12 hours", { value: 12 });
      everyone.conditions.applications = null;
      caPolicies(t).push(everyone);
      caPolicies(t)[2]!.conditions.applications = null;
      delete caPolicies(t)[2]!.sessionControls.signInFrequency.value;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether sign-in frequency ends the sessions of all users or Global Administrators within 24 hours could not be determined: "Administrators sign in every 4 hours" (sign-in again every (value not reported) hours, no persistent browser session, for Global Administrator): it does not say which applications it covers and it does not report the length of its frequency; "Everyone signs in every 12 hours" (sign-in again every 12 hours, no persistent browser session, for all users): it does not say which applications it covers.',
      },
    ],
  },
  {
    name: "a frequency of unreported length with an excluded user: the exclusion is a known shortfall, so it fails",
    change: (t: Tenant) => {
      delete caPolicies(t)[2]!.sessionControls.signInFrequency.value;
      caPolicies(t)[2]!.conditions.users.excludeUsers = ["11111111-0000-4000-8000-0000000000f7"];
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every (value not reported) hours, no persistent browser session, for Global Administrator), but with exclusions (user 11111111-0000-4000-8000-0000000000f7).',
      },
    ],
  },
  {
    name: "two sound policies: both named",
    change: (t: Tenant) => {
      caPolicies(t).push(forEveryone(t, "Everyone signs in every 12 hours", { value: 12 }));
    },
    expected: [
      {
        status: "pass",
        message:
          'Enabled Conditional Access limits session lifetime: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator); "Everyone signs in every 12 hours" (sign-in again every 12 hours, no persistent browser session, for all users).',
      },
    ],
  },
  {
    name: "two policies for some users only: both named",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.conditions.users.includeRoles = [directoryRoles.helpdeskAdministrator];
      const group = structuredClone(caPolicies(t)[2]!);
      group.id = "0a1b2c3d-0000-4000-8000-0000000000c4";
      group.displayName = "Exclusion group signs in every 4 hours";
      group.conditions.users.includeRoles = [];
      group.conditions.users.includeGroups = [exclusionGroup];
      caPolicies(t).push(group);
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency is set only for some users, not for all users or Global Administrators: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for role 729827e3-9c14-49f7-bb1b-9608f156bbb8); "Exclusion group signs in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for group 99999999-0000-4000-8000-0000000000e1).',
      },
    ],
  },
  {
    name: "an excluded user and a frequency too long: both shortfalls named",
    change: (t: Tenant) => {
      const p = caPolicies(t)[2]!;
      p.conditions.users.excludeUsers = [...p.conditions.users.excludeUsers, people.ownerB];
      p.sessionControls.signInFrequency.value = 48;
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 48 hours, no persistent browser session, for Global Administrator), but with exclusions (user 11111111-0000-4000-8000-00000000000b); a frequency longer than 24 hours.',
      },
    ],
  },
  {
    name: "users unavailable while one of two broad policies excludes users: no verdict, though the other excludes no one",
    change: (t: Tenant) => {
      const everyone = forEveryone(t, "Everyone signs in every 12 hours", {});
      everyone.conditions.users.excludeUsers = [];
      caPolicies(t).splice(2, 0, everyone);
      t.fail(entra.usersDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Session lifetime controls (who their exclusions are) could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  // Sign-in frequency applies to authentication contexts too
  // (https://learn.microsoft.com/graph/api/resources/signinfrequencysessioncontrol?view=graph-rest-beta): that ends no application's session.
  {
    name: "a frequency on an authentication context alone: no application's session ends",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.conditions.applications = {
        includeApplications: [],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: ["c1"],
      };
    },
    expected: [
      {
        status: "fail",
        message:
          'Sign-in frequency for all users or Global Administrators is weakened: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator; no applications, at most user actions or authentication contexts), but with no applications, at most user actions or authentication contexts.',
      },
    ],
  },
  {
    name: "a policy that does not say which applications it covers: not known to end sessions, no verdict",
    change: (t: Tenant) => {
      caPolicies(t)[2]!.conditions.applications = null;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether sign-in frequency ends the sessions of all users or Global Administrators within 24 hours could not be determined: "Administrators sign in every 4 hours" (sign-in again every 4 hours, no persistent browser session, for Global Administrator): it does not say which applications it covers.',
      },
    ],
  },
]);
