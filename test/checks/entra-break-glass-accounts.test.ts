import { check } from "../../src/checks/entra-break-glass-accounts.js";
import * as alerts from "../../src/collectors/alert-rules.js";
import * as entra from "../../src/collectors/entra.js";
import { checkTable } from "../support/check-table.js";
import { breakGlass, directoryRoles, forbidden, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const x = { entra, alerts, breakGlass, directoryRoles, forbidden };
const mfaPolicy = (t: Tenant): Raw => t.items(entra.conditionalAccessPoliciesDataset)[0]!;
const alertRule = (t: Tenant): Raw => t.items(alerts.scheduledQueryRulesDataset)[0]!;

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
    change: (t: Tenant) => { mfaPolicy(t).conditions.users.excludeUsers = [x.breakGlass.second.id]; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from \"Require MFA for all users\"." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "GA only eligible",
    change: (t: Tenant) => { t.items(x.entra.directoryRoleAssignmentsDataset).splice(0, 1); t.items(x.entra.directoryRoleEligibilityDataset).push({ id: "es-bg", principalId: x.breakGlass.first.id, roleDefinitionId: x.directoryRoles.globalAdministrator, directoryScopeId: "/", scheduleInfo: {} }); },
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
    change: (t: Tenant) => t.fail(x.entra.directoryRoleAssignmentSchedulesDataset, x.forbidden),
    expected: [
      { status: "error", message: "Whether emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator permanently could not be evaluated because the evidence \"Entra ID PIM active directory role schedules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
      { status: "error", message: "Whether emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds Global Administrator permanently could not be evaluated because the evidence \"Entra ID PIM active directory role schedules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
  {
    name: "group members unknown",
    change: (t: Tenant) => t.fail(x.entra.groupMembersDataset, x.forbidden),
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
    ],
  },
  {
    name: "alert rule disabled",
    change: (t: Tenant) => { alertRule(t).properties.enabled = false; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rule notifies nobody",
    change: (t: Tenant) => { alertRule(t).properties.actions.actionGroups = []; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rule names only one account",
    change: (t: Tenant) => { alertRule(t).properties.criteria.allOf[0].query = `SigninLogs | where UserPrincipalName =~ "${x.breakGlass.first.upn}"`; },
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator, no enabled Conditional Access policy applies to it (3 policies examined), and alert rule \"Emergency access account signed in\" watches its sign-ins." },
      { status: "fail", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) is watched by no enabled log search alert rule on its sign-ins." },
    ],
  },
  {
    name: "alert rules unavailable",
    change: (t: Tenant) => t.fail(x.alerts.scheduledQueryRulesDataset, x.forbidden),
    expected: [
      { status: "error", message: "Whether sign-ins by emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) raise an alert could not be evaluated because the evidence \"Log search alert rules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
      { status: "error", message: "Whether sign-ins by emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) raise an alert could not be evaluated because the evidence \"Log search alert rules\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
]);
