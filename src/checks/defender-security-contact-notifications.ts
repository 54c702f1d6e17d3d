import { securityContactsDataset } from "../datasets/defender.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";

/** Severities that reach people when notifications start at each minimal severity. */
const reachesMedium = new Set(["low", "medium"]);

export const check = defineCheck({
  id: "defender-security-contact-notifications",
  title: "Defender for Cloud emails a security contact about alerts of medium severity or above",
  severity: "medium",
  requires: [securityContactsDataset],
  rationale: "Security incidents have to reach the people who respond to them; an alert nobody is told about is an incident nobody handles or reports.",
  remediation: {
    text: "Name a monitored mailbox as the security contact, send alert notifications from medium severity upwards, and notify the subscription owners by role as well.",
    portal: "Microsoft Defender for Cloud > Environment settings > (subscription) > Email notifications",
    source: "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
  },
  evaluate({ evidence, subscriptions }) {
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const read = readAll(evidence, subscription.scope, { contacts: securityContactsDataset });
      if (!read.ok) return notEvaluated(subject, `Security contacts of subscription ${subscription.displayName}`, read.dataset, read.failure);
      const judged = read.data.contacts.map(({ value, ref }) => {
        const emails = (value.properties.emails ?? "")
          .split(";")
          .map((email) => email.trim())
          .filter(Boolean);
        const alerts = (value.properties.notificationsSources ?? []).find((source) => source.sourceType === "Alert");
        return { emails, enabled: value.properties.isEnabled, minimal: alerts?.minimalSeverity ?? undefined, ref };
      });
      const good = judged.find(
        (contact) => contact.enabled === true && contact.emails.length > 0 && contact.minimal !== undefined && reachesMedium.has(contact.minimal.toLowerCase()),
      );
      if (good) {
        return {
          status: "pass",
          ...subject,
          message: `Defender for Cloud in subscription ${subscription.displayName} emails ${good.emails.join(", ")} about alerts of ${good.minimal} severity and above.`,
          evidence: [good.ref],
        };
      }
      const unknown = judged.find((contact) => contact.emails.length > 0 && (contact.enabled === undefined || contact.enabled === null));
      if (unknown) {
        return {
          status: "error",
          ...subject,
          message: `Whether the security contact ${unknown.emails.join(", ")} of subscription ${subscription.displayName} is enabled is unknown: the API did not report isEnabled.`,
          evidence: [unknown.ref],
          error: { call: read.sources.contacts.calls[0] ?? read.sources.contacts.file, status: 200, message: "isEnabled absent", reason: "incomplete-data" },
        };
      }
      const seen = judged.map(
        (contact) =>
          `${contact.emails.join(", ") || "no email"} (${contact.enabled === false ? "disabled" : contact.minimal ? `alerts from ${contact.minimal} severity` : "no alert notifications"})`,
      );
      return {
        status: "fail",
        ...subject,
        message: seen.length
          ? `No security contact of subscription ${subscription.displayName} is emailed about medium-severity alerts: ${seen.join("; ")}.`
          : `Subscription ${subscription.displayName} has no Defender for Cloud security contact, so alerts email nobody.`,
        evidence: judged.length ? judged.map((contact) => contact.ref) : [{ file: read.sources.contacts.file, pointer: "/value" }],
      };
    });
  },
});
