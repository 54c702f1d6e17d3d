import { check } from "../../src/checks/entra-global-administrator-count.js";
import { directoryRoleAssignmentsDataset, directoryRoleEligibilityDataset, groupMembersDataset } from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { directoryRoles, forbidden, people, tenantId } from "../support/good-tenant.js";

const avery = "Avery Owner (avery.owner@example.com)";
const blake = "Blake Owner (blake.owner@example.com)";
const glass = "Break Glass 1 (bg-admin-01@example.onmicrosoft.com); Break Glass 2 (bg-admin-02@example.onmicrosoft.com)";
const group = "99999999-0000-4000-8000-0000000000a1";

checkTable(check, [
  {
    name: "three, within the default bounds of 2 to 8",
    expected: [
      { status: "pass", message: `3 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${glass}; between 2 and 8 are expected.` },
    ],
  },
  {
    name: "more than the maximum",
    change: (tenant) => {
      tenant.settings.globalAdministrators = { min: 2, max: 2 };
    },
    expected: [{ status: "fail", message: `3 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${glass}; at most 2 are expected.` }],
  },
  {
    name: "fewer than the minimum: only one break-glass account left",
    change: (tenant) => {
      tenant.items(directoryRoleAssignmentsDataset).splice(1, 2);
      tenant.items(directoryRoleEligibilityDataset).splice(0, 1);
    },
    expected: [
      {
        status: "fail",
        message:
          "1 user(s) can act as Global Administrator, active or PIM-eligible: Break Glass 1 (bg-admin-01@example.onmicrosoft.com); at least 2 are expected.",
      },
    ],
  },
  {
    name: "a role-assignable group holding Global Administrator counts its members",
    change: (tenant) => {
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
        value: [{ "@odata.type": "#microsoft.graph.user", id: people.ownerB }],
      });
    },
    expected: [
      {
        status: "pass",
        message: `4 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${blake}; ${glass}; between 2 and 8 are expected.`,
      },
    ],
  },
  {
    name: "a group whose members cannot be read: no count claimed",
    change: (tenant) => {
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
        status: "error",
        error: forbidden,
      });
    },
    expected: [
      {
        status: "error",
        message:
          'The number of Global Administrators (3 user(s) can act as Global Administrator, active or PIM-eligible: Avery Owner (avery.owner@example.com); Break Glass 1 (bg-admin-01@example.onmicrosoft.com); Break Glass 2 (bg-admin-02@example.onmicrosoft.com), plus the members of group 99999999-0000-4000-8000-0000000000a1) could not be evaluated because the evidence "Transitive members of groups used by Conditional Access, directory roles and Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "eligibility unreadable: a count within bounds is not proven",
    change: (tenant) => tenant.fail(directoryRoleEligibilityDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'The number of Global Administrators could not be evaluated because the evidence "Entra ID PIM eligible directory roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
