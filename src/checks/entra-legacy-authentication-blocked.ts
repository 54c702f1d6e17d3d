import { conditionalAccessPoliciesDataset, securityDefaultsDataset, usersDataset } from "../datasets/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { legacyAuthenticationBlocks, type PolicyUsers } from "./support/conditional-access.js";
import { isBreakGlass, tenantScope, tenantSubject } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-legacy-authentication-blocked",
  title: "Legacy authentication (protocols that cannot do MFA) is blocked for all users",
  severity: "high",
  requires: [conditionalAccessPoliciesDataset],
  alsoReads: [securityDefaultsDataset, usersDataset],
  rationale:
    "IMAP, POP, SMTP AUTH and Exchange ActiveSync basic authentication cannot ask for a second factor, so they let a stolen password past any MFA policy.",
  remediation: {
    text: "Turn on a Conditional Access policy for all users and all cloud apps whose client apps condition selects Exchange ActiveSync clients and Other clients and whose grant is Block access; exclude only the emergency access accounts.",
    portal:
      "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > New policy: Client apps (Exchange ActiveSync clients, Other clients); Grant: Block access; Enable policy: On",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-block-legacy",
  },
  evaluate({ evidence, tenantId, settings }) {
    const subject = tenantSubject(tenantId);
    const scope = tenantScope(tenantId);
    const defaults = evidence.read(securityDefaultsDataset, scope);
    if (defaults.ok && defaults.items[0]?.value.isEnabled === true) {
      return [
        {
          status: "pass",
          ...subject,
          message: "Security defaults are enabled, which block legacy authentication for all users.",
          evidence: [defaults.items[0].ref],
        },
      ];
    }
    const policies = evidence.read(conditionalAccessPoliciesDataset, scope);
    if (!policies.ok) return [notEvaluated(subject, "Blocking of legacy authentication", conditionalAccessPoliciesDataset, policies)];
    const users = evidence.read(usersDataset, scope);
    const breakGlassIds = new Set(
      users.ok ? users.items.filter(({ value }) => isBreakGlass(value, settings.breakGlassAccounts)).map(({ value }) => value.id.toLowerCase()) : [],
    );
    const blocks = legacyAuthenticationBlocks(policies.items.map(({ value }) => value));
    const refOf = (id: string) => policies.items.find(({ value }) => value.id === id)?.ref ?? { file: policies.file, pointer: "/value" };
    const holes = (excluded: PolicyUsers, narrowing: string[], excludedApplications: string[]) => [
      ...excluded.users.filter((id) => !breakGlassIds.has(id.toLowerCase())).map((id) => `user ${id}`),
      ...excluded.groups.map((id) => `group ${id}`),
      ...excluded.roles.map((id) => `role ${id}`),
      ...(excluded.guestsOrExternalUsers ? [`guests (${excluded.guestsOrExternalUsers})`] : []),
      ...excludedApplications.map((id) => `application ${id}`),
      ...narrowing,
    ];
    // Which excluded users are emergency access accounts needs the users; without them an exclusion is unexplained.
    if (!users.ok && blocks.enforced.some((block) => block.excluded.users.length > 0))
      return [notEvaluated(subject, "Blocking of legacy authentication (who its exclusions are)", usersDataset, users)];
    const complete = blocks.enforced.find((block) => holes(block.excluded, block.narrowing, block.excludedApplications).length === 0);
    if (complete) {
      return [
        {
          status: "pass",
          ...subject,
          message: `Enabled policy "${complete.displayName}" blocks legacy authentication for all users and all cloud apps, excluding only emergency access accounts.`,
          evidence: [refOf(complete.id)],
        },
      ];
    }
    const policySubject = (block: { id: string; displayName: string }) => ({
      resourceId: `${scope}/conditionalAccessPolicies/${block.id}`,
      resourceName: block.displayName,
    });
    // Security defaults would block legacy authentication too: unless they are known to be off, no fail.
    const defaultsState = defaults.ok ? defaults.items[0]?.value.isEnabled : undefined;
    if (defaultsState !== false) {
      const what = "Blocking of legacy authentication (no Conditional Access policy blocks it fully, so security defaults decide)";
      if (!defaults.ok) return [notEvaluated(subject, what, securityDefaultsDataset, defaults)];
      return [
        {
          status: "error",
          ...subject,
          message: `${what} could not be evaluated: the security defaults policy did not report isEnabled.`,
          evidence: defaults.items.map(({ ref }) => ref),
          error: { call: defaults.calls[0] ?? defaults.file, status: 200, message: "isEnabled absent", reason: "incomplete-data" },
        },
      ];
    }
    const outcomes: CheckOutcome[] = blocks.enforced.map((block) => ({
      status: "fail",
      ...policySubject(block),
      message: `Enabled policy "${block.displayName}" blocks legacy authentication, but not everywhere: ${holes(block.excluded, block.narrowing, block.excludedApplications).join("; ")}.`,
      evidence: [refOf(block.id)],
    }));
    for (const block of blocks.reportOnly)
      outcomes.push({
        status: "fail",
        ...policySubject(block),
        message: `Policy "${block.displayName}" would block legacy authentication but is report-only, so it blocks nothing.`,
        evidence: [refOf(block.id)],
      });
    if (outcomes.length === 0)
      outcomes.push({
        status: "fail",
        ...subject,
        message: `No enabled Conditional Access policy blocks legacy authentication (${policies.items.length} policies examined), and security defaults are not enabled.`,
        evidence: [{ file: policies.file, pointer: "/value" }],
      });
    return outcomes;
  },
});
