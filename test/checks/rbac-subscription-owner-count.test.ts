import { check } from "../../src/checks/rbac-subscription-owner-count.js";
import { principalsDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { assignment, forbidden, people, roleIds, subscription, tenantId } from "../support/good-tenant.js";

const avery = "user Avery Owner (avery.owner@example.com) at subscription Example Subscription";
const blake = "user Blake Owner (blake.owner@example.com) at subscription Example Subscription";

checkTable(check, [
  {
    name: "two Owners, within the default bounds of 2 to 3",
    expected: [{ status: "pass", message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.` }],
  },
  {
    name: "an Owner inherited from a management group and a service principal Owner make four",
    change: (tenant) =>
      tenant.items(roleAssignmentsDataset).push(
        assignment("aaaaaaaa-0000-4000-8000-000000000010", "33333333-0000-4000-8000-000000000001", "User", roleIds.owner, "/providers/Microsoft.Management/managementGroups/mg-root"),
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
    expected: [{ status: "fail", message: `Subscription Example Subscription has 1 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}.` }],
  },
  {
    name: "an Owner on a resource group does not own the subscription",
    change: (tenant) =>
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000012", "33333333-0000-4000-8000-000000000002", "User", roleIds.owner, `${subscription.scope}/resourceGroups/rg-app`)),
    expected: [{ status: "pass", message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.` }],
  },
  {
    name: "one principal with two Owner assignments counts once",
    change: (tenant) =>
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000013", people.ownerA, "User", roleIds.owner, "/providers/Microsoft.Management/managementGroups/mg-root")),
    expected: [{ status: "pass", message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 2 to 3 are expected: ${avery}; ${blake}.` }],
  },
  {
    name: "the configured bounds decide (exactly one Owner allowed)",
    change: (tenant) => {
      tenant.settings.ownersPerSubscription = { min: 1, max: 1 };
    },
    expected: [{ status: "fail", message: `Subscription Example Subscription has 2 principal(s) holding an active Owner assignment at subscription scope or above, where 1 to 1 are expected: ${avery}; ${blake}.` }],
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
