import { check } from "../../src/checks/entra-stale-account-with-role.js";
import {
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  signInActivityDataset,
  usersDataset,
} from "../../src/datasets/entra.js";
import * as rbac from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { directoryRoles, forbidden, groupCase, groupMember, people, pimGroupInstance, roleIds, tenantId, type Tenant } from "../support/good-tenant.js";

const { casey, group } = groupCase;
const caseyName = "Casey Admin (casey.admin@example.com)";
const caseyPrincipal = { "@odata.type": "#microsoft.graph.user", id: casey.id, displayName: casey.name, userPrincipalName: casey.upn };

const avery = "Avery Owner (avery.owner@example.com)";
const averyRoles = "Global Administrator (eligible); Owner on Example Subscription (active)";
const others = [
  {
    status: "pass" as const,
    message:
      "Blake Owner (blake.owner@example.com) last signed in successfully 2026-11-18, 2 days before collection, and holds Owner on Example Subscription (active).",
  },
  {
    status: "pass" as const,
    message:
      "User Account (user@my-tenant.com) last signed in successfully 2026-11-18, 2 days before collection, and holds Contributor on Example Subscription (eligible).",
  },
  {
    status: "pass" as const,
    message:
      "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) last signed in successfully 2026-11-18, 2 days before collection, and holds Global Administrator (permanent).",
  },
  {
    status: "pass" as const,
    message:
      "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) last signed in successfully 2026-11-18, 2 days before collection, and holds Global Administrator (permanent).",
  },
];
const averyActivity = (tenant: Tenant) => tenant.items(signInActivityDataset).find((item) => item.id === people.ownerA)!;

