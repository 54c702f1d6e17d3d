import { conditionalAccessPoliciesDataset } from "../collectors/entra.js";
import { defineCheck, notEvaluated } from "./check.js";
import { signInFrequencyControls, type SessionLifetimeControl } from "./support/conditional-access.js";
import { globalAdministrator, privilegedDirectoryRoles, tenantScope, tenantSubject } from "./support/entra-identity.js";

function describeControl(control: SessionLifetimeControl): string {
  const frequency = control.signInFrequency
    ? control.signInFrequency.everyTime
      ? "sign-in every time"
      : `sign-in again every ${control.signInFrequency.value ?? "?"} ${control.signInFrequency.unit ?? ""}`.trim()
    : undefined;
  const parts = [frequency, control.persistentBrowserNever ? "no persistent browser session" : undefined].filter(Boolean).join(", ");
  const who = control.included.allUsers ? "all users" : [...control.included.roles.map((role) => privilegedDirectoryRoles[role] ?? `role ${role}`), ...control.included.groups.map((group) => `group ${group}`), ...control.included.users.map((user) => `user ${user}`)].join(", ");
  return `"${control.displayName}" (${parts}, for ${who}${control.narrowing.length ? `; ${control.narrowing.join(", ")}` : ""})`;
}

export const check = defineCheck({
  id: "entra-sign-in-frequency",
  title: "Sessions of privileged users (or all users) end after a set time: Conditional Access sign-in frequency",
  severity: "medium",
  requires: [conditionalAccessPoliciesDataset],
  rationale:
    "Sessions should end after a period of inactivity; for cloud sign-in the enforceable control is Conditional Access sign-in frequency, without which Entra keeps sessions alive for up to 90 days.",
  remediation: "Enable a Conditional Access policy with a sign-in frequency (for example 4 hours for administrators, 12 to 24 hours for others) and no persistent browser sessions; application idle time-outs still need attestation.",
  evaluate({ evidence, tenantId }) {
    const subject = tenantSubject(tenantId);
    const policies = evidence.read(conditionalAccessPoliciesDataset, tenantScope(tenantId));
    if (!policies.ok) return [notEvaluated(subject, "Session lifetime controls", conditionalAccessPoliciesDataset, policies)];
    const controls = signInFrequencyControls(policies.items.map(({ value }) => value)).filter((control) => control.signInFrequency !== undefined);
    const refs = controls.map((control) => policies.items.find(({ value }) => value.id === control.id)?.ref ?? { file: policies.file, pointer: "/value" });
    const broad = controls.filter((control) => control.included.allUsers || control.included.roles.some((role) => role.toLowerCase() === globalAdministrator));
    if (broad.length > 0) {
      return [{ status: "pass", ...subject, message: `Enabled Conditional Access limits session lifetime: ${controls.map(describeControl).join("; ")}.`, evidence: refs }];
    }
    return [
      {
        status: "fail",
        ...subject,
        message: controls.length
          ? `Sign-in frequency is set only for some users, not for all users or Global Administrators: ${controls.map(describeControl).join("; ")}.`
          : `No enabled Conditional Access policy sets a sign-in frequency (${policies.items.length} policies examined): sessions last as long as Entra ID's defaults allow.`,
        evidence: refs.length ? refs : [{ file: policies.file, pointer: "/value" }],
      },
    ];
  },
});
