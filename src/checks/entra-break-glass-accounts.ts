import {
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
  usersDataset,
  securityDefaultsDataset,
  directoryRoleDefinitionsDataset,
  userRegistrationDetailsDataset,
} from "../datasets/entra.js";
import { isEnabledRule, scheduledQueryRulesDataset } from "../datasets/alert-rules.js";
import { logWorkspacesDataset, sentinelAlertRulesDataset, sentinelOnboardingDataset } from "../datasets/log-analytics.js";
import type { SubscriptionInScope } from "../model/evidence.js";
import type { EntraUser } from "../datasets/entra.js";
import type { EvidenceRef, EvidenceReader } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";

/** A rule that raises an alert when the account signs in. */
interface WatchingRule {
  /** How the rule reads in a sentence: 'alert rule "X"', 'Microsoft Sentinel analytics rule "Y"'. */
  label: string;
  ref: EvidenceRef;
}

/** Whether a query reads the sign-in logs and names the account (by UPN or object id). */
function watchesSignIns(query: string | null | undefined, names: readonly string[]): boolean {
  const text = (query ?? "").toLowerCase();
  return text.includes("signinlogs") && names.some((name) => text.includes(name));
}

/**
 * Rules that alert on sign-ins by this account: enabled Azure Monitor log search alert rules that
 * notify someone (an action group), and enabled Microsoft Sentinel analytics rules (scheduled or
 * near-real-time) in workspaces that have Sentinel. Sign-ins by an emergency account must never go
 * unnoticed; Microsoft names both Azure Monitor and Sentinel for it.
 */
function alertWatching(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  account: EntraUser,
): { watched: WatchingRule[]; gaps: Failure[] } {
  const names = [account.id, account.userPrincipalName].filter((name): name is string => Boolean(name)).map((name) => name.toLowerCase());
  const watched: WatchingRule[] = [];
  const gaps: Failure[] = [];
  for (const subscription of subscriptions) {
    const rules = evidence.read(scheduledQueryRulesDataset, subscription.scope);
    if (!rules.ok) gaps.push({ dataset: scheduledQueryRulesDataset, scope: subscription.scope, failure: rules });
    else {
      for (const rule of rules.items) {
        const notifies = (rule.value.properties.actions?.actionGroups ?? []).length > 0;
        if (
          isEnabledRule(rule.value) &&
          notifies &&
          (rule.value.properties.criteria?.allOf ?? []).some((criterion) => watchesSignIns(criterion.query, names))
        ) {
          watched.push({ label: `alert rule "${rule.value.properties.displayName ?? rule.value.name}"`, ref: rule.ref });
        }
      }
    }
    const workspaces = evidence.read(logWorkspacesDataset, subscription.scope);
    if (!workspaces.ok) {
      gaps.push({ dataset: logWorkspacesDataset, scope: subscription.scope, failure: workspaces });
      continue;
    }
    for (const { value: workspace } of workspaces.items) {
      const onboarding = evidence.read(sentinelOnboardingDataset, workspace.id);
      if (!onboarding.ok) {
        gaps.push({ dataset: sentinelOnboardingDataset, scope: workspace.id, failure: onboarding });
        continue;
      }
      if (onboarding.items.length === 0) continue;
      const analytics = evidence.read(sentinelAlertRulesDataset, workspace.id);
      if (!analytics.ok) {
        gaps.push({ dataset: sentinelAlertRulesDataset, scope: workspace.id, failure: analytics });
        continue;
      }
      for (const rule of analytics.items) {
        if (rule.value.properties.enabled === true && watchesSignIns(rule.value.properties.query, names)) {
          watched.push({
            label: `Microsoft Sentinel analytics rule "${rule.value.properties.displayName ?? rule.value.name}" (workspace ${workspace.name})`,
            ref: rule.ref,
          });
        }
      }
    }
  }
  return { watched, gaps };
}
import { enabledPoliciesReaching, requiresOnlyPhishingResistantStrength } from "./support/conditional-access.js";
import {
  globalAdministrator,
  isBreakGlass,
  privilegedDirectoryHoldings,
  tenantScope,
  tenantSubject,
  userLabel,
  type Failure,
} from "./support/entra-identity.js";
import { gapBehind, readIdentityEvidence } from "./support/mfa-coverage.js";

