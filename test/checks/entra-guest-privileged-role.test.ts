import { check } from "../../src/checks/entra-guest-privileged-role.js";
import { directoryRoleEligibilityDataset, usersDataset } from "../../src/datasets/entra.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, people } from "../support/good-tenant.js";

const forbiddenText = "GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read";

checkTable(check, [
  { name: "members only", expected: [{ status: "pass", message: "No guest holds a privileged Entra ID role, active or PIM-eligible (3 privileged role holding(s) examined)." }] },
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
    expected: [{ status: "error", message: "Whether Avery Owner (avery.owner@example.com), who holds Global Administrator (eligible), is a guest could not be determined: the directory did not return its userType." }],
  },
  {
    name: "eligibility unreadable: active holders are checked, eligible ones are not evaluated",
    change: (tenant) => tenant.fail(directoryRoleEligibilityDataset, forbidden),
    expected: [{ status: "error", message: `Guests in privileged Entra ID roles (eligible holders and group members) could not be evaluated because the evidence "Entra ID PIM eligible directory roles" is unavailable: ${forbiddenText}.` }],
  },
  {
    name: "users unreadable",
    change: (tenant) => tenant.fail(usersDataset, forbidden),
    expected: [{ status: "error", message: `Guests in privileged Entra ID roles could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: ${forbiddenText}.` }],
  },
]);
