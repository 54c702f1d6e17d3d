import { activityLogAlertsDataset, scheduledQueryRulesDataset } from "../datasets/alert-rules.js";
import { armList, defineCollector } from "./collector.js";

/** Azure Monitor alert rules per subscription: log search rules (scheduled queries) and activity-log alerts. */

/**
 * arm-monitor 7 on Node 20 has no client for the scheduled query rules version, and reads activity-log
 * alerts at 2017-04-01, before anyOf and containsAny; both go through its pipeline at current versions.
 */
const scheduledQueryRulesApiVersion = "2023-03-15-preview";
const activityLogAlertsApiVersion = "2020-10-01";

export const alertRulesCollector = defineCollector({
  id: "alert-rules",
  title: "Azure Monitor alert rules",
  datasets: [scheduledQueryRulesDataset, activityLogAlertsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`alert-rules: log search and activity-log alert rules in ${subscription.displayName}`);
      const list = (path: string) => () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Insights/${path}`);
      await context.collect({
        dataset: scheduledQueryRulesDataset,
        scope: subscription.scope,
        fetch: list(`scheduledQueryRules?api-version=${scheduledQueryRulesApiVersion}`),
      });
      await context.collect({
        dataset: activityLogAlertsDataset,
        scope: subscription.scope,
        fetch: list(`activityLogAlerts?api-version=${activityLogAlertsApiVersion}`),
      });
    }
  },
});
