import { roleDefinitionsDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, subscriptionSubject, type CheckOutcome } from "./check.js";
import { describeAssignableScope, roleGuid } from "./support/azure-rbac.js";

export const check = defineCheck({
  id: "rbac-custom-role-wildcard",
  title: "No custom role grants all actions (*)",
  severity: "high",
  requires: [roleDefinitionsDataset],
  rationale:
    'A custom role with "*" in its actions or data actions is an unreviewed Owner-equivalent: it grants every current and future operation, including reading ePHI through data actions.',
  remediation: {
    text: 'Edit the custom role so that its Actions and DataActions list the specific operations its holders need instead of "*", or use a built-in role.',
    portal: "(management group, subscription or resource group) > Access control (IAM) > Roles > Type: CustomRole > (role) > ... > Edit > Permissions",
    source: "https://learn.microsoft.com/azure/role-based-access-control/custom-roles-portal",
  },
  evaluate({ evidence, subscriptions }) {
    // Custom roles assignable in several subscriptions appear in each list; report each role once.
    const reported = new Set<string>();
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const read = evidence.read(roleDefinitionsDataset, subscription.scope);
      if (!read.ok) {
        return [
          notEvaluated(subscriptionSubject(subscription), `Custom roles assignable in subscription ${subscription.displayName}`, roleDefinitionsDataset, read),
        ];
      }
      const custom = read.items.filter(({ value }) => value.properties.type === "CustomRole");
      const outcomes: CheckOutcome[] = [];
      for (const { value, ref } of custom) {
        const grants = value.properties.permissions.flatMap((permission) => [
          ...permission.actions.filter((action) => action === "*").map(() => "actions"),
          ...permission.dataActions.filter((action) => action === "*").map(() => "data actions"),
        ]);
        if (grants.length === 0 || reported.has(roleGuid(value.id))) continue;
        reported.add(roleGuid(value.id));
        const excluded = value.properties.permissions.reduce((sum, permission) => sum + (permission.notActions?.length ?? 0), 0);
        const except = excluded > 0 ? `, minus ${excluded} excluded action(s)` : "";
        const scopes = (value.properties.assignableScopes ?? []).map((scope) => describeAssignableScope(scope, subscriptions)).join(", ") || "no listed scope";
        outcomes.push({
          status: "fail",
          resourceId: value.id,
          resourceName: value.properties.roleName,
          message: `Custom role "${value.properties.roleName}", assignable at ${scopes}, grants "*" in its ${[...new Set(grants)].join(" and ")}${except}.`,
          evidence: [ref],
        });
      }
      if (outcomes.length === 0) {
        outcomes.push({
          status: "pass",
          ...subscriptionSubject(subscription),
          message: `None of the ${custom.length} custom role(s) assignable in subscription ${subscription.displayName} grants "*" in its actions or data actions.`,
          evidence: [{ file: read.file, pointer: "/value" }],
        });
      }
      return outcomes;
    });
  },
});
