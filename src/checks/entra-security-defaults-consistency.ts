import { conditionalAccessPoliciesDataset, securityDefaultsDataset } from "../datasets/entra.js";
import { defineCheck, notEvaluated } from "./check.js";
import { asksForMfa } from "./support/conditional-access.js";
import { tenantScope, tenantSubject } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-security-defaults-consistency",
  title: "Sign-in is protected by either security defaults or enabled Conditional Access MFA policies, not neither",
  severity: "high",
  requires: [securityDefaultsDataset, conditionalAccessPoliciesDataset],
  rationale:
    "Security defaults and Conditional Access are the two ways Entra ID asks for MFA; turning security defaults off without an enabled replacement leaves sign-in on passwords alone.",
  remediation: {
    text: "Keep security defaults enabled, or put enabled Conditional Access policies that require MFA in place before disabling them.",
    portal: "Microsoft Entra admin center > Entra ID > Overview > Properties > Manage security defaults",
    source: "https://learn.microsoft.com/entra/fundamentals/security-defaults",
  },
  evaluate({ evidence, tenantId }) {
    const subject = tenantSubject(tenantId);
    const scope = tenantScope(tenantId);
    const defaults = evidence.read(securityDefaultsDataset, scope);
    if (!defaults.ok) return [notEvaluated(subject, "Security defaults versus Conditional Access", securityDefaultsDataset, defaults)];
    const enabled = defaults.items[0]?.value.isEnabled;
    const policies = evidence.read(conditionalAccessPoliciesDataset, scope);
    if (!policies.ok) return [notEvaluated(subject, "Security defaults versus Conditional Access", conditionalAccessPoliciesDataset, policies)];
    const refs = [...defaults.items.map(({ ref }) => ref), { file: policies.file, pointer: "/value" }];
    const mfaPolicies = policies.items.filter(({ value }) => value.state === "enabled" && asksForMfa(value));
    if (enabled === undefined || enabled === null) {
      return [
        {
          status: "error",
          ...subject,
          message: "Whether security defaults are enabled is unknown: the policy did not report isEnabled.",
          evidence: refs,
          error: { call: defaults.calls[0] ?? defaults.file, status: 200, message: "isEnabled absent", reason: "incomplete-data" },
        },
      ];
    }
    if (enabled) {
      const conflicting = policies.items.filter(({ value }) => value.state === "enabled");
      return conflicting.length
        ? [
            {
              status: "fail",
              ...subject,
              message: `Security defaults are enabled while ${conflicting.length} Conditional Access policies are enabled; Entra ID does not use both, so which one protects sign-in is unclear.`,
              evidence: refs,
            },
          ]
        : [{ status: "pass", ...subject, message: "Security defaults are enabled and no Conditional Access policy is enabled.", evidence: refs }];
    }
    return mfaPolicies.length
      ? [
          {
            status: "pass",
            ...subject,
            message: `Security defaults are disabled and ${mfaPolicies.length} enabled Conditional Access policy(ies) require MFA: ${mfaPolicies.map(({ value }) => `"${value.displayName ?? value.id}"`).join(", ")}.`,
            evidence: refs,
          },
        ]
      : [
          {
            status: "fail",
            ...subject,
            message: "Security defaults are disabled and no enabled Conditional Access policy requires MFA: sign-in relies on passwords alone.",
            evidence: refs,
          },
        ];
  },
});
