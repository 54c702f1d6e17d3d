import { conditionalAccessPoliciesDataset, directoryRoleAssignmentSchedulesDataset, directoryRoleAssignmentsDataset, groupMembersDataset, usersDataset } from "../collectors/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { enabledPoliciesReaching } from "./support/conditional-access.js";
import { globalAdministrator, isBreakGlass, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";
import { readIdentityEvidence } from "./support/mfa-coverage.js";

export const check = defineCheck({
  id: "entra-break-glass-accounts",
  // Whether sign-ins by these accounts raise an alert needs Azure Monitor alert rules, which this version does not collect.
  title: "Each configured emergency access account exists, holds standing Global Administrator and is excluded from every Conditional Access policy",
  severity: "high",
  requires: [usersDataset, conditionalAccessPoliciesDataset, directoryRoleAssignmentsDataset],
  alsoReads: [directoryRoleAssignmentSchedulesDataset, groupMembersDataset],
  rationale:
    "An emergency needs a way into the tenant when Conditional Access, MFA or federation fails; that is what emergency access accounts are, and a policy that reaches them can lock everyone out.",
  remediation:
    "Keep two cloud-only accounts with permanent Global Administrator, exclude them from every Conditional Access policy, protect them with FIDO2 keys kept in a safe, and alert on every sign-in by them.",
  evaluate({ evidence, tenantId, settings }) {
    const subject = tenantSubject(tenantId);
    if (settings.breakGlassAccounts.length === 0) {
      return [
        {
          status: "error",
          ...subject,
          message: "Emergency access could not be evaluated: the configuration names no emergency access accounts (breakGlassAccounts).",
          evidence: [{ file: "raw/entra/users.json", pointer: "/value" }],
          error: { call: "(configuration)", status: 0, message: "breakGlassAccounts is not set in the configuration", reason: "not-collected" },
        },
      ];
    }
    const identity = readIdentityEvidence(evidence, tenantId);
    if (!identity.ok) return [notEvaluated(subject, "Emergency access accounts", identity.dataset, identity.failure)];
    const holdings = privilegedDirectoryHoldings(evidence, tenantId);
    if (!holdings.ok) return [notEvaluated(subject, "Emergency access accounts", holdings.dataset, holdings.failure)];
    const outcomes: CheckOutcome[] = [];
    for (const configured of settings.breakGlassAccounts) {
      const located = identity.users.find(({ value }) => isBreakGlass(value, [configured]));
      const accountSubject = { resourceId: `${tenantScope(tenantId)}/users/${located?.value.id ?? configured}`, resourceName: configured };
      if (!located) {
        outcomes.push({ status: "fail", ...accountSubject, message: `Emergency access account ${configured}, named in the configuration, is not in the directory.`, evidence: identity.users[0] ? [{ file: identity.users[0].ref.file, pointer: "/value" }] : [] });
        continue;
      }
      const who = userLabel(located.value, located.value.id);
      const problems: string[] = [];
      const globalAdmin = holdings.holdings.filter((holding) => holding.userId === located.value.id && holding.roleTemplateId === globalAdministrator);
      const scheduleGap = holdings.scheduleGaps.find((gap) => gap.dataset.id === directoryRoleAssignmentSchedulesDataset.id);
      if (!globalAdmin.some((holding) => holding.kind === "permanent") && globalAdmin.some((holding) => holding.kind === "active (schedule unknown)") && scheduleGap) {
        outcomes.push(notEvaluated(accountSubject, `Whether emergency access account ${who} holds Global Administrator permanently`, scheduleGap.dataset, scheduleGap.failure));
        continue;
      }
      if (!globalAdmin.some((holding) => holding.kind === "permanent")) {
        problems.push(globalAdmin.length ? `holds Global Administrator only as ${globalAdmin.map((holding) => holding.kind).join(", ")}, not permanently` : "does not hold Global Administrator");
      }
      if (located.value.accountEnabled === false) problems.push("is disabled");
      const reaching = enabledPoliciesReaching(identity.policies.map(({ value }) => value), identity.subjectOf(located.value), "all-cloud-apps");
      const applying = reaching.filter((item) => item.status === "applies");
      if (applying.length) problems.push(`is not excluded from ${applying.map((item) => `"${item.policy.displayName}"`).join(", ")}`);
      const refs = [located.ref, ...globalAdmin.map((holding) => holding.ref), ...identity.policies.filter(({ value }) => reaching.some((item) => item.policy.id === value.id)).map(({ ref }) => ref)];
      if (problems.length) {
        outcomes.push({ status: "fail", ...accountSubject, message: `Emergency access account ${who} ${problems.join("; ")}.`, evidence: refs });
      } else if (reaching.length) {
        const gap = identity.groupGaps[0];
        const unknown = reaching.map((item) => `"${item.policy.displayName}" (${item.detail.join("; ")})`).join(", ");
        outcomes.push(
          gap
            ? notEvaluated(accountSubject, `Whether emergency access account ${who} is excluded from ${unknown}`, gap.dataset, gap.failure)
            : { status: "error", ...accountSubject, message: `Whether emergency access account ${who} is excluded from ${unknown} is unknown.`, evidence: refs, error: { call: "(evaluation of Conditional Access)", status: 0, message: "policy scope unknown", reason: "incomplete-data" } },
        );
      } else {
        outcomes.push({ status: "pass", ...accountSubject, message: `Emergency access account ${who} holds permanent Global Administrator and no enabled Conditional Access policy applies to it (${identity.policies.length} policies examined).`, evidence: refs });
      }
    }
    return outcomes;
  },
});
