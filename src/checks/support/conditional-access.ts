import type { ConditionalAccessPolicy } from "../../datasets/entra.js";

/**
 * Conditional Access evaluation: does Entra require MFA when this user signs in to this target?
 * Pure (no I/O). A field Graph did not send is unknown: it never makes a policy count as enforcing,
 * and an answer that hangs on something unknown is "unknown", never a guess either way.
 */

/** "Windows Azure Service Management API": Azure Resource Manager, the Azure portal, Azure CLI and PowerShell. */
export const azureManagementAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013";

/** Built-in authentication strengths (the same ids in every tenant). */
export const builtInAuthenticationStrengths = {
  multifactor: "00000000-0000-0000-0000-000000000002",
  passwordlessMultifactor: "00000000-0000-0000-0000-000000000003",
  phishingResistantMultifactor: "00000000-0000-0000-0000-000000000004",
} as const;
const builtInStrengthIds: ReadonlySet<string> = new Set(Object.values(builtInAuthenticationStrengths));

const phishingResistantMethods: ReadonlySet<string> = new Set(["fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor"]);
/** Methods that are multifactor on their own. Any other lone method (password, sms, …) is one factor; a combination "password,sms" is two. */
const multifactorMethods: ReadonlySet<string> = new Set([
  ...phishingResistantMethods,
  "deviceBasedPush",
  "temporaryAccessPassOneTime",
  "temporaryAccessPassMultiUse",
  "federatedMultiFactor",
]);

export interface SignInSubject {
  id: string;
  /** "Member" | "Guest" as Graph gives it; null/undefined = unknown. */
  userType: string | null | undefined;
  /** Transitive group ids; undefined when membership could not be read, so group conditions are unknown. */
  groupIds: ReadonlySet<string> | undefined;
  /** Entra directory role template ids the user holds at sign-in (the caller decides whether eligible roles count); undefined when unknown. */
  roleTemplateIds: ReadonlySet<string> | undefined;
}

export type SignInTarget = "all-cloud-apps" | "azure-management";

export type MfaVerdict = "enforced" | "conditional" | "not-enforced" | "unknown";

export interface PolicyRef {
  id: string;
  /** The policy's display name, or its id when Graph gave none. */
  displayName: string;
}

export interface AuthenticationStrengthRef {
  id: string;
  displayName: string;
  /** undefined when a custom strength's allowed methods were not reported. */
  phishingResistant: boolean | undefined;
}

/** A policy that requires MFA of this user at this target. */
export interface MfaPolicy extends PolicyRef {
  via: "mfa" | "authentication-strength";
  /** Set when via is "authentication-strength". */
  authenticationStrength?: AuthenticationStrengthRef;
  /** Why MFA may not be asked at every sign-in ("only outside all trusted locations", "MFA or compliant device"); empty when it always is. */
  narrowing: string[];
}

export interface MfaExclusion extends PolicyRef {
  /** How the user escapes it: "user", "group <id>", "role <templateId>", "guest or external user", "application <name>". */
  excludedAs: string[];
}

export interface MfaCoverage {
  verdict: MfaVerdict;
  /** The enabled policies that decide the verdict: unconditional ones for "enforced", narrowed ones otherwise. */
  enforcedBy: MfaPolicy[];
  /** Enabled MFA policies that include the user but exclude them (exclusion wins in Entra). */
  excludedBy: MfaExclusion[];
  /** Report-only policies that would require MFA here: they enforce nothing. */
  reportOnly: MfaPolicy[];
  /** Disabled policies that would require MFA here. */
  disabled: MfaPolicy[];
  /** Enabled policies that block this user at this target outright, so MFA is moot. */
  blockedBy: PolicyRef[];
  /** Why the verdict could not be more certain, e.g. 'policy "Require MFA": membership of excluded group <id> is unknown'. */
  unknowns: string[];
}

type Conditions = ConditionalAccessPolicy["conditions"];
type Users = NonNullable<Conditions["users"]>;
type Applications = Conditions["applications"];
type GrantControls = ConditionalAccessPolicy["grantControls"];
type GuestsOrExternalUsers = Users["includeGuestsOrExternalUsers"];

