import { check } from "../../src/checks/rbac-subscription-owner-count.js";
import { groupEligibilityDataset, groupMembersDataset } from "../../src/datasets/entra.js";
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
  roleDefinitionId,
  roleIds,
  subscription,
  tenantId,
  type Tenant,
} from "../support/good-tenant.js";
import { firstExampleItem } from "../support/official-examples.js";

const avery = "user Avery Owner (avery.owner@example.com) at subscription Example Subscription";
const blake = "user Blake Owner (blake.owner@example.com) at subscription Example Subscription";
const { casey, robin, group } = groupCase;
const caseyMember = () => groupMember(casey.id, casey.name, casey.upn);
const robinMember = () => groupMember(robin.id, robin.name, robin.upn);
const caseyPrincipal = () => ({ "@odata.type": "#microsoft.graph.user", id: casey.id, displayName: casey.name, userPrincipalName: casey.upn });

/** A PIM eligibility (the official example's shape) for Owner at the subscription. */
function eligibleOwner(tenant: Tenant, principalId: string, principalType: string): void {
  const item = firstExampleItem("arm-role-eligibility-schedule-instances-list.json");
  item.name = `cccccccc-0000-4000-8000-${principalId.slice(-12)}`;
  item.id = `${subscription.scope}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${item.name}`;
  item.properties = { ...item.properties, scope: subscription.scope, roleDefinitionId: roleDefinitionId(roleIds.owner), principalId, principalType };
  tenant.items(roleEligibilityDataset).push(item);
}
/** A second group holding Owner. */
const nightShiftGroup = "77777777-0000-4000-8000-0000000000a3";
const robinPrincipal = () => ({ "@odata.type": "#microsoft.graph.user", id: robin.id, displayName: robin.name, userPrincipalName: robin.upn });
const groupAt = `group Platform Admins at subscription Example Subscription`;
/** A group made eligible for membership of another (PIM for Groups with group nesting). */
const onCallGroup = "77777777-0000-4000-8000-0000000000c7";

