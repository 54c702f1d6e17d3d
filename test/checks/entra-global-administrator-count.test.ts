import { check } from "../../src/checks/entra-global-administrator-count.js";
import {
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
} from "../../src/datasets/entra.js";
import type { CallError } from "../../src/model/call-error.js";
import { checkTable } from "../support/check-table.js";
import { directoryRoles, forbidden, people, type Tenant, tenantId } from "../support/good-tenant.js";

const avery = "Avery Owner (avery.owner@example.com)";
const blake = "Blake Owner (blake.owner@example.com)";
const glass = "Break Glass 1 (bg-admin-01@example.onmicrosoft.com); Break Glass 2 (bg-admin-02@example.onmicrosoft.com)";
const group = "99999999-0000-4000-8000-0000000000a1";
const three = `3 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${glass}`;
/** Someone the users listing does not hold. */
const unlisted = "11111111-0000-4000-8000-0000000000f9";

/** A role-assignable group given Global Administrator, and its members as collected (or the error that stopped them). */
function groupHoldsGlobalAdministrator(
  tenant: Tenant,
  members: { status: "ok"; calls: string[]; value: unknown[] } | { status: "error"; error: CallError },
): void {
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
    ...members,
  });
}

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
      groupHoldsGlobalAdministrator(tenant, { status: "ok", calls: ["GET members"], value: [{ "@odata.type": "#microsoft.graph.user", id: people.ownerB }] });
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
      groupHoldsGlobalAdministrator(tenant, { status: "error", error: forbidden });
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
  {
    // Microsoft Learn, "Microsoft Entra built-in roles": Security Administrator is privileged, but it is
    // not Global Administrator; only Global Administrator holders are counted.
    name: "a Security Administrator who is not a Global Administrator is not counted",
    change: (tenant) => {
      tenant.items(directoryRoleAssignmentsDataset).push({
        id: "ra-security-admin",
        principalId: people.ownerB,
        roleDefinitionId: directoryRoles.securityAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.user", id: people.ownerB },
      });
    },
    expected: [{ status: "pass", message: `${three}; between 2 and 8 are expected.` }],
  },
  {
    name: "a Global Administrator the users listing does not hold is counted and named by id",
    change: (tenant) => {
      tenant.items(directoryRoleAssignmentsDataset).push({
        id: "ra-unlisted",
        principalId: unlisted,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        principal: { "@odata.type": "#microsoft.graph.user", id: unlisted },
      });
    },
    expected: [
      {
        status: "pass",
        message: `4 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${glass}; user ${unlisted}; between 2 and 8 are expected.`,
      },
    ],
  },
  {
    name: "nobody holds Global Administrator: none named, fewer than the minimum, the assignments cited",
    change: (tenant) => {
      tenant.items(directoryRoleAssignmentsDataset).splice(0, 2);
      tenant.items(directoryRoleEligibilityDataset).splice(0, 1);
    },
    expected: [{ status: "fail", message: "0 user(s) can act as Global Administrator, active or PIM-eligible; at least 2 are expected." }],
  },
  {
    name: "exactly the maximum is within the bounds",
    change: (tenant) => {
      tenant.settings.globalAdministrators = { min: 2, max: 3 };
    },
    expected: [{ status: "pass", message: `${three}; between 2 and 3 are expected.` }],
  },
  {
    name: "exactly the minimum is within the bounds",
    change: (tenant) => {
      tenant.settings.globalAdministrators = { min: 3, max: 8 };
    },
    expected: [{ status: "pass", message: `${three}; between 3 and 8 are expected.` }],
  },
  {
    // The assignment schedules only say how an active role is held; who holds it is in the assignments.
    name: "assignment schedules unreadable: the count still stands",
    change: (tenant) => tenant.fail(directoryRoleAssignmentSchedulesDataset, forbidden),
    expected: [{ status: "pass", message: `${three}; between 2 and 8 are expected.` }],
  },
  {
    // Microsoft Graph, "List group transitive members": members may be users, devices or service
    // principals; only a user is a person who can act as Global Administrator.
    name: "a service principal among the members of a group holding Global Administrator is not counted",
    change: (tenant) => {
      groupHoldsGlobalAdministrator(tenant, {
        status: "ok",
        calls: ["GET members"],
        value: [
          { "@odata.type": "#microsoft.graph.user", id: people.ownerB },
          { "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp },
        ],
      });
    },
    expected: [
      {
        status: "pass",
        message: `4 user(s) can act as Global Administrator, active or PIM-eligible: ${avery}; ${blake}; ${glass}; between 2 and 8 are expected.`,
      },
    ],
  },
]);
