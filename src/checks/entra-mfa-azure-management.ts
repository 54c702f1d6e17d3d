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
  id: "entra-mfa-azure-management",
  title: "MFA is required, by an enabled policy, of every enabled user for Azure management (portal, CLI, PowerShell, ARM)",
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
    "Azure Resource Manager controls every resource that stores or processes ePHI; a policy that covers Office 365 or the admin portals does not cover the Azure CLI and PowerShell. Security defaults require MFA of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI, Azure PowerShell), so with security defaults on and no Conditional Access policy this passes (https://learn.microsoft.com/entra/fundamentals/security-defaults). Microsoft's platform-enforced mandatory MFA for Azure is never the reason for a pass: a tenant may postpone it, and no API shows that.",
  remediation: {
    text: "Target all cloud apps, or the Windows Azure Service Management API app (797f4846-ba00-4fd7-ba43-dac1f8f63013), in an enabled policy that requires multifactor authentication of all users.",
    portal:
      "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > New policy: Target resources > Cloud apps > Select apps: Windows Azure Service Management API; Grant: Require multifactor authentication; Enable policy: On",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-azure-management",
  },
  evaluate({ evidence, tenantId, settings }) {
    return tenantMfaOutcomes(evidence, tenantId, settings, "azure-management", "Azure management");
  },
});