checkTable(check, [
  {
    name: "two Owners, within the default bounds of 2 to 3",
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "an Owner inherited from a management group and a service principal Owner make four",
    change: (tenant) =>
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment(
            "aaaaaaaa-0000-4000-8000-000000000010",
            "33333333-0000-4000-8000-000000000001",
            "User",
            roleIds.owner,
            "/providers/Microsoft.Management/managementGroups/mg-root",
          ),
          assignment("aaaaaaaa-0000-4000-8000-000000000011", people.readerApp, "ServicePrincipal", roleIds.owner),
        ),
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has 4 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}; user 33333333-0000-4000-8000-000000000001 at management group mg-root (inherited); service principal inventory-reader at subscription Example Subscription.`,
      },
    ],
  },
  {
    name: "a single Owner is below the minimum",
    change: (tenant) => tenant.items(roleAssignmentsDataset).splice(1, 1),
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}.`,
      },
    ],
  },
  {
    name: "an Owner on a resource group does not own the subscription",
    change: (tenant) =>
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment(
            "aaaaaaaa-0000-4000-8000-000000000012",
            "33333333-0000-4000-8000-000000000002",
            "User",
            roleIds.owner,
            `${subscription.scope}/resourceGroups/rg-app`,
          ),
        ),
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "one principal with two Owner assignments counts once",
    change: (tenant) =>
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment("aaaaaaaa-0000-4000-8000-000000000013", people.ownerA, "User", roleIds.owner, "/providers/Microsoft.Management/managementGroups/mg-root"),
        ),
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "the configured bounds decide (exactly one Owner allowed)",
    change: (tenant) => {
      tenant.settings.ownersPerSubscription = { min: 1, max: 1 };
    },
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 1 to 1 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "without directory lookups the Owners are named by object id",
    change: (tenant) => tenant.fail(principalsDataset, forbidden, `/tenants/${tenantId}`),
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: user ${people.ownerA} at subscription Example Subscription; user ${people.ownerB} at subscription Example Subscription.`,
      },
    ],
  },
  {
    // Azure RBAC overview, "Groups": role assignments are transitive for groups. Two people behind a
    // group holding Owner make four Owners, where the group counted as one made three.
    name: "a group holding Owner is counted as its members, and named",
    change: (tenant) => tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [caseyMember(), robinMember()] }),
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has 4 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (${groupAt}, 2 member(s)), where 2 to 3 are expected: ${avery}; ${blake}; user Casey Admin (casey.admin@example.com) through group Platform Admins; user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) through group Platform Admins.`,
      },
    ],
  },
  {
    name: "a member who also holds Owner directly counts once",
    change: (tenant) =>
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")] }),
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (${groupAt}, 1 member(s)), where 2 to 3 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "an Owner who is PIM-eligible for Owner too counts once, as active",
    change: (tenant) => eligibleOwner(tenant, people.ownerA, "User"),
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription.",
      },
    ],
  },
  {
    name: "a member of a group holding Owner who is PIM-eligible for Owner directly counts once, as active",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [caseyMember()] });
      eligibleOwner(tenant, casey.id, "User");
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 3 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 1 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription; user Casey Admin (casey.admin@example.com) through group Platform Admins.",
      },
    ],
  },
  {
    name: "two groups hold Owner: both are named with their members",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [caseyMember()] });
      tenant.addGroup(nightShiftGroup, "Night Shift", roleIds.owner, { members: [robinMember()] });
    },
    expected: [
      {
        status: "fail",
        message:
          "Subscription Example Subscription has 4 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 1 member(s); group Night Shift at subscription Example Subscription, 1 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription; user Casey Admin (casey.admin@example.com) through group Platform Admins; user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) through group Night Shift.",
      },
    ],
  },
  {
    name: "no Owner at all: nobody to name, the assignments listing cited",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(0, 2);
    },
    expected: [
      {
        status: "fail",
        message:
          "Subscription Example Subscription has 0 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected.",
      },
    ],
  },
  {
    // Azure RBAC overview, "Groups": a group made PIM-eligible for Owner lets each member activate it.
    name: "a group made PIM-eligible for Owner: its members may activate Owner, and so may whoever can activate membership of the group",
    change: (tenant) => {
      tenant.addGroup(
        group,
        "Platform Admins",
        roleIds.owner,
        { members: [caseyMember()], eligible: [pimGroupInstance("eligible", group, robinPrincipal(), "member")] },
        { eligibleRole: true },
      );
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription. 2 more can activate Owner through PIM, which counts toward the minimum only: user Casey Admin (casey.admin@example.com) (member of group Platform Admins, eligible at subscription Example Subscription); user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) (eligible membership of group Platform Admins, eligible at subscription Example Subscription).",
      },
    ],
  },
  {
    name: "one Owner and a group made PIM-eligible for Owner whose members cannot be read: the minimum is not claimed",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      tenant.addGroup(group, "Platform Admins", roleIds.owner, {}, { eligibleRole: true });
      tenant.fail(groupMembersDataset, forbidden, `/tenants/${tenantId}/groups/${group}`);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether subscription Example Subscription has its minimum of 2 Owners (1 principal(s) hold Owner now, and who can activate it through PIM is unknown) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "one Owner and a group made PIM-eligible for Owner whose PIM for Groups eligibilities cannot be read: the minimum is not claimed",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      tenant.addGroup(group, "Platform Admins", roleIds.owner, {}, { eligibleRole: true });
      tenant.fail(groupEligibilityDataset, forbidden, `/tenants/${tenantId}/groups/${group}`);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether subscription Example Subscription has its minimum of 2 Owners (1 principal(s) hold Owner now, and who can activate it through PIM is unknown) could not be evaluated because the evidence "PIM for Groups eligible memberships and ownerships of groups that hold Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "someone PIM-eligible for Owner directly and as a member of a group made eligible is listed once, as first found",
    change: (tenant) => {
      eligibleOwner(tenant, casey.id, "User");
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [caseyMember()] }, { eligibleRole: true });
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription. 1 more can activate Owner through PIM, which counts toward the minimum only: user 11111111-0000-4000-8000-0000000000d1 (eligible at subscription Example Subscription).",
      },
    ],
  },
  {
    // Microsoft Graph, "directoryObject: getByIds": the directory says the untyped holder is a group.
    name: "a holder whose type Azure leaves blank is a group when the directory says so, and is counted as its members",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [caseyMember(), robinMember()] });
      delete tenant.items(roleAssignmentsDataset).at(-1)!.properties.principalType;
    },
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has 4 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (${groupAt}, 2 member(s)), where 2 to 3 are expected: ${avery}; ${blake}; user Casey Admin (casey.admin@example.com) through group Platform Admins; user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) through group Platform Admins.`,
      },
    ],
  },
  {
    // Azure RBAC best practices: limit subscription owners; use PIM to lower the exposure time of
    // privileges. An eligible Owner is shown apart and does not count toward the maximum.
    name: "a PIM-eligible Owner is counted and shown apart, not toward the maximum",
    change: (tenant) => {
      tenant.settings.ownersPerSubscription = { min: 2, max: 2 };
      eligibleOwner(tenant, people.eligible, "User");
    },
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 2 are expected: ${avery}; ${blake}. 1 more can activate Owner through PIM, which counts toward the minimum only: user User Account (user@my-tenant.com) (eligible at subscription Example Subscription).`,
      },
    ],
  },
  {
    name: "a PIM-eligible Owner counts toward the minimum: one active Owner and one eligible are enough",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      eligibleOwner(tenant, people.eligible, "User");
    },
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}. 1 more can activate Owner through PIM, which counts toward the minimum only: user User Account (user@my-tenant.com) (eligible at subscription Example Subscription).`,
      },
    ],
  },
  {
    // PIM for Groups: an eligible member is added to the group only on activation, so is an eligible Owner.
    name: "whoever PIM for Groups lets activate membership of a group holding Owner is an eligible Owner",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [pimGroupInstance("eligible", group, caseyPrincipal(), "member")] });
    },
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (${groupAt}, 0 member(s)), where 2 to 3 are expected: ${avery}. 1 more can activate Owner through PIM, which counts toward the minimum only: user Casey Admin (casey.admin@example.com) (eligible membership of group Platform Admins).`,
      },
    ],
  },
  {
    // PIM for Groups and group nesting: a group made eligible stands for its members, each of whom may activate.
    name: "the members of a group made eligible may each activate: named through it, a current member and a workload left out",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      const onCall = { "@odata.type": "#microsoft.graph.group", id: onCallGroup, displayName: "On-call" };
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { members: [robinMember()], eligible: [pimGroupInstance("eligible", group, onCall, "member")] });
      tenant.records.push(
        ...groupRecords(onCallGroup, {
          members: [caseyMember(), robinMember(), { "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp, displayName: "reader-app" }],
        }),
      );
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 1 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com) through group Platform Admins. 1 more can activate Owner through PIM, which counts toward the minimum only: user Casey Admin (casey.admin@example.com) (eligible membership (as a member of eligible group On-call) of group Platform Admins).",
      },
    ],
  },
  {
    name: "eligible ownership of a group holding Owner makes an eligible Owner",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [pimGroupInstance("eligible", group, caseyPrincipal(), "owner")] });
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 0 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription. 1 more can activate Owner through PIM, which counts toward the minimum only: user Casey Admin (casey.admin@example.com) (eligible ownership of group Platform Admins).",
      },
    ],
  },
  {
    name: "the members of a group made eligible cannot be read: who may activate is unknown",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      const onCall = { "@odata.type": "#microsoft.graph.group", id: onCallGroup, displayName: "On-call" };
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [pimGroupInstance("eligible", group, onCall, "member")] });
      tenant.records.push(...groupRecords(onCallGroup));
      tenant.fail(groupMembersDataset, forbidden, `/tenants/${tenantId}/groups/${onCallGroup}`);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether subscription Example Subscription has its minimum of 2 Owners (1 principal(s) hold Owner now, and who can activate it through PIM is unknown) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "a service principal member of a group holding Owner is counted and named as one",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner, {
        members: [{ "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp, displayName: "reader-app" }],
      });
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 3 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 1 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription; user Blake Owner (blake.owner@example.com) at subscription Example Subscription; service principal reader-app through group Platform Admins.",
      },
    ],
  },
  {
    name: "an eligible principal the directory did not expand is named by its id",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      const eligible = pimGroupInstance("eligible", group, caseyPrincipal(), "member");
      delete eligible.principal;
      tenant.addGroup(group, "Platform Admins", roleIds.owner, { eligible: [eligible] });
    },
    expected: [
      {
        status: "pass",
        message:
          "Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (group Platform Admins at subscription Example Subscription, 0 member(s)), where 2 to 3 are expected: user Avery Owner (avery.owner@example.com) at subscription Example Subscription. 1 more can activate Owner through PIM, which counts toward the minimum only: principal 11111111-0000-4000-8000-0000000000d1 (eligible membership of group Platform Admins).",
      },
    ],
  },
  {
    name: "the members of a group holding Owner cannot be read: the count is not claimed",
    change: (tenant) => {
      tenant.addGroup(group, "Platform Admins", roleIds.owner);
      tenant.fail(groupMembersDataset, forbidden, `/tenants/${tenantId}/groups/${group}`);
    },
    expected: [
      {
        status: "error",
        message:
          'The number of Owners of subscription Example Subscription (2 counted, with the members of a group that holds Owner unknown) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "over the maximum whatever the unknown group holds: a failure, counted as at least",
    change: (tenant) => {
      tenant.settings.ownersPerSubscription = { min: 1, max: 1 };
      tenant.addGroup(group, "Platform Admins", roleIds.owner);
      tenant.fail(groupMembersDataset, forbidden, `/tenants/${tenantId}/groups/${group}`);
    },
    expected: [
      {
        status: "fail",
        message: `Subscription Example Subscription has at least 2 principal(s) holding an active Owner assignment at subscription scope or above, counting the members of the groups that hold it (${groupAt}, members unknown), where 1 to 1 are expected: ${avery}; ${blake}.`,
      },
    ],
  },
  {
    name: "PIM eligibility refused: Owners within the bounds still pass, and the sentence says who may activate is unknown",
    change: (tenant) => tenant.fail(roleEligibilityDataset, forbidden),
    expected: [
      {
        status: "pass",
        message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}. Whether anyone else can activate Owner through PIM is unknown: the evidence "PIM eligible role assignments" is unavailable (GET https://management.azure.com/example).`,
      },
    ],
  },
  {
    name: "PIM eligibility refused with one Owner: below the minimum is not claimed",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).splice(1, 1);
      tenant.fail(roleEligibilityDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether subscription Example Subscription has its minimum of 2 Owners (1 principal(s) hold Owner now, and who can activate it through PIM is unknown) could not be evaluated because the evidence "PIM eligible role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "role assignments refused: not evaluated, naming the call and the permission",
    change: (tenant) => tenant.fail(roleAssignmentsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'The number of Owners of subscription Example Subscription could not be evaluated because the evidence "Azure role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
