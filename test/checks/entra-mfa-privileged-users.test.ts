import { check } from "../../src/checks/entra-mfa-privileged-users.js";
import * as entra from "../../src/datasets/entra.js";
import * as rbac from "../../src/datasets/rbac.js";
import { type CheckCase, checkTable } from "../support/check-table.js";
import {
  assignment,
  caPolicies,
  directoryRoles,
  exclusionGroup,
  forbidden,
  groupCase,
  groupMember,
  groupRecords,
  people,
  pimGroupInstance,
  roleIds,
  tenantId,
  type Tenant,
} from "../support/good-tenant.js";

type Raw = Record<string, any>;

const { casey, group } = groupCase;
const caseyPrincipal = { "@odata.type": "#microsoft.graph.user", id: casey.id, displayName: casey.name, userPrincipalName: casey.upn };
/** The good tenant's rows other than Casey's, as the first case states them. */
const goodRows = {
  avery: {
    status: "pass" as const,
    message:
      'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
  },
  blake: {
    status: "pass" as const,
    message:
      'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
  },
  breakGlass1: {
    status: "not_applicable" as const,
    message:
      'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
  },
  breakGlass2: {
    status: "not_applicable" as const,
    message:
      'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
  },
  userAccount: {
    status: "pass" as const,
    message:
      'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
  },
};
/** Rows that security defaults decide once no Conditional Access policy exists. */
const securityDefaultsRows = {
  blake: {
    status: "pass" as const,
    message:
      "MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) by security defaults, which require it of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI and Azure PowerShell), where these Azure roles act; other apps ask for it only on risky sign-ins; registered: fido2. Microsoft's platform-enforced mandatory MFA for Azure management is not counted here: a tenant may have postponed it, and no API shows whether it did.",
  },
  breakGlass1: {
    status: "not_applicable" as const,
    message:
      "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one; registered: fido2.",
  },
  breakGlass2: {
    status: "not_applicable" as const,
    message:
      "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one; registered: fido2.",
  },
  userAccount: {
    status: "pass" as const,
    message:
      "MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) by security defaults, which require it of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI and Azure PowerShell), where these Azure roles act; other apps ask for it only on risky sign-ins; registered: fido2. Microsoft's platform-enforced mandatory MFA for Azure management is not counted here: a tenant may have postponed it, and no API shows whether it did.",
  },
};
const caseyRow = (roles: string) => ({
  status: "pass" as const,
  message: `MFA is enforced for Casey Admin (casey.admin@example.com) (${roles}) on all cloud apps by "Require MFA for all users"; registered: fido2.`,
});
/** A service principal (a workload identity, not a person) in a group's transitive members. */
const deployApp = { "@odata.type": "#microsoft.graph.servicePrincipal", id: "22222222-0000-4000-8000-0000000000e1", displayName: "ehr-deploy" };
/** Someone neither the users listing nor the principals listing holds. */
const unknownPrincipal = "11111111-0000-4000-8000-0000000000f9";
/** The good tenant's rows with the break-glass accounts' standing Global Administrator seen without its schedule. */
const scheduleUnknown = (row: { status: "not_applicable"; message: string }) => ({
  ...row,
  message: row.message.replace("(Global Administrator (permanent))", "(Global Administrator (active (schedule unknown)))"),
});
/**
 * A break-glass row when the active directory roles are unknown: whether the administrators' policy
 * (aimed at Global Administrator) includes the account is then unknown, so it is not named as one the
 * account is excluded from.
 */
const withoutRoleTargetedExclusion = (row: { status: "not_applicable"; message: string }) => ({
  ...row,
  message: row.message.replace('; excluded from "Administrators sign in every 4 hours" as user', ""),
});
const withCasey = (roles: string) => [goodRows.avery, goodRows.blake, goodRows.breakGlass1, goodRows.breakGlass2, caseyRow(roles), goodRows.userAccount];

