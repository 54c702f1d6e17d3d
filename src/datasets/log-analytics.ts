import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticSettingSchema } from "./diagnostic-settings.js";
import { QueryResponseSchema } from "./log-query-rows.js";
import { recordFile } from "./raw-files.js";

/**
 * Where audit logs are kept and for how long: Log Analytics workspaces and their tables (analytics
 * and total retention), the records the audit tables really hold (oldest and newest, which show how
 * far back the trail reaches and that it is still arriving), and each subscription's activity-log
 * diagnostic settings.
 */

// GET /subscriptions/{s}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01
// (arm-operationalinsights 9)
export const LogWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  properties: z.object({
    customerId: z.string().nullable().optional(),
    retentionInDays: z.number().nullable().optional(),
    sku: z.object({ name: z.string().nullable().optional() }).nullable().optional(),
    /** When the workspace was created: nothing older can be in it. */
    createdDate: z.string().nullable().optional(),
  }),
});
export type LogWorkspace = z.infer<typeof LogWorkspaceSchema>;

// GET {workspace}/tables?api-version=2022-10-01 (arm-operationalinsights 9)
export const LogTableSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Interactive (analytics) retention. */
    retentionInDays: z.number().nullable().optional(),
    /** Analytics plus long-term (archive) retention. */
    totalRetentionInDays: z.number().nullable().optional(),
    plan: z.string().nullable().optional(),
    /** Whether the analytics retention follows the workspace's: a boolean, the string "True"/"False" in older answers. */
    retentionInDaysAsDefault: z.union([z.boolean(), z.string()]).nullable().optional(),
  }),
});
export type LogTable = z.infer<typeof LogTableSchema>;

// GET /subscriptions/{s}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview:
// the same shape as a resource's diagnostic settings, without metrics.
export const ActivityLogSettingSchema = DiagnosticSettingSchema;

export const logWorkspacesDataset = defineDataset({
  id: "log-analytics/workspaces",
  collector: "log-analytics",
  title: "Log Analytics workspaces",
  scope: "subscription",
  item: LogWorkspaceSchema,
  permission: "Microsoft.OperationalInsights/workspaces/read (Reader)",
  rawFile: recordFile("log-analytics", "workspaces.json"),
});

export const logTablesDataset = defineDataset({
  id: "log-analytics/tables",
  collector: "log-analytics",
  title: "Log Analytics tables and their retention",
  scope: "resource",
  item: LogTableSchema,
  permission: "Microsoft.OperationalInsights/workspaces/tables/read (Reader)",
  rawFile: recordFile("log-analytics", "tables.json"),
});

export const activityLogSettingsDataset = defineDataset({
  id: "log-analytics/activity-log-settings",
  collector: "log-analytics",
  title: "Activity log diagnostic settings",
  scope: "subscription",
  item: ActivityLogSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
  rawFile: recordFile("log-analytics", "activity-log-settings.json"),
});

export const auditRecordsDataset = defineDataset({
  id: "log-analytics/audit-records",
  collector: "log-analytics",
  title: "Records in the audit tables (count, oldest, newest)",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
  rawFile: recordFile("log-analytics", "audit-records.json"),
});

// GET {workspace}/providers/Microsoft.SecurityInsights/onboardingStates?api-version=2024-09-01:
// a workspace with Microsoft Sentinel lists the state "default"; one without lists none.
export const SentinelOnboardingStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({ customerManagedKey: z.boolean().nullable().optional() }).nullable().optional(),
});
export type SentinelOnboardingState = z.infer<typeof SentinelOnboardingStateSchema>;

// GET {workspace}/providers/Microsoft.SecurityInsights/alertRules?api-version=2024-09-01 (analytics rules)
export const SentinelAlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Scheduled and NRT rules run a query; Fusion, MicrosoftSecurityIncidentCreation and others do not. */
  kind: z.string(),
  properties: z.object({
    displayName: z.string().nullable().optional(),
    /** Absent is unknown, never enabled. */
    enabled: z.boolean().nullable().optional(),
    query: z.string().nullable().optional(),
    severity: z.string().nullable().optional(),
    incidentConfiguration: z.object({ createIncident: z.boolean().nullable().optional() }).nullable().optional(),
  }),
});
export type SentinelAlertRule = z.infer<typeof SentinelAlertRuleSchema>;

export const sentinelOnboardingDataset = defineDataset({
  id: "log-analytics/sentinel-onboarding-states",
  collector: "log-analytics",
  title: "Microsoft Sentinel onboarding of the workspace",
  scope: "resource",
  item: SentinelOnboardingStateSchema,
  permission: "Microsoft.SecurityInsights/onboardingStates/read (Microsoft Sentinel Reader, or Reader)",
  rawFile: recordFile("log-analytics", "sentinel-onboarding-states.json"),
});

export const sentinelAlertRulesDataset = defineDataset({
  id: "log-analytics/sentinel-alert-rules",
  collector: "log-analytics",
  title: "Microsoft Sentinel analytics rules",
  scope: "resource",
  item: SentinelAlertRuleSchema,
  permission: "Microsoft.SecurityInsights/alertRules/read (Microsoft Sentinel Reader, or Reader)",
  rawFile: recordFile("log-analytics", "sentinel-alert-rules.json"),
});

/**
 * The tables that hold the audit trail this tool reports on: the activity log, Entra ID sign-ins
 * (interactive, non-interactive, service principal and managed identity) and directory audits, and
 * resource logs in both collection modes: AzureDiagnostics, and the resource-specific tables of Key
 * Vault, storage, SQL auditing and App Service.
 */
export const auditTables = [
  "AzureActivity",
  "SigninLogs",
  "AADNonInteractiveUserSignInLogs",
  "AADServicePrincipalSignInLogs",
  "AADManagedIdentitySignInLogs",
  "AuditLogs",
  "AzureDiagnostics",
  "AKVAuditLogs",
  "StorageBlobLogs",
  "SQLSecurityAuditEvents",
  "AppServiceAuditLogs",
];
