import { check } from "../../src/checks/entra-break-glass-accounts.js";
import * as alerts from "../../src/datasets/alert-rules.js";
import * as entra from "../../src/datasets/entra.js";
import * as logAnalytics from "../../src/datasets/log-analytics.js";
import { checkTable } from "../support/check-table.js";
import {
  breakGlass,
  breakGlassAnalyticsRule,
  caPolicies,
  directoryRoles,
  forbidden,
  mfaPolicy,
  analyticsRules,
  signInWorkspace,
  type Tenant,
} from "../support/good-tenant.js";

type Raw = Record<string, any>;

const firstAccount = "Break Glass 1 (bg-admin-01@example.onmicrosoft.com)";
const secondAccount = "Break Glass 2 (bg-admin-02@example.onmicrosoft.com)";

/** An account as the good tenant leaves it: permanent Global Administrator, no policy applies among those examined, the good alert rule watching. */
const passing = (account: string, policiesExamined = 3) =>
  `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it (${policiesExamined} policies examined), and alert rule "Emergency access account signed in" watches its sign-ins.`;

/** The same outcome for each emergency access account, in the order the check names them. */
const bothAccounts = (status: "pass" | "fail" | "error", sentence: (account: string) => string) =>
  [firstAccount, secondAccount].map((account) => ({
    status,
    message: sentence(account),
  }));

/** Both accounts unwatched: what every case that takes the sign-in alert away must say. */
const neitherWatched = bothAccounts(
  "fail",
  (account) =>
    `Emergency access account ${account} is watched by no enabled Azure Monitor log search alert rule or Microsoft Sentinel analytics rule on its sign-ins.`,
);

/** A policy that asks the emergency accounts for the built-in phishing-resistant strength alone. */
function phishingResistantPolicy(id: string, displayName: string): Raw {
  const policy = mfaPolicy(id, displayName);
  policy.conditions.users = { ...policy.conditions.users, includeUsers: [breakGlass.first.id, breakGlass.second.id], excludeUsers: [], excludeGroups: [] };
  policy.grantControls.builtInControls = [];
  policy.grantControls.authenticationStrength = {
    id: "00000000-0000-0000-0000-000000000004",
    displayName: "Phishing-resistant MFA",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
  };
  return policy;
}

/** The first account's own eligibility for a directory role (PIM), as Graph lists it. */
const eligibleFirst = (roleDefinitionId: string): Raw => ({
  id: `es-bg-${roleDefinitionId.slice(0, 8)}`,
  principalId: breakGlass.first.id,
  roleDefinitionId,
  directoryScopeId: "/",
  memberType: "Direct",
  status: "Provisioned",
  scheduleInfo: { startDateTime: "2025-01-01T00:00:00Z", expiration: { type: "noExpiration" } },
  principal: { "@odata.type": "#microsoft.graph.user", id: breakGlass.first.id },
});

const alertRule = (t: Tenant): Raw => t.items(alerts.scheduledQueryRulesDataset)[0] as Raw;

