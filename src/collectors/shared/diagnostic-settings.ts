import { z } from "zod";
import type { DatasetDefinition } from "../../model/evidence.js";
import { armList, type CollectorContext } from "../collector.js";

/**
 * Azure Monitor diagnostic settings: the one shape every resource, the subscription activity log and
 * Entra ID use to say which logs go where. Shared by the collectors that read them.
 */

// GET /{resourceUri}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview
export const DiagnosticSettingSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  properties: z.object({
    workspaceId: z.string().nullable().optional(),
    storageAccountId: z.string().nullable().optional(),
    eventHubAuthorizationRuleId: z.string().nullable().optional(),
    marketplacePartnerId: z.string().nullable().optional(),
    logs: z
      .array(
        z.object({
          category: z.string().nullable().optional(),
          categoryGroup: z.string().nullable().optional(),
          enabled: z.boolean(),
        }),
      )
      .optional(),
  }),
});
export type DiagnosticSetting = z.infer<typeof DiagnosticSettingSchema>;
export type LogSelection = NonNullable<DiagnosticSetting["properties"]["logs"]>[number];

// GET /{resourceUri}/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview
export const DiagnosticCategorySchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  properties: z.object({
    categoryType: z.string().nullable().optional(),
    /** The groups ("audit", "allLogs") the category belongs to for this resource. */
    categoryGroups: z.array(z.string()).nullable().optional(),
  }),
});
export type DiagnosticCategory = z.infer<typeof DiagnosticCategorySchema>;

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
  request: { subscriptionId: string; resourceId: string; file: (name: string) => string; settings: DatasetDefinition; categories: DatasetDefinition },
): Promise<void> {
  const path = (api: string) => `${request.resourceId}/providers/Microsoft.Insights/${api}?api-version=${diagnosticSettingsApiVersion}`;
  const settings = await context.collect({
    dataset: request.settings,
    scope: request.resourceId,
    file: request.file("diagnostic-settings"),
    fetch: () => armList(context.access, request.subscriptionId, path("diagnosticSettings")),
  });
  if (settings.status !== "ok" || !needsCategoryListing(settings.value.map((item) => DiagnosticSettingSchema.parse(item)))) return;
  await context.collect({
    dataset: request.categories,
    scope: request.resourceId,
    file: request.file("diagnostic-categories"),
    fetch: () => armList(context.access, request.subscriptionId, path("diagnosticSettingsCategories")),
  });
}
