import { DiagnosticSettingSchema, type DiagnosticSetting } from "../../datasets/diagnostic-settings.js";
import type { DatasetDefinition } from "../../model/evidence.js";
import { armList, type CollectorContext } from "../collector.js";

/** Reading diagnostic settings, shared by the collectors of resources that have them. */

/**
 * arm-monitor 7 (the newest major that runs on Node 20) reads diagnostic settings at api-version
 * 2017-05-01-preview, which predates category groups ("audit", "allLogs"); a resource logging through
 * a category group would look unlogged. So calls go through the client's own pipeline (same auth,
 * retry, recorder) at the version that knows them.
 */
export const diagnosticSettingsApiVersion = "2021-05-01-preview";

/** allLogs is every category by definition; any other group's members depend on the resource type. */
export function needsCategoryListing(settings: readonly DiagnosticSetting[]): boolean {
  return settings.some((setting) => (setting.properties.logs ?? []).some((log) => log.enabled && log.categoryGroup && log.categoryGroup !== "allLogs"));
}

/**
 * Collects a resource's diagnostic settings and, when one of them selects logs by a category group
 * other than allLogs, the resource's diagnostic categories: which categories "audit" holds differs
 * between resource types and is not documented for all of them, so Azure itself is asked.
 */
export async function collectDiagnostics(
  context: CollectorContext,
  request: { subscriptionId: string; resourceId: string; settings: DatasetDefinition; categories: DatasetDefinition },
): Promise<void> {
  const path = (api: string) => `${request.resourceId}/providers/Microsoft.Insights/${api}?api-version=${diagnosticSettingsApiVersion}`;
  const settings = await context.collect({
    dataset: request.settings,
    scope: request.resourceId,
    fetch: () => armList(context.access, request.subscriptionId, path("diagnosticSettings")),
  });
  if (settings.status !== "ok" || !needsCategoryListing(settings.value.map((item) => DiagnosticSettingSchema.parse(item)))) return;
  await context.collect({
    dataset: request.categories,
    scope: request.resourceId,
    fetch: () => armList(context.access, request.subscriptionId, path("diagnosticSettingsCategories")),
  });
}
