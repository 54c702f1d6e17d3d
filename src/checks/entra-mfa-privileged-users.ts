import {
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  securityDefaultsDataset,
  userRegistrationDetailsDataset,
  usersDataset,
  directoryRoleAssignmentSchedulesDataset,
} from "../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { gapOutcome, tenantScope, tenantSubject, type Failure } from "./support/entra-identity.js";
import {
  describeEnforcement,
  describeGaps,
  describeRegistration,
  gapBehind,
  mandatoryAzureMfaContext,
  privilegedUsersMfa,
  type PrivilegedUserMfa,
} from "./support/mfa-coverage.js";

/** The finding for one privileged user: enforced versus registered, and the policy that decides it. */
export function privilegedUserOutcome(
  row: PrivilegedUserMfa,
  tenantId: string,
  target: string,
  gapBehindUnknown: Failure | undefined,
  securityDefaultsGap: Failure | undefined,
): CheckOutcome {
  const subject = { resourceId: `${tenantScope(tenantId)}/users/${row.userId}`, resourceName: row.name };
  const who = `${row.name} (${row.roles.join("; ")})`;
  const registered = describeRegistration(row.registeredMethods);
  const { coverage } = row;
  const gaps = describeGaps(coverage);
  const activation = row.onlyOnceActivated.length
    ? `; ${row.onlyOnceActivated.map((name) => `"${name}"`).join(", ")} would require it only through a directory role they are eligible for, once activated, not at sign-in`
    : "";
  if (row.breakGlass) {
    // Its exclusions are expected, and judged (with its roles and alerting) by entra-break-glass-accounts.
    return {
      status: "not_applicable",
      ...subject,
      message: `${who} is a configured emergency access account, judged by the emergency access check rather than this one${gaps ? ` (${gaps})` : ""}; ${registered}.`,
      evidence: row.refs,
    };
  }
  if (coverage.verdict === "enforced") {
    const weak = row.registeredMethods !== undefined && row.registeredMethods.length === 0 ? " yet, so the first sign-in will ask them to register one" : "";
    return {
      status: "pass",
      ...subject,
      message: `MFA is enforced for ${who} on ${target} by ${describeEnforcement(coverage)}; ${registered}${weak}.`,
      evidence: row.refs,
    };
  }
  if (coverage.verdict === "unknown") {
    return {
      status: "error",
      ...subject,
      message: `Whether MFA is enforced for ${who} on ${target} is unknown: ${coverage.unknowns.join("; ")}; ${registered}.`,
      evidence: row.refs,
      error: gapBehindUnknown?.failure.error ?? {
        call: "(evaluation of Conditional Access)",
        status: 0,
        message: coverage.unknowns.join("; "),
        reason: "incomplete-data",
      },
    };
  }
  if (coverage.verdict === "not-enforced" && row.bySecurityDefaults === "every sign-in") {
    return {
      status: "pass",
      ...subject,
      message: `MFA is enforced for ${who} by security defaults, which require it at every sign-in of active directory administrators; ${registered}.`,
      evidence: row.refs,
    };
  }
  if (coverage.verdict === "not-enforced" && row.bySecurityDefaults === "azure management") {
    return {
      status: "pass",
      ...subject,
      message: `MFA is enforced for ${who} by security defaults, which require it of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI and Azure PowerShell), where these Azure roles act; other apps ask for it only on risky sign-ins; ${registered}. ${mandatoryAzureMfaContext}`,
      evidence: row.refs,
    };
  }
  if (coverage.verdict === "not-enforced" && row.bySecurityDefaults === "risky sign-ins only") {
    return {
      status: "fail",
      ...subject,
      message: `MFA is required of ${who} only by security defaults, which ask for it only when a sign-in looks risky (and for Azure management), not at every sign-in; ${registered}.`,
      evidence: row.refs,
    };
  }
  if (coverage.verdict === "not-enforced" && row.bySecurityDefaults === undefined && securityDefaultsGap) {
    return notEvaluated(
      subject,
      `MFA for ${who} (no Conditional Access policy requires it, so security defaults decide)`,
      securityDefaultsGap.dataset,
      securityDefaultsGap.failure,
    );
  }
  const conditional =
    coverage.verdict === "conditional" ? `only conditionally, by ${describeEnforcement(coverage)}` : "by no enabled Conditional Access policy";
  return {
    status: "fail",
    ...subject,
    message: `MFA is required of ${who} on ${target} ${conditional}${gaps ? `; ${gaps}` : ""}${activation}; ${registered}.`,
    evidence: row.refs,
  };
}

