import { check } from "../../src/checks/entra-break-glass-accounts.js";
import * as entra from "../../src/collectors/entra.js";
import * as rbac from "../../src/collectors/rbac.js";
import { checkTable } from "../support/check-table.js";
import { breakGlass, directoryRoles, exclusionGroup, forbidden, people, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const x = { entra, rbac, people, breakGlass, directoryRoles, exclusionGroup, forbidden };
const policies = (t: Tenant, _x?: unknown): Raw[] => t.items(entra.conditionalAccessPoliciesDataset);
const mfa = (t: Tenant, _x?: unknown): Raw => policies(t)[0]!;

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
    ],
  },
  {
    name: "not excluded from MFA policy",
    change: (t: Tenant) => { mfa(t, x).conditions.users.excludeUsers = [x.breakGlass.second.id]; },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) is not excluded from \"Require MFA for all users\"." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
    ],
  },
  {
    name: "GA only eligible",
    change: (t: Tenant) => { t.items(x.entra.directoryRoleAssignmentsDataset).splice(0, 1); t.items(x.entra.directoryRoleEligibilityDataset).push({ id: "es-bg", principalId: x.breakGlass.first.id, roleDefinitionId: x.directoryRoles.globalAdministrator, directoryScopeId: "/", scheduleInfo: {} }); },
    expected: [
      { status: "fail", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds Global Administrator only as eligible, not permanently." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
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
      { status: "pass", message: "Emergency access account Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
      { status: "pass", message: "Emergency access account Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds permanent Global Administrator and no enabled Conditional Access policy applies to it (3 policies examined)." },
    ],
  },
]);