/** The subject with ids lower-cased once: Graph GUIDs are case-insensitive. */
interface Subject {
  id: string;
  guest: boolean | undefined;
  groupIds: ReadonlySet<string> | undefined;
  roleTemplateIds: ReadonlySet<string> | undefined;
}

const lower = (values: Iterable<string>): Set<string> => new Set([...values].map((value) => value.toLowerCase()));
const has = (list: readonly string[] | null | undefined, value: string): boolean => (list ?? []).some((item) => item.toLowerCase() === value.toLowerCase());

function subjectOf(subject: SignInSubject): Subject {
  const userType = subject.userType?.toLowerCase();
  return {
    id: subject.id.toLowerCase(),
    guest: userType === "guest" ? true : userType === "member" ? false : undefined,
    groupIds: subject.groupIds ? lower(subject.groupIds) : undefined,
    roleTemplateIds: subject.roleTemplateIds ? lower(subject.roleTemplateIds) : undefined,
  };
}

function policyRef(policy: ConditionalAccessPolicy): PolicyRef {
  return { id: policy.id, displayName: policy.displayName ?? policy.id };
}

// ---------------------------------------------------------------------------------------------
// Grant controls

type Grant = { kind: "block" } | { kind: "mfa"; via: MfaPolicy["via"]; authenticationStrength?: AuthenticationStrengthRef; narrowing: string[] };

const controlNames: Record<string, string> = {
  mfa: "MFA",
  compliantDevice: "compliant device",
  domainJoinedDevice: "hybrid joined device",
  approvedApplication: "approved client app",
  compliantApplication: "app protection policy",
  passwordChange: "password change",
};

/** What the policy's grant asks for, when it blocks or asks for MFA; undefined for anything else (or no grant at all). */
function grantOf(grant: GrantControls): Grant | undefined {
  // null grantControls is how Graph shows a session-only policy: it grants on nothing, so requires no MFA.
  if (!grant) return undefined;
  const builtIn = grant.builtInControls ?? [];
  if (builtIn.includes("block")) return { kind: "block" };
  const strength = grant.authenticationStrength;
  if (!builtIn.includes("mfa") && !strength) return undefined;

  const narrowing: string[] = [];
  const strengthRef = strength ? authenticationStrengthRef(strength) : undefined;
  if (strength) narrowing.push(...strengthNarrowing(strength));

  // Under OR any one control is enough, so an alternative makes MFA optional; only AND makes it required.
  const alternatives = [
    ...builtIn.filter((control) => control !== "mfa").map((control) => controlNames[control] ?? control),
    ...(grant.customAuthenticationFactors ?? []).map((id) => `custom control ${id}`),
    ...(grant.termsOfUse ?? []).map((id) => `terms of use ${id}`),
  ];
  if (alternatives.length > 0 && grant.operator?.toUpperCase() !== "AND") {
    const mfa = strengthRef ? `authentication strength ${strengthRef.displayName}` : "MFA";
    const operator = grant.operator ? "" : " (grant operator not reported)";
    narrowing.push(`${[mfa, ...alternatives].join(" or ")}${operator}`);
  }
  return strengthRef ? { kind: "mfa", via: "authentication-strength", authenticationStrength: strengthRef, narrowing } : { kind: "mfa", via: "mfa", narrowing };
}

type Strength = NonNullable<NonNullable<GrantControls>["authenticationStrength"]>;

function authenticationStrengthRef(strength: Strength): AuthenticationStrengthRef {
  const combinations = strength.allowedCombinations ?? [];
  let phishingResistant: boolean | undefined;
  if (strength.id === builtInAuthenticationStrengths.phishingResistantMultifactor) phishingResistant = true;
  else if (combinations.length > 0) phishingResistant = combinations.every((combination) => phishingResistantMethods.has(combination));
  else if (builtInStrengthIds.has(strength.id)) phishingResistant = false;
  return { id: strength.id, displayName: strength.displayName ?? strength.id, phishingResistant };
}

