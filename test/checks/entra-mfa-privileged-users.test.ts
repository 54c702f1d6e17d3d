import { check } from "../../src/checks/entra-mfa-privileged-users.js";
import * as entra from "../../src/datasets/entra.js";
import * as rbac from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import {
  caPolicies,
  directoryRoles,
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
const withCasey = (roles: string) => [goodRows.avery, goodRows.blake, goodRows.breakGlass1, goodRows.breakGlass2, caseyRow(roles), goodRows.userAccount];

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
    expected: [
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
    ],
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
]);
