import { securityAlertsDataset } from "../datasets/defender.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";

const day = 24 * 60 * 60 * 1000;

export const check = defineCheck({
  id: "defender-high-alerts-handled",
  title: "No high-severity Defender for Cloud alert stays active beyond the configured number of days",
  severity: "high",
  requires: [securityAlertsDataset],
  rationale:
    "A high-severity alert left active for days means a suspected incident was neither resolved nor dismissed: the response and reporting the procedure promises did not happen.",
  remediation: {
    text: "Investigate each listed alert, record what was found in the incident log, then set the alert's status to resolved or dismissed.",
    portal: "Microsoft Defender for Cloud > Security alerts > (alert) > View full details > Take action; then Change status",
    source: "https://learn.microsoft.com/azure/defender-for-cloud/managing-and-responding-alerts",
  },
  evaluate({ evidence, subscriptions, settings, collectedAt }) {
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const subject = subscriptionSubject(subscription);
      const read = readAll(evidence, subscription.scope, { alerts: securityAlertsDataset });
      if (!read.ok) return [notEvaluated(subject, `Defender alerts of subscription ${subscription.displayName}`, read.dataset, read.failure)];
      const outcomes: CheckOutcome[] = [];
      for (const { value, ref } of read.data.alerts) {
        if (value.properties.severity !== "High" || value.properties.status !== "Active") continue;
        const raised = value.properties.startTimeUtc ?? value.properties.timeGeneratedUtc;
        const name = value.properties.alertDisplayName ?? value.name;
        const alertSubject = { resourceId: value.id, resourceName: name };
        if (!raised) {
          outcomes.push({
            status: "error",
            ...alertSubject,
            message: `How long the active high-severity alert "${name}" has been open is unknown: it reports no time.`,
            evidence: [ref],
            error: { call: read.sources.alerts.calls[0] ?? read.sources.alerts.file, status: 200, message: "no alert time", reason: "incomplete-data" },
          });
          continue;
        }
        const days = Math.floor((collectedAt.getTime() - new Date(raised).getTime()) / day);
        if (days > settings.activeAlertDays) {
          outcomes.push({
            status: "fail",
            ...alertSubject,
            message: `High-severity alert "${name}"${value.properties.compromisedEntity ? ` on ${value.properties.compromisedEntity}` : ""} in subscription ${subscription.displayName} has been active for ${days} days (more than ${settings.activeAlertDays}).`,
            evidence: [ref],
          });
        }
      }
      if (outcomes.length === 0) {
        outcomes.push({
          status: "pass",
          ...subject,
          message: `No high-severity Defender alert in subscription ${subscription.displayName} has been active for more than ${settings.activeAlertDays} days (${read.data.alerts.length} alert(s) examined).`,
          evidence: [{ file: read.sources.alerts.file, pointer: "/value" }],
        });
      }
      return outcomes;
    });
  },
});
