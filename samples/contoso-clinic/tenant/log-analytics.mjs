// Log Analytics retention and the activity log: per subscription, where the activity log goes, the
// workspaces with their table retention, one query per workspace over its audit tables, and
// Microsoft Sentinel's analytics rules where a workspace has Sentinel.
// Clinic-Prod exports its activity log to the security workspace (90 days, audit tables kept six
// years, 2191 days). Clinic-Dev exports to its own sandbox workspace, which keeps data only 30 days.
import { dev, devWorkspace, principals, prod, securityWorkspace, securityWorkspaceCustomerId } from "./clinic.mjs";
import { arm, logAnalytics } from "./recording.mjs";

const devWorkspaceCustomerId = "d3e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5f";
const activitySetting = (subscriptionId, workspaceId) => ({
  id: `/subscriptions/${subscriptionId}/providers/microsoft.insights/diagnosticSettings/activity-log-export`,
  type: "Microsoft.Insights/diagnosticSettings",
  name: "activity-log-export",
  properties: {
    storageAccountId: null,
    serviceBusRuleId: null,
    eventHubAuthorizationRuleId: null,
    eventHubName: null,
    workspaceId,
    logAnalyticsDestinationType: null,
    logs: ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"].map((category) => ({
      category,
      enabled: ["Administrative", "Security", "Policy", "Alert"].includes(category),
    })),
  },
});
const logWorkspace = (id, retentionInDays, customerId, createdDate) => ({
  id,
  name: id.split("/").pop(),
  type: "Microsoft.OperationalInsights/workspaces",
  location: "eastus2",
  properties: {
    provisioningState: "Succeeded",
    customerId,
    sku: { name: "PerGB2018" },
    retentionInDays,
    workspaceCapping: { dailyQuotaGb: -1 },
    createdDate,
    modifiedDate: "2026-03-02T10:14:37.2210417Z",
  },
});
const logTable = (workspaceId, name, retentionInDays, totalRetentionInDays) => ({
  id: `${workspaceId}/tables/${name}`,
  name,
  properties: {
    retentionInDays,
    totalRetentionInDays,
    archiveRetentionInDays: totalRetentionInDays - retentionInDays,
    plan: "Analytics",
    retentionInDaysAsDefault: false,
    totalRetentionInDaysAsDefault: totalRetentionInDays === retentionInDays,
  },
});
const logAnswers = {
  [prod.id]: {
    setting: activitySetting(prod.id, securityWorkspace),
    workspaces: [logWorkspace(securityWorkspace, 90, securityWorkspaceCustomerId, "2024-01-22T15:41:09.8820312Z")],
    tables: {
      [securityWorkspace]: ["AzureActivity", "SigninLogs", "AuditLogs", "AzureDiagnostics", "AKVAuditLogs"].map((name) =>
        logTable(securityWorkspace, name, 90, 2191),
      ),
    },
  },
  [dev.id]: {
    setting: activitySetting(dev.id, devWorkspace),
    workspaces: [logWorkspace(devWorkspace, 30, devWorkspaceCustomerId, "2025-06-09T08:02:55.1092231Z")],
    tables: { [devWorkspace]: [logTable(devWorkspace, "AzureActivity", 30, 30)] },
  },
};
// What the audit tables really hold, in one query per workspace over the longest retention Log
// Analytics offers. The security workspace reaches back its 90 days in every table; the sandbox's
// query is planted to come back with a partial error (HTTP 200, the rows it managed, and an "error").
const recordsColumns = [
  { name: "Type", type: "string" },
  { name: "records", type: "long" },
  { name: "oldest", type: "datetime" },
  { name: "newest", type: "datetime" },
];
const auditRecords = {
  [securityWorkspace]: {
    customerId: securityWorkspaceCustomerId,
    body: {
      tables: [
        {
          name: "PrimaryResult",
          columns: recordsColumns,
          rows: [
            ["AzureActivity", 61877, "2026-08-22T14:21:36.481Z", "2026-11-20T13:57:02.118Z"],
            ["SigninLogs", 16302, "2026-08-22T14:40:11.907Z", "2026-11-20T13:58:41.117Z"],
            ["AuditLogs", 2218, "2026-08-22T16:02:48.335Z", "2026-11-20T11:16:27.540Z"],
            ["AzureDiagnostics", 9411, "2026-08-22T14:05:19.266Z", "2026-11-20T13:51:40.029Z"],
            ["AKVAuditLogs", 28120, "2026-08-22T14:12:03.774Z", "2026-11-20T13:59:30.642Z"],
          ],
        },
      ],
    },
  },
  [devWorkspace]: {
    customerId: devWorkspaceCustomerId,
    body: {
      tables: [{ name: "PrimaryResult", columns: recordsColumns, rows: [["AzureActivity", 412, "2026-11-02T06:31:54.208Z", "2026-11-20T12:44:09.371Z"]] }],
      error: {
        code: "PartialError",
        message: "There were some errors when processing your query.",
        details: [
          {
            code: "EngineError",
            message: "Something went wrong processing your query on the server.",
            innererror: {
              code: "-2133196797",
              message: "Partial query failure: one of the workspace's storage partitions did not answer in time.",
              severity: 2,
              severityName: "Error",
            },
          },
        ],
      },
    },
  },
};