/** A custom strength may accept a single factor (Graph: requirementsSatisfied "none"), which is not MFA. */
function strengthNarrowing(strength: Strength): string[] {
  const name = strength.displayName ?? strength.id;
  const combinations = strength.allowedCombinations ?? [];
  if (combinations.length === 0) {
    return builtInStrengthIds.has(strength.id) ? [] : [`authentication strength ${name}: allowed methods not reported`];
  }
  const singleFactor = combinations.filter((combination) => !combination.includes(",") && !multifactorMethods.has(combination));
  return singleFactor.length > 0 ? [`authentication strength ${name} also accepts single-factor ${singleFactor.join(", ")}`] : [];
}

// ---------------------------------------------------------------------------------------------
// Conditions

function describeApplication(app: string): string {
  if (app.toLowerCase() === azureManagementAppId) return `Azure management (${azureManagementAppId})`;
  if (app === "Office365") return "Office 365";
  if (app === "MicrosoftAdminPortals") return "Microsoft Admin Portals";
  return app;
}

function describeLocation(location: string): string {
  return location === "AllTrusted" ? "all trusted locations" : `named location ${location}`;
}

/** Client app types other than browser plus mobile/desktop leave modern sign-ins uncovered. */
function clientAppNarrowing(conditions: Conditions): string[] {
  const types = conditions.clientAppTypes ?? [];
  if (types.length === 0) return ["client app types not given"];
  if (types.includes("all") || (types.includes("browser") && types.includes("mobileAppsAndDesktopClients"))) return [];
  return [`only client app types ${types.join(", ")}`];
}

/** Every condition besides users, applications and client app types that limits when the policy applies. */
function otherConditionNarrowing(conditions: Conditions): string[] {
  const narrowing: string[] = [];
  const includePlatforms = conditions.platforms?.includePlatforms ?? [];
  const excludePlatforms = conditions.platforms?.excludePlatforms ?? [];
  if (includePlatforms.length > 0 && !includePlatforms.includes("all")) narrowing.push(`only on platforms ${includePlatforms.join(", ")}`);
  if (excludePlatforms.length > 0) narrowing.push(`not on platforms ${excludePlatforms.join(", ")}`);

  const includeLocations = conditions.locations?.includeLocations ?? [];
  const excludeLocations = conditions.locations?.excludeLocations ?? [];
  if (includeLocations.length > 0 && !includeLocations.includes("All")) narrowing.push(`only at ${includeLocations.map(describeLocation).join(", ")}`);
  if (excludeLocations.length > 0) narrowing.push(`only outside ${excludeLocations.map(describeLocation).join(", ")}`);

  if (conditions.signInRiskLevels?.length) narrowing.push(`only at sign-in risk ${conditions.signInRiskLevels.join(", ")}`);
  if (conditions.userRiskLevels?.length) narrowing.push(`only at user risk ${conditions.userRiskLevels.join(", ")}`);
  if (conditions.insiderRiskLevels) narrowing.push(`only at insider risk ${conditions.insiderRiskLevels}`);

  const deviceFilter = conditions.devices?.deviceFilter;
  if (deviceFilter?.rule) narrowing.push(`device filter (${deviceFilter.mode ?? "mode not given"}): ${deviceFilter.rule}`);

  const flows = conditions.authenticationFlows as { transferMethods?: unknown } | null | undefined;
  if (typeof flows?.transferMethods === "string" && flows.transferMethods !== "" && flows.transferMethods !== "none") {
    narrowing.push(`only for authentication flows ${flows.transferMethods}`);
  }
  return narrowing;
}

type ApplicationScope =
  | { status: "covers"; narrowing: string[] }
  | { status: "not-covered" }
  | { status: "excluded"; how: string }
  | { status: "unknown"; reason: string };

