import { check } from "../../src/checks/entra-guest-privileged-role.js";
import { directoryRoleAssignmentsDataset, directoryRoleEligibilityDataset, groupMembersDataset, usersDataset } from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { directoryRoles, forbidden, groupCase, groupMember, people, tenantId, type Tenant } from "../support/good-tenant.js";

const { robin, group } = groupCase;
/** A role-assignable group holding Global Administrator, with Robin (a B2B guest) as its member, or its members refused. */
function guestInAdminGroup(tenant: Tenant, members: "readable" | "refused"): void {
  tenant.addUser(robin, { userType: "Guest" });
  tenant.items(directoryRoleAssignmentsDataset).push({
    id: "ra-group",
    principalId: group,
    roleDefinitionId: directoryRoles.globalAdministrator,
    directoryScopeId: "/",
    principal: { "@odata.type": "#microsoft.graph.group", id: group },
  });
  const scope = `/tenants/${tenantId}/groups/${group}`;
  const file = `raw/entra/groups/${group}/transitive-members.json`;
  tenant.records.push(
    members === "readable"
      ? { dataset: groupMembersDataset.id, scope, file, status: "ok", calls: ["GET members"], value: [groupMember(robin.id, robin.name, robin.upn)] }
      : { dataset: groupMembersDataset.id, scope, file, status: "error", error: forbidden },
  );
}

const forbiddenText = "GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read";

checkTable(check, [
  {
    name: "members only",
    expected: [{ status: "pass", message: "No guest holds a privileged Entra ID role, active or PIM-eligible (3 privileged role holding(s) examined)." }],
  },
  {
    name: "an eligible Global Administrator who is a guest",
    change: (tenant) => {
      tenant.items(usersDataset).find((user) => user.id === people.ownerA)!.userType = "Guest";
    },
    expected: [{ status: "fail", message: "Guest user Avery Owner (avery.owner@example.com) holds Global Administrator (eligible)." }],
  },
  {
    name: "a holder whose userType the directory did not return",
    change: (tenant) => {
      delete tenant.items(usersDataset).find((user) => user.id === people.ownerA)!.userType;
    },
    expected: [
      {
        status: "error",
        message:
          "Whether Avery Owner (avery.owner@example.com), who holds Global Administrator (eligible), is a guest could not be determined: the directory did not return its userType.",
      },
    ],
  },
  {
    name: "eligibility unreadable: active holders are checked, eligible ones are not evaluated",
    change: (tenant) => tenant.fail(directoryRoleEligibilityDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Guests in privileged Entra ID roles (eligible holders and group members) could not be evaluated because the evidence "Entra ID PIM eligible directory roles" is unavailable: ${forbiddenText}.`,
      },
    ],
  },
  {
    // Microsoft Learn, "Use Microsoft Entra groups to manage role assignments": the members of a
    // role-assignable group hold its role; their members are read, and declared as read.
    name: "a guest in a role-assignable group holding Global Administrator",
    change: (tenant) => guestInAdminGroup(tenant, "readable"),
    expected: [
      { status: "fail", message: `Guest user Robin Vendor (${robin.upn}) holds Global Administrator (active (schedule unknown)) through group ${group}.` },
    ],
  },
  {
    name: "the members of a role-assignable group holding Global Administrator cannot be read: not evaluated",
    change: (tenant) => guestInAdminGroup(tenant, "refused"),
    expected: [
      {
        status: "error",
        message: `Guests in privileged Entra ID roles (eligible holders and group members) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: ${forbiddenText}.`,
      },
    ],
  },
  {
    name: "users unreadable",
    change: (tenant) => tenant.fail(usersDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Guests in privileged Entra ID roles could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: ${forbiddenText}.`,
      },
    ],
  },
]);
