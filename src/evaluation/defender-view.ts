import { healthcareStandardName, planFor } from "../checks/support/defender.js";
import {
  autoProvisioningDataset,
  complianceStandardsDataset,
  pricingsDataset,
  resourcesDataset,
  secureScoresDataset,
  securityAlertsDataset,
  securityContactsDataset,
} from "../datasets/defender.js";
import type { DefenderRow } from "../model/assessment.js";
import type { EvidenceReader, SubscriptionInScope } from "../model/evidence.js";
import { notCollected } from "./view-words.js";

/**
 * The summary's Defender for Cloud table, one row per subscription: the plans set against the
 * resource types in use, the secure score, the healthcare assessment, who is told about alerts, the
 * alerts still active and the auto-provisioning setting. It states what the evidence holds; the
 * verdicts are the Defender checks' findings.
 */
export function defenderView(evidence: EvidenceReader, subscriptions: readonly SubscriptionInScope[]): DefenderRow[] {
  return subscriptions.map((subscription): DefenderRow => {
    const at = subscription.scope;
    const resources = evidence.read(resourcesDataset, at);
    const pricings = evidence.read(pricingsDataset, at);
    let plansOn = "";
    let plansOff = "";
    if (!resources.ok || !pricings.ok) {
      plansOn = notCollected(!resources.ok ? resources : (pricings as Extract<typeof pricings, { ok: false }>));
    } else {
      const inUse = new Map<string, number>();
      for (const { value } of resources.items) {
        const plan = planFor[value.type.toLowerCase()];
        if (plan) inUse.set(plan, (inUse.get(plan) ?? 0) + 1);
      }
      const tier = (plan: string) => pricings.items.find(({ value }) => value.name.toLowerCase() === plan.toLowerCase())?.value.properties.pricingTier;
      const sorted = [...inUse].sort(([a], [b]) => a.localeCompare(b));
      plansOn =
        sorted
          .filter(([plan]) => tier(plan) === "Standard")
          .map(([plan, count]) => `${plan} (${count})`)
          .join("\n") || "none";
      plansOff =
        sorted
          .filter(([plan]) => tier(plan) !== "Standard")
          .map(([plan, count]) => `${plan} (${count}, ${tier(plan) ?? "not listed"})`)
          .join("\n") || "none";
    }

    const scores = evidence.read(secureScoresDataset, at);
    const score = scores.ok ? scores.items[0]?.value.properties.score : undefined;
    const secureScore = !scores.ok
      ? notCollected(scores)
      : typeof score?.percentage === "number"
        ? // The API's percentage is a fraction of 1.
          `${Math.round(score.percentage * 100)}% (${score.current ?? "?"} of ${score.max ?? "?"})`
        : "not reported";

    const standards = evidence.read(complianceStandardsDataset, at);
    const healthcare = standards.ok ? standards.items.find(({ value }) => healthcareStandardName.test(value.name))?.value : undefined;
    const healthcareStandard = !standards.ok
      ? notCollected(standards)
      : healthcare
        ? `${healthcare.name}: ${healthcare.properties.state ?? "?"}, ${healthcare.properties.failedControls ?? "?"} controls failed of ${(healthcare.properties.passedControls ?? 0) + (healthcare.properties.failedControls ?? 0)}`
        : "none assessed";

    const contactsRead = evidence.read(securityContactsDataset, at);
    const contacts = !contactsRead.ok
      ? notCollected(contactsRead)
      : contactsRead.items
          .map(({ value }) => {
            const alerts = (value.properties.notificationsSources ?? []).find((source) => source.sourceType === "Alert");
            // One address a line: the API joins them with semicolons, which break badly in a narrow column.
            const emails = (value.properties.emails ?? "no address")
              .split(";")
              .map((email) => email.trim())
              .filter(Boolean)
              .join("\n");
            return `${emails}\n${alerts?.minimalSeverity ? `alerts from ${alerts.minimalSeverity}` : "no alert notifications"}`;
          })
          .join("\n") || "none";

    const alertsRead = evidence.read(securityAlertsDataset, at);
    const active = alertsRead.ok ? alertsRead.items.filter(({ value }) => value.properties.status === "Active") : [];
    const bySeverity = ["High", "Medium", "Low", "Informational"]
      .map((severity) => [severity, active.filter(({ value }) => value.properties.severity === severity).length] as const)
      .filter(([, count]) => count > 0);
    const activeAlerts = !alertsRead.ok
      ? notCollected(alertsRead)
      : bySeverity.length
        ? bySeverity.map(([severity, count]) => `${count} ${severity}`).join(", ")
        : "none";

    const provisioning = evidence.read(autoProvisioningDataset, at);
    const autoProvisioning = !provisioning.ok
      ? notCollected(provisioning)
      : provisioning.items.map(({ value }) => value.properties.autoProvision ?? "?").join(", ") || "not reported";

    return { subscription: subscription.displayName, plansOn, plansOff, secureScore, healthcareStandard, contacts, activeAlerts, autoProvisioning };
  });
}
