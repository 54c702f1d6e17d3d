import type { SubscriptionInScope } from "../../model/evidence.js";
import {
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
  securityDefaultsDataset,
  userRegistrationDetailsDataset,
  usersDataset,
  type ConditionalAccessPolicy,
  type EntraUser,
  type UserRegistrationDetails,
} from "../../datasets/entra.js";
import type { EvidenceRef, EvidenceReader, Located } from "../../model/evidence.js";
import { notEvaluated, type CheckOutcome, type CheckSettings } from "../check.js";
import { mfaCoverage, type MfaCoverage, type SignInSubject, type SignInTarget } from "./conditional-access.js";
import {
  groupMemberships,
  isBreakGlass,
  privilegedAzureHoldings,
  privilegedDirectoryHoldings,
  tenantScope,
  tenantSubject,
  userLabel,
  type Failure,
} from "./entra-identity.js";

/**
 * Who must pass MFA, read from the evidence: each user's groups and directory roles as Conditional
 * Access sees them, the policies, security defaults and the methods each user registered.
 */
export interface IdentityEvidence {
  users: Located<EntraUser>[];
  /** The users listing as collected, cited even when it lists nobody. */
  usersFile: string;
  policies: Located<ConditionalAccessPolicy>[];
  policiesFile: string;
  securityDefaultsEnabled: boolean | undefined;
  /** Why security defaults are unknown, when they are. */
  securityDefaultsGap: Failure | undefined;
  /** The security defaults policy as collected, for evidence pointers. */
  securityDefaultsRef: EvidenceRef | undefined;
  /**
   * The user as Conditional Access sees them. A sign-in carries the directory roles active at that
   * moment: a role-targeted policy reaches a PIM-eligible user only after activation, so verdicts
   * use "active"; "active and eligible" says what such a policy would do once they activate.
   */
  subjectOf(user: EntraUser, roles: "active" | "active and eligible"): SignInSubject;
  /** Methods the user registered; undefined when the registration report is unavailable or silent. */
  registrationOf(userId: string): Located<UserRegistrationDetails> | undefined;
  /** Groups referenced by policies whose members could not be read. */
  groupGaps: Failure[];
  /** Role lists (or members of role-holding groups) that could not be read. */
  roleGaps: Failure[];
}

export function readIdentityEvidence(evidence: EvidenceReader, tenantId: string): ({ ok: true } & IdentityEvidence) | ({ ok: false } & Failure) {
  const scope = tenantScope(tenantId);
  const users = evidence.read(usersDataset, scope);
  if (!users.ok) return { ok: false, dataset: usersDataset, scope, failure: users };
  const policies = evidence.read(conditionalAccessPoliciesDataset, scope);
  if (!policies.ok) return { ok: false, dataset: conditionalAccessPoliciesDataset, scope, failure: policies };
  const defaults = evidence.read(securityDefaultsDataset, scope);
  const policyItems = policies.items;

  const referencedGroups = new Set(
    policyItems.flatMap(({ value }) =>
      [...(value.conditions.users?.includeGroups ?? []), ...(value.conditions.users?.excludeGroups ?? [])].map((id) => id.toLowerCase()),
    ),
  );
  const memberOf = new Map<string, Set<string>>();
  const groupGaps: Failure[] = [];
  for (const groupId of referencedGroups) {
    const read = evidence.read(groupMembersDataset, `${scope}/groups/${groupId}`);
    if (!read.ok) {
      groupGaps.push({ dataset: groupMembersDataset, scope: `${scope}/groups/${groupId}`, failure: read });
      continue;
    }
    for (const { value } of read.items) {
      const groups = memberOf.get(value.id.toLowerCase()) ?? new Set<string>();
      groups.add(groupId);
      memberOf.set(value.id.toLowerCase(), groups);
    }
  }

  const active = directoryRolesByUser(evidence, tenantId, directoryRoleAssignmentsDataset);
  const eligible = directoryRolesByUser(evidence, tenantId, directoryRoleEligibilityDataset);

  const registrations = evidence.read(userRegistrationDetailsDataset, scope);
  return {
    ok: true,
    users: users.items,
    usersFile: users.file,
    policies: policyItems,
    policiesFile: policies.file,
    securityDefaultsEnabled: defaults.ok ? (defaults.items[0]?.value.isEnabled ?? undefined) : undefined,
    securityDefaultsGap: defaults.ok ? undefined : { dataset: securityDefaultsDataset, scope, failure: defaults },
    securityDefaultsRef: defaults.ok ? defaults.items[0]?.ref : undefined,
    subjectOf: (user, roles) => {
      const id = user.id.toLowerCase();
      const held = (roles === "active" ? [active] : [active, eligible]).map((source) => (source.ok ? source.roles : undefined));
      // A role list that could not be read leaves every role condition unknown, never "holds none".
      const known = held.every((source) => source !== undefined);
      return {
        id: user.id,
        userType: user.userType,
        groupIds: groupGaps.length > 0 ? undefined : (memberOf.get(id) ?? new Set()),
        roleTemplateIds: known ? new Set(held.flatMap((source) => [...(source?.get(id) ?? [])])) : undefined,
      };
    },
    registrationOf: (userId) => (registrations.ok ? registrations.items.find(({ value }) => value.id.toLowerCase() === userId.toLowerCase()) : undefined),
    groupGaps,
    roleGaps: [active, eligible].flatMap((source) => (source.ok ? [] : [source])),
  };
}

