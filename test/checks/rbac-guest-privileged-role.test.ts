import { check } from "../../src/checks/rbac-guest-privileged-role.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { assignment, forbidden, people, roleIds, subscription, tenantId } from "../support/good-tenant.js";

const clean =
  "No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription Example Subscription (3 privileged assignment(s) examined).";

checkTable(check, [
  { name: "only members hold privileged roles", expected: [{ status: "pass", message: clean }] },
  {
    name: "a guest (userType Guest) holds active Owner",
    change: (tenant) => {
      tenant.items(principalsDataset)[0]!.userType = "Guest";
    },
    expected: [{ status: "fail", message: "Guest user Avery Owner (avery.owner@example.com) holds an active Owner assignment at subscription Example Subscription." }],
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
        message: "Guest user User Account (user_partner.example#EXT#@tenant.onmicrosoft.com) holds a PIM-eligible Contributor assignment at subscription Example Subscription.",
      },
    ],
  },
  {
    name: "a foreign (external) group holds Contributor on a resource group",
    change: (tenant) =>
      tenant.items(roleAssignmentsDataset).push(
        assignment("aaaaaaaa-0000-4000-8000-000000000020", "44444444-0000-4000-8000-000000000001", "ForeignGroup", roleIds.contributor, `${subscription.scope}/resourceGroups/rg-partner`),
      ),
    expected: [{ status: "fail", message: "External (foreign) group 44444444-0000-4000-8000-000000000001 holds an active Contributor assignment at resource group rg-partner in Example Subscription." }],
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
    expected: [{ status: "fail", message: "Guest user Avery Owner (avery.owner@example.com) holds an active Owner assignment at subscription Example Subscription." }],
  },
  {
    name: "an untyped assignment of a service principal is not a guest",
    change: (tenant) => {
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000022", people.readerApp, "ServicePrincipal", roleIds.contributor));
      delete tenant.items(roleAssignmentsDataset)[3]!.properties.principalType;
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
    change: (tenant) => tenant.fail(principalsDataset, { ...forbidden, missingPermission: "Microsoft Graph application permission Directory.Read.All" }, `/tenants/${tenantId}`),
    expected: [
      {
        status: "error",
        message:
          'Guest access to privileged roles in subscription Example Subscription could not be evaluated because the evidence "Directory objects holding Azure roles" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft Graph application permission Directory.Read.All.',
      },
    ],
  },
]);