checkTable(check, [
  {
    name: "everyone signed in two days before collection",
    expected: [{ status: "pass", message: `${avery} last signed in successfully 2026-11-18, 2 days before collection, and holds ${averyRoles}.` }, ...others],
  },
  {
    name: "no sign-in for more than 90 days",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = {
        lastSignInDateTime: "2026-06-02T10:00:00Z",
        lastSuccessfulSignInDateTime: "2026-06-02T10:00:00Z",
        lastNonInteractiveSignInDateTime: null,
      };
    },
    expected: [
      { status: "fail", message: `${avery} last signed in successfully 2026-06-02, 171 days before collection (more than 90), and still holds ${averyRoles}.` },
      ...others,
    ],
  },
  {
    name: "the configured period decides",
    change: (tenant) => {
      tenant.settings.staleAccountDays = 1;
    },
    expected: [
      {
        status: "fail",
        message:
          "Avery Owner (avery.owner@example.com) last signed in successfully 2026-11-18, 2 days before collection (more than 1), and still holds Global Administrator (eligible); Owner on Example Subscription (active).",
      },
      {
        status: "fail",
        message:
          "Blake Owner (blake.owner@example.com) last signed in successfully 2026-11-18, 2 days before collection (more than 1), and still holds Owner on Example Subscription (active).",
      },
      {
        status: "fail",
        message:
          "User Account (user@my-tenant.com) last signed in successfully 2026-11-18, 2 days before collection (more than 1), and still holds Contributor on Example Subscription (eligible).",
      },
      {
        status: "fail",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) last signed in successfully 2026-11-18, 2 days before collection (more than 1), and still holds Global Administrator (permanent).",
      },
      {
        status: "fail",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) last signed in successfully 2026-11-18, 2 days before collection (more than 1), and still holds Global Administrator (permanent).",
      },
    ],
  },
  {
    name: "never signed in since an old creation date",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = { lastSignInDateTime: null, lastSuccessfulSignInDateTime: null, lastNonInteractiveSignInDateTime: null };
    },
    expected: [
      {
        status: "fail",
        message: `${avery} has no successful sign-in since its creation on 2024-01-10, 1045 days before collection (more than 90), and still holds ${averyRoles}.`,
      },
      ...others,
    ],
  },
  {
    name: "a recent failed attempt does not make a dormant account active",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = {
        lastSignInDateTime: "2026-11-19T03:12:00Z",
        lastSuccessfulSignInDateTime: "2026-03-01T09:00:00Z",
        lastNonInteractiveSignInDateTime: "2026-11-19T03:12:00Z",
      };
    },
    expected: [
      { status: "fail", message: `${avery} last signed in successfully 2026-03-01, 264 days before collection (more than 90), and still holds ${averyRoles}.` },
      ...others,
    ],
  },
  {
    name: "no successful sign-in since Entra began recording them, for an account older than that",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = {
        lastSignInDateTime: "2026-11-19T03:12:00Z",
        lastSuccessfulSignInDateTime: null,
        lastNonInteractiveSignInDateTime: null,
      };
      tenant.items(usersDataset).find((item) => item.id === people.ownerA)!.createdDateTime = "2021-05-01T00:00:00Z";
    },
    expected: [
      {
        status: "fail",
        message: `${avery} has no successful sign-in recorded since Entra began recording them on 2023-12-01 (last attempt 2026-11-19), 1085 days before collection (more than 90), and still holds ${averyRoles}.`,
      },
      ...others,
    ],
  },
  {
    name: "no successful sign-in and no creation date: unknown, not stale",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = { lastSignInDateTime: null, lastSuccessfulSignInDateTime: null, lastNonInteractiveSignInDateTime: null };
      delete tenant.items(usersDataset).find((item) => item.id === people.ownerA)!.createdDateTime;
    },
    expected: [
      { status: "error", message: `The last use of ${avery}, who holds ${averyRoles}, is unknown: it has no successful sign-in and no creation date.` },
      ...others,
    ],
  },
  {
    name: "a disabled account still holding roles",
    change: (tenant) => {
      tenant.items(usersDataset).find((item) => item.id === people.ownerA)!.accountEnabled = false;
    },
    expected: [{ status: "fail", message: `Disabled account ${avery} still holds ${averyRoles}.` }, ...others],
  },
  {
    name: "sign-in activity missing for the account: unknown, not fresh",
    change: (tenant) => {
      delete averyActivity(tenant).signInActivity;
    },
    expected: [
      { status: "error", message: `The last use of ${avery}, who holds ${averyRoles}, is unknown: the listing did not report its sign-in activity.` },
      ...others,
    ],
  },
  {
    // Azure RBAC overview, "Groups": a leaver left in a group still holds the group's role.
    name: "a disabled account left in a group holding Contributor still holds it",
    change: (tenant) => {
      tenant.addUser(casey, { accountEnabled: false });
      tenant.addGroup(group, "Platform Admins", roleIds.contributor, { members: [groupMember(casey.id, casey.name, casey.upn)] });
    },
    expected: [
      { status: "pass", message: `${avery} last signed in successfully 2026-11-18, 2 days before collection, and holds ${averyRoles}.` },
      others[0]!,
      { status: "fail", message: `Disabled account ${caseyName} still holds Contributor on Example Subscription through group Platform Admins (active).` },
      others[1]!,
      others[2]!,
      others[3]!,
    ],
  },
  {
    // PIM for Groups: whoever may activate membership of the group holds its role as an eligible one.
    name: "a stale account that PIM for Groups lets activate membership of a group holding Owner",
    change: (tenant) => {
      tenant.addUser(casey, { lastSignIn: "2026-05-04T09:00:00Z" });
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [pimGroupInstance("eligible", group, caseyPrincipal, "member")] });
    },
    expected: [
      { status: "pass", message: `${avery} last signed in successfully 2026-11-18, 2 days before collection, and holds ${averyRoles}.` },
      others[0]!,
      {
        status: "fail",
        message: `${caseyName} last signed in successfully 2026-05-04, 200 days before collection (more than 90), and still holds Owner on Example Subscription through group Platform Admins (eligible membership).`,
      },
      others[1]!,
      others[2]!,
      others[3]!,
    ],
  },
  {
    name: "PIM for Groups refused for want of a licence: the eligible holders it would name are not evaluated",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner);
      tenant.fail(
        groupEligibilityDataset,
        { ...forbidden, reason: "licence", message: "The tenant needs an AAD Premium 2 license." },
        `/tenants/${tenantId}/groups/${group}`,
      );
    },
    expected: [
      { status: "pass", message: `${avery} last signed in successfully 2026-11-18, 2 days before collection, and holds ${averyRoles}.` },
      ...others,
      {
        status: "error",
        message: `Stale accounts holding privileged roles, among the holders this evidence would name, could not be evaluated because the evidence "PIM for Groups eligible memberships and ownerships of groups that hold Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the tenant lacks the licence this API needs (The tenant needs an AAD Premium 2 license.).`,
      },
    ],
  },
  {
    // Microsoft Learn, "Use Microsoft Entra groups to manage role assignments": members of a
    // role-assignable group hold its directory role; their members are read, and declared as read.
    name: "a disabled member of a role-assignable group holding Global Administrator",
    change: (tenant) => {
      tenant.addUser(casey, { accountEnabled: false });
      tenant.items(directoryRoleAssignmentsDataset).push({
        id: "ra-group",
        principalId: group,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.group", id: group },
      });
      tenant.records.push({
        dataset: groupMembersDataset.id,
        scope: `/tenants/${tenantId}/groups/${group}`,
        file: `raw/entra/groups/${group}/transitive-members.json`,
        status: "ok",
        calls: ["GET members"],
        value: [groupMember(casey.id, casey.name, casey.upn)],
      });
    },
    expected: [
      { status: "pass", message: `${avery} last signed in successfully 2026-11-18, 2 days before collection, and holds ${averyRoles}.` },
      others[0]!,
      { status: "fail", message: `Disabled account ${caseyName} still holds Global Administrator (active (schedule unknown)).` },
      others[1]!,
      others[2]!,
      others[3]!,
    ],
  },
  {
    name: "sign-in activity unavailable (licence): every holder not evaluated",
    change: (tenant) => tenant.fail(signInActivityDataset, { ...forbidden, reason: "licence", message: "Tenant does not have a SKU required" }),
    expected: [
      `${avery}, who holds ${averyRoles}`,
      ...others.map((outcome) => outcome.message.replace(/ last signed in successfully .*, and holds (.*)\.$/, ", who holds $1")),
    ].map((who) => ({
      status: "error" as const,
      message: `Whether ${who}, is stale could not be evaluated because the evidence "Users' last sign-in" is unavailable: GET https://management.azure.com/example returned HTTP 403; the tenant lacks the licence this API needs (Tenant does not have a SKU required).`,
    })),
  },
  {
    name: "idle exactly the configured 90 days is not more than 90",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = {
        lastSignInDateTime: null,
        lastSuccessfulSignInDateTime: "2026-08-22T09:00:00Z",
        lastNonInteractiveSignInDateTime: null,
      };
    },
    expected: [
      {
        status: "pass",
        message:
          "Avery Owner (avery.owner@example.com) last signed in successfully 2026-08-22, 90 days before collection, and holds Global Administrator (eligible); Owner on Example Subscription (active).",
      },
      ...others,
    ],
  },
  {
    name: "idle 91 days",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = {
        lastSignInDateTime: null,
        lastSuccessfulSignInDateTime: "2026-08-21T09:00:00Z",
        lastNonInteractiveSignInDateTime: null,
      };
    },
    expected: [
      {
        status: "fail",
        message:
          "Avery Owner (avery.owner@example.com) last signed in successfully 2026-08-21, 91 days before collection (more than 90), and still holds Global Administrator (eligible); Owner on Example Subscription (active).",
      },
      ...others,
    ],
  },
  {
    name: "no entry for the account in the sign-in activity listing: unknown, not fresh",
    change: (tenant) => {
      const listing = tenant.items(signInActivityDataset);
      listing.splice(
        listing.findIndex((item) => item.id === people.ownerA),
        1,
      );
    },
    expected: [
      {
        status: "error",
        message:
          "The last use of Avery Owner (avery.owner@example.com), who holds Global Administrator (eligible); Owner on Example Subscription (active), is unknown: the sign-in activity listing has no entry for the account.",
      },
      ...others,
    ],
  },
  {
    name: "nobody holds a privileged role",
    change: (tenant) => {
      tenant.items(rbac.roleAssignmentsDataset).splice(0);
      tenant.items(rbac.roleEligibilityDataset).splice(0);
      tenant.items(directoryRoleAssignmentsDataset).splice(0);
      tenant.items(directoryRoleEligibilityDataset).splice(0);
    },
    expected: [{ status: "pass", message: "No user holds a privileged Entra ID or Azure role, so no stale account holds one." }],
  },
]);