/**
 * The missing evidence behind an "unknown" verdict: the unreadable group members or role list the
 * engine named, so the finding blames the call that failed.
 */
export function gapBehind(unknowns: readonly string[], identity: Pick<IdentityEvidence, "groupGaps" | "roleGaps">): Failure | undefined {
  if (unknowns.some((reason) => reason.includes("membership of")) && identity.groupGaps[0]) return identity.groupGaps[0];
  if (unknowns.some((reason) => reason.includes(" role ")) && identity.roleGaps[0]) return identity.roleGaps[0];
  return undefined;
}

/**
 * Every directory role (template id) each user holds through a dataset of role assignments or
 * eligibilities, directly or as a member of a role-assignable group; undefined when the dataset, or
 * the members of a group holding a role, could not be read.
 */
function directoryRolesByUser(
  evidence: EvidenceReader,
  tenantId: string,
  dataset: typeof directoryRoleAssignmentsDataset | typeof directoryRoleEligibilityDataset,
): { ok: true; roles: Map<string, Set<string>> } | ({ ok: false } & Failure) {
  const scope = tenantScope(tenantId);
  const read = evidence.read(dataset, scope);
  if (!read.ok) return { ok: false, dataset, scope, failure: read };
  const definitions = evidence.read(directoryRoleDefinitionsDataset, scope);
  const templateOf = (roleDefinitionId: string) =>
    ((definitions.ok ? definitions.items.find(({ value }) => value.id === roleDefinitionId)?.value.templateId : undefined) ?? roleDefinitionId).toLowerCase();
  const items = read.items.map(({ value }) => value);
  const groups = groupMemberships(
    evidence,
    tenantId,
    items.filter((item) => item.principal?.["@odata.type"] === "#microsoft.graph.group").map((item) => item.principalId),
  );
  const roles = new Map<string, Set<string>>();
  const add = (userId: string, role: string) => roles.set(userId.toLowerCase(), (roles.get(userId.toLowerCase()) ?? new Set()).add(role));
  for (const item of items) {
    const group = groups.get(item.principalId);
    if (!group) add(item.principalId, templateOf(item.roleDefinitionId));
    else if (!group.ok) return group;
    else for (const member of group.members) add(member.value.id, templateOf(item.roleDefinitionId));
  }
  return { ok: true, roles };
}

/**
 * Everyone who holds a privileged Entra ID role or a privileged Azure role, active or eligible, by
 * lower-cased user id, with the roles in words and the evidence of each; and what could not be read.
 */
