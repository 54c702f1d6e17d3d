import { activityLogSettingsDataset } from "../datasets/log-analytics.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { describeDestination, destinationsOf, inWords, sendsCategory } from "./support/diagnostic-settings.js";

/** The activity-log categories that record who changed what, and security events. */
const required = ["Administrative", "Security"];

export const check = defineCheck({
  id: "activity-log-exported",
  title: "The subscription's activity log (administrative and security events) is exported to a destination",
  severity: "high",
  requires: [activityLogSettingsDataset],
  rationale:
    "Azure keeps the activity log for 90 days only; who changed access, networks or encryption on ePHI systems must be kept and reviewable beyond that.",
  remediation: {
    text: "Create a diagnostic setting for the subscription's activity log that sends at least the Administrative and Security categories to a Log Analytics workspace or an immutable storage account; Azure itself keeps activity log entries for 90 days only.",
    portal: "Monitor > Activity log > Export Activity Logs > Add diagnostic setting",
    source: "https://learn.microsoft.com/azure/azure-monitor/platform/activity-log",
  },
  evaluate({ evidence, subscriptions }) {
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const read = readAll(evidence, subscription.scope, { settings: activityLogSettingsDataset });
      if (!read.ok) return notEvaluated(subject, `Export of the activity log of ${subscription.displayName}`, read.dataset, read.failure);
      for (const { value, ref } of read.data.settings) {
        if (!required.every((category) => sendsCategory(value, category))) continue;
        const all = (value.properties.logs ?? []).some((log) => log.enabled && log.categoryGroup === "allLogs");
        const to = inWords(destinationsOf(value).map(describeDestination));
        return {
          status: "pass",
          ...subject,
          message: `Diagnostic setting "${value.name}" exports the activity log of subscription ${subscription.displayName} (${all ? "all categories" : required.join(" and ")}) to ${to}.`,
          evidence: [ref],
        };
      }
      return {
        status: "fail",
        ...subject,
        message: read.data.settings.length
          ? `No diagnostic setting of subscription ${subscription.displayName} exports both the Administrative and Security activity-log categories to a destination (${read.data.settings.length} setting(s) examined).`
          : `Subscription ${subscription.displayName} has no activity-log diagnostic setting: its activity log is kept 90 days by Azure and nowhere else.`,
        evidence: read.data.settings.length ? read.data.settings.map(({ ref }) => ref) : [{ file: read.sources.settings.file, pointer: "/value" }],
      };
    });
  },
});
