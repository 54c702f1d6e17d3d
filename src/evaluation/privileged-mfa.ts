import type { CheckSettings } from "../checks/check.js";
import { privilegedUsersMfa, type PrivilegedUserMfa } from "../checks/support/mfa-coverage.js";
import type { PrivilegedMfaRow, PrivilegedMfaTable, PrivilegedMfaVerdict } from "../model/assessment.js";
import type { EvidenceReader, SubscriptionInScope } from "../model/evidence.js";

/**
 * The summary's MFA table: every privileged user, whether an enabled policy makes them pass MFA,
 * the policies that decide it, and the methods they registered. The same engine the MFA checks use
 * decides it; this only states its result.
 */
export function privilegedMfaTable(
  evidence: EvidenceReader,
  tenantId: string,
  subscriptions: readonly SubscriptionInScope[],
  settings: CheckSettings,
): PrivilegedMfaTable {
  const table = privilegedUsersMfa(evidence, tenantId, subscriptions, settings.breakGlassAccounts);
  if (!table.ok) return { ok: false, reason: `${table.dataset.title} could not be collected (${table.failure.error.call}: ${table.failure.error.message})` };
  return { ok: true, rows: table.rows.map(rowOf) };
}

function verdictOf(user: PrivilegedUserMfa): PrivilegedMfaVerdict {
  if (user.breakGlass) return "emergency access";
  if (user.coverage.verdict === "not-enforced" && (user.bySecurityDefaults === "every sign-in" || user.bySecurityDefaults === "azure management"))
    return "enforced by security defaults";
  return user.coverage.verdict;
}

function rowOf(user: PrivilegedUserMfa): PrivilegedMfaRow {
  const { coverage } = user;
  const decidedBy = [
    ...coverage.enforcedBy.map((policy) => {
      const strength = policy.authenticationStrength
        ? ` (${policy.authenticationStrength.displayName}${policy.authenticationStrength.phishingResistant ? ", phishing-resistant" : ""})`
        : "";
      return `Required by "${policy.displayName}"${strength}${policy.narrowing.length ? `: ${policy.narrowing.join(", ")}` : ""}`;
    }),
    ...coverage.excludedBy.map((policy) => `Excluded from "${policy.displayName}" (${policy.excludedAs.join(", ")})`),
    ...coverage.reportOnly.map((policy) => `"${policy.displayName}" is report-only`),
    ...coverage.disabled.map((policy) => `"${policy.displayName}" is disabled`),
    ...coverage.unknowns,
  ];
  return { userId: user.userId, name: user.name, roles: user.roles, verdict: verdictOf(user), decidedBy, registeredMethods: user.registeredMethods };
}
