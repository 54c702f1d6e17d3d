import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticSettingSchema, type DiagnosticSetting } from "./diagnostic-settings.js";
import { QueryResponseSchema } from "./log-query-rows.js";
import { recordFile } from "./raw-files.js";

/**
 * Sign-in evidence from Log Analytics: which workspaces receive Entra ID sign-in logs (Entra's own
 * diagnostic settings, or the workspaces the configuration names), whether records arrive, and how
 * each user authenticated over the last 30 days (AuthenticationRequirement).
 */

// GET /providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01 (tenant scope): the
// diagnostic-setting shape, with Entra's categories (SignInLogs, AuditLogs, ...).
export const EntraDiagnosticSettingSchema = DiagnosticSettingSchema;
export type EntraDiagnosticSetting = DiagnosticSetting;

// GET {workspace id}?api-version=2022-10-01
export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** The workspace's GUID, which queries address; the ARM id does not work there. */
    customerId: z.string(),
    retentionInDays: z.number().nullable().optional(),
  }),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const entraDiagnosticSettingsDataset = defineDataset({
  id: "entra-sign-ins/diagnostic-settings",
  collector: "entra-sign-ins",
  title: "Entra ID diagnostic settings (where sign-in and audit logs are sent)",
  scope: "tenant",
  item: EntraDiagnosticSettingSchema,
  permission:
    "microsoft.aadiam/diagnosticSettings/read: an Entra ID role such as Security Reader; this API does not accept service principals, so name the workspace in signInLogsWorkspaces instead",
  rawFile: recordFile("entra-sign-ins", "diagnostic-settings.json"),
});

export const signInWorkspaceDataset = defineDataset({
  id: "entra-sign-ins/workspace",
  collector: "entra-sign-ins",
  title: "Log Analytics workspace receiving sign-in logs",
  scope: "resource",
  item: WorkspaceSchema,
  permission: "Microsoft.OperationalInsights/workspaces/read (Reader)",
  rawFile: recordFile("entra-sign-ins", "workspace.json"),
});

export const signInArrivalDataset = defineDataset({
  id: "entra-sign-ins/arrival",
  collector: "entra-sign-ins",
  title: "Sign-in log records in the workspace (newest, oldest, count over 30 days)",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
  rawFile: recordFile("entra-sign-ins", "sign-in-arrival.json"),
});

export const signInAuthenticationDataset = defineDataset({
  id: "entra-sign-ins/authentication",
  collector: "entra-sign-ins",
  title: "Sign-ins per user over 30 days, by authentication requirement",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
  rawFile: recordFile("entra-sign-ins", "sign-in-authentication.json"),
});

/** Workspaces Entra sends SignInLogs to (by name or through allLogs, which holds every category), by ARM id. */
export function signInWorkspaces(settings: readonly EntraDiagnosticSetting[]): string[] {
  return settings
    .filter((setting) => (setting.properties.logs ?? []).some((log) => log.enabled && (log.category === "SignInLogs" || log.categoryGroup === "allLogs")))
    .flatMap((setting) => (setting.properties.workspaceId ? [setting.properties.workspaceId] : []));
}
