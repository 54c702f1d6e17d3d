import { check } from "../../src/checks/entra-break-glass-accounts.js";
import * as alerts from "../../src/datasets/alert-rules.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { breakGlass, caPolicies, directoryRoles, forbidden, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "not excluded from MFA policy",
    change: (t: Tenant) => { caPolicies(t)[0]!.conditions.users.excludeUsers = [breakGlass.second.id]; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from \"Require MFA for all users\"." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "GA only eligible",
    change: (t: Tenant) => { t.items(entra.directoryRoleAssignmentsDataset).splice(0, 1); t.items(entra.directoryRoleEligibilityDataset).push({ id: "es-bg", principalId: breakGlass.first.id, roleDefinitionId: directoryRoles.globalAdministrator, directoryScopeId: "/", scheduleInfo: {} }); },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as eligible, not permanently." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "account missing",
    change: (t: Tenant) => { t.settings.breakGlassAccounts = ["bg-admin-03@example.onmicrosoft.com"]; },
    expected: [
      { status: "fail", message: "Emergency access account bg-admin-03@example.onmicrosoft.com, named in the configuration, is not in the directory." },
    ],
  },
  {
    name: "none configured",
    change: (t: Tenant) => { t.settings.breakGlassAccounts = []; },
    expected: [
      { status: "error", message: "Emergency access could not be evaluated: the configuration names no emergency access accounts (breakGlassAccounts)." },
    ],
  },
  {
    name: "schedules unavailable",
    change: (t: Tenant) => t.fail(entra.directoryRoleAssignmentSchedulesDataset, forbidden),
    expected: [
      { status: "error", message: "Whether emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator permanently could not be evaluated because the evidence \"Entra ID PIM active directory role schedules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
      { status: "error", message: "Whether emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds Global Administrator permanently could not be evaluated because the evidence \"Entra ID PIM active directory role schedules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
  {
    name: "group members unknown",
    change: (t: Tenant) => t.fail(entra.groupMembersDataset, forbidden),
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "alert rule disabled",
    change: (t: Tenant) => { (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.enabled = false; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rule notifies nobody",
    change: (t: Tenant) => { (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.actions.actionGroups = []; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rule names only one account",
    change: (t: Tenant) => { (t.items(alerts.scheduledQueryRulesDataset)[0] as Raw).properties.criteria.allOf[0].query = `SigninLogs | where UserPrincipalName =~ "${breakGlass.first.upn}"`; },
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rules unavailable",
    change: (t: Tenant) => t.fail(alerts.scheduledQueryRulesDataset, forbidden),
    expected: [
      { status: "error", message: "Whether sign-ins by emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) raise an alert could not be evaluated because the evidence \"Log search alert rules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
      { status: "error", message: "Whether sign-ins by emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) raise an alert could not be evaluated because the evidence \"Log search alert rules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
]);
