import { conditionalAccessPoliciesDataset, directoryRoleAssignmentSchedulesDataset, directoryRoleAssignmentsDataset, directoryRoleEligibilityDataset, groupMembersDataset, usersDataset, securityDefaultsDataset, directoryRoleDefinitionsDataset, userRegistrationDetailsDataset } from "../datasets/entra.js";
import { isEnabledRule, scheduledQueryRulesDataset, type ScheduledQueryRule } from "../datasets/alert-rules.js";
import type { SubscriptionInScope } from "../model/evidence.js";
import type { EntraUser } from "../datasets/entra.js";
import type { EvidenceReader, Located } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";

/**
 * Enabled log search alert rules that query sign-in logs for this account (by UPN or object id) and
 * notify someone (an action group): sign-ins by an emergency account must never go unnoticed.
 */
function alertWatching(evidence: EvidenceReader, subscriptions: readonly SubscriptionInScope[], account: EntraUser): { watched: Located<ScheduledQueryRule>[]; gaps: Failure[] } {
  const names = [account.id, account.userPrincipalName].filter((name): name is string => Boolean(name)).map((name) => name.toLowerCase());
  const watched: Located<ScheduledQueryRule>[] = [];
  const gaps: Failure[] = [];
  for (const subscription of subscriptions) {
    const rules = evidence.read(scheduledQueryRulesDataset, subscription.scope);
    if (!rules.ok) {
      gaps.push({ dataset: scheduledQueryRulesDataset, scope: subscription.scope, failure: rules });
      continue;
    }
    for (const rule of rules.items) {
      const queries = (rule.value.properties.criteria?.allOf ?? []).map((criterion) => (criterion.query ?? "").toLowerCase());
      const notifies = (rule.value.properties.actions?.actionGroups ?? []).length > 0;
      if (isEnabledRule(rule.value) && notifies && queries.some((query) => query.includes("signinlogs") && names.some((name) => query.includes(name)))) watched.push(rule);
    }
  }
  return { watched, gaps };
}
import { enabledPoliciesReaching } from "./support/conditional-access.js";
import { globalAdministrator, isBreakGlass, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel, type Failure } from "./support/entra-identity.js";
import { gapBehind, readIdentityEvidence } from "./support/mfa-coverage.js";

export const check = defineCheck({
  id: "entra-break-glass-accounts",
  title: "Each configured emergency access account exists, holds standing Global Administrator, is excluded from every Conditional Access policy and is watched by an alert rule",
  severity: "high",
  requires: [usersDataset, conditionalAccessPoliciesDataset, directoryRoleAssignmentsDataset],
  alsoReads: [directoryRoleAssignmentSchedulesDataset, directoryRoleEligibilityDataset, groupMembersDataset, scheduledQueryRulesDataset, securityDefaultsDataset, directoryRoleDefinitionsDataset, userRegistrationDetailsDataset],
  rationale:
    "An emergency needs a way into the tenant when Conditional Access, MFA or federation fails; that is what emergency access accounts are, and a policy that reaches them can lock everyone out.",
  remediation: {
    text: "Keep two cloud-only emergency access accounts with permanent active Global Administrator, exclude them from every Conditional Access policy, protect them with FIDO2 security keys kept in a safe, and alert on every sign-in by them.",
    portal: "Microsoft Entra admin center > Entra ID > Users (the accounts); Azure portal > Monitor > Log Analytics workspaces > (workspace) > Alerts > New alert rule (a SigninLogs search for the accounts)",
    source: "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
  },
  evaluate({ evidence, tenantId, settings, subscriptions }) {
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
      const reaching = enabledPoliciesReaching(identity.policies.map(({ value }) => value), identity.subjectOf(located.value, "active"), "all-cloud-apps");
      const applying = reaching.filter((item) => item.status === "applies");
      if (applying.length) problems.push(`is not excluded from ${applying.map((item) => `"${item.policy.displayName}"`).join(", ")}`);
      const alert = alertWatching(evidence, subscriptions, located.value);
      if (alert.watched.length === 0 && alert.gaps.length === 0) problems.push("is watched by no enabled log search alert rule on its sign-ins");
      const refs = [...alert.watched.map((rule) => rule.ref), located.ref, ...globalAdmin.map((holding) => holding.ref), ...identity.policies.filter(({ value }) => reaching.some((item) => item.policy.id === value.id)).map(({ ref }) => ref)];
      if (problems.length) {
        outcomes.push({ status: "fail", ...accountSubject, message: `Emergency access account ${who} ${problems.join("; ")}.`, evidence: refs });
      } else if (reaching.length) {
        const gap = gapBehind(reaching.flatMap((item) => (item.status === "unknown" ? item.detail : [])), identity);
        const unknown = reaching.map((item) => `"${item.policy.displayName}" (${item.detail.join("; ")})`).join(", ");
        outcomes.push(
          gap
            ? notEvaluated(accountSubject, `Whether emergency access account ${who} is excluded from ${unknown}`, gap.dataset, gap.failure)
            : { status: "error", ...accountSubject, message: `Whether emergency access account ${who} is excluded from ${unknown} is unknown.`, evidence: refs, error: { call: "(evaluation of Conditional Access)", status: 0, message: "policy scope unknown", reason: "incomplete-data" } },
        );
      } else {
        const gap = alert.gaps[0];
        outcomes.push(
          gap && alert.watched.length === 0
            ? notEvaluated(accountSubject, `Whether sign-ins by emergency access account ${who} raise an alert`, gap.dataset, gap.failure)
            : {
                status: "pass",
                ...accountSubject,
                message: `Emergency access account ${who} holds permanent Global Administrator, no enabled Conditional Access policy applies to it (${identity.policies.length} policies examined), and alert rule ${alert.watched.map((rule) => `"${rule.value.properties.displayName ?? rule.value.name}"`).join(", ")} watches its sign-ins.`,
                evidence: refs,
              },
        );
      }
    }
    return outcomes;
  },
});
