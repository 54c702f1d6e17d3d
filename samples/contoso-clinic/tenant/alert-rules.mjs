// Alert rules: log search alert rules, then activity log alerts, of each subscription.
import { dev, principals, prod, securityWorkspace } from "./clinic.mjs";
import { arm } from "./recording.mjs";

const activityLogAlertsUrl = (id) => `${arm}/subscriptions/${id}/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01`;

export function recordAlertRules({ record }) {
  // A log search alert rule in Clinic-Prod pages the security on-call when an emergency account signs in.
  record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview`, 200, {
    value: [
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Insights/scheduledQueryRules/emergency-account-sign-in`,
        name: "emergency-account-sign-in",
        type: "Microsoft.Insights/scheduledQueryRules",
        location: "eastus2",
        kind: "LogAlert",
        properties: {
          displayName: "Emergency access account signed in",
          description: "Any sign-in by bg-admin-01 or bg-admin-02 pages the security on-call.",
          severity: 0,
          enabled: true,
          evaluationFrequency: "PT5M",
          scopes: [securityWorkspace],
          windowSize: "PT5M",
          criteria: {
            allOf: [
              {
                query: `SigninLogs | where UserPrincipalName in~ ("${principals.breakGlass1.upn}", "${principals.breakGlass2.upn}")`,
                timeAggregation: "Count",
                operator: "GreaterThan",
                threshold: 0,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          autoMitigate: false,
          actions: { actionGroups: [`/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Insights/actionGroups/security-on-call`] },
        },
      },
    ],
  });
  record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview`, 200, { value: [] });

  // Shape: arm-monitor-activity-log-alerts-list.json. Clinic-Prod pages the on-call when a role
  // assignment is written. Planted: Clinic-Dev has no such alert (nor a log search rule doing the same).
  record("GET", activityLogAlertsUrl(prod.id), 200, {
    value: [
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/microsoft.insights/activityLogAlerts/role-assignment-changes`,
        type: "Microsoft.Insights/ActivityLogAlerts",
        name: "role-assignment-changes",
        location: "Global",
        tags: {},
        properties: {
          scopes: [`subscriptions/${prod.id}`],
          condition: {
            allOf: [
              { field: "category", equals: "Administrative" },
              {
                anyOf: [
                  { field: "operationName", equals: "Microsoft.Authorization/roleAssignments/write" },
                  { field: "operationName", equals: "Microsoft.Authorization/roleAssignments/delete" },
                ],
              },
            ],
          },
          actions: {
            actionGroups: [
              {
                actionGroupId: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/microsoft.insights/actionGroups/security-on-call`,
                webhookProperties: {},
              },
            ],
          },
          enabled: true,
          description: "Pages the security on-call when an Azure role is granted or removed in Clinic-Prod.",
        },
      },
    ],
  });
  record("GET", activityLogAlertsUrl(dev.id), 200, { value: [] });
}
