import { conditionalAccessPoliciesDataset } from "../datasets/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { asksForMfa } from "./support/conditional-access.js";
import { tenantScope, tenantSubject } from "./support/entra-identity.js";

const stateWords: Record<string, string> = { enabledForReportingButNotEnforced: "report-only", disabled: "disabled" };

export const check = defineCheck({
  id: "entra-mfa-policy-not-enforcing",
  title: "No MFA policy is left report-only or disabled",
  severity: "medium",
  requires: [conditionalAccessPoliciesDataset],
  rationale:
    "A report-only or disabled policy that requires MFA looks like protection in the portal but enforces nothing; auditors and administrators both misread it.",
  remediation: {
    text: "Review the policy's report-only results, then switch it on; if it is not meant to be enforced, delete it so that nobody counts on it.",
    portal: "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > (policy) > Enable policy: from Report-only (or Off) to On",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only",
  },
  evaluate({ evidence, tenantId }) {
    const subject = tenantSubject(tenantId);
    const policies = evidence.read(conditionalAccessPoliciesDataset, tenantScope(tenantId));
    if (!policies.ok) return [notEvaluated(subject, "Report-only and disabled MFA policies", conditionalAccessPoliciesDataset, policies)];
    const outcomes: CheckOutcome[] = [];
    for (const { value, ref } of policies.items) {
      const grant = value.grantControls;
      const state = stateWords[value.state];
      if (!asksForMfa(value) || !state) continue;
      outcomes.push({
        status: "fail",
        resourceId: `${tenantScope(tenantId)}/conditionalAccessPolicies/${value.id}`,
        resourceName: value.displayName ?? value.id,
        message: `Conditional Access policy "${value.displayName ?? value.id}" requires ${grant?.authenticationStrength ? `authentication strength ${grant.authenticationStrength.displayName ?? grant.authenticationStrength.id}` : "MFA"} but is ${state}, so it enforces nothing.`,
        evidence: [ref],
      });
    }
    if (outcomes.length === 0)
      outcomes.push({
        status: "pass",
        ...subject,
        message: `Every Conditional Access policy that requires MFA is enabled (${policies.items.length} policies examined).`,
        evidence: [{ file: policies.file, pointer: "/value" }],
      });
    return outcomes;
  },
});
