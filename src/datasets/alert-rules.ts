import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

/** Azure Monitor alert rules per subscription: log search rules (scheduled queries) and activity-log alerts. */

// GET /subscriptions/{s}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview
export const ScheduledQueryRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    displayName: z.string().nullable().optional(),
    /** A boolean in this API version; legacy rules surfaced through older versions used "true"/"false". */
    enabled: z
      .union([z.boolean(), z.enum(["true", "false"])])
      .nullable()
      .optional(),
    severity: z.number().nullable().optional(),
    scopes: z.array(z.string()).nullable().optional(),
    evaluationFrequency: z.string().nullable().optional(),
    criteria: z
      .object({
        allOf: z
          .array(z.object({ query: z.string().nullable().optional() }))
          .nullable()
          .optional(),
      })
      .nullable()
      .optional(),
    actions: z
      .object({ actionGroups: z.array(z.string()).nullable().optional() })
      .nullable()
      .optional(),
  }),
});
export type ScheduledQueryRule = z.infer<typeof ScheduledQueryRuleSchema>;

/** A leaf condition of an activity-log alert: a field equal to a value, or to any of several. */
const LeafConditionSchema = z.object({
  field: z.string().nullable().optional(),
  equals: z.string().nullable().optional(),
  containsAny: z.array(z.string()).nullable().optional(),
});

// GET /subscriptions/{s}/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01
export const ActivityLogAlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    /** Resource ids the rule watches, as prefixes; Azure's examples write them without the leading "/". */
    scopes: z.array(z.string()),
    /** Every allOf entry must hold: a leaf, or anyOf (a list of leaves, one of which must hold). */
    condition: z.object({ allOf: z.array(LeafConditionSchema.extend({ anyOf: z.array(LeafConditionSchema).nullable().optional() })) }),
    actions: z
      .object({
        actionGroups: z
          .array(z.object({ actionGroupId: z.string() }))
          .nullable()
          .optional(),
      })
      .nullable()
      .optional(),
    /** The API defaults it to true on creation; an answer without it is not taken as enabled. */
    enabled: z.boolean().nullable().optional(),
    description: z.string().nullable().optional(),
  }),
});
export type ActivityLogAlert = z.infer<typeof ActivityLogAlertSchema>;

export const scheduledQueryRulesDataset = defineDataset({
  id: "alert-rules/scheduled-query-rules",
  collector: "alert-rules",
  title: "Log search alert rules",
  scope: "subscription",
  item: ScheduledQueryRuleSchema,
  permission: "Microsoft.Insights/scheduledQueryRules/read (Reader or Monitoring Reader)",
  rawFile: recordFile("alert-rules", "scheduled-query-rules.json"),
});

export const activityLogAlertsDataset = defineDataset({
  id: "alert-rules/activity-log-alerts",
  collector: "alert-rules",
  title: "Activity log alert rules",
  scope: "subscription",
  item: ActivityLogAlertSchema,
  permission: "Microsoft.Insights/activityLogAlerts/read (Reader or Monitoring Reader)",
  rawFile: recordFile("alert-rules", "activity-log-alerts.json"),
});

/** Enabled means the boolean true or the legacy string "true"; anything else, absent included, is not. */
export function isEnabledRule(rule: ScheduledQueryRule): boolean {
  return rule.properties.enabled === true || rule.properties.enabled === "true";
}