export function privilegedRoleHolders(
  evidence: EvidenceReader,
  tenantId: string,
  subscriptions: readonly SubscriptionInScope[],
): { ok: true; holders: Map<string, RoleHolder>; gaps: Failure[] } | ({ ok: false } & Failure) {
  const directory = privilegedDirectoryHoldings(evidence, tenantId);
  if (!directory.ok) return directory;
  const azure = privilegedAzureHoldings(evidence, subscriptions, tenantId);
  const holders = new Map<string, RoleHolder>();
  const add = (userId: string, role: string, ref: EvidenceRef, directoryRole: "active" | "eligible" | undefined) => {
    const entry = holders.get(userId.toLowerCase()) ?? { roles: [], refs: [], activeDirectoryRole: false, directoryRole: false };
    if (!entry.roles.includes(role)) entry.roles.push(role);
    entry.refs.push(ref);
    entry.activeDirectoryRole ||= directoryRole === "active";
    entry.directoryRole ||= directoryRole !== undefined;
    holders.set(userId.toLowerCase(), entry);
  };
  for (const holding of directory.holdings)
    add(holding.userId, `${holding.roleName} (${holding.kind})`, holding.ref, holding.kind === "eligible" ? "eligible" : "active");
  for (const holding of azure.holdings) add(holding.userId, holding.label, holding.ref, undefined);
  // Assignment schedules only say how a role is held; eligibility says who holds one.
  const eligibilityGaps = directory.scheduleGaps.filter((gap) => gap.dataset.id === directoryRoleEligibilityDataset.id);
  return { ok: true, holders, gaps: [...azure.gaps, ...directory.unexpandedGroups, ...eligibilityGaps] };
}

export interface RoleHolder {
  roles: string[];
  refs: EvidenceRef[];
  /** Holds a privileged Entra ID role actively now: the accounts security defaults treat as administrators. */
  activeDirectoryRole: boolean;
  /** Holds a privileged Entra ID role, active or eligible; false for holders of Azure roles alone. */
  directoryRole: boolean;
}

/** One privileged user: the roles that make them privileged, and how MFA stands for them. */
export interface PrivilegedUserMfa {
  userId: string;
  name: string;
  roles: string[];
  breakGlass: boolean;
  /** The Conditional Access verdict at sign-in, with the directory roles the user holds actively. */
  coverage: MfaCoverage;
  /**
   * Policies that would require MFA of the user only through a directory role they are merely
   * eligible for: they reach the user once the role is activated, not at the sign-in before.
   */
  onlyOnceActivated: string[];
  /**
   * Security defaults require MFA at every sign-in of active directory administrators, and of every
   * user who reaches Azure Resource Manager: enough for a holder of Azure roles alone, whose
   * privilege acts there. For anyone else they ask only when a sign-in looks risky. Undefined when
   * security defaults are unknown.
   */
  bySecurityDefaults: "every sign-in" | "azure management" | "risky sign-ins only" | "off" | undefined;
  registeredMethods: string[] | undefined;
  refs: EvidenceRef[];
}

export function describeRegistration(methods: string[] | undefined): string {
  if (methods === undefined) return "registered methods unknown";
  return methods.length ? `registered: ${methods.join(", ")}` : "no MFA method registered";
}

/**
 * Every user who holds a privileged Entra ID role or a privileged Azure role (active or eligible),
 * with the Conditional Access verdict for all cloud apps.
 */
