import { check } from "../../src/checks/rbac-standing-privileged-assignment.js";
import { groupAssignmentSchedulesDataset } from "../../src/datasets/entra.js";
import { principalsDataset, roleAssignmentSchedulesDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { assignment, forbidden, groupCase, groupMember, people, pimGroupInstance, roleIds, subscription, tenantId } from "../support/good-tenant.js";

const { casey, robin, group } = groupCase;
const rgApp = `${subscription.scope}/resourceGroups/rg-app`;
const caseyMember = () => groupMember(casey.id, casey.name, casey.upn);
const caseyPrincipal = { "@odata.type": "#microsoft.graph.user", id: casey.id, displayName: casey.name, userPrincipalName: casey.upn };
const robinPrincipal = { "@odata.type": "#microsoft.graph.user", id: robin.id, displayName: robin.name, userPrincipalName: robin.upn };
const justInTimeWithGroup =
  "All 3 active privileged assignment(s) held by users or groups in subscription Example Subscription are just-in-time: 2 PIM activation(s), and 1 group assignment(s) whose members hold the role only through PIM for Groups activations or eligibility.";

const averyStanding = (how: string) =>
  `User Avery Owner (avery.owner@example.com) holds Owner at subscription Example Subscription as a standing assignment (${how}), not as a just-in-time PIM activation.`;

checkTable(check, [
  {
    name: "both Owners are PIM activations",
    expected: [
      {
        status: "pass",
        message: "All 2 active privileged assignment(s) held by users or groups in subscription Example Subscription are just-in-time PIM activations.",
      },
    ],
  },
  {
    name: "an Owner assigned directly with no end date",
    change: (tenant) => {
      const schedule = tenant.items(roleAssignmentSchedulesDataset)[0]!;
      schedule.properties.assignmentType = "Assigned";
      schedule.properties.endDateTime = null;
    },
    expected: [{ status: "fail", message: averyStanding("assigned directly, with no end date") }],
  },
  {
    name: "an Owner assigned directly until a date is still standing",
    change: (tenant) => {
      const schedule = tenant.items(roleAssignmentSchedulesDataset)[0]!;
      schedule.properties.assignmentType = "Assigned";
      schedule.properties.endDateTime = "2027-01-31T00:00:00Z";
    },
    expected: [{ status: "fail", message: averyStanding("assigned directly, active until 2027-01-31T00:00:00Z") }],
  },
  {
    // The activation is of Owner on a resource group: it says nothing of the subscription-wide Owner.
    name: "an Owner whose only PIM activation is at another scope holds the subscription's Owner standing",
    change: (tenant) => {
      tenant.items(roleAssignmentSchedulesDataset)[0]!.properties.scope = rgApp;
    },
    expected: [{ status: "fail", message: averyStanding("not managed by PIM") }],
  },
  {
    name: "an Owner with no schedule instance at all",
    change: (tenant) => tenant.items(roleAssignmentSchedulesDataset).splice(0, 1),
    expected: [{ status: "fail", message: averyStanding("not managed by PIM") }],
  },
  {
    // A group outside PIM for Groups: its members hold its role standing, and are named.
    name: "a group holds Contributor on a resource group without PIM: its members hold it standing",
    change: (tenant) =>
      tenant.addGroup(
        group,
        "App Team",
        roleIds.contributor,
        { members: [caseyMember(), groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")] },
        { atScope: rgApp },
      ),
    expected: [
      {
        status: "fail",
        message:
          "Group App Team holds Contributor at resource group rg-app in Example Subscription as a standing assignment (assigned directly, with no end date), and 2 member(s) hold it through the group without a PIM for Groups activation: user Casey Admin (casey.admin@example.com); user Blake Owner (blake.owner@example.com).",
      },
    ],
  },
  {
    // Microsoft Learn, "Privileged Identity Management (PIM) for Groups": an active role assignment to a
    // group whose users are eligible for membership is just-in-time access; Microsoft Graph, "Govern
    // membership and ownership of groups using PIM for Groups": the activation is what made Casey a member.
    name: "a group whose only member got in by a PIM for Groups activation holds its role just in time",
    change: (tenant) =>
      tenant.addGroup(
        group,
        "App Team",
        roleIds.contributor,
        {
          members: [caseyMember()],
          eligible: [pimGroupInstance("eligible", group, caseyPrincipal, "member")],
          assigned: [
            pimGroupInstance("assigned", group, caseyPrincipal, "member", "Activated"),
            pimGroupInstance("assigned", group, robinPrincipal, "owner", "Assigned"),
          ],
        },
        { atScope: rgApp },
      ),
    expected: [{ status: "pass", message: justInTimeWithGroup }],
  },
  {
    name: "a group nobody has activated, whose users are eligible for membership, holds its role just in time",
    change: (tenant) =>
      tenant.addGroup(
        group,
        "App Team",
        roleIds.contributor,
        { eligible: [pimGroupInstance("eligible", group, caseyPrincipal, "member")] },
        { atScope: rgApp },
      ),
    expected: [{ status: "pass", message: justInTimeWithGroup }],
  },
  {
    name: "a member added outside PIM beside an activated one holds the role standing",
    change: (tenant) =>
      tenant.addGroup(
        group,
        "App Team",
        roleIds.contributor,
        {
          members: [caseyMember(), groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")],
          eligible: [pimGroupInstance("eligible", group, caseyPrincipal, "member")],
          assigned: [pimGroupInstance("assigned", group, caseyPrincipal, "member", "Activated")],
        },
        { atScope: rgApp },
      ),
    expected: [
      {
        status: "fail",
        message:
          "Group App Team holds Contributor at resource group rg-app in Example Subscription as a standing assignment (assigned directly, with no end date), and 1 member(s) hold it through the group without a PIM for Groups activation: user Blake Owner (blake.owner@example.com).",
      },
    ],
  },
  {
    name: "a member whose PIM for Groups schedule has no assignmentType is unknown, not just in time",
    change: (tenant) => {
      const activation = pimGroupInstance("assigned", group, caseyPrincipal, "member", "Activated");
      delete activation.assignmentType;
      tenant.addGroup(group, "App Team", roleIds.contributor, { members: [caseyMember()], assigned: [activation] }, { atScope: rgApp });
    },
    expected: [
      {
        status: "error",
        message:
          "Whether the membership in group App Team through which user Casey Admin (casey.admin@example.com) reach Contributor at resource group rg-app in Example Subscription is standing or a PIM for Groups activation could not be determined: the group's PIM for Groups schedule for them has no assignmentType.",
      },
    ],
  },
  {
    name: "a group with no member and no eligibility still holds its role standing, for whoever is added",
    change: (tenant) => tenant.addGroup(group, "App Team", roleIds.contributor, {}, { atScope: rgApp }),
    expected: [
      {
        status: "fail",
        message:
          "Group App Team holds Contributor at resource group rg-app in Example Subscription as a standing assignment (assigned directly, with no end date); no user is a member of it now and none can activate membership or ownership through PIM for Groups, so whoever is added to the group holds the role at once.",
      },
    ],
  },
  {
    name: "PIM for Groups refused for want of a licence: the group's assignment is not evaluated, never passed",
    change: (tenant) => {
      tenant.addGroup(group, "App Team", roleIds.contributor, { members: [caseyMember()] }, { atScope: rgApp });
      tenant.fail(
        groupAssignmentSchedulesDataset,
        { ...forbidden, code: "AadPremiumLicenseRequired", message: "The tenant needs an AAD Premium 2 license.", reason: "licence" },
        `/tenants/${tenantId}/groups/${group}`,
      );
    },
    expected: [
      {
        status: "error",
        message:
          'Whether group App Team\'s standing Contributor at resource group rg-app in Example Subscription reaches anyone other than through a PIM for Groups activation could not be evaluated because the evidence "PIM for Groups active memberships and ownerships of groups that hold Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the tenant lacks the licence this API needs (The tenant needs an AAD Premium 2 license.).',
      },
    ],
  },
  {
    name: "a group's own PIM activation of the Azure role is just in time, whoever its members are",
    change: (tenant) => tenant.addGroup(group, "App Team", roleIds.contributor, { members: [caseyMember()] }, { atScope: rgApp, assignmentType: "Activated" }),
    expected: [
      {
        status: "pass",
        message: "All 3 active privileged assignment(s) held by users or groups in subscription Example Subscription are just-in-time PIM activations.",
      },
    ],
  },
  {
    name: "a schedule instance without assignmentType is unknown, not just-in-time",
    change: (tenant) => {
      delete tenant.items(roleAssignmentSchedulesDataset)[1]!.properties.assignmentType;
    },
    expected: [
      {
        status: "error",
        message:
          "Whether the Owner assignment of user Blake Owner (blake.owner@example.com) at subscription Example Subscription is a PIM activation could not be determined: its schedule instance has no assignmentType.",
      },
    ],
  },
  {
    // Service principals' standing roles are the service principal Owner check's to judge.
    name: "a service principal's standing Owner is not this check's",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).push(assignment("cccccccc-0000-4000-8000-0000000000a1", people.readerApp, "ServicePrincipal", roleIds.owner));
    },
    expected: [
      {
        status: "pass",
        message: "All 2 active privileged assignment(s) held by users or groups in subscription Example Subscription are just-in-time PIM activations.",
      },
    ],
  },
  {
    name: "a group whose only member is a service principal holds its role standing for whoever is added",
    change: (tenant) =>
      tenant.addGroup(
        group,
        "App Team",
        roleIds.contributor,
        { members: [{ "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp, displayName: "reader-app" }] },
        { atScope: rgApp },
      ),
    expected: [
      {
        status: "fail",
        message:
          "Group App Team holds Contributor at resource group rg-app in Example Subscription as a standing assignment (assigned directly, with no end date); no user is a member of it now and none can activate membership or ownership through PIM for Groups, so whoever is added to the group holds the role at once.",
      },
    ],
  },
  {
    name: "no user or group holds a privileged role",
    change: (tenant) => tenant.items(roleAssignmentsDataset).splice(0, 2),
    expected: [
      {
        status: "pass",
        message:
          "No user or group holds an active Owner, Contributor, User Access Administrator or Role Based Access Control Administrator assignment in subscription Example Subscription.",
      },
    ],
  },
  {
    // Microsoft Graph, "directoryObject: getByIds": the directory says Avery is a user.
    name: "a standing Owner whose principal type Azure does not report is judged by the directory",
    change: (tenant) => {
      delete tenant.items(roleAssignmentsDataset)[0]!.properties.principalType;
      tenant.items(roleAssignmentSchedulesDataset)[0]!.properties.assignmentType = "Assigned";
    },
    expected: [
      {
        status: "fail",
        message:
          "User Avery Owner (avery.owner@example.com) holds Owner at subscription Example Subscription as a standing assignment (assigned directly, active until 2026-11-20T17:00:00Z), not as a just-in-time PIM activation.",
      },
    ],
  },
  {
    name: "a standing Owner whose type neither Azure nor the directory gives is unknown, not skipped",
    change: (tenant) => {
      delete tenant.items(roleAssignmentsDataset)[0]!.properties.principalType;
      tenant.items(roleAssignmentSchedulesDataset)[0]!.properties.assignmentType = "Assigned";
      tenant.items(principalsDataset).splice(0, 1);
    },
    expected: [
      {
        status: "error",
        message:
          "Whether the standing Owner assignment of principal 11111111-0000-4000-8000-00000000000a at subscription Example Subscription belongs to a user or group could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it.",
      },
    ],
  },
  {
    name: "PIM schedules refused: not evaluated",
    change: (tenant) => tenant.fail(roleAssignmentSchedulesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Standing privileged access in subscription Example Subscription could not be evaluated because the evidence "PIM active role assignment schedules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
