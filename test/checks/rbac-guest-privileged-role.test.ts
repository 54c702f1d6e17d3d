import { check } from "../../src/checks/rbac-guest-privileged-role.js";
import { groupEligibilityDataset, groupMembersDataset, usersDataset } from "../../src/datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import {
  assignment,
  forbidden,
  groupCase,
  groupMember,
  groupRecords,
  people,
  pimGroupInstance,
  roleIds,
  subscription,
  type Tenant,
  tenantId,
} from "../support/good-tenant.js";

const { casey, robin, group } = groupCase;
const rgApp = `${subscription.scope}/resourceGroups/rg-app`;
/** Robin, a B2B guest, is in the directory as one: userType Guest. */
const robinAsGuest = { "@odata.type": "#microsoft.graph.user", id: robin.id, displayName: robin.name, userPrincipalName: robin.upn };

/** Partner Engineers, holding Contributor on rg-app, with its members and PIM for Groups schedules. */
const partnerEngineersOnRgApp = (tenant: Tenant, content: Parameters<Tenant["addGroup"]>[3]) =>
  tenant.addGroup(group, "Partner Engineers", roleIds.contributor, content, { atScope: rgApp });

/** Robin, a guest member of Partner Engineers, which holds Contributor on rg-app. */
const robinFailsAsMember = {
  status: "fail",
  message:
    "Guest user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com), a member of group Partner Engineers, holds an active Contributor assignment at resource group rg-app in Example Subscription through it.",
} as const;

const clean =
  "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (3 privileged assignment(s) examined).";