export function privilegedUsersMfa(
  evidence: EvidenceReader,
  tenantId: string,
  subscriptions: readonly SubscriptionInScope[],
  breakGlassAccounts: readonly string[],
  target: SignInTarget = "all-cloud-apps",
):
  | { ok: true; rows: PrivilegedUserMfa[]; identity: IdentityEvidence; gaps: Failure[]; unlisted: { userId: string; roles: string[]; refs: EvidenceRef[] }[] }
  | ({ ok: false } & Failure) {
  const identity = readIdentityEvidence(evidence, tenantId);
  if (!identity.ok) return identity;
  const holders = privilegedRoleHolders(evidence, tenantId, subscriptions);
  if (!holders.ok) return holders;
  const roles = holders.holders;
  const policies = identity.policies.map(({ value }) => value);
  const rows: PrivilegedUserMfa[] = [];
  for (const located of identity.users) {
    const entry = roles.get(located.value.id.toLowerCase());
    if (!entry) continue;
    const registration = identity.registrationOf(located.value.id);
    // A role-targeted policy applies only while the role is active (Microsoft: "Conditional Access:
    // Users, groups, and workload identities"), so an eligible role adds nothing at sign-in.
    const coverage = mfaCoverage(policies, identity.subjectOf(located.value, "active"), target);
    const ifActivated = mfaCoverage(policies, identity.subjectOf(located.value, "active and eligible"), target);
    const decided = new Set(coverage.enforcedBy.map((policy) => policy.id));
    rows.push({
      userId: located.value.id,
      name: userLabel(located.value, located.value.id),
      roles: entry.roles,
      breakGlass: isBreakGlass(located.value, breakGlassAccounts),
      coverage,
      onlyOnceActivated: ifActivated.enforcedBy.filter((policy) => !decided.has(policy.id)).map((policy) => policy.displayName),
      bySecurityDefaults:
        identity.securityDefaultsEnabled === undefined || identity.securityDefaultsEnabled === null
          ? undefined
          : !identity.securityDefaultsEnabled
            ? "off"
            : entry.activeDirectoryRole
              ? "every sign-in"
              : !entry.directoryRole
                ? "azure management"
                : "risky sign-ins only",
      registeredMethods: registration ? (registration.value.methodsRegistered ?? undefined) : undefined,
      refs: [located.ref, ...entry.refs, ...(registration ? [registration.ref] : [])],
    });
  }
  // A role holder the users listing does not contain is never silently left out.
  const listed = new Set(identity.users.map(({ value }) => value.id.toLowerCase()));
  const unlisted = [...roles].filter(([userId]) => !listed.has(userId)).map(([userId, entry]) => ({ userId, roles: entry.roles, refs: entry.refs }));
  return { ok: true, rows: rows.sort((a, b) => a.name.localeCompare(b.name)), identity, gaps: holders.gaps, unlisted };
}

/** "policy A (phishing-resistant MFA strength)", "policy B, only outside trusted locations". */
export function describeEnforcement(coverage: MfaCoverage): string {
  return coverage.enforcedBy
    .map((policy) => {
      const how =
        policy.via === "authentication-strength"
          ? ` (authentication strength ${policy.authenticationStrength?.displayName ?? "?"}${policy.authenticationStrength?.phishingResistant ? ", phishing-resistant" : ""})`
          : "";
      return `"${policy.displayName}"${how}${policy.narrowing.length ? `, ${policy.narrowing.join(", ")}` : ""}`;
    })
    .join("; ");
}

export function describeGaps(coverage: MfaCoverage): string {
  const parts = [
    ...coverage.excludedBy.map((policy) => `excluded from "${policy.displayName}" as ${policy.excludedAs.join(", ")}`),
    ...coverage.reportOnly.map((policy) => `"${policy.displayName}" is report-only`),
    ...coverage.disabled.map((policy) => `"${policy.displayName}" is disabled`),
    ...coverage.blockedBy.map((policy) => `blocked by "${policy.displayName}"`),
  ];
  return parts.join("; ");
}

/**
 * Microsoft also enforces MFA for Azure management itself (mandatory MFA for Azure). It is stated
 * beside a verdict, never as its reason: a tenant may have postponed it, and no API shows that.
 */
export const mandatoryAzureMfaContext =
  "Microsoft's platform-enforced mandatory MFA for Azure management is not counted here: a tenant may have postponed it, and no API shows whether it did.";

/** Lists are cut here in the sentence; findings.json and the raw files hold everyone. */
const named = 15;

function list(names: string[]): string {
  return names.length > named ? `${names.slice(0, named).join("; ")}; and ${names.length - named} more` : names.join("; ");
}