function applicationScope(applications: Applications, target: SignInTarget): ApplicationScope {
  if (!applications) return { status: "unknown", reason: "it does not say which applications it covers" };
  const include = applications.includeApplications ?? [];
  const exclude = applications.excludeApplications ?? [];
  // Policies on user actions or authentication contexts only (no applications) govern those, not sign-in.
  if (include.every((app) => app === "None")) return { status: "not-covered" };

  const narrowing: string[] = [];
  const filter = applications.applicationFilter;
  if (filter?.rule) narrowing.push(`application filter (${filter.mode ?? "mode not given"}): ${filter.rule}`);

  if (target === "all-cloud-apps") {
    if (!include.includes("All")) narrowing.push(`only applications ${include.map(describeApplication).join(", ")}`);
    narrowing.push(...exclude.map((app) => `excludes application ${describeApplication(app)}`));
    return { status: "covers", narrowing };
  }

  if (has(exclude, azureManagementAppId)) return { status: "excluded", how: `application ${describeApplication(azureManagementAppId)}` };
  if (include.includes("All") || has(include, azureManagementAppId)) {
    // covered as a whole
  } else if (include.includes("MicrosoftAdminPortals")) {
    // Admin Portals covers the Azure portal's own tokens only; CLI, PowerShell and ARM tokens belong to the Azure management app.
    narrowing.push("only Microsoft Admin Portals: the Azure portal, not Azure CLI, PowerShell or the Resource Manager API");
  } else {
    return { status: "not-covered" };
  }
  if (exclude.includes("MicrosoftAdminPortals")) narrowing.push("excludes Microsoft Admin Portals (the Azure portal)");
  return { status: "covers", narrowing };
}

// ---------------------------------------------------------------------------------------------
// Users

/** guestOrExternalUserTypes is a flags enum sent as one comma-separated string; "none" names no one. */
function guestTypes(condition: GuestsOrExternalUsers): string[] {
  return (condition?.guestOrExternalUserTypes ?? "")
    .split(",")
    .map((type) => type.trim())
    .filter((type) => type !== "" && type !== "none");
}

/**
 * Does the policy name guests or external users, by the legacy "GuestsOrExternalUsers" user value or by
 * user types? Matched against userType Guest only: a B2B collaboration *member* has userType Member and
 * is not recognised, and externalTenants (specific partner tenants) is not in the collected shape.
 */
function targetsGuests(userList: readonly string[] | undefined, condition: GuestsOrExternalUsers): boolean {
  return has(userList, "GuestsOrExternalUsers") || guestTypes(condition).length > 0;
}

/** included: certainly in scope; unknown: why it might be (only meaningful when not certainly included). */
function inclusion(users: Users, subject: Subject): { included: boolean; unknown: string[] } {
  const unknown: string[] = [];
  const includeUsers = users.includeUsers ?? [];
  if (has(includeUsers, "All") || has(includeUsers, subject.id)) return { included: true, unknown };
  for (const role of users.includeRoles ?? []) {
    if (!subject.roleTemplateIds) unknown.push(`whether the user holds included role ${role} is unknown`);
    else if (subject.roleTemplateIds.has(role.toLowerCase())) return { included: true, unknown: [] };
  }
  if (targetsGuests(includeUsers, users.includeGuestsOrExternalUsers)) {
    if (subject.guest) return { included: true, unknown };
    if (subject.guest === undefined) unknown.push("the user's type (member or guest) is unknown, and it includes guest or external users");
  }
  for (const group of users.includeGroups ?? []) {
    if (!subject.groupIds) unknown.push(`membership of included group ${group} is unknown`);
    else if (subject.groupIds.has(group.toLowerCase())) return { included: true, unknown: [] };
  }
  return { included: false, unknown };
}

/** how: every way the user is certainly excluded; unknown: exclusions that cannot be decided. */
function exclusion(users: Users, subject: Subject): { how: string[]; unknown: string[] } {
  const how: string[] = [];
  const unknown: string[] = [];
  if (has(users.excludeUsers, subject.id)) how.push("user");
  for (const group of users.excludeGroups ?? []) {
    if (!subject.groupIds) unknown.push(`membership of excluded group ${group} is unknown`);
    else if (subject.groupIds.has(group.toLowerCase())) how.push(`group ${group}`);
  }
  for (const role of users.excludeRoles ?? []) {
    if (!subject.roleTemplateIds) unknown.push(`whether the user holds excluded role ${role} is unknown`);
    else if (subject.roleTemplateIds.has(role.toLowerCase())) how.push(`role ${role}`);
  }
  if (targetsGuests(users.excludeUsers, users.excludeGuestsOrExternalUsers)) {
    if (subject.guest) how.push("guest or external user");
    else if (subject.guest === undefined) unknown.push("the user's type (member or guest) is unknown, and it excludes guest or external users");
  }
  return { how, unknown };
}

