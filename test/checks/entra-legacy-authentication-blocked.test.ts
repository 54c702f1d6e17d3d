import { check } from "../../src/checks/entra-legacy-authentication-blocked.js";
import * as entra from "../../src/collectors/entra.js";
import * as rbac from "../../src/collectors/rbac.js";
import { checkTable } from "../support/check-table.js";
import { breakGlass, directoryRoles, exclusionGroup, forbidden, people, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const x = { entra, rbac, people, breakGlass, directoryRoles, exclusionGroup, forbidden };
const policies = (t: Tenant, _x?: unknown): Raw[] => t.items(entra.conditionalAccessPoliciesDataset);

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "Enabled policy \"Block legacy authentication\" blocks legacy authentication for all users and all cloud apps, excluding only emergency access accounts." },
    ],
  },
  {
    name: "report-only",
    change: (t: Tenant) => { policies(t, x)[1]!.state = "enabledForReportingButNotEnforced"; },
    expected: [
      { status: "fail", message: "Policy \"Block legacy authentication\" would block legacy authentication but is report-only, so it blocks nothing." },
    ],
  },
  {
    name: "excludes a group",
    change: (t: Tenant) => { policies(t, x)[1]!.conditions.users.excludeGroups = [x.exclusionGroup]; },
    expected: [
      { status: "fail", message: "Enabled policy \"Block legacy authentication\" blocks legacy authentication, but not for group 99999999-0000-4000-8000-0000000000e1." },
    ],
  },
  {
    name: "no block",
    change: (t: Tenant) => { policies(t, x).splice(1, 1); },
    expected: [
      { status: "fail", message: "No enabled Conditional Access policy blocks legacy authentication (2 policies examined), and security defaults are not enabled." },
    ],
  },
  {
    name: "security defaults",
    change: (t: Tenant) => { policies(t, x).splice(0, 3); t.items(x.entra.securityDefaultsDataset)[0]!.isEnabled = true; },
    expected: [
      { status: "pass", message: "Security defaults are enabled, which block legacy authentication for all users." },
    ],
  },
  {
    name: "users unavailable",
    change: (t: Tenant) => t.fail(x.entra.usersDataset, x.forbidden),
    expected: [
      { status: "error", message: "Blocking of legacy authentication (who its exclusions are) could not be evaluated because the evidence \"Users (enabled and disabled, members and guests)\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
]);
