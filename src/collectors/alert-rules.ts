import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armList, defineCollector } from "./collector.js";

/** Azure Monitor log search alert rules (scheduled query rules) per subscription. */

// GET /subscriptions/{s}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview
export const ScheduledQueryRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    displayName: z.string().nullable().optional(),
    /** A boolean in this API version; legacy rules surfaced through older versions used "true"/"false". */
    enabled: z.union([z.boolean(), z.enum(["true", "false"])]).nullable().optional(),
    severity: z.number().nullable().optional(),
    scopes: z.array(z.string()).nullable().optional(),
    evaluationFrequency: z.string().nullable().optional(),
    criteria: z.object({ allOf: z.array(z.object({ query: z.string().nullable().optional() })).nullable().optional() }).nullable().optional(),
    actions: z.object({ actionGroups: z.array(z.string()).nullable().optional() }).nullable().optional(),
  }),
});
export type ScheduledQueryRule = z.infer<typeof ScheduledQueryRuleSchema>;

export const scheduledQueryRulesDataset = defineDataset({
  id: "alert-rules/scheduled-query-rules",
  collector: "alert-rules",
  title: "Log search alert rules",
  scope: "subscription",
  item: ScheduledQueryRuleSchema,
  permission: "Microsoft.Insights/scheduledQueryRules/read (Reader or Monitoring Reader)",
});

/** arm-monitor 7 on Node 20 has no client for this API version, so the call goes through its pipeline. */
const scheduledQueryRulesApiVersion = "2023-03-15-preview";

/** Enabled means the boolean true or the legacy string "true"; anything else, absent included, is not. */
export function isEnabledRule(rule: ScheduledQueryRule): boolean {
  return rule.properties.enabled === true || rule.properties.enabled === "true";
}

export const alertRulesCollector = defineCollector({
  id: "alert-rules",
  title: "Azure Monitor alert rules",
  datasets: [scheduledQueryRulesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`alert-rules: log search alert rules in ${subscription.displayName}`);
      await context.collect({
        dataset: scheduledQueryRulesDataset,
        scope: subscription.scope,
        file: `raw/alert-rules/${subscription.subscriptionId}/scheduled-query-rules.json`,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Insights/scheduledQueryRules?api-version=${scheduledQueryRulesApiVersion}`),
      });
    }
  },
});
