import { check } from "../../src/checks/rbac-standing-privileged-assignment.js";
import { principalsDataset, roleAssignmentSchedulesDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { assignment, forbidden, roleIds, scheduleInstance, subscription } from "../support/good-tenant.js";

const averyStanding = (how: string) =>
  `User Avery Owner (avery.owner@example.com) holds Owner at subscription Example Subscription as a standing assignment (${how}), not as a just-in-time PIM activation.`;

checkTable(check, [
  {
    name: "both Owners are PIM activations",
    expected: [{ status: "pass", message: "All 2 active privileged assignment(s) held by users or groups in subscription Example Subscription are just-in-time PIM activations." }],
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
    name: "an Owner with no schedule instance at all",
    change: (tenant) => tenant.items(roleAssignmentSchedulesDataset).splice(0, 1),
    expected: [{ status: "fail", message: averyStanding("not managed by PIM") }],
  },
  {
    name: "a group holds Contributor on a resource group without PIM",
    change: (tenant) => {
      const rg = `${subscription.scope}/resourceGroups/rg-app`;
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000040", "66666666-0000-4000-8000-000000000001", "Group", roleIds.contributor, rg));
      tenant.items(roleAssignmentSchedulesDataset).push(scheduleInstance("aaaaaaaa-0000-4000-8000-000000000040", "66666666-0000-4000-8000-000000000001", "Group", roleIds.contributor, "Assigned", rg));
    },
    expected: [
      {
        status: "fail",
        message:
          "Group 66666666-0000-4000-8000-000000000001 holds Contributor at resource group rg-app in Example Subscription as a standing assignment (assigned directly, with no end date), not as a just-in-time PIM activation.",
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
    name: "no user or group holds a privileged role",
    change: (tenant) => tenant.items(roleAssignmentsDataset).splice(0, 2),
    expected: [
      {
        status: "pass",
        message: "No user or group holds an active Owner, Contributor, User Access Administrator or Role Based Access Control Administrator assignment in subscription Example Subscription.",
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
      { status: "fail", message: "User Avery Owner (avery.owner@example.com) holds Owner at subscription Example Subscription as a standing assignment (assigned directly, active until 2026-11-20T17:00:00Z), not as a just-in-time PIM activation." },
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
      { status: "error", message: "Whether the standing Owner assignment of principal 11111111-0000-4000-8000-00000000000a at subscription Example Subscription belongs to a user or group could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it." },
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