checkTable(check, [
  { name: "only members hold privileged roles", expected: [{ status: "pass", message: clean }] },
  {
    name: "a guest (userType Guest) holds active Owner",
    change: (tenant) => {
      tenant.items(principalsDataset)[0]!.userType = "Guest";
    },
    expected: [
      { status: "fail", message: "Guest user Avery Owner (avery.owner@example.com) holds an active Owner assignment at subscription Example Subscription." },
    ],
  },
  {
    name: "a B2B account (#EXT# in its UPN, no userType) is eligible for Contributor",
    change: (tenant) => {
      const eligible = tenant.items(principalsDataset)[2]!;
      eligible.userPrincipalName = "user_partner.example#EXT#@tenant.onmicrosoft.com";
      delete eligible.userType;
    },
    expected: [
      {
        status: "fail",
        message:
          "Guest user User Account (user_partner.example#EXT#@tenant.onmicrosoft.com) holds a PIM-eligible Contributor assignment at subscription Example Subscription.",
      },
    ],
  },
  {
    name: "a foreign (external) group holds Contributor on a resource group",
    change: (tenant) =>
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment(
            "aaaaaaaa-0000-4000-8000-000000000020",
            "44444444-0000-4000-8000-000000000001",
            "ForeignGroup",
            roleIds.contributor,
            `${subscription.scope}/resourceGroups/rg-partner`,
          ),
        ),
    expected: [
      {
        status: "fail",
        message:
          "External (foreign) group 44444444-0000-4000-8000-000000000001 holds an active Contributor assignment at resource group rg-partner in Example Subscription.",
      },
    ],
  },
  {
    name: "a guest holding only Reader is not privileged",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000021", people.ownerA, "User", roleIds.reader));
      tenant.items(roleAssignmentsDataset).splice(0, 1);
      tenant.items(principalsDataset)[0]!.userType = "Guest";
    },
    expected: [
      {
        status: "pass",
        message:
          "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (2 privileged assignment(s) examined).",
      },
    ],
  },
  {
    name: "a user whose userType the directory did not return is unknown, not a member",
    change: (tenant) => {
      delete tenant.items(principalsDataset)[1]!.userType;
    },
    expected: [
      {
        status: "error",
        message: `Whether user ${people.ownerB}, who holds an active Owner assignment at subscription Example Subscription, is a guest could not be determined: the directory did not return its userType.`,
      },
    ],
  },
  {
    name: "a user the directory did not return is unknown",
    change: (tenant) => tenant.items(principalsDataset).splice(0, 1),
    expected: [
      {
        status: "error",
        message: `Whether user ${people.ownerA}, who holds an active Owner assignment at subscription Example Subscription, is a guest could not be determined: the directory did not return this object (deleted, or not visible to the collecting identity).`,
      },
    ],
  },
  {
    name: "a guest whose assignment does not report its principal type is still found through the directory",
    change: (tenant) => {
      delete tenant.items(roleAssignmentsDataset)[0]!.properties.principalType;
      tenant.items(principalsDataset)[0]!.userType = "Guest";
    },
    expected: [
      { status: "fail", message: "Guest user Avery Owner (avery.owner@example.com) holds an active Owner assignment at subscription Example Subscription." },
    ],
  },
  {
    name: "an untyped assignment of a service principal is not a guest",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000022", people.readerApp, "ServicePrincipal", roleIds.contributor));
      delete tenant.items(roleAssignmentsDataset).at(-1)!.properties.principalType;
    },
    expected: [
      {
        status: "pass",
        message:
          "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (4 privileged assignment(s) examined).",
      },
    ],
  },
  {
    // Azure RBAC overview, "Groups": a group's role reaches its members.
    name: "a guest who is a member of a group holding Contributor holds it",
    change: (tenant) => {
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, { members: [groupMember(robin.id, robin.name, robin.upn), groupMember(casey.id, casey.name, casey.upn)] });
      tenant.addUser(casey);
    },
    expected: [robinFailsAsMember],
  },
  {
    // PIM for Groups: an eligible member becomes a member, and holds the group's role, on activation.
    name: "a guest who can activate membership of a group holding Contributor through PIM for Groups",
    change: (tenant) => {
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, { eligible: [pimGroupInstance("eligible", group, robinAsGuest, "member")] });
    },
    expected: [
      {
        status: "fail",
        message:
          "Guest user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) can activate membership of group Partner Engineers through PIM for Groups, and with it an active Contributor assignment at resource group rg-app in Example Subscription.",
      },
    ],
  },
  {
    // PIM for Groups: an activated eligibility makes a member; the eligibility stays listed beside it.
    name: "a guest who activated an eligible membership is judged once, as a member (the eligibility names the id in capitals)",
    change: (tenant) => {
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, {
        members: [groupMember(robin.id, robin.name, robin.upn)],
        eligible: [pimGroupInstance("eligible", group, { ...robinAsGuest, id: robin.id.toUpperCase() }, "member")],
      });
    },
    expected: [robinFailsAsMember],
  },
  {
    name: "a guest who is a member and can also activate ownership is judged once, as a member",
    change: (tenant) => {
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, {
        members: [groupMember(robin.id, robin.name, robin.upn)],
        eligible: [pimGroupInstance("eligible", group, robinAsGuest, "owner")],
      });
    },
    expected: [robinFailsAsMember],
  },
  {
    name: "a guest member of a group made eligible for membership, who is a member already, is judged once, as a member",
    change: (tenant) => {
      const onCall = "77777777-0000-4000-8000-0000000000c7";
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, {
        members: [groupMember(robin.id, robin.name, robin.upn)],
        eligible: [pimGroupInstance("eligible", group, { "@odata.type": "#microsoft.graph.group", id: onCall, displayName: "On-call" }, "member")],
      });
      tenant.records.push(...groupRecords(onCall, { members: [groupMember(robin.id.toUpperCase(), robin.name, robin.upn)] }));
    },
    expected: [robinFailsAsMember],
  },
  {
    name: "a group made eligible for Owner: a guest among its members is a guest eligible for Owner",
    change: (tenant) => {
      tenant.addUser(robin, { userType: "Guest" });
      tenant.addGroup(group, "Partner Engineers", roleIds.owner, { members: [groupMember(robin.id, robin.name, robin.upn)] }, { eligibleRole: true });
    },
    expected: [
      {
        status: "fail",
        message:
          "Guest user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com), a member of group Partner Engineers, holds a PIM-eligible Owner assignment at subscription Example Subscription through it.",
      },
    ],
  },
  {
    name: "a group whose members are all members of the organisation: the people behind it are counted in the pass",
    change: (tenant) => {
      tenant.addUser(casey);
      partnerEngineersOnRgApp(tenant, { members: [groupMember(casey.id, casey.name, casey.upn)] });
    },
    expected: [
      {
        status: "pass",
        message:
          "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (4 privileged assignment(s) examined, and 1 person(s) who hold one through a group or can through PIM for Groups).",
      },
    ],
  },
  {
    name: "a member the users listing gives no userType is unknown, not a member",
    change: (tenant) => {
      tenant.addUser(casey);
      delete tenant.items(usersDataset).at(-1)!.userType;
      partnerEngineersOnRgApp(tenant, { members: [groupMember(casey.id, casey.name, casey.upn)] });
    },
    expected: [
      {
        status: "error",
        message:
          "Whether user Casey Admin (casey.admin@example.com), a member of group Partner Engineers which holds an active Contributor assignment at resource group rg-app in Example Subscription, is a guest could not be determined: the users listing does not return its userType.",
      },
    ],
  },
  {
    name: "the members of a group holding Contributor cannot be read: not evaluated",
    change: (tenant) => {
      partnerEngineersOnRgApp(tenant, {});
      tenant.fail(
        groupMembersDataset,
        { ...forbidden, missingPermission: "Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All)" },
        `/tenants/${tenantId}/groups/${group}`,
      );
    },
    expected: [
      {
        status: "error",
        message:
          'Guests among the members of group Partner Engineers, which holds an active Contributor assignment at resource group rg-app in Example Subscription, could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All).',
      },
    ],
  },
  {
    name: "PIM for Groups refused for want of a licence: who can activate is not evaluated, never passed",
    change: (tenant) => {
      partnerEngineersOnRgApp(tenant, {});
      tenant.fail(
        groupEligibilityDataset,
        { ...forbidden, status: 403, code: "AadPremiumLicenseRequired", message: "The tenant needs an AAD Premium 2 license.", reason: "licence" },
        `/tenants/${tenantId}/groups/${group}`,
      );
    },
    expected: [
      {
        status: "error",
        message:
          'Guests who can activate membership or ownership of group Partner Engineers, which holds an active Contributor assignment at resource group rg-app in Example Subscription, could not be evaluated because the evidence "PIM for Groups eligible memberships and ownerships of groups that hold Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the tenant lacks the licence this API needs (The tenant needs an AAD Premium 2 license.).',
      },
    ],
  },
  {
    name: "PIM eligibility refused: not evaluated",
    change: (tenant) => tenant.fail(roleEligibilityDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Guest access to privileged roles in subscription Example Subscription could not be evaluated because the evidence "PIM eligible role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "directory lookups refused: not evaluated",
    change: (tenant) =>
      tenant.fail(principalsDataset, { ...forbidden, missingPermission: "Microsoft Graph application permission Directory.Read.All" }, `/tenants/${tenantId}`),
    expected: [
      {
        status: "error",
        message:
          'Guest access to privileged roles in subscription Example Subscription could not be evaluated because the evidence "Directory objects holding Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft Graph application permission Directory.Read.All.',
      },
    ],
  },
  {
    name: "a guest by userType in a group, whose UPN carries no #EXT#",
    change: (tenant) => {
      tenant.addUser({ ...casey }, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, { members: [groupMember(casey.id, casey.name, casey.upn)] });
    },
    expected: [
      {
        status: "fail",
        message:
          "Guest user Casey Admin (casey.admin@example.com), a member of group Partner Engineers, holds an active Contributor assignment at resource group rg-app in Example Subscription through it.",
      },
    ],
  },
  {
    name: "a B2B account in a group that the users listing does not hold: a guest by its name",
    change: (tenant) => {
      partnerEngineersOnRgApp(tenant, { members: [groupMember(robin.id, robin.name, robin.upn)] });
    },
    expected: [robinFailsAsMember],
  },
  {
    name: "a group member the users listing does not hold, the users listing refused: not evaluated",
    change: (tenant) => {
      partnerEngineersOnRgApp(tenant, { members: [groupMember(casey.id, casey.name, casey.upn)] });
      tenant.fail(usersDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether user Casey Admin (casey.admin@example.com), a member of group Partner Engineers which holds an active Contributor assignment at resource group rg-app in Example Subscription, is a guest could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "a service principal in a group holding Contributor is not a person to judge",
    change: (tenant) => {
      partnerEngineersOnRgApp(tenant, { members: [{ "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp, displayName: "reader-app" }] });
    },
    expected: [
      {
        status: "pass",
        message:
          "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (4 privileged assignment(s) examined).",
      },
    ],
  },
  {
    name: "members of a group made eligible for membership: a guest among them can activate it",
    change: (tenant) => {
      const onCall = "77777777-0000-4000-8000-0000000000c7";
      tenant.addUser(robin, { userType: "Guest" });
      partnerEngineersOnRgApp(tenant, {
        eligible: [pimGroupInstance("eligible", group, { "@odata.type": "#microsoft.graph.group", id: onCall, displayName: "On-call" }, "member")],
      });
      tenant.records.push(...groupRecords(onCall, { members: [groupMember(robin.id, robin.name, robin.upn)] }));
    },
    expected: [
      {
        status: "fail",
        message:
          "Guest user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) can activate membership of group Partner Engineers through PIM for Groups as a member of eligible group On-call, and with it an active Contributor assignment at resource group rg-app in Example Subscription.",
      },
    ],
  },
]);
