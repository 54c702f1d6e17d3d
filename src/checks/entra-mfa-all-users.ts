import {
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  groupMembersDataset,
  securityDefaultsDataset,
  usersDataset,
  directoryRoleEligibilityDataset,
  userRegistrationDetailsDataset,
} from "../datasets/entra.js";
import { defineCheck } from "./check.js";
import { tenantMfaOutcomes } from "./support/mfa-coverage.js";

export const check = defineCheck({
  id: "entra-mfa-all-users",
  title: "MFA is required, by an enabled policy, of every enabled user for all cloud apps",
  severity: "high",
  requires: [usersDataset, conditionalAccessPoliciesDataset],
  // Role lists decide policies that include or exclude roles; everyday sign-ins carry active roles only.
  alsoReads: [
    securityDefaultsDataset,
    groupMembersDataset,
    directoryRoleAssignmentsDataset,
    directoryRoleDefinitionsDataset,
    directoryRoleEligibilityDataset,
    userRegistrationDetailsDataset,
  ],
  rationale:
    "Any workforce account can open ePHI in clinical and business apps; the person signing in must be verified, and a password alone does not verify a person.",
  remediation: {
    text: "Require multifactor authentication (or an authentication strength) for all users and all cloud apps in one enabled policy, excluding only the emergency access accounts.",
    portal:
      "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > New policy: Users: All users; Target resources: All cloud apps; Grant: Require multifactor authentication; Enable policy: On",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-all-users-mfa",
  },
  evaluate({ evidence, tenantId, settings }) {
    return tenantMfaOutcomes(evidence, tenantId, settings, "all-cloud-apps", "all cloud apps");
  },
});