// ---------------------------------------------------------------------------------------------
// One policy, one user, one target

type Reach = { status: "applies"; narrowing: string[] } | { status: "excluded"; how: string[] } | { status: "unknown"; reasons: string[]; narrowing: string[] };

/** How a policy reaches this user signing in to this target; undefined when it plainly does not. */
function reach(policy: ConditionalAccessPolicy, subject: Subject, target: SignInTarget): Reach | undefined {
  const apps = applicationScope(policy.conditions.applications, target);
  if (apps.status === "not-covered") return undefined;
  const narrowing = [
    ...(apps.status === "covers" ? apps.narrowing : []),
    ...clientAppNarrowing(policy.conditions),
    ...otherConditionNarrowing(policy.conditions),
  ];
  const users = policy.conditions.users;
  if (!users) return { status: "unknown", reasons: ["it does not say which users it applies to"], narrowing };

  const { included, unknown: includeUnknown } = inclusion(users, subject);
  if (!included && includeUnknown.length === 0) return undefined;
  const { how, unknown: excludeUnknown } = exclusion(users, subject);
  if (apps.status === "excluded") how.push(apps.how);
  // Exclusion wins; when inclusion itself is uncertain the user is simply out of scope, not "excluded".
  if (how.length > 0) return included ? { status: "excluded", how } : undefined;

  const reasons = [...(included ? [] : includeUnknown), ...excludeUnknown, ...(apps.status === "unknown" ? [apps.reason] : [])];
  return reasons.length > 0 ? { status: "unknown", reasons, narrowing } : { status: "applies", narrowing };
}

/**
 * The enabled policies that reach a user at a target, whatever they grant: what an emergency access
 * account must be excluded from, so that no policy can lock it out.
 */
export function enabledPoliciesReaching(
  policies: readonly ConditionalAccessPolicy[],
  subject: SignInSubject,
  target: SignInTarget,
): { policy: PolicyRef; status: "applies" | "unknown"; detail: string[] }[] {
  const who = subjectOf(subject);
  return policies.flatMap((policy) => {
    if (policy.state !== "enabled") return [];
    const reached = reach(policy, who, target);
    if (!reached || reached.status === "excluded") return [];
    return [{ policy: policyRef(policy), status: reached.status, detail: reached.status === "unknown" ? reached.reasons : reached.narrowing }];
  });
}

/**
 * Whether the policy's grant asks only for a phishing-resistant authentication strength: no block,
 * no other control, no alternative. Microsoft's guidance for emergency access accounts is
 * phishing-resistant MFA, which such a policy may require of them without locking them out.
 */
export function requiresOnlyPhishingResistantStrength(policy: ConditionalAccessPolicy): boolean {
  const grant = policy.grantControls;
  if (!grant?.authenticationStrength) return false;
  if ((grant.builtInControls ?? []).length > 0 || (grant.customAuthenticationFactors ?? []).length > 0 || (grant.termsOfUse ?? []).length > 0) return false;
  return authenticationStrengthRef(grant.authenticationStrength).phishingResistant === true;
}

/** Whether a policy's grant asks for MFA at all (alone, or as one of several alternatives). */
export function asksForMfa(policy: ConditionalAccessPolicy): boolean {
  return grantOf(policy.grantControls)?.kind === "mfa";
}