/** Tenant-wide MFA coverage of enabled users at one target (all cloud apps, or Azure management). */
export function tenantMfaOutcomes(
  evidence: EvidenceReader,
  tenantId: string,
  settings: CheckSettings,
  target: SignInTarget,
  targetName: string,
): CheckOutcome[] {
  const subject = tenantSubject(tenantId);
  const what = `MFA for every user on ${targetName}`;
  const identity = readIdentityEvidence(evidence, tenantId);
  if (!identity.ok) return [notEvaluated(subject, what, identity.dataset, identity.failure)];
  const policies = identity.policies.map(({ value }) => value);
  const enabled = identity.users.filter(({ value }) => value.accountEnabled !== false && !isBreakGlass(value, settings.breakGlassAccounts));
  const uncovered: string[] = [];
  const conditional: string[] = [];
  const unknown: string[] = [];
  const unknownReasons: string[] = [];
  for (const { value } of enabled) {
    const coverage = mfaCoverage(policies, identity.subjectOf(value, "active"), target);
    const gaps = describeGaps(coverage);
    const name = `${userLabel(value, value.id)}${gaps ? ` (${gaps})` : ""}`;
    if (coverage.verdict === "not-enforced") uncovered.push(name);
    else if (coverage.verdict === "conditional") conditional.push(name);
    else if (coverage.verdict === "unknown") {
      unknown.push(name);
      unknownReasons.push(...coverage.unknowns);
    }
  }
  const evidenceRefs = [
    { file: identity.policiesFile, pointer: "/value" },
    { file: identity.usersFile, pointer: "/value" },
  ];
  const counted = `${enabled.length} enabled user(s), emergency access accounts aside`;
  if (identity.securityDefaultsEnabled !== false && identity.policies.every(({ value }) => value.state !== "enabled")) {
    const gap = identity.securityDefaultsGap;
    if (gap) return [notEvaluated(subject, `${what} (no Conditional Access policy is enabled, so security defaults decide)`, gap.dataset, gap.failure)];
  }
  if (identity.securityDefaultsEnabled === true && identity.policies.length === 0) {
    const securityDefaultsRef = identity.securityDefaultsRef ? [identity.securityDefaultsRef] : [];
    if (target === "azure-management") {
      // Security defaults require MFA of every user who reaches Azure Resource Manager (portal, CLI,
      // PowerShell). The platform's own mandatory MFA for Azure is context only: it can be postponed
      // by the tenant, and no API shows whether it was.
      return [
        {
          status: "pass",
          ...subject,
          message: `Security defaults are on and no Conditional Access policy exists: security defaults require MFA of every user who reaches Azure Resource Manager (the Azure portal, Azure CLI and Azure PowerShell), so MFA is required on ${targetName} of all ${counted}. ${mandatoryAzureMfaContext}`,
          evidence: [...securityDefaultsRef, ...evidenceRefs],
        },
      ];
    }
    return [
      {
        status: "fail",
        ...subject,
        message: `Security defaults are on and no Conditional Access policy exists: for the ${counted}, Microsoft asks for MFA only when it judges a sign-in risky (administrators always), so MFA is not required at every sign-in on ${targetName}.`,
        evidence: evidenceRefs,
      },
    ];
  }
  // One statement per tenant and target: findings are keyed by resource, and the tenant is the resource.
  const parts = [
    ...(uncovered.length ? [`required by no enabled policy for ${uncovered.length}: ${list(uncovered)}`] : []),
    ...(conditional.length ? [`required only under conditions for ${conditional.length}: ${list(conditional)}`] : []),
  ];
  const gap = gapBehind(unknownReasons, identity);
  // Why each unknown is unknown, once per reason: the unreadable evidence, or the condition that cannot be decided.
  const because = [...new Set(unknownReasons)].join("; ");
  if (parts.length > 0) {
    const undecided = unknown.length ? `; for ${unknown.length} more it is unknown (${list(unknown)}), because ${because}` : "";
    return [{ status: "fail", ...subject, message: `Of ${counted}, MFA on ${targetName} is ${parts.join("; ")}${undecided}.`, evidence: evidenceRefs }];
  }
  if (unknown.length > 0) {
    return [
      gap
        ? notEvaluated(subject, `${what} (${unknown.length} user(s) whose verdict depends on it: ${list(unknown)})`, gap.dataset, gap.failure)
        : {
            status: "error",
            ...subject,
            message: `Whether MFA is required on ${targetName} is unknown for ${unknown.length} of ${counted}: ${list(unknown)}; because ${because}.`,
            evidence: evidenceRefs,
            error: { call: "(evaluation of Conditional Access)", status: 0, message: because, reason: "incomplete-data" },
          },
    ];
  }
  return [
    {
      status: "pass",
      ...subject,
      message: `An enabled Conditional Access policy requires MFA on ${targetName}, without conditions, for all ${counted}.`,
      evidence: evidenceRefs,
    },
  ];
}
