import { check } from "../../src/checks/activity-log-alert-role-changes.js";
import { activityLogAlertsDataset, scheduledQueryRulesDataset } from "../../src/datasets/alert-rules.js";
import { checkTable } from "../support/check-table.js";
import { breakGlassAlertRule, forbidden, type Tenant } from "../support/good-tenant.js";
import { officialExample } from "../support/official-examples.js";

type Raw = Record<string, any>;
const alert = (tenant: Tenant): Raw => tenant.items(activityLogAlertsDataset)[0]!;
const passes =
  'Activity-log alert "role-assignment-changes" notifies action group security-on-call when a role assignment is written in subscription Example Subscription.';
const fails = (alerts: number, rules: number) =>
  `No enabled alert rule notifies anyone when a role assignment is written in subscription Example Subscription (${alerts} activity-log alert(s) and ${rules} log search rule(s) examined).`;

/** No activity-log alert; instead a log search alert rule on role assignment writes in the activity log. */
function roleWritesSearch(tenant: Tenant): Raw {
  tenant.items(activityLogAlertsDataset).splice(0);
  const rule = breakGlassAlertRule();
  rule.name = "role-changes-in-activity";
  rule.properties.criteria.allOf[0].query = 'AzureActivity | where OperationNameValue =~ "Microsoft.Authorization/roleAssignments/write"';
  tenant.items(scheduledQueryRulesDataset).push(rule);
  return rule;
}

checkTable(check, [
  { name: "an alert on role assignment writes, scoped to the subscription", expected: [{ status: "pass", message: passes }] },
  {
    name: "every administrative operation (the category alone) covers role changes",
    change: (tenant) => {
      alert(tenant).properties.condition = { allOf: [{ field: "category", equals: "administrative" }] };
    },
    expected: [{ status: "pass", message: passes }],
  },
  {
    name: "the operation among several (anyOf, containsAny)",
    change: (tenant) => {
      alert(tenant).properties.condition = {
        allOf: [
          { field: "category", equals: "Administrative" },
          {
            anyOf: [
              { field: "operationName", equals: "Microsoft.Network/networkSecurityGroups/write" },
              { field: "operationName", containsAny: ["Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/roleAssignments/write"] },
            ],
          },
        ],
      };
    },
    expected: [{ status: "pass", message: passes }],
  },
  {
    name: "the official example's rules: administrative errors only, and one resource group",
    change: (tenant) => {
      tenant.items(activityLogAlertsDataset).splice(0, 1, ...structuredClone(officialExample("arm-monitor-activity-log-alerts-list.json").value as Raw[]));
    },
    expected: [{ status: "fail", message: fails(2, 1) }],
  },
  {
    name: "narrowed to one caller",
    change: (tenant) => {
      alert(tenant).properties.condition.allOf.push({ field: "caller", equals: "admin@example.com" });
    },
    expected: [{ status: "fail", message: fails(1, 1) }],
  },
  {
    name: "disabled",
    change: (tenant) => {
      alert(tenant).properties.enabled = false;
    },
    expected: [{ status: "fail", message: fails(1, 1) }],
  },
  {
    name: "no action group to notify",
    change: (tenant) => {
      alert(tenant).properties.actions.actionGroups = [];
    },
    expected: [{ status: "fail", message: fails(1, 1) }],
  },
  {
    name: "a log search rule on AzureActivity does the same job",
    change: (tenant) => {
      roleWritesSearch(tenant);
    },
    expected: [
      {
        status: "pass",
        message: 'Log search alert "role-changes-in-activity" notifies an action group when a role assignment is written in subscription Example Subscription.',
      },
    ],
  },
  {
    name: "an alert that does not say whether it is enabled",
    change: (tenant) => {
      delete alert(tenant).properties.enabled;
    },
    expected: [
      {
        status: "error",
        message:
          'Whether activity-log alert "role-assignment-changes" watches role assignments in subscription Example Subscription is unknown: it does not report whether it is enabled.',
      },
    ],
  },
  {
    name: "no activity-log alert, and the log search rules refused",
    change: (tenant) => {
      tenant.items(activityLogAlertsDataset).splice(0);
      tenant.fail(scheduledQueryRulesDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Alerting on role changes in subscription Example Subscription (no activity-log alert covers it) could not be evaluated because the evidence "Log search alert rules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "the activity-log alerts refused",
    change: (tenant) => tenant.fail(activityLogAlertsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Alerting on role changes in subscription Example Subscription could not be evaluated because the evidence "Activity log alert rules" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "a subscription scope written without its leading slash, beside a resource group scope",
    change: (tenant) => {
      const scope = alert(tenant).properties.scopes[0] as string;
      alert(tenant).properties.scopes = [`${scope}/resourceGroups/rg-ehr`, scope.replace(/^\/+/, "")];
    },
    expected: [{ status: "pass", message: passes }],
  },
  {
    name: "an alert without actions notifies nobody",
    change: (tenant) => {
      delete alert(tenant).properties.actions;
    },
    expected: [{ status: "fail", message: fails(1, 1) }],
  },
  {
    name: "a condition on a field the role event does not carry never holds",
    change: (tenant) => {
      alert(tenant).properties.condition.allOf.push({ field: "resourceType", equals: "Microsoft.Storage/storageAccounts" });
    },
    expected: [{ status: "fail", message: fails(1, 1) }],
  },
  {
    name: "a log search rule whose second query reads the role writes",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      rule.properties.criteria.allOf.unshift({ query: "AzureActivity | where OperationNameValue has 'policyAssignments'" });
    },
    expected: [
      {
        status: "pass",
        message: 'Log search alert "role-changes-in-activity" notifies an action group when a role assignment is written in subscription Example Subscription.',
      },
    ],
  },
  {
    name: "a log search rule on role writes that is disabled",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      rule.properties.enabled = false;
    },
    expected: [{ status: "fail", message: fails(0, 2) }],
  },
  {
    name: "a log search rule on role writes that notifies nobody",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      delete rule.properties.actions;
    },
    expected: [{ status: "fail", message: fails(0, 2) }],
  },
  {
    name: "a log search rule on role writes outside the activity log",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      rule.properties.criteria.allOf[0].query = 'AuditLogs | where OperationName == "roleAssignments/write"';
    },
    expected: [{ status: "fail", message: fails(0, 2) }],
  },
  {
    name: "a log search rule on the activity log that is not about role writes",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      rule.properties.criteria.allOf[0].query = "AzureActivity | where CategoryValue == 'Administrative'";
    },
    expected: [{ status: "fail", message: fails(0, 2) }],
  },
  {
    name: "a log search rule without criteria",
    change: (tenant) => {
      const rule = roleWritesSearch(tenant);
      delete rule.properties.criteria;
    },
    expected: [{ status: "fail", message: fails(0, 2) }],
  },
  {
    name: "no alert and no rule at all",
    change: (tenant) => {
      tenant.items(activityLogAlertsDataset).splice(0);
      tenant.items(scheduledQueryRulesDataset).splice(0);
    },
    expected: [{ status: "fail", message: fails(0, 0) }],
  },
]);