export const check = defineCheck({
  id: "entra-mfa-privileged-users",
  title: "MFA is enforced, by an enabled policy, for every holder of a privileged Entra ID or Azure role",
  severity: "critical",
  requires: [usersDataset, conditionalAccessPoliciesDataset, directoryRoleAssignmentsDataset],
  alsoReads: [
    securityDefaultsDataset,
    userRegistrationDetailsDataset,
    directoryRoleEligibilityDataset,
    directoryRoleDefinitionsDataset,
    roleAssignmentsDataset,
    roleEligibilityDataset,
    principalsDataset,
    groupMembersDataset,
    groupEligibilityDataset,
    directoryRoleAssignmentSchedulesDataset,
  ],
  rationale:
    "Privileged accounts can reach or expose all ePHI; a password alone is phished or sprayed daily. Registered methods are not enough: only an enabled policy that covers the user and does not exclude them makes MFA happen. A policy aimed at a directory role applies to users actively assigned it, so a PIM-eligible holder is judged on the policies that reach them as a user and through their active roles (https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups). Security defaults require MFA of every user who reaches Azure Resource Manager, which is where Azure roles act, but of other users only on risky sign-ins (https://learn.microsoft.com/entra/fundamentals/security-defaults). The holders of an Azure role held by a group are its transitive members (https://learn.microsoft.com/azure/role-based-access-control/overview#groups), and whoever PIM for Groups lets activate membership or ownership of that group holds the role as an eligible one (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups); a holder whose type Azure does not report is what the directory resolves it to (https://learn.microsoft.com/graph/api/directoryobject-getbyids).",
  remediation: {
    text: "Cover every privileged user with an enabled Conditional Access policy for all cloud apps that requires MFA, preferably the phishing-resistant authentication strength (a policy aimed at directory roles does not reach holders of Azure roles); remove exclusions other than the emergency access accounts and switch report-only policies on.",
    portal:
      "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > New policy: Users: Directory roles (the privileged roles) or the users themselves; Target resources: All cloud apps; Grant: Require multifactor authentication",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-admin-mfa",
  },
  evaluate({ evidence, tenantId, subscriptions, settings }) {
    const subject = tenantSubject(tenantId);
    const read = privilegedUsersMfa(evidence, tenantId, subscriptions, settings.breakGlassAccounts);
    if (!read.ok) return [notEvaluated(subject, "MFA for privileged users", read.dataset, read.failure)];
    const outcomes = read.rows.map((row) =>
      privilegedUserOutcome(row, tenantId, "all cloud apps", gapBehind(row.coverage.unknowns, read.identity), read.identity.securityDefaultsGap),
    );
    for (const gap of read.gaps) outcomes.push(gapOutcome("MFA for the privileged users this evidence would name", gap));
    for (const holder of read.unlisted) {
      outcomes.push({
        status: "error",
        resourceId: `${tenantScope(tenantId)}/users/${holder.userId}`,
        resourceName: `user ${holder.userId}`,
        message: `Principal ${holder.userId} holds ${holder.roles.join("; ")} but is not in the users listing (deleted, or not a user), so whether MFA protects it is unknown.`,
        evidence: holder.refs,
        error: { call: "GET https://graph.microsoft.com/v1.0/users", status: 200, message: "role holder not in the users listing", reason: "incomplete-data" },
      });
    }
    if (outcomes.length === 0)
      outcomes.push({
        status: "pass",
        ...subject,
        message: "No user holds a privileged Entra ID or Azure role.",
        evidence: [{ file: read.identity.policiesFile, pointer: "/value" }],
      });
    return outcomes;
  },
});