export const check = defineCheck({
  id: "entra-break-glass-accounts",
  title:
    "Each configured emergency access account exists, holds standing Global Administrator, is reached by no Conditional Access policy but one requiring phishing-resistant MFA, and is watched by an alert rule",
  severity: "high",
  requires: [usersDataset, conditionalAccessPoliciesDataset, directoryRoleAssignmentsDataset],
  alsoReads: [
    directoryRoleAssignmentSchedulesDataset,
    directoryRoleEligibilityDataset,
    groupMembersDataset,
    scheduledQueryRulesDataset,
    logWorkspacesDataset,
    sentinelOnboardingDataset,
    sentinelAlertRulesDataset,
    securityDefaultsDataset,
    directoryRoleDefinitionsDataset,
    userRegistrationDetailsDataset,
  ],
  rationale:
    "An emergency needs a way into the tenant when Conditional Access, MFA or federation fails; that is what emergency access accounts are, and a policy that reaches them can lock everyone out. Microsoft's guidance (Manage emergency access accounts in Microsoft Entra ID, https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access) is phishing-resistant MFA for them (a passkey or FIDO2 security key, or certificate-based authentication), which a Conditional Access policy requiring the phishing-resistant authentication strength may enforce, and an alert on every sign-in through Azure Monitor or Microsoft Sentinel.",
  remediation: {
    text: "Keep two cloud-only emergency access accounts with permanent active Global Administrator, protect them with phishing-resistant MFA (a passkey or FIDO2 security key kept in a safe, or certificate-based authentication), which one Conditional Access policy requiring the phishing-resistant authentication strength may enforce; exclude them from every other policy, and alert on every sign-in by them (an Azure Monitor log search alert or a Microsoft Sentinel analytics rule).",
    portal:
      "Microsoft Entra admin center > Entra ID > Users (the accounts); Entra ID > Conditional Access > Policies (exclude the accounts, or require Authentication strength: Phishing-resistant MFA); Azure portal > Monitor > Log Analytics workspaces > (workspace) > Alerts > New alert rule (a SigninLogs search for the accounts), or Microsoft Sentinel > Analytics",
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
        outcomes.push({
          status: "fail",
          ...accountSubject,
          message: `Emergency access account ${configured}, named in the configuration, is not in the directory.`,
          evidence: [{ file: identity.usersFile, pointer: "/value" }],
        });
        continue;
      }
      const who = userLabel(located.value, located.value.id);
      const problems: string[] = [];
      const globalAdmin = holdings.holdings.filter((holding) => holding.userId === located.value.id && holding.roleTemplateId === globalAdministrator);
      const scheduleGap = holdings.scheduleGaps.find((gap) => gap.dataset.id === directoryRoleAssignmentSchedulesDataset.id);
      // Without the schedules, whether an active Global Administrator is permanent is unknown.
      if (scheduleGap && globalAdmin.some((holding) => holding.kind === "active (schedule unknown)")) {
        outcomes.push(
          notEvaluated(
            accountSubject,
            `Whether emergency access account ${who} holds Global Administrator permanently`,
            scheduleGap.dataset,
            scheduleGap.failure,
          ),
        );
        continue;
      }
      if (!globalAdmin.some((holding) => holding.kind === "permanent")) {
        problems.push(
          globalAdmin.length
            ? `holds Global Administrator only as ${globalAdmin.map((holding) => holding.kind).join(", ")}, not permanently`
            : "does not hold Global Administrator",
        );
      }
      if (located.value.accountEnabled === false) problems.push("is disabled");
      const reachingAll = enabledPoliciesReaching(
        identity.policies.map(({ value }) => value),
        identity.subjectOf(located.value, "active"),
        "all-cloud-apps",
      );
      // A policy that asks only for phishing-resistant MFA is what Microsoft recommends for these accounts.
      const phishingResistantOnly = new Set(identity.policies.filter(({ value }) => requiresOnlyPhishingResistantStrength(value)).map(({ value }) => value.id));
      const reaching = reachingAll.filter((item) => !phishingResistantOnly.has(item.policy.id));
      const requiringPhishingResistant = reachingAll.filter((item) => item.status === "applies" && phishingResistantOnly.has(item.policy.id));
      const applying = reaching.filter((item) => item.status === "applies");
      if (applying.length)
        problems.push(
          `is not excluded from ${applying.map((item) => `"${item.policy.displayName}"`).join(", ")}, which ${applying.length > 1 ? "ask" : "asks"} for more than phishing-resistant MFA`,
        );
      const alert = alertWatching(evidence, subscriptions, located.value);
      if (alert.watched.length === 0 && alert.gaps.length === 0)
        problems.push("is watched by no enabled Azure Monitor log search alert rule or Microsoft Sentinel analytics rule on its sign-ins");
      const refs = [
        ...alert.watched.map((rule) => rule.ref),
        located.ref,
        ...globalAdmin.map((holding) => holding.ref),
        ...identity.policies.filter(({ value }) => reachingAll.some((item) => item.policy.id === value.id)).map(({ ref }) => ref),
      ];
      if (problems.length) {
        outcomes.push({ status: "fail", ...accountSubject, message: `Emergency access account ${who} ${problems.join("; ")}.`, evidence: refs });
      } else if (reaching.length) {
        const gap = gapBehind(
          reaching.flatMap((item) => (item.status === "unknown" ? item.detail : [])),
          identity,
        );
        const unknown = reaching.map((item) => `"${item.policy.displayName}" (${item.detail.join("; ")})`).join(", ");
        outcomes.push(
          gap
            ? notEvaluated(accountSubject, `Whether emergency access account ${who} is excluded from ${unknown}`, gap.dataset, gap.failure)
            : {
                status: "error",
                ...accountSubject,
                message: `Whether emergency access account ${who} is excluded from ${unknown} is unknown.`,
                evidence: refs,
                error: { call: "(evaluation of Conditional Access)", status: 0, message: "policy scope unknown", reason: "incomplete-data" },
              },
        );
      } else {
        const gap = alert.gaps[0];
        outcomes.push(
          gap && alert.watched.length === 0
            ? notEvaluated(accountSubject, `Whether sign-ins by emergency access account ${who} raise an alert`, gap.dataset, gap.failure)
            : {
                status: "pass",
                ...accountSubject,
                message: `Emergency access account ${who} holds permanent Global Administrator, ${
                  requiringPhishingResistant.length
                    ? `no enabled Conditional Access policy applies to it but ${requiringPhishingResistant.map((item) => `"${item.policy.displayName}"`).join(", ")}, which ${requiringPhishingResistant.length > 1 ? "require" : "requires"} phishing-resistant MFA`
                    : "no enabled Conditional Access policy applies to it"
                } (${identity.policies.length} policies examined), and ${alert.watched.map((rule) => rule.label).join(", ")} ${alert.watched.length > 1 ? "watch" : "watches"} its sign-ins.`,
                evidence: refs,
              },
        );
      }
    }
    return outcomes;
  },
});