/** The all-users policy narrowed to outside trusted locations: each privileged user covered only conditionally. */
const onlyOutsideTrustedLocations: CheckCase["expected"] = [
  {
    status: "fail",
    message:
      'MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps only conditionally, by "Require MFA for all users", only outside all trusted locations; "Administrators sign in every 4 hours" would require it only through a directory role they are eligible for, once activated, not at sign-in; registered: fido2.',
  },
  {
    status: "fail",
    message:
      'MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps only conditionally, by "Require MFA for all users", only outside all trusted locations; registered: fido2.',
  },
  goodRows.breakGlass1,
  goodRows.breakGlass2,
  {
    status: "fail",
    message:
      'MFA is required of User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps only conditionally, by "Require MFA for all users", only outside all trusted locations; registered: fido2.',
  },
];

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [goodRows.avery, goodRows.blake, goodRows.breakGlass1, goodRows.breakGlass2, goodRows.userAccount],
  },
  {
    // Microsoft Learn, "Conditional Access: Users, groups, and workload identities": a policy on
    // directory roles reaches users actively assigned the role. Avery is only PIM-eligible for
    // Global Administrator, so the administrators' policy does not reach her sign-in.
    name: "a role-targeted policy does not cover a user only eligible for the role",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerA);
    },
    expected: [
      {
        status: "fail",
        message:
          'MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; excluded from "Require MFA for all users" as user; "Administrators sign in every 4 hours" would require it only through a directory role they are eligible for, once activated, not at sign-in; registered: fido2.',
      },
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
    ],
  },
  {
    // Without the eligible roles, whether a role-targeted policy would require MFA once a role is
    // activated is unknown: Avery's row does not claim it, and the missing list is named.
    name: "a user outside the all-users policy while the PIM eligible roles cannot be read: no claim about roles once activated",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerA);
      t.fail(entra.directoryRoleEligibilityDataset, forbidden);
    },
    expected: [
      {
        status: "fail",
        message:
          'MFA is required of Avery Owner (avery.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; excluded from "Require MFA for all users" as user; registered: fido2.',
      },
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "Entra ID PIM eligible directory roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    // Azure RBAC overview, "Groups": a group's Azure role reaches its members, who are privileged users.
    name: "a member of a group holding Owner is a privileged user, judged by name",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.addGroup(group, "Platform Admins", roleIds.owner, { members: [groupMember(casey.id, casey.name, casey.upn)] });
    },
    expected: withCasey("Owner on Example Subscription through group Platform Admins (active)"),
  },
  {
    // Microsoft Graph, "directoryObject: getByIds": a holder Azure leaves untyped is what the directory
    // says; here a group, whose member is judged, not the group as if it were a user.
    name: "a holder whose type Azure leaves blank and the directory resolves to a group is expanded to its members",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.addGroup(group, "Platform Admins", roleIds.owner, { members: [groupMember(casey.id, casey.name, casey.upn)] });
      delete t.items(rbac.roleAssignmentsDataset).at(-1)!.properties.principalType;
    },
    expected: withCasey("Owner on Example Subscription through group Platform Admins (active)"),
  },
  {
    // PIM for Groups: whoever may activate membership of the group holds its role as an eligible one.
    name: "whoever PIM for Groups lets activate membership of a group holding Owner is a privileged user",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [pimGroupInstance("eligible", group, caseyPrincipal, "member")] });
    },
    expected: withCasey("Owner on Example Subscription through group Platform Admins (eligible membership)"),
  },
  {
    // Microsoft Learn, "Use Microsoft Entra groups to manage role assignments": a role-assignable
    // group's directory role is active for its members, so a policy on that role reaches them.
    name: "a member of a group holding Global Administrator, outside the all-users policy, is reached by the administrators' policy",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.records.push(...groupRecords(group, { members: [groupMember(casey.id, casey.name, casey.upn)] }));
      t.items(entra.directoryRoleAssignmentsDataset).push({
        id: "ra-platform-admins",
        principalId: group,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.group", id: group, displayName: "Platform Admins" },
      });
      t.items(entra.directoryRoleAssignmentSchedulesDataset).push({
        id: "as-platform-admins",
        principalId: group,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        memberType: "Direct",
        status: "Provisioned",
        assignmentType: "Assigned",
        scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "noExpiration" } },
      });
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(casey.id);
    },
    expected: [
      goodRows.avery,
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "pass",
        message:
          'MFA is enforced for Casey Admin (casey.admin@example.com) (Global Administrator (permanent)) on all cloud apps by "Administrators sign in every 4 hours"; registered: fido2.',
      },
      goodRows.userAccount,
    ],
  },
  {
    name: "the members of a group holding Owner cannot be read: not evaluated, never left out",
    change: (t: Tenant) => {
      t.addGroup(group, "Platform Admins", roleIds.owner);
      t.fail(entra.groupMembersDataset, forbidden, `/tenants/${tenantId}/groups/${group}`);
    },
    expected: [
      goodRows.avery,
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "report-only",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "enabledForReportingButNotEnforced";
    },
    expected: [
      {
        status: "fail",
        message:
          'MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; "Require MFA for all users" is report-only; "Administrators sign in every 4 hours" would require it only through a directory role they are eligible for, once activated, not at sign-in; registered: fido2.',
      },
      {
        status: "fail",
        message:
          'MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; "Require MFA for all users" is report-only; registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "fail",
        message:
          'MFA is required of User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by no enabled Conditional Access policy; "Require MFA for all users" is report-only; registered: fido2.',
      },
    ],
  },
  {
    name: "excluded group hides ownerB",
    change: (t: Tenant) => {
      (t.records.find((r) => r.dataset === entra.groupMembersDataset.id) as { value: Raw[] }).value.push({
        "@odata.type": "#microsoft.graph.user",
        id: people.ownerB,
      });
      t.items(entra.userRegistrationDetailsDataset).find((r: Raw) => r.id === people.ownerB)!.methodsRegistered = [];
    },
    expected: [
      goodRows.avery,
      {
        status: "fail",
        message:
          'MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; excluded from "Require MFA for all users" as group 99999999-0000-4000-8000-0000000000e1; no MFA method registered.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
    ],
  },
  {
    name: "group members unknown",
    change: (t: Tenant) => t.fail(entra.groupMembersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": membership of excluded group 99999999-0000-4000-8000-0000000000e1 is unknown; registered: fido2.',
      },
      {
        status: "error",
        message:
          'Whether MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": membership of excluded group 99999999-0000-4000-8000-0000000000e1 is unknown; registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "error",
        message:
          'Whether MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps is unknown: policy "Require MFA for all users": membership of excluded group 99999999-0000-4000-8000-0000000000e1 is unknown; registered: fido2.',
      },
    ],
  },
  {
    name: "location narrowing",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
    },
    expected: onlyOutsideTrustedLocations,
  },
  {
    name: "registration unavailable",
    change: (t: Tenant) => t.fail(entra.userRegistrationDetailsDataset, forbidden),
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered methods unknown.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered methods unknown.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered methods unknown.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered methods unknown.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users"; registered methods unknown.',
      },
    ],
  },
  {
    name: "azure rbac unavailable",
    change: (t: Tenant) => t.fail(rbac.roleAssignmentsDataset, forbidden),
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "Azure role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    // Microsoft Learn, "Security defaults in Microsoft Entra ID": every user who reaches Azure Resource
    // Manager must complete MFA, so holders of Azure roles alone (Blake, User Account) pass; Avery's
    // eligible Global Administrator is a directory role, asked for MFA only on risky sign-ins.
    name: "no CA policy enforces, SD on",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
    },
    expected: [
      {
        status: "fail",
        message:
          "MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) only by security defaults, which ask for it only when a sign-in looks risky (and for Azure management), not at every sign-in; registered: fido2.",
      },
      securityDefaultsRows.blake,
      securityDefaultsRows.breakGlass1,
      securityDefaultsRows.breakGlass2,
      securityDefaultsRows.userAccount,
    ],
  },
  {
    // Microsoft Learn, "Security defaults in Microsoft Entra ID": administrators in the listed roles
    // must complete MFA at every sign-in; here Avery holds Global Administrator actively.
    name: "no CA policy enforces, SD on, Global Administrator active",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = true;
      const eligibility = t.items(entra.directoryRoleEligibilityDataset).splice(0, 1)[0]!;
      t.items(entra.directoryRoleAssignmentsDataset).push({ ...eligibility, id: "ra-owner-a" });
      t.items(entra.directoryRoleAssignmentSchedulesDataset).push({ ...eligibility, id: "as-owner-a", assignmentType: "Assigned" });
    },
    expected: [
      {
        status: "pass",
        message:
          "MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (permanent); Owner on Example Subscription (active)) by security defaults, which require it at every sign-in of active directory administrators; registered: fido2.",
      },
      securityDefaultsRows.blake,
      securityDefaultsRows.breakGlass1,
      securityDefaultsRows.breakGlass2,
      securityDefaultsRows.userAccount,
    ],
  },
  {
    name: "no CA policy enforces, SD off",
    change: (t: Tenant) => {
      caPolicies(t).splice(0, 3);
      t.items(entra.securityDefaultsDataset)[0]!.isEnabled = false;
    },
    expected: [
      {
        status: "fail",
        message:
          "MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; registered: fido2.",
      },
      {
        status: "fail",
        message:
          "MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; registered: fido2.",
      },
      securityDefaultsRows.breakGlass1,
      securityDefaultsRows.breakGlass2,
      {
        status: "fail",
        message:
          "MFA is required of User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by no enabled Conditional Access policy; registered: fido2.",
      },
    ],
  },
  {
    name: "no CA policy enforces, SD unknown",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.state = "disabled";
      t.fail(entra.securityDefaultsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'MFA for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) (no Conditional Access policy requires it, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
      {
        status: "error",
        message:
          'MFA for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) (no Conditional Access policy requires it, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "error",
        message:
          'MFA for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) (no Conditional Access policy requires it, so security defaults decide) could not be evaluated because the evidence "Security defaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "phishing resistant strength",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.grantControls.builtInControls = [];
      caPolicies(t)[0]!.grantControls.authenticationStrength = {
        id: "00000000-0000-0000-0000-000000000004",
        displayName: "Phishing-resistant MFA",
        allowedCombinations: ["fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor"],
      };
    },
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users" (authentication strength Phishing-resistant MFA, phishing-resistant); registered: fido2.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users" (authentication strength Phishing-resistant MFA, phishing-resistant); registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "pass",
        message:
          'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users" (authentication strength Phishing-resistant MFA, phishing-resistant); registered: fido2.',
      },
    ],
  },
  {
    name: "a privileged user who has registered no method yet: enforced, and the first sign-in will ask to register",
    change: (t: Tenant) => {
      t.items(entra.userRegistrationDetailsDataset).find((item: Raw) => item.id === people.ownerB)!.methodsRegistered = [];
    },
    expected: [
      goodRows.avery,
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; no MFA method registered yet, so the first sign-in will ask them to register one.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
    ],
  },
  {
    name: "a role holder missing from the users listing is named, never left out",
    change: (t: Tenant) => {
      const index = t.items(entra.usersDataset).findIndex((item: Raw) => item.id === people.ownerB);
      t.items(entra.usersDataset).splice(index, 1);
    },
    expected: [
      goodRows.avery,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message:
          "Principal 11111111-0000-4000-8000-00000000000b holds Owner on Example Subscription (active) but is not in the users listing (deleted, or not a user), so whether MFA protects it is unknown.",
      },
    ],
  },
  {
    name: "nobody holds a privileged role",
    change: (t: Tenant) => {
      t.items(rbac.roleAssignmentsDataset).splice(0);
      t.items(rbac.roleEligibilityDataset).splice(0);
      t.items(entra.directoryRoleAssignmentsDataset).splice(0);
      t.items(entra.directoryRoleEligibilityDataset).splice(0);
    },
    expected: [{ status: "pass", message: "No user holds a privileged Entra ID or Azure role." }],
  },
  {
    name: "a policy whose users are not reported leaves privileged users unknown, without a missing dataset to blame",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users = null;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; registered: fido2.',
      },
      {
        status: "error",
        message:
          'Whether MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "error",
        message:
          'Whether MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; registered: fido2.',
      },
    ],
  },
  {
    name: "the users listing unreadable: not evaluated, naming it",
    change: (t: Tenant) => t.fail(entra.usersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'MFA for privileged users could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    // The assignment schedules only say how an active role is held; who holds one is in the
    // assignments and eligibilities, so no holder goes unnamed and no gap is reported.
    name: "the directory role assignment schedules unreadable: every holder judged, only how the roles are held unknown",
    change: (t: Tenant) => t.fail(entra.directoryRoleAssignmentSchedulesDataset, forbidden),
    expected: [goodRows.avery, goodRows.blake, scheduleUnknown(goodRows.breakGlass1), scheduleUnknown(goodRows.breakGlass2), goodRows.userAccount],
  },
  {
    // Microsoft Learn, "Use Microsoft Entra groups to manage role assignments": a member of a
    // role-assignable group holds its role; held directly too, it is one role, named once.
    name: "a directory role held both directly and through a role-assignable group is named once",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.records.push(...groupRecords(group, { members: [groupMember(casey.id, casey.name, casey.upn)] }));
      const held = (principalId: string, type: string) => ({
        id: `ra-security-${type}`,
        principalId,
        roleDefinitionId: directoryRoles.securityAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": `#microsoft.graph.${type}`, id: principalId },
      });
      t.items(entra.directoryRoleAssignmentsDataset).push(held(casey.id, "user"), held(group, "group"));
    },
    expected: withCasey("Security Administrator (active (schedule unknown))"),
  },
  {
    // Without the group's members, whether a user holds the group's directory role is unknown, and the
    // unreadable members are reported; the users the all-users policy reaches are still decided.
    name: "the members of a role-assignable group holding Global Administrator cannot be read: not evaluated, never left out",
    change: (t: Tenant) => {
      t.items(entra.directoryRoleAssignmentsDataset).push({
        id: "ra-platform-admins",
        principalId: group,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.group", id: group },
      });
      t.records.push({
        dataset: entra.groupMembersDataset.id,
        scope: `/tenants/${tenantId}/groups/${group}`,
        file: `raw/entra/groups/${group}/transitive-members.json`,
        status: "error",
        error: forbidden,
      });
    },
    expected: [
      goodRows.avery,
      goodRows.blake,
      withoutRoleTargetedExclusion(goodRows.breakGlass1),
      withoutRoleTargetedExclusion(goodRows.breakGlass2),
      goodRows.userAccount,
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "Azure role assignments and eligibilities both unreadable: each is named",
    change: (t: Tenant) => {
      t.fail(rbac.roleAssignmentsDataset, forbidden);
      t.fail(rbac.roleEligibilityDataset, forbidden);
    },
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "Azure role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
      {
        status: "error",
        message:
          'MFA for the privileged users this evidence would name could not be evaluated because the evidence "PIM eligible role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    // Microsoft Learn, "Workload identities": a service principal does not sign in with MFA; it is no user.
    name: "a service principal holding Owner is a workload, not a privileged user",
    change: (t: Tenant) => {
      t.items(rbac.roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000009", people.readerApp, "ServicePrincipal", roleIds.owner));
    },
    expected: [goodRows.avery, goodRows.blake, goodRows.breakGlass1, goodRows.breakGlass2, goodRows.userAccount],
  },
  {
    // Microsoft Graph, "List group transitive members": members may be service principals; only the
    // users among them are privileged users.
    name: "a service principal among the members of a group holding Owner is not judged as a user",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.addGroup(group, "Platform Admins", roleIds.owner, { members: [groupMember(casey.id, casey.name, casey.upn), { ...deployApp }] });
    },
    expected: withCasey("Owner on Example Subscription through group Platform Admins (active)"),
  },
  {
    // A holder whose type neither Azure nor the directory reports is judged as a user, which the users
    // listing then confirms or not: it is never left out.
    name: "an Owner whose type neither Azure nor the directory reports is named as a holder missing from the users listing",
    change: (t: Tenant) => {
      const item = assignment("aaaaaaaa-0000-4000-8000-000000000009", unknownPrincipal, "User", roleIds.owner);
      delete item.properties.principalType;
      t.items(rbac.roleAssignmentsDataset).push(item);
    },
    expected: [
      goodRows.avery,
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message: `Principal ${unknownPrincipal} holds Owner on Example Subscription (active) but is not in the users listing (deleted, or not a user), so whether MFA protects it is unknown.`,
      },
    ],
  },
  {
    // Microsoft Learn, "Conditional Access: Target resources": an excluded application is outside the
    // policy, so sign-ins to it are not asked for MFA by it.
    name: "the MFA policy excludes an application: required only conditionally on all cloud apps",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.applications.excludeApplications = ["Office365"];
    },
    expected: [
      {
        status: "fail",
        message:
          'MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps only conditionally, by "Require MFA for all users", excludes application Office 365; "Administrators sign in every 4 hours" would require it only through a directory role they are eligible for, once activated, not at sign-in; registered: fido2.',
      },
      {
        status: "fail",
        message:
          'MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps only conditionally, by "Require MFA for all users", excludes application Office 365; registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "fail",
        message:
          'MFA is required of User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps only conditionally, by "Require MFA for all users", excludes application Office 365; registered: fido2.',
      },
    ],
  },
  {
    name: "a privileged user with two registered methods: both named",
    change: (t: Tenant) => {
      t.items(entra.userRegistrationDetailsDataset).find((item: Raw) => item.id === people.ownerB)!.methodsRegistered = ["fido2", "microsoftAuthenticatorPush"];
    },
    expected: [
      goodRows.avery,
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered: fido2, microsoftAuthenticatorPush.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
    ],
  },
  {
    // Microsoft Learn, "Conditional Access authentication strengths": the built-in "Multifactor
    // authentication" strength is MFA, but not phishing-resistant.
    name: "the built-in multifactor authentication strength: enforced, not called phishing-resistant",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.grantControls.builtInControls = [];
      caPolicies(t)[0]!.grantControls.authenticationStrength = { id: "00000000-0000-0000-0000-000000000002", displayName: "Multifactor authentication" };
    },
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users" (authentication strength Multifactor authentication); registered: fido2.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users" (authentication strength Multifactor authentication); registered: fido2.',
      },
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      {
        status: "pass",
        message:
          'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users" (authentication strength Multifactor authentication); registered: fido2.',
      },
    ],
  },
  {
    name: "two policies whose users are not reported: both reasons named",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users = null;
      caPolicies(t)[2]!.conditions.users = null;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; policy "Administrators sign in every 4 hours": it does not say which users it applies to; registered: fido2.',
      },
      {
        status: "error",
        message:
          'Whether MFA is enforced for Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; policy "Administrators sign in every 4 hours": it does not say which users it applies to; registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one; registered: fido2.",
      },
      {
        status: "not_applicable",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one; registered: fido2.",
      },
      {
        status: "error",
        message:
          'Whether MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps is unknown: policy "Require MFA for all users": it does not say which users it applies to; policy "Administrators sign in every 4 hours": it does not say which users it applies to; registered: fido2.',
      },
    ],
  },
  {
    // An enabled Conditional Access policy asks for MFA (only outside trusted locations): Conditional
    // Access decides, so unreadable security defaults change nothing (Microsoft Learn, "Security
    // defaults in Microsoft Entra ID": they must be off for Conditional Access policies to be used).
    name: "security defaults unreadable while an enabled policy asks for MFA only outside trusted locations: a conditional fail, not unknown",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
      t.fail(entra.securityDefaultsDataset, forbidden);
    },
    expected: onlyOutsideTrustedLocations,
  },
  {
    // The role assignment's principalType says Group; the group is named by its id when the directory
    // listing does not hold it.
    name: "a group holding Owner that the directory listing does not hold is still called a group, by its id",
    change: (t: Tenant) => {
      t.addUser(casey);
      t.addGroup(group, "Platform Admins", roleIds.owner, { members: [groupMember(casey.id, casey.name, casey.upn)] });
      const principals = t.items(rbac.principalsDataset, `/tenants/${tenantId}`);
      principals.splice(
        principals.findIndex((item: Raw) => item.id === group),
        1,
      );
    },
    expected: withCasey(`Owner on Example Subscription through group ${group} (active)`),
  },
  {
    name: "two role-targeted policies would reach a user only once a role is activated: both named",
    change: (t: Tenant) => {
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerA);
      const second = structuredClone(caPolicies(t)[2]!);
      second.id = "0a1b2c3d-0000-4000-8000-0000000000c8";
      second.displayName = "Administrators use MFA";
      caPolicies(t).push(second);
    },
    expected: [
      {
        status: "fail",
        message:
          'MFA is required of Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; excluded from "Require MFA for all users" as user; "Administrators sign in every 4 hours", "Administrators use MFA" would require it only through a directory role they are eligible for, once activated, not at sign-in; registered: fido2.',
      },
      goodRows.blake,
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user; excluded from "Administrators use MFA" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user; excluded from "Administrators use MFA" as user); registered: fido2.',
      },
      goodRows.userAccount,
    ],
  },
  {
    name: "a holder with two roles missing from the users listing: both roles named",
    change: (t: Tenant) => {
      const index = t.items(entra.usersDataset).findIndex((item: Raw) => item.id === people.ownerA);
      t.items(entra.usersDataset).splice(index, 1);
    },
    expected: [
      goodRows.blake,
      goodRows.breakGlass1,
      goodRows.breakGlass2,
      goodRows.userAccount,
      {
        status: "error",
        message:
          "Principal 11111111-0000-4000-8000-00000000000a holds Global Administrator (eligible); Owner on Example Subscription (active) but is not in the users listing (deleted, or not a user), so whether MFA protects it is unknown.",
      },
    ],
  },
  {
    // Microsoft Learn, "Conditional Access: Users, groups, and workload identities": a policy on a
    // directory role reaches its active holders, whatever other roles they hold.
    name: "a user holding Global Administrator and another directory role, outside the all-users policy, is reached by the administrators' policy",
    change: (t: Tenant) => {
      const assignments = t.items(entra.directoryRoleAssignmentsDataset);
      assignments.splice(
        assignments.findIndex((item: Raw) => item.id === "ra-helpdesk"),
        0,
        {
          id: "ra-blake-ga",
          principalId: people.ownerB,
          roleDefinitionId: directoryRoles.globalAdministrator,
          directoryScopeId: "/",
          principal: { "@odata.type": "#microsoft.graph.user", id: people.ownerB },
        },
      );
      caPolicies(t)[0]!.conditions.users.excludeUsers.push(people.ownerB);
    },
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for Blake Owner (blake.owner@example.com) (Global Administrator (active (schedule unknown)); Owner on Example Subscription (active)) on all cloud apps by "Administrators sign in every 4 hours"; registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
    ],
  },
  {
    // Microsoft Learn, "Conditional Access: Users, groups, and workload identities": exclusion wins;
    // a member of the excluded group stays excluded when another policy names another of their groups.
    name: "a user in the excluded group and in a group another policy names stays excluded",
    change: (t: Tenant) => {
      const other = "99999999-0000-4000-8000-0000000000e2";
      t.groupItems(entra.groupMembersDataset, exclusionGroup).push(groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com"));
      t.records.push(...groupRecords(other, { members: [groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")] }));
      caPolicies(t)[1]!.conditions.users.excludeGroups = [other];
    },
    expected: [
      {
        status: "pass",
        message:
          'MFA is enforced for Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
      {
        status: "fail",
        message:
          'MFA is required of Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) on all cloud apps by no enabled Conditional Access policy; excluded from "Require MFA for all users" as group 99999999-0000-4000-8000-0000000000e1; registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "not_applicable",
        message:
          'Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) is a configured emergency access account, judged by the emergency access check rather than this one (excluded from "Require MFA for all users" as user; excluded from "Administrators sign in every 4 hours" as user); registered: fido2.',
      },
      {
        status: "pass",
        message:
          'MFA is enforced for User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) on all cloud apps by "Require MFA for all users"; registered: fido2.',
      },
    ],
  },
]);
