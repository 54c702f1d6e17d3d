import { queryWorkspace } from "../azure/log-query.js";
import {
  EntraDiagnosticSettingSchema,
  entraDiagnosticSettingsDataset,
  signInArrivalDataset,
  signInAuthenticationDataset,
  signInWorkspaceDataset,
  signInWorkspaces,
  WorkspaceSchema,
} from "../datasets/entra-sign-ins.js";
import { resourceName } from "../datasets/resource-id.js";
import { armGet, defineCollector, type CollectorContext } from "./collector.js";

/**
 * Sign-in evidence from Log Analytics: which workspaces receive Entra ID sign-in logs (Entra's own
 * diagnostic settings, or the workspaces the configuration names), whether records arrive, and how
 * each user authenticated over the last 30 days (AuthenticationRequirement).
 */

export const signInLookback = "P30D";

const arrivalQuery = "SigninLogs | summarize signIns = count(), newest = max(TimeGenerated), oldest = min(TimeGenerated)";
const authenticationQuery = [
  "SigninLogs",
  'extend succeeded = ResultType == "0"',
  "summarize signIns = count(), lastSignIn = max(TimeGenerated) by UserId, UserPrincipalName, AuthenticationRequirement, succeeded",
].join(" | ");

const entraDiagnosticSettingsApiVersion = "2017-04-01";
const workspaceApiVersion = "2022-10-01";

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
      fetch: async () =>
        ((await armGetVia(context, `/providers/microsoft.aadiam/diagnosticSettings?api-version=${entraDiagnosticSettingsApiVersion}`)) as { value?: unknown[] })
          .value ?? [],
    });
    const exported = settings.status === "ok" ? signInWorkspaces(settings.value.map((item) => EntraDiagnosticSettingSchema.parse(item))) : [];
    const workspaces = distinctIds([...exported, ...context.signInLogsWorkspaces]);
    for (const workspaceId of workspaces) {
      context.progress.step(`entra-sign-ins: sign-in records in workspace ${resourceName(workspaceId)}`);
      const workspace = await context.collect({
        dataset: signInWorkspaceDataset,
        scope: workspaceId,
        fetch: async () => [await armGetVia(context, `${workspaceId}?api-version=${workspaceApiVersion}`)],
      });
      if (workspace.status !== "ok") continue;
      const customerId = WorkspaceSchema.parse(workspace.value[0]).properties.customerId;
      await context.collect({
        dataset: signInArrivalDataset,
        scope: workspaceId,
        fetch: () => queryWorkspace(context.access, customerId, arrivalQuery, signInLookback),
      });
      await context.collect({
        dataset: signInAuthenticationDataset,
        scope: workspaceId,
        fetch: () => queryWorkspace(context.access, customerId, authenticationQuery, signInLookback),
      });
    }
  },
});
