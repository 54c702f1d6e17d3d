import { check } from "../../src/checks/entra-standing-privileged-role.js";
import { directoryRoleAssignmentSchedulesDataset, directoryRoleAssignmentsDataset, groupMembersDataset } from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { directoryRoles, forbidden, groupCase, groupMember, people, tenantId, type Tenant } from "../support/good-tenant.js";

const standingSecurityAdmin = (assignmentType: string, expiration: Record<string, unknown>) => (tenant: Tenant) => {
  tenant
    .items(directoryRoleAssignmentsDataset)
    .push({ id: "ra-sec", principalId: people.ownerB, roleDefinitionId: directoryRoles.securityAdministrator, directoryScopeId: "/" });
  tenant.items(directoryRoleAssignmentSchedulesDataset).push({
    id: "as-sec",
    principalId: people.ownerB,
    roleDefinitionId: directoryRoles.securityAdministrator,
    directoryScopeId: "/",
    assignmentType,
    scheduleInfo: { startDateTime: "2026-11-20T09:00:00Z", expiration },
  });
};

checkTable(check, [
  {
    name: "only the break-glass accounts hold standing Global Administrator",
    expected: [
      {
        status: "pass",
        message:
          "Every privileged Entra ID role is held through PIM eligibility or an activation, apart from the configured emergency access accounts (3 holding(s) examined).",
      },
    ],
  },
  {
    name: "a permanent Security Administrator",
    change: standingSecurityAdmin("Assigned", { type: "noExpiration" }),
    expected: [
      {
        status: "fail",
        message: "Blake Owner (blake.owner@example.com) holds a standing permanent Security Administrator assignment, outside PIM eligibility.",
      },
    ],
  },
  {
    // Microsoft Learn, "Use Microsoft Entra groups to manage role assignments": each member of a
    // role-assignable group holds its role; their members are read, and declared as read.
    name: "a permanent Security Administrator held through a role-assignable group is standing for its member",
    change: (tenant) => {
      const { group } = groupCase;
      tenant.items(directoryRoleAssignmentsDataset).push({
        id: "ra-group",
        principalId: group,
        roleDefinitionId: directoryRoles.securityAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.group", id: group },
      });
      tenant.items(directoryRoleAssignmentSchedulesDataset).push({
        id: "as-group",
        principalId: group,
        roleDefinitionId: directoryRoles.securityAdministrator,
        directoryScopeId: "/",
        assignmentType: "Assigned",
        scheduleInfo: { startDateTime: "2026-01-05T09:00:00Z", expiration: { type: "noExpiration" } },
      });
      tenant.records.push({
        dataset: groupMembersDataset.id,
        scope: `/tenants/${tenantId}/groups/${group}`,
        file: `raw/entra/groups/${group}/transitive-members.json`,
        status: "ok",
        calls: ["GET members"],
        value: [groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")],
      });
    },
    expected: [
      {
        status: "fail",
        message: `Blake Owner (blake.owner@example.com) holds a standing permanent Security Administrator assignment through group ${groupCase.group}, outside PIM eligibility.`,
      },
    ],
  },
  {
    name: "a time-bound direct assignment is still standing access",
    change: standingSecurityAdmin("Assigned", { type: "afterDateTime", endDateTime: "2027-01-01T00:00:00Z" }),
    expected: [
      {
        status: "fail",
        message: "Blake Owner (blake.owner@example.com) holds a standing time-bound Security Administrator assignment, outside PIM eligibility.",
      },
    ],
  },
  {
    name: "a PIM activation passes",
    change: standingSecurityAdmin("Activated", { type: "afterDateTime", endDateTime: "2026-11-20T17:00:00Z" }),
    expected: [
      {
        status: "pass",
        message:
          "Every privileged Entra ID role is held through PIM eligibility or an activation, apart from the configured emergency access accounts (4 holding(s) examined).",
      },
    ],
  },
  {
    name: "without the configured break-glass list their standing roles fail",
    change: (tenant) => {
      tenant.settings.breakGlassAccounts = [];
    },
    expected: [
      {
        status: "fail",
        message: "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) holds a standing permanent Global Administrator assignment, outside PIM eligibility.",
      },
      {
        status: "fail",
        message: "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) holds a standing permanent Global Administrator assignment, outside PIM eligibility.",
      },
    ],
  },
  {
    name: "schedules unreadable: an active role cannot be called standing or activated",
    change: (tenant) => {
      standingSecurityAdmin("Activated", {})(tenant);
      tenant.fail(directoryRoleAssignmentSchedulesDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Whether Blake Owner (blake.owner@example.com)\'s active Security Administrator is standing or a PIM activation could not be evaluated because the evidence "Entra ID PIM active directory role schedules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "an assignment that expires after a duration is still standing access",
    change: standingSecurityAdmin("Assigned", { type: "afterDuration", duration: "P180D" }),
    expected: [
      {
        status: "fail",
        message: "Blake Owner (blake.owner@example.com) holds a standing time-bound Security Administrator assignment, outside PIM eligibility.",
      },
    ],
  },
  {
    name: "an assignment whose expiration type is not reported is not called permanent or activated",
    change: standingSecurityAdmin("Assigned", {}),
    expected: [
      {
        status: "error",
        message:
          "Blake Owner (blake.owner@example.com) holds an active Security Administrator whose PIM schedule is missing or does not say when it ends, so whether it is standing is unknown.",
      },
    ],
  },
  {
    // Microsoft Learn, "Administrative units": a role scoped to an administrative unit reaches only its members.
    name: "a Security Administrator scoped to an administrative unit is not tenant-wide",
    change: (tenant: Tenant) => {
      standingSecurityAdmin("Assigned", { type: "noExpiration" })(tenant);
      tenant.items(directoryRoleAssignmentsDataset).at(-1)!.directoryScopeId = "/administrativeUnits/5d1e0000-0000-4000-8000-0000000000a1";
    },
    expected: [
      {
        status: "pass",
        message:
          "Every privileged Entra ID role is held through PIM eligibility or an activation, apart from the configured emergency access accounts (3 holding(s) examined).",
      },
    ],
  },
  {
    name: "an application holding a permanent Security Administrator is a workload, not a user",
    change: (tenant: Tenant) => {
      standingSecurityAdmin("Assigned", { type: "noExpiration" })(tenant);
      tenant.items(directoryRoleAssignmentsDataset).at(-1)!.principal = { "@odata.type": "#microsoft.graph.servicePrincipal", id: people.ownerB };
    },
    expected: [
      {
        status: "pass",
        message:
          "Every privileged Entra ID role is held through PIM eligibility or an activation, apart from the configured emergency access accounts (3 holding(s) examined).",
      },
    ],
  },
  {
    name: "a schedule that does not report its schedule information is not called permanent or activated",
    change: (tenant: Tenant) => {
      standingSecurityAdmin("Assigned", { type: "noExpiration" })(tenant);
      delete tenant.items(directoryRoleAssignmentSchedulesDataset).at(-1)!.scheduleInfo;
    },
    expected: [
      {
        status: "error",
        message:
          "Blake Owner (blake.owner@example.com) holds an active Security Administrator whose PIM schedule is missing or does not say when it ends, so whether it is standing is unknown.",
      },
    ],
  },
  {
    name: "a schedule whose information does not report its expiration is not called permanent or activated",
    change: (tenant: Tenant) => {
      standingSecurityAdmin("Assigned", { type: "noExpiration" })(tenant);
      delete tenant.items(directoryRoleAssignmentSchedulesDataset).at(-1)!.scheduleInfo.expiration;
    },
    expected: [
      {
        status: "error",
        message:
          "Blake Owner (blake.owner@example.com) holds an active Security Administrator whose PIM schedule is missing or does not say when it ends, so whether it is standing is unknown.",
      },
    ],
  },
  {
    // Microsoft Graph, "Create unifiedRoleAssignment": "/" is the tenant-wide scope; an assignment that
    // does not report its scope is judged as tenant-wide, never dropped unseen.
    name: "an assignment that does not report its directory scope is judged as tenant-wide",
    change: (tenant: Tenant) => {
      standingSecurityAdmin("Assigned", { type: "noExpiration" })(tenant);
      delete tenant.items(directoryRoleAssignmentsDataset).at(-1)!.directoryScopeId;
    },
    expected: [
      {
        status: "fail",
        message: "Blake Owner (blake.owner@example.com) holds a standing permanent Security Administrator assignment, outside PIM eligibility.",
      },
    ],
  },
]);