/** The second emergency account, untouched by a case about the first. */
const secondAccountPasses = {
  status: "pass",
  message: passing(secondAccount),
} as const;

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message: passing(firstAccount),
      },
      secondAccountPasses,
    ],
  },
  {
    name: "not excluded from MFA policy",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers = [breakGlass.second.id];
    },
    expected: [
      {
        status: "fail",
        message:
          'Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from "Require MFA for all users", which asks for more than phishing-resistant MFA.',
      },
      secondAccountPasses,
    ],
  },
  {
    name: "GA only eligible",
    change: (t: Tenant) => {
      t.items(entra.directoryRoleAssignmentsDataset).splice(0, 1);
      t.items(entra.directoryRoleEligibilityDataset).push({
        id: "es-bg",
        principalId: breakGlass.first.id,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        scheduleInfo: {},
      });
    },
    expected: [
      {
        status: "fail",
        message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as eligible, not permanently.",
      },
      secondAccountPasses,
    ],
  },
  {
    name: "GA active but time-bound, not permanent",
    change: (t: Tenant) => {
      const schedule = t.items(entra.directoryRoleAssignmentSchedulesDataset).find((item: Raw) => item.principalId === breakGlass.first.id)!;
      schedule.scheduleInfo = { ...schedule.scheduleInfo, expiration: { type: "afterDateTime", endDateTime: "2027-01-31T00:00:00Z" } };
    },
    expected: [
      {
        status: "fail",
        message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as time-bound, not permanently.",
      },
      secondAccountPasses,
    ],
  },
  {
    name: "an emergency account that is disabled",
    change: (t: Tenant) => {
      t.items(entra.usersDataset).find((user: Raw) => user.id === breakGlass.first.id)!.accountEnabled = false;
    },
    expected: [{ status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is disabled." }, secondAccountPasses],
  },
  {
    name: "an emergency account without Global Administrator at all",
    change: (t: Tenant) => {
      t.items(entra.directoryRoleAssignmentsDataset).splice(0, 1);
    },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) does not hold Global Administrator." },
      secondAccountPasses,
    ],
  },
  {
    name: "excluded from the MFA policy only through a group whose members are unknown",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers = [];
      t.fail(entra.groupMembersDataset, forbidden);
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether emergency access account ${account} is excluded from "Require MFA for all users" (membership of excluded group 99999999-0000-4000-8000-0000000000e1 is unknown) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "account missing",
    change: (t: Tenant) => {
      t.settings.breakGlassAccounts = ["bg-admin-03@example.onmicrosoft.com"];
    },
    expected: [
      { status: "fail", message: "Emergency access account bg-admin-03@example.onmicrosoft.com, named in the configuration, is not in the directory." },
    ],
  },
  {
    name: "none configured",
    change: (t: Tenant) => {
      t.settings.breakGlassAccounts = [];
    },
    expected: [
      { status: "error", message: "Emergency access could not be evaluated: the configuration names no emergency access accounts (breakGlassAccounts)." },
    ],
  },
  {
    name: "schedules unavailable",
    change: (t: Tenant) => t.fail(entra.directoryRoleAssignmentSchedulesDataset, forbidden),
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether emergency access account ${account} holds Global Administrator permanently could not be evaluated because the evidence "Entra ID PIM active directory role schedules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "group members unknown",
    change: (t: Tenant) => t.fail(entra.groupMembersDataset, forbidden),
    expected: [
      {
        status: "pass",
        message: passing(firstAccount),
      },
      secondAccountPasses,
    ],
  },
  {
    name: "alert rule disabled",
    change: (t: Tenant) => {
      (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.enabled = false;
    },
    expected: [...neitherWatched],
  },
  {
    name: "alert rule notifies nobody",
    change: (t: Tenant) => {
      (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.actions.actionGroups = [];
    },
    expected: [...neitherWatched],
  },
  {
    name: "alert rule names only one account",
    change: (t: Tenant) => {
      (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.criteria.allOf[0].query =
        `SigninLogs | where UserPrincipalName =~ "${breakGlass.first.upn}"`;
    },
    expected: [
      {
        status: "pass",
        message: passing(firstAccount),
      },
      {
        status: "fail",
        message:
          "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled Azure Monitor log search alert rule or Microsoft Sentinel analytics rule on its sign-ins.",
      },
    ],
  },
  {
    name: "alert rules unavailable",
    change: (t: Tenant) => t.fail(alerts.scheduledQueryRulesDataset, forbidden),
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether sign-ins by emergency access account ${account} raise an alert could not be evaluated because the evidence "Log search alert rules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    // Microsoft Learn, "Manage emergency access accounts in Microsoft Entra ID": require
    // phishing-resistant MFA for the emergency accounts, which a Conditional Access policy may do.
    name: "a policy reaches them only to require phishing-resistant MFA",
    change: (t: Tenant) => {
      const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c9", "Emergency accounts use phishing-resistant MFA");
      policy.conditions.users = { ...policy.conditions.users, includeUsers: [breakGlass.first.id, breakGlass.second.id], excludeUsers: [], excludeGroups: [] };
      policy.grantControls.builtInControls = [];
      policy.grantControls.authenticationStrength = {
        id: "00000000-0000-0000-0000-000000000004",
        displayName: "Phishing-resistant MFA",
        allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
      };
      caPolicies(t).push(policy);
    },
    expected: [
      ...bothAccounts(
        "pass",
        (account) =>
          `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it but "Emergency accounts use phishing-resistant MFA", which requires phishing-resistant MFA (4 policies examined), and alert rule "Emergency access account signed in" watches its sign-ins.`,
      ),
    ],
  },
  {
    name: "a policy requiring phishing-resistant MFA or a compliant device is not only phishing-resistant MFA",
    change: (t: Tenant) => {
      const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c9", "Emergency accounts use strong sign-in");
      policy.conditions.users = { ...policy.conditions.users, includeUsers: [breakGlass.first.id], excludeUsers: [], excludeGroups: [] };
      policy.grantControls.builtInControls = ["compliantDevice"];
      policy.grantControls.operator = "OR";
      policy.grantControls.authenticationStrength = {
        id: "00000000-0000-0000-0000-000000000004",
        displayName: "Phishing-resistant MFA",
        allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
      };
      caPolicies(t).push(policy);
    },
    expected: [
      {
        status: "fail",
        message:
          'Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from "Emergency accounts use strong sign-in", which asks for more than phishing-resistant MFA.',
      },
      {
        status: "pass",
        message:
          'Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (4 policies examined), and alert rule "Emergency access account signed in" watches its sign-ins.',
      },
    ],
  },
  {
    // Microsoft Learn, "Manage emergency access accounts in Microsoft Entra ID": Azure Monitor,
    // Microsoft Sentinel or other tools may raise the alert on their sign-ins.
    name: "a Microsoft Sentinel analytics rule watches the sign-ins instead of an Azure Monitor rule",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      analyticsRules(t).push(breakGlassAnalyticsRule());
    },
    expected: [
      ...bothAccounts(
        "pass",
        (account) =>
          `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and Microsoft Sentinel analytics rule "Emergency access account sign-in" (workspace law-security) watches its sign-ins.`,
      ),
    ],
  },
  {
    name: "a disabled Sentinel analytics rule watches nothing",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      const rule = breakGlassAnalyticsRule();
      rule.properties.enabled = false;
      analyticsRules(t).push(rule);
    },
    expected: [...neitherWatched],
  },
  {
    name: "the Sentinel onboarding of the workspace unknown, no Azure Monitor rule",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      t.fail(logAnalytics.sentinelOnboardingDataset, forbidden);
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether sign-ins by emergency access account ${account} raise an alert could not be evaluated because the evidence "Microsoft Sentinel onboarding of the workspace" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "an alert rule naming the accounts in the audit logs, not the sign-in logs",
    change: (t: Tenant) => {
      alertRule(t).properties.criteria.allOf[0].query = `AuditLogs | where TargetResources has_any ("${breakGlass.first.upn}", "${breakGlass.second.upn}")`;
    },
    expected: [...neitherWatched],
  },
  {
    name: "an alert rule without actions notifies nobody",
    change: (t: Tenant) => {
      delete alertRule(t).properties.actions;
    },
    expected: [...neitherWatched],
  },
  {
    name: "an alert rule without criteria watches nothing",
    change: (t: Tenant) => {
      delete alertRule(t).properties.criteria;
    },
    expected: [...neitherWatched],
  },
  {
    name: "an alert rule whose second criterion is the sign-in search",
    change: (t: Tenant) => {
      alertRule(t).properties.criteria.allOf.unshift({ query: "AzureActivity | where OperationNameValue has 'roleAssignments'" });
    },
    expected: [
      {
        status: "pass",
        message: passing(firstAccount),
      },
      secondAccountPasses,
    ],
  },
  {
    name: "two rules watch the sign-ins: both are named",
    change: (t: Tenant) => {
      analyticsRules(t).push(breakGlassAnalyticsRule());
    },
    expected: [
      ...bothAccounts(
        "pass",
        (account) =>
          `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule "Emergency access account signed in", Microsoft Sentinel analytics rule "Emergency access account sign-in" (workspace law-security) watch its sign-ins.`,
      ),
    ],
  },
  {
    name: "a Sentinel analytics rule in a workspace not onboarded to Sentinel raises no alert",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      analyticsRules(t).push(breakGlassAnalyticsRule());
      t.items(logAnalytics.sentinelOnboardingDataset, signInWorkspace).splice(0);
    },
    expected: [...neitherWatched],
  },
  {
    name: "a permanent directory role that is not Global Administrator",
    change: (t: Tenant) => {
      const assignment = t.items(entra.directoryRoleAssignmentsDataset).find((item: Raw) => item.principalId === breakGlass.first.id)!;
      assignment.roleDefinitionId = directoryRoles.helpdeskAdministrator;
      const schedule = t.items(entra.directoryRoleAssignmentSchedulesDataset).find((item: Raw) => item.principalId === breakGlass.first.id)!;
      schedule.roleDefinitionId = directoryRoles.helpdeskAdministrator;
    },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) does not hold Global Administrator." },
      secondAccountPasses,
    ],
  },
  {
    name: "schedules unavailable, Global Administrator only eligible: no schedule is needed to see it is not permanent",
    change: (t: Tenant) => {
      t.fail(entra.directoryRoleAssignmentSchedulesDataset, forbidden);
      t.items(entra.directoryRoleAssignmentsDataset).splice(0, 1);
      t.items(entra.directoryRoleEligibilityDataset).push({
        id: "es-bg",
        principalId: breakGlass.first.id,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        scheduleInfo: {},
      });
    },
    expected: [
      {
        status: "fail",
        message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as eligible, not permanently.",
      },
      {
        status: "error",
        message:
          'Whether emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds Global Administrator permanently could not be evaluated because the evidence "Entra ID PIM active directory role schedules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "eligible roles unavailable: the active Global Administrator is still shown permanent",
    change: (t: Tenant) => t.fail(entra.directoryRoleEligibilityDataset, forbidden),
    expected: [
      {
        status: "pass",
        message: passing(firstAccount),
      },
      secondAccountPasses,
    ],
  },
  {
    name: "a policy whose users are not reported: whether the accounts are excluded from it is unknown",
    change: (t: Tenant) => {
      const unknownScope = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c8", "Scope not reported");
      unknownScope.conditions.users = null;
      caPolicies(t).push(unknownScope);
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether emergency access account ${account} is excluded from "Scope not reported" (it does not say which users it applies to) is unknown.`,
      ),
    ],
  },
  {
    name: "not excluded from two policies: both are named",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers = [breakGlass.second.id];
      const second = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c8", "MFA for administrators");
      second.conditions.users = { ...second.conditions.users, includeUsers: [breakGlass.first.id], excludeUsers: [] };
      caPolicies(t).push(second);
    },
    expected: [
      {
        status: "fail",
        message:
          'Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from "Require MFA for all users", "MFA for administrators", which ask for more than phishing-resistant MFA.',
      },
      {
        status: "pass",
        message:
          'Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (4 policies examined), and alert rule "Emergency access account signed in" watches its sign-ins.',
      },
    ],
  },
  {
    name: "a phishing-resistant policy that is only report-only is not named as applying",
    change: (t: Tenant) => {
      const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c9", "Emergency accounts use phishing-resistant MFA");
      policy.state = "enabledForReportingButNotEnforced";
      policy.conditions.users = { ...policy.conditions.users, includeUsers: [breakGlass.first.id, breakGlass.second.id], excludeUsers: [], excludeGroups: [] };
      policy.grantControls.builtInControls = [];
      policy.grantControls.authenticationStrength = {
        id: "00000000-0000-0000-0000-000000000004",
        displayName: "Phishing-resistant MFA",
        allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
      };
      caPolicies(t).push(policy);
    },
    expected: [...bothAccounts("pass", (account) => passing(account, 4))],
  },
  {
    name: "alert rules refused while a Sentinel rule watches: the watching rule decides",
    change: (t: Tenant) => {
      t.fail(alerts.scheduledQueryRulesDataset, forbidden);
      analyticsRules(t).push(breakGlassAnalyticsRule());
    },
    expected: [
      ...bothAccounts(
        "pass",
        (account) =>
          `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and Microsoft Sentinel analytics rule "Emergency access account sign-in" (workspace law-security) watches its sign-ins.`,
      ),
    ],
  },
  {
    name: "the workspaces refused, no Azure Monitor rule",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      t.fail(logAnalytics.logWorkspacesDataset, forbidden);
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether sign-ins by emergency access account ${account} raise an alert could not be evaluated because the evidence "Log Analytics workspaces" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "the Sentinel analytics rules refused, no Azure Monitor rule",
    change: (t: Tenant) => {
      t.items(alerts.scheduledQueryRulesDataset).splice(0, 1);
      t.fail(logAnalytics.sentinelAlertRulesDataset, forbidden);
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether sign-ins by emergency access account ${account} raise an alert could not be evaluated because the evidence "Microsoft Sentinel analytics rules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "the users listing unreadable: not evaluated, naming it",
    change: (t: Tenant) => t.fail(entra.usersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Emergency access accounts could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "the directory role assignments unreadable: not evaluated, naming them",
    change: (t: Tenant) => t.fail(entra.directoryRoleAssignmentsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Emergency access accounts could not be evaluated because the evidence "Entra ID directory role assignments (active)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "an empty users listing: each configured account is not in the directory, the listing cited",
    change: (t: Tenant) => {
      t.items(entra.usersDataset).splice(0);
    },
    expected: [
      { status: "fail", message: "Emergency access account bg-admin-01@example.onmicrosoft.com, named in the configuration, is not in the directory." },
      { status: "fail", message: "Emergency access account bg-admin-02@example.onmicrosoft.com, named in the configuration, is not in the directory." },
    ],
  },
  {
    // Without the schedules, whether the active assignment is permanent is unknown; being eligible as
    // well does not settle it.
    name: "schedules unavailable, Global Administrator held actively and as eligible: whether it is permanent is unknown",
    change: (t: Tenant) => {
      t.fail(entra.directoryRoleAssignmentSchedulesDataset, forbidden);
      t.items(entra.directoryRoleEligibilityDataset).push(eligibleFirst(directoryRoles.globalAdministrator));
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether emergency access account ${account} holds Global Administrator permanently could not be evaluated because the evidence "Entra ID PIM active directory role schedules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      ),
    ],
  },
  {
    name: "Global Administrator held only as time-bound and as eligible: both ways named, neither permanent",
    change: (t: Tenant) => {
      const schedule = t.items(entra.directoryRoleAssignmentSchedulesDataset).find((item: Raw) => item.principalId === breakGlass.first.id)!;
      schedule.scheduleInfo = { ...schedule.scheduleInfo, expiration: { type: "afterDateTime", endDateTime: "2027-01-31T00:00:00Z" } };
      t.items(entra.directoryRoleEligibilityDataset).push(eligibleFirst(directoryRoles.globalAdministrator));
    },
    expected: [
      {
        status: "fail",
        message:
          "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as time-bound, eligible, not permanently.",
      },
      {
        status: "pass",
        message: passing(secondAccount),
      },
    ],
  },
  {
    name: "a disabled account without Global Administrator: both problems named",
    change: (t: Tenant) => {
      t.items(entra.usersDataset).find((user: Raw) => user.id === breakGlass.first.id)!.accountEnabled = false;
      t.items(entra.directoryRoleAssignmentsDataset).splice(0, 1);
    },
    expected: [
      {
        status: "fail",
        message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) does not hold Global Administrator; is disabled.",
      },
      {
        status: "pass",
        message: passing(secondAccount),
      },
    ],
  },
  {
    // Microsoft Learn, "Manage emergency access accounts": exclude them from every Conditional Access
    // policy; a policy on some applications only still reaches their sign-ins to those.
    name: "a policy on Office 365 alone that does not exclude the accounts still reaches them",
    change: (t: Tenant) => {
      const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c8", "MFA for Office 365");
      policy.conditions.applications.includeApplications = ["Office365"];
      policy.conditions.users = { ...policy.conditions.users, excludeUsers: [], excludeGroups: [] };
      caPolicies(t).push(policy);
    },
    expected: [
      ...bothAccounts(
        "fail",
        (account) => `Emergency access account ${account} is not excluded from "MFA for Office 365", which asks for more than phishing-resistant MFA.`,
      ),
    ],
  },
  {
    // Microsoft Learn, "Conditional Access: Users, groups, and workload identities": a policy on a
    // directory role reaches users actively assigned it, not those only eligible for it.
    name: "a policy on a directory role the first account is only eligible for does not reach its sign-in",
    change: (t: Tenant) => {
      t.items(entra.directoryRoleEligibilityDataset).push(eligibleFirst(directoryRoles.securityAdministrator));
      const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c8", "MFA for security administrators");
      policy.conditions.users = {
        ...policy.conditions.users,
        includeUsers: [],
        excludeUsers: [],
        excludeGroups: [],
        includeRoles: [directoryRoles.securityAdministrator],
      };
      caPolicies(t).push(policy);
    },
    expected: [...bothAccounts("pass", (account) => passing(account, 4))],
  },
  {
    // A phishing-resistant-only policy may reach them (Microsoft's guidance), so whether it does is not
    // a problem; it is not named as applying when its users are not reported.
    name: "a phishing-resistant-only policy whose users are not reported is neither a problem nor named as applying",
    change: (t: Tenant) => {
      const policy = phishingResistantPolicy("0a1b2c3d-0000-4000-8000-0000000000c9", "Emergency accounts use phishing-resistant MFA");
      policy.conditions.users = null;
      caPolicies(t).push(policy);
    },
    expected: [...bothAccounts("pass", (account) => passing(account, 4))],
  },
  {
    name: "two phishing-resistant-only policies reach them: both named",
    change: (t: Tenant) => {
      caPolicies(t).push(
        phishingResistantPolicy("0a1b2c3d-0000-4000-8000-0000000000c9", "Emergency accounts use phishing-resistant MFA"),
        phishingResistantPolicy("0a1b2c3d-0000-4000-8000-0000000000ca", "Emergency accounts, second policy"),
      );
    },
    expected: [
      ...bothAccounts(
        "pass",
        (account) =>
          `Emergency access account ${account} holds permanent Global Administrator, no enabled Conditional Access policy applies to it but "Emergency accounts use phishing-resistant MFA", "Emergency accounts, second policy", which require phishing-resistant MFA (5 policies examined), and alert rule "Emergency access account signed in" watches its sign-ins.`,
      ),
    ],
  },
  {
    name: "two policies whose users are not reported: both named with why",
    change: (t: Tenant) => {
      for (const [id, name] of [
        ["0a1b2c3d-0000-4000-8000-0000000000c8", "Scope not reported"],
        ["0a1b2c3d-0000-4000-8000-0000000000ca", "Scope not reported either"],
      ] as const) {
        const policy = mfaPolicy(id, name);
        policy.conditions.users = null;
        caPolicies(t).push(policy);
      }
    },
    expected: [
      ...bothAccounts(
        "error",
        (account) =>
          `Whether emergency access account ${account} is excluded from "Scope not reported" (it does not say which users it applies to), "Scope not reported either" (it does not say which users it applies to) is unknown.`,
      ),
    ],
  },
]);