export function mfaCoverage(policies: readonly ConditionalAccessPolicy[], subject: SignInSubject, target: SignInTarget): MfaCoverage {
  const who = subjectOf(subject);
  const coverage: MfaCoverage = { verdict: "not-enforced", enforcedBy: [], excludedBy: [], reportOnly: [], disabled: [], blockedBy: [], unknowns: [] };
  const unconditional: MfaPolicy[] = [];
  const conditional: MfaPolicy[] = [];
  let unknownMightEnforce = false;
  let unknownMightNarrow = false;

  for (const policy of policies) {
    const grant = grantOf(policy.grantControls);
    const reached = grant && reach(policy, who, target);
    if (!grant || !reached) continue;
    const ref = policyRef(policy);
    if (grant.kind === "block") {
      if (policy.state === "enabled" && reached.status === "applies" && reached.narrowing.length === 0) coverage.blockedBy.push(ref);
      continue;
    }
    if (reached.status === "excluded") {
      if (policy.state === "enabled") coverage.excludedBy.push({ ...ref, excludedAs: reached.how });
      continue;
    }
    const narrowing = [...reached.narrowing, ...grant.narrowing];
    const match: MfaPolicy = {
      ...ref,
      via: grant.via,
      ...(grant.authenticationStrength ? { authenticationStrength: grant.authenticationStrength } : {}),
      narrowing,
    };
    if (policy.state === "enabled") {
      if (reached.status === "applies") (narrowing.length === 0 ? unconditional : conditional).push(match);
      else {
        coverage.unknowns.push(...reached.reasons.map((reason) => `policy "${ref.displayName}": ${reason}`));
        if (narrowing.length === 0) unknownMightEnforce = true;
        else unknownMightNarrow = true;
      }
    } else if (reached.status === "applies") {
      if (policy.state === "enabledForReportingButNotEnforced") coverage.reportOnly.push(match);
      else if (policy.state === "disabled") coverage.disabled.push(match);
    }
  }

  // An unknown only matters when it could change the answer: certain enforcement is not undone by it.
  if (unconditional.length > 0) return { ...coverage, verdict: "enforced", enforcedBy: unconditional };
  if (unknownMightEnforce) return { ...coverage, verdict: "unknown", enforcedBy: conditional };
  if (conditional.length > 0) return { ...coverage, verdict: "conditional", enforcedBy: conditional };
  if (unknownMightNarrow) return { ...coverage, verdict: "unknown" };
  return coverage;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the legacy-authentication and automatic-logoff evidence

export interface PolicyUsers {
  users: string[];
  groups: string[];
  roles: string[];
  /** guestOrExternalUserTypes as Graph gives them ("internalGuest,b2bCollaborationGuest"), "GuestsOrExternalUsers" for the legacy value, or undefined. */
  guestsOrExternalUsers: string | undefined;
}

function policyUsers(
  users: readonly string[] | undefined,
  groups: readonly string[] | undefined,
  roles: readonly string[] | undefined,
  guests: GuestsOrExternalUsers,
): PolicyUsers {
  const legacyGuests = has(users, "GuestsOrExternalUsers") ? "GuestsOrExternalUsers" : undefined;
  return {
    users: (users ?? []).filter((user) => !["All", "None", "GuestsOrExternalUsers"].includes(user)),
    groups: [...(groups ?? [])],
    roles: [...(roles ?? [])],
    guestsOrExternalUsers: guestTypes(guests).join(",") || legacyGuests,
  };
}

function includedUsers(users: Users | null | undefined): PolicyUsers & { allUsers: boolean } {
  return {
    allUsers: has(users?.includeUsers, "All"),
    ...policyUsers(users?.includeUsers, users?.includeGroups, users?.includeRoles, users?.includeGuestsOrExternalUsers),
  };
}

function excludedUsers(users: Users | null | undefined): PolicyUsers {
  return policyUsers(users?.excludeUsers, users?.excludeGroups, users?.excludeRoles, users?.excludeGuestsOrExternalUsers);
}

export interface LegacyAuthenticationBlock extends PolicyRef {
  /** Who may still use legacy protocols: break-glass accounts are expected here, anyone else is a gap. */
  excluded: PolicyUsers;
  excludedApplications: string[];
  /** Other conditions that let some legacy sign-ins through (locations, platforms, …). */
  narrowing: string[];
}

/**
 * Policies that block legacy authentication (client app types exchangeActiveSync and other) for all users
 * and all cloud apps. Report-only ones are listed apart: they block nothing.
 */
export function legacyAuthenticationBlocks(policies: readonly ConditionalAccessPolicy[]): {
  enforced: LegacyAuthenticationBlock[];
  reportOnly: LegacyAuthenticationBlock[];
} {
  const enforced: LegacyAuthenticationBlock[] = [];
  const reportOnly: LegacyAuthenticationBlock[] = [];
  for (const policy of policies) {
    const { users, applications, clientAppTypes } = policy.conditions;
    const blocksLegacy =
      grantOf(policy.grantControls)?.kind === "block" &&
      (clientAppTypes ?? []).includes("exchangeActiveSync") &&
      (clientAppTypes ?? []).includes("other") &&
      has(users?.includeUsers, "All") &&
      (applications?.includeApplications ?? []).includes("All");
    if (!blocksLegacy) continue;
    const filter = applications?.applicationFilter;
    const block: LegacyAuthenticationBlock = {
      ...policyRef(policy),
      excluded: excludedUsers(users),
      excludedApplications: [...(applications?.excludeApplications ?? [])],
      narrowing: [
        ...(filter?.rule ? [`application filter (${filter.mode ?? "mode not given"}): ${filter.rule}`] : []),
        ...otherConditionNarrowing(policy.conditions),
      ],
    };
    if (policy.state === "enabled") enforced.push(block);
    else if (policy.state === "enabledForReportingButNotEnforced") reportOnly.push(block);
  }
  return { enforced, reportOnly };
}

export type SignInFrequency = { everyTime: true } | { everyTime: false; value: number | undefined; unit: string | undefined };

export interface SessionLifetimeControl extends PolicyRef {
  /** How often the user must sign in again; undefined when the policy does not set it. */
  signInFrequency: SignInFrequency | undefined;
  /** persistentBrowser mode "never": a browser session does not outlive the browser. */
  persistentBrowserNever: boolean;
  included: PolicyUsers & { allUsers: boolean };
  excluded: PolicyUsers;
  /** includeApplications as Graph gives them ("All", app ids, "Office365"). */
  applications: string[];
  /** Conditions that limit where the control applies, excluded applications among them. */
  narrowing: string[];
  /** What the policy does not say that decides where it applies: never a limit, never a pass. */
  unknowns: string[];
}

/** Enabled policies that end sessions (sign-in frequency, or no persistent browser sessions): the automatic-logoff evidence. */
export function signInFrequencyControls(policies: readonly ConditionalAccessPolicy[]): SessionLifetimeControl[] {
  const controls: SessionLifetimeControl[] = [];
  for (const policy of policies) {
    if (policy.state !== "enabled") continue;
    const frequency = policy.sessionControls?.signInFrequency;
    const browser = policy.sessionControls?.persistentBrowser;
    let signInFrequency: SignInFrequency | undefined;
    if (frequency?.isEnabled === true) {
      signInFrequency =
        frequency.frequencyInterval === "everyTime"
          ? { everyTime: true }
          : { everyTime: false, value: frequency.value ?? undefined, unit: frequency.type ?? undefined };
    }
    const persistentBrowserNever = browser?.isEnabled === true && browser.mode === "never";
    if (!signInFrequency && !persistentBrowserNever) continue;

    const apps = applicationScope(policy.conditions.applications, "all-cloud-apps");
    // A policy on user actions or authentication contexts alone (sign-in frequency applies there too) ends no
    // application's session: a limit. One that does not say which applications it covers is unknown.
    const applicationNarrowing =
      apps.status === "covers" ? apps.narrowing : apps.status === "unknown" ? [] : ["no applications, at most user actions or authentication contexts"];
    controls.push({
      ...policyRef(policy),
      signInFrequency,
      persistentBrowserNever,
      included: includedUsers(policy.conditions.users),
      excluded: excludedUsers(policy.conditions.users),
      applications: [...(policy.conditions.applications?.includeApplications ?? [])],
      narrowing: [...applicationNarrowing, ...clientAppNarrowing(policy.conditions), ...otherConditionNarrowing(policy.conditions)],
      unknowns: apps.status === "unknown" ? [apps.reason] : [],
    });
  }
  return controls;
}
