import { check } from "../../src/checks/entra-security-defaults-consistency.js";
import * as entra from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { caPolicies, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          'Security defaults are disabled and 2 enabled Conditional Access policy(ies) require MFA: "Require MFA for all users", "Administrators sign in every 4 hours".',
      },
    ],
  },
  {
    name: "neither",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "disabled";
      caPolicies(t)[2]!.state = "disabled";
    },
    expected: [
      { status: "fail", message: "Security defaults are disabled and no enabled Conditional Access policy requires MFA: sign-in relies on passwords alone." },
    ],
  },
  {
    name: "SD only",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [{ status: "pass", message: "Security defaults are enabled and no Conditional Access policy is enabled." }],
  },
  {
    name: "both",
    change: (t: Tenant) => {
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [
      {
        status: "fail",
        message:
          "Security defaults are enabled while 3 Conditional Access policies are enabled; Entra ID does not use both, so which one protects sign-in is unclear.",
      },
    ],
  },
  {
    name: "isEnabled absent",
    change: (t: Tenant) => {
      delete t.items(entra.securityDefaultsDataset)[0]!.isEnabled;
    },
    expected: [{ status: "error", message: "Whether security defaults are enabled is unknown: the policy did not report isEnabled." }],
  },
]);
