import { check } from "../../src/checks/entra-mfa-policy-not-enforcing.js";
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
      { status: "pass", message: "Every Conditional Access policy that requires MFA is enabled (3 policies examined)." },
    ],
  },
  {
    name: "report-only and disabled",
    change: (t: Tenant) => { mfa(t, x).state = "enabledForReportingButNotEnforced"; policies(t, x)[2]!.state = "disabled"; },
    expected: [
      { status: "fail", message: "Conditional Access policy \"Require MFA for all users\" requires MFA but is report-only, so it enforces nothing." },
      { status: "fail", message: "Conditional Access policy \"Administrators sign in every 4 hours\" requires MFA but is disabled, so it enforces nothing." },
    ],
  },
]);