// Microsoft Sentinel runs on the security workspace (shapes: GetAllSentinelOnboardingStates.json and
// GetAllAlertRules.json of SecurityInsights 2024-09-01). Besides the Azure Monitor alert rule of
// alert-rules.mjs, one scheduled analytics rule raises an incident when an emergency access account
// signs in. The sandbox workspace has no Sentinel.
const sentinel = (workspaceId) => `${arm}${workspaceId}/providers/Microsoft.SecurityInsights`;
const sentinelOnboarding = {
  [securityWorkspace]: [
    {
      id: `${securityWorkspace}/providers/Microsoft.SecurityInsights/onboardingStates/default`,
      name: "default",
      type: "Microsoft.SecurityInsights/onboardingStates",
      properties: { customerManagedKey: false },
    },
  ],
  [devWorkspace]: [],
};
const analyticsRuleName = "5c0e1b2a-7d3f-4e8a-9b1c-2d3e4f5a6b7c";
const sentinelRules = {
  [securityWorkspace]: [
    {
      id: `${securityWorkspace}/providers/Microsoft.SecurityInsights/alertRules/${analyticsRuleName}`,
      name: analyticsRuleName,
      type: "Microsoft.SecurityInsights/alertRules",
      kind: "Scheduled",
      etag: '"6a01c3d2-0000-0100-0000-66f1a2b30000"',
      properties: {
        alertRuleTemplateName: null,
        displayName: "Emergency access account sign-in",
        description: "Any sign-in by an emergency access account opens an incident for the security on-call.",
        severity: "High",
        enabled: true,
        tactics: ["InitialAccess", "PrivilegeEscalation"],
        query: `SigninLogs | where UserPrincipalName in~ ("${principals.breakGlass1.upn}", "${principals.breakGlass2.upn}")`,
        queryFrequency: "PT5M",
        queryPeriod: "PT5M",
        triggerOperator: "GreaterThan",
        triggerThreshold: 0,
        suppressionDuration: "PT5H",
        suppressionEnabled: false,
        lastModifiedUtc: "2025-10-06T09:40:12Z",
        eventGroupingSettings: { aggregationKind: "AlertPerResult" },
        customDetails: null,
        entityMappings: [{ entityType: "Account", fieldMappings: [{ identifier: "FullName", columnName: "UserPrincipalName" }] }],
        alertDetailsOverride: null,
        incidentConfiguration: {
          createIncident: true,
          groupingConfiguration: {
            enabled: false,
            reopenClosedIncident: false,
            lookbackDuration: "PT5H",
            matchingMethod: "AllEntities",
            groupByEntities: [],
            groupByAlertDetails: [],
            groupByCustomDetails: [],
          },
        },
      },
    },
  ],
};

export function recordLogAnalytics({ record }) {
  for (const { id } of [prod, dev]) {
    const answers = logAnswers[id];
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
      value: [answers.setting],
    });
    record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01`, 200, { value: answers.workspaces });
    for (const item of answers.workspaces) {
      const tables = answers.tables[item.id];
      record("GET", `${arm}${item.id}/tables?api-version=2022-10-01`, 200, { value: tables });
      const { customerId, body } = auditRecords[item.id];
      const query = `union isfuzzy=true ${tables.map((table) => table.name).join(", ")} | summarize records = count(), oldest = min(TimeGenerated), newest = max(TimeGenerated) by Type`;
      record("POST", `${logAnalytics}/workspaces/${customerId}/query`, 200, body, { requestBody: { query, timespan: "P4383D" } });
      record("GET", `${sentinel(item.id)}/onboardingStates?api-version=2024-09-01`, 200, { value: sentinelOnboarding[item.id] });
      if (sentinelOnboarding[item.id].length > 0)
        record("GET", `${sentinel(item.id)}/alertRules?api-version=2024-09-01`, 200, { value: sentinelRules[item.id] });
    }
  }
}
