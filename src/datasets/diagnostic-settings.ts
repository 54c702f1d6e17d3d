import { z } from "zod";

/**
 * Azure Monitor diagnostic settings: the one shape every resource, the subscription activity log and
 * Entra ID use to say which logs go where, and the categories (with their groups) a resource offers.
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
