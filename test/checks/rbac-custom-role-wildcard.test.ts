import { check } from "../../src/checks/rbac-custom-role-wildcard.js";
import { roleDefinitionsDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, roleDefinition } from "../support/good-tenant.js";

const clean = 'None of the 1 custom role(s) assignable in subscription Example Subscription grants "*" in its actions or data actions.';

checkTable(check, [
  { name: "the custom role lists its actions (built-in Owner's * does not count)", expected: [{ status: "pass", message: clean }] },
  {
    name: "a custom role grants every action",
    change: (tenant) => tenant.items(roleDefinitionsDataset).push(roleDefinition("7f1e2d3c-0000-4000-8000-0000000000c2", "Ops Superuser", "CustomRole", ["*"])),
    expected: [{ status: "fail", message: 'Custom role "Ops Superuser", assignable at subscription Example Subscription, grants "*" in its actions.' }],
  },
  {
    name: "a custom role grants every data action despite excluding some actions",
    change: (tenant) => {
      const role = roleDefinition(
        "7f1e2d3c-0000-4000-8000-0000000000c3",
        "Data Everything",
        "CustomRole",
        ["Microsoft.Storage/*/read"],
        ["Microsoft.Storage/storageAccounts/delete", "Microsoft.Storage/storageAccounts/write"],
      );
      role.properties.permissions[0].dataActions = ["*"];
      tenant.items(roleDefinitionsDataset).push(role);
    },
    expected: [
      {
        status: "fail",
        message: 'Custom role "Data Everything", assignable at subscription Example Subscription, grants "*" in its data actions, minus 2 excluded action(s).',
      },
    ],
  },
  {
    name: "*/read is not a grant of all actions",
    change: (tenant) => tenant.items(roleDefinitionsDataset).push(roleDefinition("7f1e2d3c-0000-4000-8000-0000000000c4", "Auditor", "CustomRole", ["*/read"])),
    expected: [
      { status: "pass", message: 'None of the 2 custom role(s) assignable in subscription Example Subscription grants "*" in its actions or data actions.' },
    ],
  },
  {
    name: "a definition that does not report its permissions is not evaluated",
    change: (tenant) => {
      delete tenant.items(roleDefinitionsDataset)[3]!.properties.permissions;
    },
    expected: [
      {
        status: "error",
        message:
          'Custom roles assignable in subscription Example Subscription could not be evaluated because the evidence "Azure role definitions" is unavailable: GET https://management.azure.com/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05/rbac/role-definitions returned HTTP 200 (item /value/3/properties/permissions does not have the expected shape: Invalid input: expected array, received undefined).',
      },
    ],
  },
  {
    name: "a definition that omits its data actions does not pass as granting none",
    change: (tenant) => {
      delete tenant.items(roleDefinitionsDataset)[3]!.properties.permissions[0].dataActions;
    },
    expected: [
      {
        status: "error",
        message:
          'Custom roles assignable in subscription Example Subscription could not be evaluated because the evidence "Azure role definitions" is unavailable: GET https://management.azure.com/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05/rbac/role-definitions returned HTTP 200 (item /value/3/properties/permissions/0/dataActions does not have the expected shape: Invalid input: expected array, received undefined).',
      },
    ],
  },
  {
    name: "role definitions refused: not evaluated",
    change: (tenant) => tenant.fail(roleDefinitionsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Custom roles assignable in subscription Example Subscription could not be evaluated because the evidence "Azure role definitions" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
