import { conditionalAccessPoliciesDataset, directoryRoleAssignmentsDataset, directoryRoleDefinitionsDataset, groupMembersDataset, securityDefaultsDataset, usersDataset, directoryRoleEligibilityDataset, userRegistrationDetailsDataset } from "../datasets/entra.js";
import { defineCheck } from "./check.js";
import { tenantMfaOutcomes } from "./support/mfa-coverage.js";

export const check = defineCheck({
  id: "entra-mfa-azure-management",
  title: "MFA is required, by an enabled policy, of every enabled user for Azure management (portal, CLI, PowerShell, ARM)",
  severity: "high",
  requires: [usersDataset, conditionalAccessPoliciesDataset],
  // Role lists decide policies that include or exclude roles; everyday sign-ins carry active roles only.
  alsoReads: [securityDefaultsDataset, groupMembersDataset, directoryRoleAssignmentsDataset, directoryRoleDefinitionsDataset, directoryRoleEligibilityDataset, userRegistrationDetailsDataset],
  rationale:
    "Azure Resource Manager controls every resource that stores or processes ePHI; a policy that covers Office 365 or the admin portals does not cover the Azure CLI and PowerShell.",
  remediation: "Include all cloud apps, or the Windows Azure Service Management API (797f4846-ba00-4fd7-ba43-dac1f8f63013), in an enabled policy requiring MFA for all users.",
  evaluate({ evidence, tenantId, settings }) {
    return tenantMfaOutcomes(evidence, tenantId, settings, "azure-management", "Azure management");
  },
});
