import { resourceName } from "../datasets/resource-id.js";
import { activityLogAlertsDataset, isEnabledRule, scheduledQueryRulesDataset, type ActivityLogAlert } from "../datasets/alert-rules.js";
import type { Located } from "../model/evidence.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { inWords } from "./support/diagnostic-settings.js";

/**
 * The activity-log event a role assignment leaves, as the fields activity-log alert conditions test
 * (compared without regard to case). A condition on any other field (caller, resource group,
 * properties.*) narrows the rule to some changes only, so such a rule does not count.
 */
const roleAssignmentEvent: Readonly<Record<string, readonly string[]>> = {
  category: ["administrative"],
  operationname: ["microsoft.authorization/roleassignments/write"],
  resourcetype: ["microsoft.authorization/roleassignments"],
  resourceprovider: ["microsoft.authorization"],
  level: ["informational"],
  // The write is logged as Started, then Succeeded (or Failed).
  status: ["started", "succeeded"],
};

type Leaf = { field?: string | null | undefined; equals?: string | null | undefined; containsAny?: readonly string[] | null | undefined };

function leafHolds(leaf: Leaf): boolean {
  const values = roleAssignmentEvent[(leaf.field ?? "").toLowerCase()];
  if (!values) return false;
  const wanted = [...(leaf.equals ? [leaf.equals] : []), ...(leaf.containsAny ?? [])].map((value) => value.toLowerCase());
  return wanted.some((value) => values.includes(value));
}

/** Whether every condition of the rule holds for a role assignment being written. */
function firesOnRoleAssignment(rule: ActivityLogAlert): boolean {
  return rule.properties.condition.allOf.every((condition) => (condition.anyOf ? condition.anyOf.some(leafHolds) : leafHolds(condition)));
}

/** Scopes are resource-id prefixes; only the whole subscription (not one resource group) covers every assignment. */
function watchesSubscription(rule: ActivityLogAlert, subscriptionScope: string): boolean {
  return rule.properties.scopes.some((scope) => `/${scope.replace(/^\/+/, "")}`.toLowerCase() === subscriptionScope.toLowerCase());
}

const actionGroupsOf = (rule: ActivityLogAlert) => (rule.properties.actions?.actionGroups ?? []).map((group) => resourceName(group.actionGroupId));

export const check = defineCheck({
  id: "activity-log-alert-role-changes",
  title: "An enabled alert rule notifies someone whenever a role assignment changes in the subscription",
  severity: "medium",
  requires: [activityLogAlertsDataset],
  alsoReads: [scheduledQueryRulesDataset],
  rationale:
    "Granting a role is how access to ePHI systems is established or widened, by administrators or by an intruder; reviewing activity means someone hears of each new role assignment, not only that the activity log records it.",
  remediation: {
    text: "Create an activity log alert rule on the subscription whose condition is the Administrative operation Microsoft.Authorization/roleAssignments/write, with an action group that notifies the security team; a log search alert on AzureActivity for the same operation also serves.",
    portal:
      "Monitor > Alerts > + Create > Alert rule: scope the subscription; Condition: the activity log signal for Microsoft.Authorization/roleAssignments/write; Actions: an action group",
    source: "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule",
  },
  evaluate({ evidence, subscriptions }) {
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const read = readAll(evidence, subscription.scope, { alerts: activityLogAlertsDataset });
      if (!read.ok) return notEvaluated(subject, `Alerting on role changes in subscription ${subscription.displayName}`, read.dataset, read.failure);
      const candidates = read.data.alerts.filter(
        ({ value }) => watchesSubscription(value, subscription.scope) && firesOnRoleAssignment(value) && actionGroupsOf(value).length > 0,
      );
      const enabled = candidates.find(({ value }) => value.properties.enabled === true);
      if (enabled) {
        return {
          status: "pass",
          ...subject,
          message: `Activity-log alert "${enabled.value.name}" notifies ${inWords(actionGroupsOf(enabled.value).map((group) => `action group ${group}`))} when a role assignment is written in subscription ${subscription.displayName}.`,
          evidence: [enabled.ref],
        };
      }
      // A log search rule on AzureActivity for the same operation does the same job.
      const rules = evidence.read(scheduledQueryRulesDataset, subscription.scope);
      const searching = rules.ok
        ? rules.items.find(({ value }) => {
            const queries = (value.properties.criteria?.allOf ?? []).map((criterion) => (criterion.query ?? "").toLowerCase());
            return (
              isEnabledRule(value) &&
              (value.properties.actions?.actionGroups ?? []).length > 0 &&
              queries.some((query) => query.includes("azureactivity") && query.includes("roleassignments/write"))
            );
          })
        : undefined;
      if (searching) {
        return {
          status: "pass",
          ...subject,
          message: `Log search alert "${searching.value.name}" notifies an action group when a role assignment is written in subscription ${subscription.displayName}.`,
          evidence: [searching.ref],
        };
      }
      const undecided: Located<ActivityLogAlert> | undefined = candidates.find(
        ({ value }) => value.properties.enabled === undefined || value.properties.enabled === null,
      );
      if (undecided) {
        return {
          status: "error",
          ...subject,
          message: `Whether activity-log alert "${undecided.value.name}" watches role assignments in subscription ${subscription.displayName} is unknown: it does not report whether it is enabled.`,
          evidence: [undecided.ref],
          error: { call: read.sources.alerts.calls[0] ?? read.sources.alerts.file, status: 200, message: "enabled not reported", reason: "incomplete-data" },
        };
      }
      if (!rules.ok)
        return notEvaluated(
          subject,
          `Alerting on role changes in subscription ${subscription.displayName} (no activity-log alert covers it)`,
          scheduledQueryRulesDataset,
          rules,
        );
      const examined = `${read.data.alerts.length} activity-log alert(s) and ${rules.items.length} log search rule(s) examined`;
      return {
        status: "fail",
        ...subject,
        message: `No enabled alert rule notifies anyone when a role assignment is written in subscription ${subscription.displayName} (${examined}).`,
        evidence: [
          ...read.data.alerts.map(({ ref }) => ref),
          ...rules.items.map(({ ref }) => ref),
          ...(read.data.alerts.length + rules.items.length === 0 ? [{ file: read.sources.alerts.file, pointer: "/value" }] : []),
        ],
      };
    });
  },
});
