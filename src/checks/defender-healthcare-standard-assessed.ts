import { complianceStandardsDataset } from "../datasets/defender.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { healthcareStandardName } from "./support/defender.js";

export const check = defineCheck({
  id: "defender-healthcare-standard-assessed",
  title: "Defender for Cloud continuously assesses the subscription against a healthcare regulatory standard (HITRUST)",
  severity: "low",
  requires: [complianceStandardsDataset],
  reportsAnAssessment: true,
  rationale:
    "A standing assessment of every resource against the healthcare controls is the raw material of the risk analysis and of its follow-up: it lists, per control, what fails today, and shows over successive runs whether the risks are being managed.",
  remediation: {
    text: "Add the healthcare (HITRUST) regulatory standard to the subscription in Defender for Cloud, which needs its enhanced security features (a paid plan), and take its failed controls into the risk register.",
    portal:
      "Microsoft Defender for Cloud > Regulatory compliance > Manage compliance policies > (subscription) > Security policy > Industry & regulatory standards > Add more standards",
    source: "https://learn.microsoft.com/azure/defender-for-cloud/update-regulatory-compliance-packages",
  },
  evaluate({ evidence, subscriptions }) {
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const read = readAll(evidence, subscription.scope, { standards: complianceStandardsDataset });
      if (!read.ok) return notEvaluated(subject, `Regulatory compliance assessment of subscription ${subscription.displayName}`, read.dataset, read.failure);
      const healthcare = read.data.standards.filter(({ value }) => healthcareStandardName.test(value.name));
      const assessed = healthcare.find(({ value }) => value.properties.state && value.properties.state.toLowerCase() !== "unsupported");
      if (assessed) {
        const { state, passedControls, failedControls, skippedControls } = assessed.value.properties;
        const count = (value: number | null | undefined) => (value === null || value === undefined ? "?" : String(value));
        return {
          status: "pass",
          ...subject,
          message: `Defender for Cloud assesses subscription ${subscription.displayName} against ${assessed.value.name}: ${count(passedControls)} controls passed, ${count(failedControls)} failed, ${count(skippedControls)} skipped (overall ${state}).`,
          evidence: [assessed.ref],
        };
      }
      const unstated = healthcare.find(({ value }) => !value.properties.state);
      if (unstated) {
        return {
          status: "error",
          ...subject,
          message: `Whether Defender for Cloud assesses subscription ${subscription.displayName} against ${unstated.value.name} is unknown: the standard reports no state.`,
          evidence: [unstated.ref],
          error: { call: read.sources.standards.calls[0] ?? read.sources.standards.file, status: 200, message: "no state reported", reason: "incomplete-data" },
        };
      }
      const others = read.data.standards.map(({ value }) => value.name);
      return {
        status: "fail",
        ...subject,
        message: healthcare.length
          ? `Defender for Cloud lists ${healthcare.map(({ value }) => value.name).join(", ")} for subscription ${subscription.displayName} but holds no assessment data for it (state ${healthcare[0]?.value.properties.state}).`
          : `Defender for Cloud does not assess subscription ${subscription.displayName} against a healthcare standard such as HIPAA HITRUST; ${others.length ? `it assesses ${others.join(", ")}` : "it assesses no standard at all"}.`,
        evidence: healthcare.length ? healthcare.map(({ ref }) => ref) : [{ file: read.sources.standards.file, pointer: "/value" }],
      };
    });
  },
});
