import { check } from "../../src/checks/entra-mfa-policy-not-enforcing.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [{ status: "pass", message: "Every Conditional Access policy that requires MFA is enabled (3 policies examined)." }],
  },
  {
    name: "report-only and disabled",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "enabledForReportingButNotEnforced";
      caPolicies(t)[2]!.state = "disabled";
    },
    expected: [
      { status: "fail", message: 'Conditional Access policy "Require MFA for all users" requires MFA but is report-only, so it enforces nothing.' },
      { status: "fail", message: 'Conditional Access policy "Administrators sign in every 4 hours" requires MFA but is disabled, so it enforces nothing.' },
    ],
  },
  {
    name: "a report-only policy that asks only for an authentication strength: named, with the strength",
    change: (t: Tenant) => {
      const grant = caPolicies(t)[0]!.grantControls;
      caPolicies(t)[0]!.state = "enabledForReportingButNotEnforced";
      grant.builtInControls = [];
      grant.authenticationStrength = { id: "00000000-0000-0000-0000-000000000004", displayName: "Phishing-resistant MFA", policyType: "builtIn" };
    },
    expected: [
      {
        status: "fail",
        message:
          'Conditional Access policy "Require MFA for all users" requires authentication strength Phishing-resistant MFA but is report-only, so it enforces nothing.',
      },
    ],
  },
  {
    name: "a report-only policy with no grant (session controls only) is no MFA policy",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "enabledForReportingButNotEnforced";
      caPolicies(t)[0]!.grantControls = null;
    },
    expected: [{ status: "pass", message: "Every Conditional Access policy that requires MFA is enabled (3 policies examined)." }],
  },
]);
