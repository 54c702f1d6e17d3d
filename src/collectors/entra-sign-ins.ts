import { z } from "zod";
import { QueryResponseSchema, queryWorkspace } from "../azure/log-query.js";
import { parseResourceId } from "../azure/resource-id.js";
import { defineDataset } from "../model/evidence.js";
import { armGet, defineCollector, type CollectorContext } from "./collector.js";
import { DiagnosticSettingSchema, type DiagnosticSetting } from "./shared/diagnostic-settings.js";

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
  permission: "microsoft.aadiam/diagnosticSettings/read: an Entra ID role such as Security Reader; this API does not accept service principals, so name the workspace in signInLogsWorkspaces instead",
});

export const signInWorkspaceDataset = defineDataset({
  id: "entra-sign-ins/workspace",
  collector: "entra-sign-ins",
  title: "Log Analytics workspace receiving sign-in logs",
  scope: "resource",
  item: WorkspaceSchema,
  permission: "Microsoft.OperationalInsights/workspaces/read (Reader)",
});

export const signInArrivalDataset = defineDataset({
  id: "entra-sign-ins/arrival",
  collector: "entra-sign-ins",
  title: "Sign-in log records in the workspace (newest, oldest, count over 30 days)",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
});

export const signInAuthenticationDataset = defineDataset({
  id: "entra-sign-ins/authentication",
  collector: "entra-sign-ins",
  title: "Sign-ins per user over 30 days, by authentication requirement",
  scope: "resource",
  item: QueryResponseSchema,
  permission: "Microsoft.OperationalInsights/workspaces/query/read (Log Analytics Reader)",
});

export const signInLookback = "P30D";

const arrivalQuery = "SigninLogs | summarize signIns = count(), newest = max(TimeGenerated), oldest = min(TimeGenerated)";
const authenticationQuery = [
  "SigninLogs",
  'extend succeeded = ResultType == "0"',
  "summarize signIns = count(), lastSignIn = max(TimeGenerated) by UserId, UserPrincipalName, AuthenticationRequirement, succeeded",
].join(" | ");

const entraDiagnosticSettingsApiVersion = "2017-04-01";
const workspaceApiVersion = "2022-10-01";

/** Workspaces Entra sends SignInLogs to (by name or through allLogs, which holds every category), by ARM id. */
export function signInWorkspaces(settings: readonly EntraDiagnosticSetting[]): string[] {
  return settings
    .filter((setting) => setting.properties.workspaceId && (setting.properties.logs ?? []).some((log) => log.enabled && (log.category === "SignInLogs" || log.categoryGroup === "allLogs")))
    .map((setting) => setting.properties.workspaceId!);
}

/** ARM ids are case-insensitive: the same workspace named twice is queried once, as first written. */
function distinctIds(ids: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const id of ids) if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), id);
  return [...seen.values()];
}

/** Tenant-level and workspace calls go through the pipeline of the first subscription's client. */
function armGetVia(context: CollectorContext, path: string): Promise<unknown> {
  const subscription = context.subscriptions[0];
  if (!subscription) throw new Error("no subscription in scope to send the request through");
  return armGet(context.access, subscription.subscriptionId, path);
}

export const entraSignInsCollector = defineCollector({
  id: "entra-sign-ins",
  title: "Entra ID sign-in logs in Log Analytics",
  datasets: [entraDiagnosticSettingsDataset, signInWorkspaceDataset, signInArrivalDataset, signInAuthenticationDataset],
  async collect(context) {
    const tenant = `/tenants/${context.tenantId}`;
    context.progress.step("entra-sign-ins: where Entra ID sends its sign-in logs");
    const settings = await context.collect({
      dataset: entraDiagnosticSettingsDataset,
      scope: tenant,
      file: "raw/entra-sign-ins/diagnostic-settings.json",
      fetch: async () => ((await armGetVia(context, `/providers/microsoft.aadiam/diagnosticSettings?api-version=${entraDiagnosticSettingsApiVersion}`)) as { value?: unknown[] }).value ?? [],
    });
    const exported = settings.status === "ok" ? signInWorkspaces(settings.value.map((item) => EntraDiagnosticSettingSchema.parse(item))) : [];
    const workspaces = distinctIds([...exported, ...context.signInLogsWorkspaces]);
    for (const workspaceId of workspaces) {
      const name = workspaceId.split("/").pop() ?? workspaceId;
      // Workspace names repeat across resource groups and subscriptions; the id's parts keep folders apart.
      const parts = parseResourceId(workspaceId);
      const folder = parts ? `raw/entra-sign-ins/${parts.subscriptionId}/${parts.resourceGroup ?? "-"}/${name}` : `raw/entra-sign-ins/${workspaceId.replace(/[^A-Za-z0-9._-]+/g, "_")}`;
      context.progress.step(`entra-sign-ins: sign-in records in workspace ${name}`);
      const workspace = await context.collect({
        dataset: signInWorkspaceDataset,
        scope: workspaceId,
        file: `${folder}/workspace.json`,
        fetch: async () => [await armGetVia(context, `${workspaceId}?api-version=${workspaceApiVersion}`)],
      });
      if (workspace.status !== "ok") continue;
      const customerId = WorkspaceSchema.parse(workspace.value[0]).properties.customerId;
      await context.collect({ dataset: signInArrivalDataset, scope: workspaceId, file: `${folder}/sign-in-arrival.json`, fetch: () => queryWorkspace(context.access, customerId, arrivalQuery, signInLookback) });
      await context.collect({ dataset: signInAuthenticationDataset, scope: workspaceId, file: `${folder}/sign-in-authentication.json`, fetch: () => queryWorkspace(context.access, customerId, authenticationQuery, signInLookback) });
    }
  },
});
