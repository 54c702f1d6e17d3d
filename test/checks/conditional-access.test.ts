import { describe, expect, it } from "vitest";
import {
  asksForMfa,
  azureManagementAppId,
  enabledPoliciesReaching,
  legacyAuthenticationBlocks,
  mfaCoverage,
  requiresOnlyPhishingResistantStrength,
  signInFrequencyControls,
  type MfaCoverage,
  type MfaPolicy,
  type SignInSubject,
  type SignInTarget,
} from "../../src/checks/support/conditional-access.js";
import { ConditionalAccessPolicySchema, type ConditionalAccessPolicy } from "../../src/datasets/entra.js";
import { officialExample } from "../support/official-examples.js";

const userId = "6e7b768e-07e2-4810-8459-485f84f8f204";
const otherUserId = "0c2f4c8e-4a3b-4f4e-9d3e-1d2c3b4a5f60";
const breakGlassGroup = "aa3f0c4d-1111-4c2b-9a0e-5b6c7d8e9f01";
const cliniciansGroup = "bb4e1d5e-2222-4d3c-8b1f-6c7d8e9f0a12";
const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
const compliantNetworkLocation = "3d46dbda-8382-466a-856d-eb00cbc6b910";
const telehealthAppId = "00000003-0000-0ff1-ce00-000000000000";

/** The official list example's MFA policy, made the one good policy: enabled, all users, all apps. */
function goodPolicy(): ConditionalAccessPolicy {
  const example = officialExample("graph-conditional-access-policies-list.json");
  const raw = structuredClone(example.value?.find((policy) => (policy as { displayName?: string }).displayName === "SimplePolicy2")) as Record<string, any>;
  expect(raw.grantControls.builtInControls).toEqual(["mfa"]);
  expect(raw.conditions.clientAppTypes).toEqual(["all"]);
  raw.displayName = "Require MFA for all users";
  raw.state = "enabled";
  raw.conditions.users.includeUsers = ["All"];
  raw.conditions.applications.includeApplications = ["All"];
  return ConditionalAccessPolicySchema.parse(raw);
}

function policy(id: string, displayName: string, change: (policy: ConditionalAccessPolicy) => void): ConditionalAccessPolicy {
  const made = { ...goodPolicy(), id, displayName };
  change(made);
  return ConditionalAccessPolicySchema.parse(made);
}

const goodMember: SignInSubject = {
  id: userId,
  userType: "Member",
  groupIds: new Set([cliniciansGroup]),
  roleTemplateIds: new Set(),
};

const good = { id: "c558e346-969d-40a7-a64e-2df6c2c88490", displayName: "Require MFA for all users" };
const second = { id: "5e0f4c1a-0000-4000-8000-000000000002", displayName: "Require MFA for admins" };
const viaMfa = (narrowing: string[] = [], ref = good): MfaPolicy => ({ ...ref, via: "mfa", narrowing });

const phishingResistantStrength = {
  id: "00000000-0000-0000-0000-000000000004",
  displayName: "Phishing-resistant MFA",
  policyType: "builtIn",
  allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
};
/** The good policy enforcing MFA through the built-in phishing-resistant strength, with nothing that narrows it. */
const enforcedByPhishingResistantStrength: Partial<MfaCoverage> & Pick<MfaCoverage, "verdict"> = {
  verdict: "enforced",
  enforcedBy: [
    {
      ...good,
      via: "authentication-strength",
      authenticationStrength: { id: phishingResistantStrength.id, displayName: "Phishing-resistant MFA", phishingResistant: true },
      narrowing: [],
    },
  ],
};
const multifactorStrength = {
  id: "00000000-0000-0000-0000-000000000002",
  displayName: "Multifactor authentication",
  policyType: "builtIn",
  allowedCombinations: [
    "windowsHelloForBusiness",
    "fido2",
    "x509CertificateMultiFactor",
    "deviceBasedPush",
    "temporaryAccessPassOneTime",
    "password,microsoftAuthenticatorPush",
    "password,sms",
  ],
};

interface Case {
  name: string;
  /** Changes the one good policy. */
  change?: (policy: ConditionalAccessPolicy) => void;
  /** Policies evaluated after the good one. */
  more?: ConditionalAccessPolicy[];
  user?: Partial<SignInSubject>;
  target?: SignInTarget;
  expected: Partial<MfaCoverage> & Pick<MfaCoverage, "verdict">;
}

const users = (policy: ConditionalAccessPolicy) => policy.conditions.users!;
const apps = (policy: ConditionalAccessPolicy) => policy.conditions.applications!;

const cases: Case[] = [
  { name: "the good policy enforces MFA for a member", expected: { verdict: "enforced", enforcedBy: [viaMfa()] } },
  {
    name: "a nested group exclusion: the user's transitive groups contain the excluded group",
    change: (p) => (users(p).excludeGroups = [breakGlassGroup]),
    user: { groupIds: new Set([cliniciansGroup, breakGlassGroup]) },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: [`group ${breakGlassGroup}`] }] },
  },
  {
    name: "an excluded group the user is not in changes nothing",
    change: (p) => (users(p).excludeGroups = [breakGlassGroup]),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "a role-based include reaches a user holding Global Administrator (active, or eligible when the caller counts eligible roles)",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeRoles = [globalAdministrator];
    },
    user: { roleTemplateIds: new Set([globalAdministrator]) },
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "a role-based include does not reach a user without the role",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeRoles = [globalAdministrator];
    },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "an excluded role the user holds excludes them",
    change: (p) => (users(p).excludeRoles = [globalAdministrator]),
    user: { roleTemplateIds: new Set([globalAdministrator]) },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: [`role ${globalAdministrator}`] }] },
  },
  {
    name: "report-only enforces nothing",
    change: (p) => (p.state = "enabledForReportingButNotEnforced"),
    expected: { verdict: "not-enforced", reportOnly: [viaMfa()] },
  },
  { name: "disabled enforces nothing", change: (p) => (p.state = "disabled"), expected: { verdict: "not-enforced", disabled: [viaMfa()] } },
  {
    name: "a block grant blocks the user outright",
    change: (p) => (p.grantControls!.builtInControls = ["block"]),
    expected: { verdict: "not-enforced", blockedBy: [good] },
  },
  {
    name: "the phishing-resistant authentication strength enforces MFA",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = phishingResistantStrength;
    },
    expected: enforcedByPhishingResistantStrength,
  },
  {
    name: "the built-in MFA authentication strength enforces MFA, not phishing-resistant",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = multifactorStrength;
    },
    expected: {
      verdict: "enforced",
      enforcedBy: [
        {
          ...good,
          via: "authentication-strength",
          authenticationStrength: { id: multifactorStrength.id, displayName: "Multifactor authentication", phishingResistant: false },
          narrowing: [],
        },
      ],
    },
  },
  {
    name: "a custom authentication strength that accepts a password alone is not MFA",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = {
        id: "9f1e0b1e-0000-4000-8000-00000000000c",
        displayName: "Legacy kiosk",
        policyType: "custom",
        allowedCombinations: ["password", "password,sms"],
      };
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [
        {
          ...good,
          via: "authentication-strength",
          authenticationStrength: { id: "9f1e0b1e-0000-4000-8000-00000000000c", displayName: "Legacy kiosk", phishingResistant: false },
          narrowing: ["authentication strength Legacy kiosk also accepts single-factor password"],
        },
      ],
    },
  },
  {
    name: "all apps minus an excluded app is conditional",
    change: (p) => (apps(p).excludeApplications = [telehealthAppId]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa([`excludes application ${telehealthAppId}`])] },
  },
  {
    name: "an Office 365-only policy is conditional for all cloud apps",
    change: (p) => (apps(p).includeApplications = ["Office365"]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["only applications Office 365"])] },
  },
  {
    name: "azure management: an Office 365-only policy does not cover it",
    change: (p) => (apps(p).includeApplications = ["Office365"]),
    target: "azure-management",
    expected: { verdict: "not-enforced" },
  },
  {
    name: "azure management: a policy on the Azure management app enforces",
    change: (p) => (apps(p).includeApplications = [azureManagementAppId]),
    target: "azure-management",
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  { name: "azure management: all apps covers it", target: "azure-management", expected: { verdict: "enforced", enforcedBy: [viaMfa()] } },
  {
    name: "azure management: all apps minus an unrelated app still covers it",
    change: (p) => (apps(p).excludeApplications = [telehealthAppId]),
    target: "azure-management",
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "azure management: all apps minus the Azure management app excludes it",
    change: (p) => (apps(p).excludeApplications = [azureManagementAppId]),
    target: "azure-management",
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: [`application Azure management (${azureManagementAppId})`] }] },
  },
  {
    name: "azure management: Microsoft Admin Portals covers the Azure portal only",
    change: (p) => (apps(p).includeApplications = ["MicrosoftAdminPortals"]),
    target: "azure-management",
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only Microsoft Admin Portals: the Azure portal, not Azure CLI, PowerShell or the Resource Manager API"])],
    },
  },
  {
    name: "a guest is included by includeGuestsOrExternalUsers",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGuestsOrExternalUsers = { guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest" };
    },
    user: { userType: "Guest" },
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "a member is not included by includeGuestsOrExternalUsers",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGuestsOrExternalUsers = { guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest" };
    },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "a guest is excluded by excludeGuestsOrExternalUsers",
    change: (p) => (users(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest" }),
    user: { userType: "guest" },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: ["guest or external user"] }] },
  },
  {
    name: "a guest is excluded by the legacy GuestsOrExternalUsers user value",
    change: (p) => (users(p).excludeUsers = ["GuestsOrExternalUsers"]),
    user: { userType: "Guest" },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: ["guest or external user"] }] },
  },
  {
    name: "a user both included by id and excluded by group is excluded",
    change: (p) => {
      users(p).includeUsers = [userId];
      users(p).excludeGroups = [cliniciansGroup];
    },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: [`group ${cliniciansGroup}`] }] },
  },
  {
    name: "a user both included and excluded by id is excluded",
    change: (p) => {
      users(p).includeUsers = [userId];
      users(p).excludeUsers = [userId.toUpperCase()];
    },
    expected: { verdict: "not-enforced", excludedBy: [{ ...good, excludedAs: ["user"] }] },
  },
  {
    name: "includeUsers None includes no one",
    change: (p) => (users(p).includeUsers = ["None"]),
    expected: { verdict: "not-enforced" },
  },
  {
    name: "mfa OR compliantDevice is conditional",
    change: (p) => {
      p.grantControls!.operator = "OR";
      p.grantControls!.builtInControls = ["mfa", "compliantDevice"];
    },
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["MFA or compliant device"])] },
  },
  {
    name: "mfa AND compliantDevice enforces",
    change: (p) => {
      p.grantControls!.operator = "AND";
      p.grantControls!.builtInControls = ["mfa", "compliantDevice"];
    },
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "an excluded trusted location is conditional",
    change: (p) => (p.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted", compliantNetworkLocation] }),
    expected: { verdict: "conditional", enforcedBy: [viaMfa([`only outside all trusted locations, named location ${compliantNetworkLocation}`])] },
  },
  {
    name: "browser-only client apps are conditional",
    change: (p) => (p.conditions.clientAppTypes = ["browser"]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["only client app types browser"])] },
  },
  {
    name: "a sign-in risk condition is conditional",
    change: (p) => (p.conditions.signInRiskLevels = ["high", "medium"]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["only at sign-in risk high, medium"])] },
  },
  {
    name: "unknown group membership against an excluded group is unknown",
    change: (p) => (users(p).excludeGroups = [breakGlassGroup]),
    user: { groupIds: undefined },
    expected: { verdict: "unknown", unknowns: [`policy "Require MFA for all users": membership of excluded group ${breakGlassGroup} is unknown`] },
  },
  {
    name: "unknown group membership against an included group is unknown",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGroups = [cliniciansGroup];
    },
    user: { groupIds: undefined },
    expected: { verdict: "unknown", unknowns: [`policy "Require MFA for all users": membership of included group ${cliniciansGroup} is unknown`] },
  },
  {
    name: "unknown userType against a guest exclusion is unknown",
    change: (p) => (users(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest" }),
    user: { userType: null },
    expected: {
      verdict: "unknown",
      unknowns: ['policy "Require MFA for all users": the user\'s type (member or guest) is unknown, and it excludes guest or external users'],
    },
  },
  {
    name: "a policy with no grant controls (session only) requires nothing",
    change: (p) => (p.grantControls = null),
    expected: { verdict: "not-enforced" },
  },
  {
    name: "a policy that does not say which users it covers is never counted as enforcing",
    change: (p) => (p.conditions.users = null),
    expected: { verdict: "unknown", unknowns: ['policy "Require MFA for all users": it does not say which users it applies to'] },
  },
  {
    name: "a user-action policy (register security info) is not a sign-in policy",
    change: (p) => {
      apps(p).includeApplications = [];
      apps(p).includeUserActions = ["urn:user:registersecurityinfo"];
    },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "one policy excludes the user, another enforces",
    change: (p) => (users(p).excludeUsers = [userId]),
    more: [policy(second.id, second.displayName, (p) => (users(p).includeUsers = [otherUserId, userId]))],
    expected: { verdict: "enforced", enforcedBy: [viaMfa([], second)], excludedBy: [{ ...good, excludedAs: ["user"] }] },
  },
  {
    name: "certain enforcement stands even when another policy's scope is unknown",
    more: [policy(second.id, second.displayName, (p) => (users(p).excludeGroups = [breakGlassGroup]))],
    user: { groupIds: undefined },
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
      unknowns: [`policy "Require MFA for admins": membership of excluded group ${breakGlassGroup} is unknown`],
    },
  },
  {
    name: "a narrowed policy that certainly applies and an unconditional one whose scope is unknown is unknown",
    change: (p) => (p.conditions.clientAppTypes = ["browser"]),
    more: [policy(second.id, second.displayName, (p) => (users(p).excludeGroups = [breakGlassGroup]))],
    user: { groupIds: undefined },
    expected: {
      verdict: "unknown",
      enforcedBy: [viaMfa(["only client app types browser"])],
      unknowns: [`policy "Require MFA for admins": membership of excluded group ${breakGlassGroup} is unknown`],
    },
  },
  // Every condition that limits when a policy applies is named, so the verdict is "conditional".
  {
    name: "only on some platforms",
    change: (p) => (p.conditions.platforms = { includePlatforms: ["android", "iOS"], excludePlatforms: [] }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only on platforms android, iOS"])],
    },
  },
  {
    name: "all platforms but one",
    change: (p) => (p.conditions.platforms = { includePlatforms: ["all"], excludePlatforms: ["linux"] }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["not on platforms linux"])],
    },
  },
  {
    name: "all platforms, none excluded: no narrowing",
    change: (p) => (p.conditions.platforms = { includePlatforms: ["all"], excludePlatforms: [] }),
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "only at one named location",
    change: (p) => (p.conditions.locations = { includeLocations: [compliantNetworkLocation], excludeLocations: [] }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only at named location 3d46dbda-8382-466a-856d-eb00cbc6b910"])],
    },
  },
  {
    name: "only at some user risk",
    change: (p) => (p.conditions.userRiskLevels = ["high"]),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only at user risk high"])],
    },
  },
  {
    name: "only at some insider risk",
    change: (p) => (p.conditions.insiderRiskLevels = "elevated"),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only at insider risk elevated"])],
    },
  },
  {
    name: "a device filter",
    change: (p) => (p.conditions.devices = { deviceFilter: { mode: "exclude", rule: 'device.trustType -eq "ServerAD"' } }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(['device filter (exclude): device.trustType -eq "ServerAD"'])],
    },
  },
  {
    name: "a device filter whose mode is not given",
    change: (p) => (p.conditions.devices = { deviceFilter: { rule: 'device.trustType -eq "ServerAD"' } }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(['device filter (mode not given): device.trustType -eq "ServerAD"'])],
    },
  },
  {
    name: "only for some authentication flows",
    change: (p) => (p.conditions.authenticationFlows = { transferMethods: "deviceCodeFlow" }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only for authentication flows deviceCodeFlow"])],
    },
  },
  {
    name: "authentication flows none: no narrowing",
    change: (p) => (p.conditions.authenticationFlows = { transferMethods: "none" }),
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "client app types not given",
    change: (p) => (p.conditions.clientAppTypes = []),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["client app types not given"])],
    },
  },
  {
    name: "browser and mobile or desktop clients together are every modern client",
    change: (p) => (p.conditions.clientAppTypes = ["browser", "mobileAppsAndDesktopClients"]),
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "an application filter",
    change: (p) => (apps(p).applicationFilter = { mode: "include", rule: 'CustomSecurityAttribute.Sensitivity -eq "PHI"' }),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(['application filter (include): CustomSecurityAttribute.Sensitivity -eq "PHI"'])],
    },
  },
  {
    name: "no applications at all (includeApplications None): not a sign-in policy for any app",
    change: (p) => (apps(p).includeApplications = ["None"]),
    expected: { verdict: "not-enforced" },
  },
  {
    name: "only Microsoft Admin Portals, for all cloud apps",
    change: (p) => (apps(p).includeApplications = ["MicrosoftAdminPortals"]),
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only applications Microsoft Admin Portals"])],
    },
  },
  {
    name: "azure management: all apps minus Microsoft Admin Portals",
    change: (p) => (apps(p).excludeApplications = ["MicrosoftAdminPortals"]),
    target: "azure-management",
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["excludes Microsoft Admin Portals (the Azure portal)"])],
    },
  },
  {
    name: "a policy that does not say which applications it covers",
    change: (p) => (p.conditions.applications = null),
    expected: { verdict: "unknown", unknowns: ['policy "Require MFA for all users": it does not say which applications it covers'] },
  },
  {
    name: "mfa OR a custom control",
    change: (p) => {
      p.grantControls!.operator = "OR";
      p.grantControls!.customAuthenticationFactors = ["contoso-duo"];
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["MFA or custom control contoso-duo"])],
    },
  },
  {
    name: "mfa OR terms of use",
    change: (p) => {
      p.grantControls!.operator = "OR";
      p.grantControls!.termsOfUse = ["a1b2c3d4-0000-4000-8000-000000000001"];
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["MFA or terms of use a1b2c3d4-0000-4000-8000-000000000001"])],
    },
  },
  {
    name: "mfa AND terms of use enforces",
    change: (p) => {
      p.grantControls!.operator = "AND";
      p.grantControls!.termsOfUse = ["a1b2c3d4-0000-4000-8000-000000000001"];
    },
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "mfa beside a compliant device, the operator not reported",
    change: (p) => {
      p.grantControls!.operator = null;
      p.grantControls!.builtInControls = ["mfa", "compliantDevice"];
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["MFA or compliant device (grant operator not reported)"])],
    },
  },
  {
    name: "a custom authentication strength whose methods are not reported",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = { id: "5f1e0000-0000-4000-8000-0000000000a5", displayName: "Clinic strength" };
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [
        {
          id: "c558e346-969d-40a7-a64e-2df6c2c88490",
          displayName: "Require MFA for all users",
          via: "authentication-strength",
          authenticationStrength: { id: "5f1e0000-0000-4000-8000-0000000000a5", displayName: "Clinic strength", phishingResistant: undefined },
          narrowing: ["authentication strength Clinic strength: allowed methods not reported"],
        },
      ],
    },
  },
  {
    name: "the built-in MFA strength without its methods listed is still MFA, not phishing-resistant",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = { id: multifactorStrength.id, displayName: multifactorStrength.displayName };
    },
    expected: {
      verdict: "enforced",
      enforcedBy: [
        {
          id: "c558e346-969d-40a7-a64e-2df6c2c88490",
          displayName: "Require MFA for all users",
          via: "authentication-strength",
          authenticationStrength: { id: "00000000-0000-0000-0000-000000000002", displayName: "Multifactor authentication", phishingResistant: false },
          narrowing: [],
        },
      ],
    },
  },
  {
    name: "a custom strength of phishing-resistant methods only is phishing-resistant",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = { id: "5f1e0000-0000-4000-8000-0000000000a6", displayName: "Keys only", allowedCombinations: ["fido2"] };
    },
    expected: {
      verdict: "enforced",
      enforcedBy: [
        {
          id: "c558e346-969d-40a7-a64e-2df6c2c88490",
          displayName: "Require MFA for all users",
          via: "authentication-strength",
          authenticationStrength: { id: "5f1e0000-0000-4000-8000-0000000000a6", displayName: "Keys only", phishingResistant: true },
          narrowing: [],
        },
      ],
    },
  },
  {
    name: "a user named by id in other letter case is the same user",
    change: (p) => (users(p).includeUsers = [userId.toUpperCase()]),
    user: { id: userId },
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "a member of an included group is included",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGroups = [cliniciansGroup.toUpperCase()];
    },
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "an included role while the user's roles are unknown",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeRoles = [globalAdministrator];
    },
    user: { roleTemplateIds: undefined },
    expected: {
      verdict: "unknown",
      unknowns: ['policy "Require MFA for all users": whether the user holds included role 62e90394-69f5-4237-9190-012177145e10 is unknown'],
    },
  },
  {
    name: "an excluded role while the user's roles are unknown",
    change: (p) => (users(p).excludeRoles = [globalAdministrator]),
    user: { roleTemplateIds: undefined },
    expected: {
      verdict: "unknown",
      unknowns: ['policy "Require MFA for all users": whether the user holds excluded role 62e90394-69f5-4237-9190-012177145e10 is unknown'],
    },
  },
  {
    name: "guests included while the user's type is unknown",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGuestsOrExternalUsers = { guestOrExternalUserTypes: " b2bCollaborationGuest , internalGuest" };
    },
    user: { userType: null },
    expected: {
      verdict: "unknown",
      unknowns: ['policy "Require MFA for all users": the user\'s type (member or guest) is unknown, and it includes guest or external users'],
    },
  },
  {
    name: "guest types none name no one",
    change: (p) => {
      users(p).includeUsers = [];
      users(p).includeGuestsOrExternalUsers = { guestOrExternalUserTypes: "none" };
    },
    user: { userType: "Guest" },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "a block policy only on some platforms does not block outright",
    more: [
      policy(second.id, "Block Android", (p) => {
        p.grantControls!.builtInControls = ["block"];
        p.conditions.platforms = { includePlatforms: ["android"], excludePlatforms: [] };
      }),
    ],
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  {
    name: "a disabled block policy blocks no one",
    more: [
      policy(second.id, "Block everyone", (p) => {
        p.grantControls!.builtInControls = ["block"];
        p.state = "disabled";
      }),
    ],
    expected: {
      verdict: "enforced",
      enforcedBy: [viaMfa()],
    },
  },
  // Grant controls (https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant):
  // a grant that asks for neither MFA nor an authentication strength asks for no MFA.
  {
    name: "a grant of a compliant device alone asks for no MFA",
    change: (p) => (p.grantControls!.builtInControls = ["compliantDevice"]),
    expected: { verdict: "not-enforced" },
  },
  {
    name: "an authentication strength alone, the other grant lists not given, enforces MFA with no alternative",
    change: (p) => (p.grantControls = { operator: "OR", authenticationStrength: phishingResistantStrength }),
    expected: enforcedByPhishingResistantStrength,
  },
  // "Require one of the selected controls": the strength or a compliant device, so MFA is optional.
  {
    name: "an authentication strength OR a compliant device is conditional, the strength named",
    change: (p) => {
      p.grantControls!.builtInControls = ["compliantDevice"];
      p.grantControls!.authenticationStrength = phishingResistantStrength;
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [
        {
          ...good,
          via: "authentication-strength",
          authenticationStrength: { id: phishingResistantStrength.id, displayName: "Phishing-resistant MFA", phishingResistant: true },
          narrowing: ["authentication strength Phishing-resistant MFA or compliant device"],
        },
      ],
    },
  },
  // Built-in strengths have the same ids in every tenant (https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths).
  {
    name: "the built-in phishing-resistant strength without its methods listed is still phishing-resistant",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = { id: phishingResistantStrength.id, displayName: phishingResistantStrength.displayName };
    },
    expected: enforcedByPhishingResistantStrength,
  },
  {
    name: "a custom strength that accepts two single factors names both",
    change: (p) => {
      p.grantControls!.builtInControls = [];
      p.grantControls!.authenticationStrength = {
        id: "9f1e0b1e-0000-4000-8000-00000000000d",
        displayName: "Partner sign-in",
        policyType: "custom",
        allowedCombinations: ["federatedSingleFactor", "x509CertificateSingleFactor", "fido2"],
      };
    },
    expected: {
      verdict: "conditional",
      enforcedBy: [
        {
          ...good,
          via: "authentication-strength",
          authenticationStrength: { id: "9f1e0b1e-0000-4000-8000-00000000000d", displayName: "Partner sign-in", phishingResistant: false },
          narrowing: ["authentication strength Partner sign-in also accepts single-factor federatedSingleFactor, x509CertificateSingleFactor"],
        },
      ],
    },
  },
  {
    name: "client app types not reported at all (null) is conditional",
    change: (p) => (p.conditions.clientAppTypes = null),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["client app types not given"])] },
  },
  {
    name: "two client app types short of every modern client: both named",
    change: (p) => (p.conditions.clientAppTypes = ["mobileAppsAndDesktopClients", "other"]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["only client app types mobileAppsAndDesktopClients, other"])] },
  },
  {
    name: "two excluded platforms: both named",
    change: (p) => (p.conditions.platforms = { includePlatforms: ["all"], excludePlatforms: ["linux", "macOS"] }),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["not on platforms linux, macOS"])] },
  },
  {
    name: "only at two locations: both named",
    change: (p) => (p.conditions.locations = { includeLocations: [compliantNetworkLocation, "AllTrusted"], excludeLocations: [] }),
    expected: { verdict: "conditional", enforcedBy: [viaMfa([`only at named location ${compliantNetworkLocation}, all trusted locations`])] },
  },
  {
    name: "risk levels reported as null: no narrowing",
    change: (p) => {
      p.conditions.signInRiskLevels = null;
      p.conditions.userRiskLevels = null;
    },
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "only at two user risk levels: both named",
    change: (p) => (p.conditions.userRiskLevels = ["high", "medium"]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(["only at user risk high, medium"])] },
  },
  {
    name: "authentication flows reported as null: no narrowing",
    change: (p) => (p.conditions.authenticationFlows = null),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "authentication flows with an empty transfer method: no narrowing",
    change: (p) => (p.conditions.authenticationFlows = { transferMethods: "" }),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "an application filter whose mode is not given",
    change: (p) => (apps(p).applicationFilter = { rule: 'CustomSecurityAttribute.Sensitivity -eq "PHI"' }),
    expected: { verdict: "conditional", enforcedBy: [viaMfa(['application filter (mode not given): CustomSecurityAttribute.Sensitivity -eq "PHI"'])] },
  },
  {
    name: "only two applications: both named",
    change: (p) => (apps(p).includeApplications = ["Office365", azureManagementAppId]),
    expected: { verdict: "conditional", enforcedBy: [viaMfa([`only applications Office 365, Azure management (${azureManagementAppId})`])] },
  },
  {
    name: "applications without an include list cover no application",
    change: (p) => (p.conditions.applications = { includeUserActions: ["urn:user:registersecurityinfo"] }),
    expected: { verdict: "not-enforced" },
  },
  {
    name: "all applications without an exclude list: no narrowing",
    change: (p) => (p.conditions.applications = { includeApplications: ["All"] }),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "an included group the user is not in, the roles unknown and no role list given: not reached",
    change: (p) => (p.conditions.users = { includeGroups: [breakGlassGroup] }),
    user: { roleTemplateIds: undefined },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "an included role the user does not hold, the groups unknown and no group list given: not reached",
    change: (p) => (p.conditions.users = { includeRoles: [globalAdministrator] }),
    user: { groupIds: undefined },
    expected: { verdict: "not-enforced" },
  },
  {
    name: "all users with no exclusion lists given: enforced even when the user's groups and roles are unknown",
    change: (p) => (p.conditions.users = { includeUsers: ["All"] }),
    user: { groupIds: undefined, roleTemplateIds: undefined },
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "an excluded role the user does not hold changes nothing",
    change: (p) => (users(p).excludeRoles = [globalAdministrator]),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "a member is not excluded by a guest exclusion",
    change: (p) => (users(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "b2bCollaborationGuest" }),
    expected: { verdict: "enforced", enforcedBy: [viaMfa()] },
  },
  {
    name: "a narrowed policy whose scope is unknown, and nothing else: unknown, not not-enforced",
    change: (p) => {
      p.conditions.clientAppTypes = ["browser"];
      users(p).excludeGroups = [breakGlassGroup];
    },
    user: { groupIds: undefined },
    expected: { verdict: "unknown", unknowns: [`policy "Require MFA for all users": membership of excluded group ${breakGlassGroup} is unknown`] },
  },
  {
    name: "a narrowed policy that applies beside another narrowed one whose scope is unknown: conditional",
    change: (p) => (p.conditions.clientAppTypes = ["browser"]),
    more: [
      policy(second.id, second.displayName, (p) => {
        p.conditions.clientAppTypes = ["browser"];
        users(p).excludeGroups = [breakGlassGroup];
      }),
    ],
    user: { groupIds: undefined },
    expected: {
      verdict: "conditional",
      enforcedBy: [viaMfa(["only client app types browser"])],
      unknowns: [`policy "Require MFA for admins": membership of excluded group ${breakGlassGroup} is unknown`],
    },
  },
  {
    name: "a narrowed policy that applies beside an unconditional one that does not say which applications it covers: unknown",
    change: (p) => (p.conditions.clientAppTypes = ["browser"]),
    more: [policy(second.id, second.displayName, (p) => (p.conditions.applications = null))],
    expected: {
      verdict: "unknown",
      enforcedBy: [viaMfa(["only client app types browser"])],
      unknowns: ['policy "Require MFA for admins": it does not say which applications it covers'],
    },
  },
  {
    name: "a report-only policy whose scope is unknown is not listed as report-only",
    change: (p) => {
      p.state = "enabledForReportingButNotEnforced";
      users(p).excludeGroups = [breakGlassGroup];
    },
    user: { groupIds: undefined },
    expected: { verdict: "not-enforced" },
  },
];

describe("mfaCoverage", () => {
  it.each(cases)("$name", ({ change, more, user, target, expected }) => {
    const base = goodPolicy();
    change?.(base);
    const policies = [ConditionalAccessPolicySchema.parse(base), ...(more ?? [])];
    const result = mfaCoverage(policies, { ...goodMember, ...user }, target ?? "all-cloud-apps");
    expect(result).toEqual({ enforcedBy: [], excludedBy: [], reportOnly: [], disabled: [], blockedBy: [], unknowns: [], ...expected });
  });
});

describe("legacyAuthenticationBlocks", () => {
  const blockLegacy = (id: string, displayName: string, change: (p: ConditionalAccessPolicy) => void = () => {}) =>
    policy(id, displayName, (p) => {
      p.conditions.clientAppTypes = ["exchangeActiveSync", "other"];
      p.grantControls!.builtInControls = ["block"];
      change(p);
    });

  it("lists enforced blocks with their exclusions and report-only blocks apart", () => {
    const result = legacyAuthenticationBlocks([
      goodPolicy(),
      blockLegacy("11111111-0000-4000-8000-000000000001", "Block legacy authentication", (p) => {
        users(p).excludeUsers = [otherUserId];
        users(p).excludeGroups = [breakGlassGroup];
        users(p).excludeRoles = [globalAdministrator];
      }),
      blockLegacy("11111111-0000-4000-8000-000000000002", "Block legacy authentication (report-only)", (p) => (p.state = "enabledForReportingButNotEnforced")),
      blockLegacy("11111111-0000-4000-8000-000000000003", "Block legacy authentication for clinicians", (p) => {
        users(p).includeUsers = [];
        users(p).includeGroups = [cliniciansGroup];
      }),
      blockLegacy("11111111-0000-4000-8000-000000000004", "Block legacy authentication (disabled)", (p) => (p.state = "disabled")),
      blockLegacy(
        "11111111-0000-4000-8000-000000000005",
        "Block legacy authentication off-site",
        (p) => (p.conditions.locations = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] }),
      ),
    ]);
    const noExclusions = { users: [], groups: [], roles: [], guestsOrExternalUsers: undefined };
    expect(result).toEqual({
      enforced: [
        {
          id: "11111111-0000-4000-8000-000000000001",
          displayName: "Block legacy authentication",
          excluded: { users: [otherUserId], groups: [breakGlassGroup], roles: [globalAdministrator], guestsOrExternalUsers: undefined },
          excludedApplications: [],
          narrowing: [],
        },
        {
          id: "11111111-0000-4000-8000-000000000005",
          displayName: "Block legacy authentication off-site",
          excluded: noExclusions,
          excludedApplications: [],
          narrowing: ["only outside all trusted locations"],
        },
      ],
      reportOnly: [
        {
          id: "11111111-0000-4000-8000-000000000002",
          displayName: "Block legacy authentication (report-only)",
          excluded: noExclusions,
          excludedApplications: [],
          narrowing: [],
        },
      ],
    });
  });

  const noExclusions = { users: [], groups: [], roles: [], guestsOrExternalUsers: undefined };
  const block = {
    id: "11111111-0000-4000-8000-000000000007",
    displayName: "Block legacy authentication",
    excluded: noExclusions,
    excludedApplications: [],
    narrowing: [],
  };
  it.each([
    { name: "the block as made: all users, all apps, both legacy client types", change: () => {}, enforced: [block] },
    {
      name: "an excluded application and an application filter are named",
      change: (p: ConditionalAccessPolicy) => {
        apps(p).excludeApplications = [telehealthAppId];
        apps(p).applicationFilter = { rule: 'CustomSecurityAttribute.Legacy -eq "Allowed"' };
      },
      enforced: [
        { ...block, excludedApplications: [telehealthAppId], narrowing: ['application filter (mode not given): CustomSecurityAttribute.Legacy -eq "Allowed"'] },
      ],
    },
    {
      name: "guests excluded by type, and by the legacy user value",
      change: (p: ConditionalAccessPolicy) => {
        users(p).excludeUsers = ["GuestsOrExternalUsers", otherUserId];
        users(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest" };
      },
      enforced: [{ ...block, excluded: { ...noExclusions, users: [otherUserId], guestsOrExternalUsers: "internalGuest,b2bCollaborationGuest" } }],
    },
    {
      name: "guests excluded by the legacy user value alone",
      change: (p: ConditionalAccessPolicy) => (users(p).excludeUsers = ["GuestsOrExternalUsers"]),
      enforced: [{ ...block, excluded: { ...noExclusions, guestsOrExternalUsers: "GuestsOrExternalUsers" } }],
    },
    { name: "a policy that does not say which users it covers", change: (p: ConditionalAccessPolicy) => (p.conditions.users = null), enforced: [] },
    {
      name: "a policy that does not say which applications it covers",
      change: (p: ConditionalAccessPolicy) => (p.conditions.applications = null),
      enforced: [],
    },
    { name: "client app types not given", change: (p: ConditionalAccessPolicy) => (p.conditions.clientAppTypes = null), enforced: [] },
    { name: "only Office 365", change: (p: ConditionalAccessPolicy) => (apps(p).includeApplications = ["Office365"]), enforced: [] },
    { name: "a grant that asks for MFA, not a block", change: (p: ConditionalAccessPolicy) => (p.grantControls!.builtInControls = ["mfa"]), enforced: [] },
    { name: "no grant at all", change: (p: ConditionalAccessPolicy) => (p.grantControls = null), enforced: [] },
    {
      name: "all users with no exclusion lists given: no exclusions",
      change: (p: ConditionalAccessPolicy) => (p.conditions.users = { includeUsers: ["All"] }),
      enforced: [block],
    },
    {
      name: "all applications with no exclude list given: no excluded application",
      change: (p: ConditionalAccessPolicy) => (p.conditions.applications = { includeApplications: ["All"] }),
      enforced: [block],
    },
    {
      name: "guest types with spaces around them are named as Graph means them",
      change: (p: ConditionalAccessPolicy) => (users(p).excludeGuestsOrExternalUsers = { guestOrExternalUserTypes: " internalGuest , b2bCollaborationGuest " }),
      enforced: [{ ...block, excluded: { ...noExclusions, guestsOrExternalUsers: "internalGuest,b2bCollaborationGuest" } }],
    },
  ])("$name", ({ change, enforced }) => {
    expect(legacyAuthenticationBlocks([blockLegacy(block.id, block.displayName, change)])).toEqual({ enforced, reportOnly: [] });
  });

  it("a block of exchangeActiveSync alone is not a legacy-authentication block", () => {
    expect(
      legacyAuthenticationBlocks([
        blockLegacy("11111111-0000-4000-8000-000000000006", "Block EAS", (p) => (p.conditions.clientAppTypes = ["exchangeActiveSync"])),
      ]),
    ).toEqual({
      enforced: [],
      reportOnly: [],
    });
  });
});

describe("signInFrequencyControls", () => {
  it("lists enabled sign-in frequency and never-persistent-browser controls with whom they apply to", () => {
    const adminSessions = policy("22222222-0000-4000-8000-000000000001", "Admin sessions: 4 hours, no persistent browser", (p) => {
      p.grantControls = null;
      users(p).includeUsers = [];
      users(p).includeRoles = [globalAdministrator];
      p.sessionControls = {
        signInFrequency: { isEnabled: true, value: 4, type: "hours", frequencyInterval: "timeBased", authenticationType: "primaryAndSecondaryAuthentication" },
        persistentBrowser: { isEnabled: true, mode: "never" },
      };
    });
    const azureEveryTime = policy("22222222-0000-4000-8000-000000000002", "Azure management: sign in every time", (p) => {
      users(p).excludeUsers = [otherUserId];
      apps(p).includeApplications = [azureManagementAppId];
      p.sessionControls = { signInFrequency: { isEnabled: true, frequencyInterval: "everyTime", authenticationType: "primaryAndSecondaryAuthentication" } };
    });
    const disabled = policy("22222222-0000-4000-8000-000000000003", "Disabled frequency", (p) => {
      p.state = "disabled";
      p.sessionControls = { signInFrequency: { isEnabled: true, value: 1, type: "days" } };
    });
    const switchedOff = policy("22222222-0000-4000-8000-000000000004", "Frequency switched off", (p) => {
      p.sessionControls = { signInFrequency: { isEnabled: false, value: 1, type: "days" }, persistentBrowser: { isEnabled: true, mode: "always" } };
    });

    const none = { users: [], groups: [], roles: [], guestsOrExternalUsers: undefined };
    expect(signInFrequencyControls([goodPolicy(), adminSessions, azureEveryTime, disabled, switchedOff])).toEqual([
      {
        id: "22222222-0000-4000-8000-000000000001",
        displayName: "Admin sessions: 4 hours, no persistent browser",
        signInFrequency: { everyTime: false, value: 4, unit: "hours" },
        persistentBrowserNever: true,
        included: { allUsers: false, ...none, roles: [globalAdministrator] },
        excluded: none,
        applications: ["All"],
        narrowing: [],
        unknowns: [],
      },
      {
        id: "22222222-0000-4000-8000-000000000002",
        displayName: "Azure management: sign in every time",
        signInFrequency: { everyTime: true },
        persistentBrowserNever: false,
        included: { allUsers: true, ...none },
        excluded: { ...none, users: [otherUserId] },
        applications: [azureManagementAppId],
        narrowing: [`only applications Azure management (${azureManagementAppId})`],
        unknowns: [],
      },
    ]);
  });

  const none = { users: [], groups: [], roles: [], guestsOrExternalUsers: undefined };
  const everyFourHours = (id: string, displayName: string, change: (p: ConditionalAccessPolicy) => void) =>
    policy(id, displayName, (p) => {
      p.sessionControls = { signInFrequency: { isEnabled: true, value: 4, type: "hours", frequencyInterval: "timeBased" } };
      change(p);
    });
  const control = {
    id: "22222222-0000-4000-8000-000000000005",
    displayName: "Sessions: 4 hours",
    signInFrequency: { everyTime: false, value: 4, unit: "hours" },
    persistentBrowserNever: false,
    included: { allUsers: true, ...none },
    excluded: none,
    applications: ["All"],
    narrowing: [],
    unknowns: [],
  };
  it.each([
    { name: "the control as made: all users, all applications", change: () => {}, expected: control },
    {
      name: "includeUsers None names no user",
      change: (p: ConditionalAccessPolicy) => {
        users(p).includeUsers = ["None"];
        users(p).includeGroups = [cliniciansGroup];
      },
      expected: { ...control, included: { allUsers: false, ...none, groups: [cliniciansGroup] } },
    },
    {
      name: "a policy that does not say which users it covers names no one, included or excluded",
      change: (p: ConditionalAccessPolicy) => (p.conditions.users = null),
      expected: { ...control, included: { allUsers: false, ...none } },
    },
    // Sign-in frequency applies to applications, authentication contexts and user actions
    // (https://learn.microsoft.com/graph/api/resources/signinfrequencysessioncontrol?view=graph-rest-beta).
    {
      name: "a policy that does not say which applications it covers: unknown, not a limit",
      change: (p: ConditionalAccessPolicy) => (p.conditions.applications = null),
      expected: { ...control, applications: [], unknowns: ["it does not say which applications it covers"] },
    },
    {
      name: "a policy on an authentication context alone covers no application: a limit",
      change: (p: ConditionalAccessPolicy) =>
        (p.conditions.applications = { includeApplications: [], excludeApplications: [], includeAuthenticationContextClassReferences: ["c1"] }),
      expected: { ...control, applications: [], narrowing: ["no applications, at most user actions or authentication contexts"] },
    },
  ])("$name", ({ change, expected }) => {
    expect(signInFrequencyControls([everyFourHours(control.id, control.displayName, change)])).toEqual([expected]);
  });
});

describe("enabledPoliciesReaching", () => {
  const applies = (detail: string[]) => [{ policy: good, status: "applies", detail }];
  it.each([
    { name: "the good policy reaches the member, with nothing that narrows it", change: () => {}, expected: applies([]) },
    {
      name: "a narrowed policy reaches the member: the narrowing is its detail",
      change: (p: ConditionalAccessPolicy) => (p.conditions.clientAppTypes = ["browser"]),
      expected: applies(["only client app types browser"]),
    },
    {
      name: "a policy whose reach is unknown: the reasons are its detail",
      change: (p: ConditionalAccessPolicy) => (users(p).excludeGroups = [breakGlassGroup]),
      user: { groupIds: undefined },
      expected: [{ policy: good, status: "unknown", detail: [`membership of excluded group ${breakGlassGroup} is unknown`] }],
    },
    { name: "a report-only policy reaches no one", change: (p: ConditionalAccessPolicy) => (p.state = "enabledForReportingButNotEnforced"), expected: [] },
    { name: "a policy that excludes the member does not reach them", change: (p: ConditionalAccessPolicy) => (users(p).excludeUsers = [userId]), expected: [] },
  ])("$name", ({ change, user, expected }: { change: (p: ConditionalAccessPolicy) => void; user?: Partial<SignInSubject>; expected: unknown }) => {
    const base = goodPolicy();
    change(base);
    expect(enabledPoliciesReaching([ConditionalAccessPolicySchema.parse(base)], { ...goodMember, ...user }, "all-cloud-apps")).toEqual(expected);
  });
});

// Microsoft's guidance for emergency access accounts is phishing-resistant MFA
// (https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access).
describe("requiresOnlyPhishingResistantStrength", () => {
  const strengthOnly = (p: ConditionalAccessPolicy) => {
    p.grantControls!.builtInControls = [];
    p.grantControls!.authenticationStrength = phishingResistantStrength;
  };
  it.each([
    { name: "the phishing-resistant strength alone", change: strengthOnly, expected: true },
    {
      name: "the phishing-resistant strength alone, the other grant lists not given",
      change: (p: ConditionalAccessPolicy) => (p.grantControls = { operator: "OR", authenticationStrength: phishingResistantStrength }),
      expected: true,
    },
    { name: "no grant at all (a session-only policy)", change: (p: ConditionalAccessPolicy) => (p.grantControls = null), expected: false },
    { name: "MFA, no authentication strength", change: () => {}, expected: false },
    {
      name: "the phishing-resistant strength AND a compliant device",
      change: (p: ConditionalAccessPolicy) => {
        strengthOnly(p);
        p.grantControls!.operator = "AND";
        p.grantControls!.builtInControls = ["compliantDevice"];
      },
      expected: false,
    },
    {
      name: "the phishing-resistant strength and a custom control",
      change: (p: ConditionalAccessPolicy) => {
        strengthOnly(p);
        p.grantControls!.customAuthenticationFactors = ["contoso-duo"];
      },
      expected: false,
    },
    {
      name: "the phishing-resistant strength and terms of use",
      change: (p: ConditionalAccessPolicy) => {
        strengthOnly(p);
        p.grantControls!.termsOfUse = ["a1b2c3d4-0000-4000-8000-000000000001"];
      },
      expected: false,
    },
    {
      name: "the built-in MFA strength alone is not phishing-resistant",
      change: (p: ConditionalAccessPolicy) => {
        strengthOnly(p);
        p.grantControls!.authenticationStrength = multifactorStrength;
      },
      expected: false,
    },
    {
      name: "a custom strength whose methods are not reported is not known to be phishing-resistant",
      change: (p: ConditionalAccessPolicy) => {
        strengthOnly(p);
        p.grantControls!.authenticationStrength = { id: "5f1e0000-0000-4000-8000-0000000000a5", displayName: "Clinic strength" };
      },
      expected: false,
    },
  ])("$name", ({ change, expected }) => {
    const base = goodPolicy();
    change(base);
    expect(requiresOnlyPhishingResistantStrength(ConditionalAccessPolicySchema.parse(base))).toBe(expected);
  });
});

describe("asksForMfa", () => {
  it.each([
    { name: "MFA", change: () => {}, expected: true },
    {
      name: "an authentication strength alone",
      change: (p: ConditionalAccessPolicy) => {
        p.grantControls!.builtInControls = [];
        p.grantControls!.authenticationStrength = multifactorStrength;
      },
      expected: true,
    },
    {
      name: "MFA or a compliant device",
      change: (p: ConditionalAccessPolicy) => (p.grantControls!.builtInControls = ["mfa", "compliantDevice"]),
      expected: true,
    },
    { name: "a compliant device alone", change: (p: ConditionalAccessPolicy) => (p.grantControls!.builtInControls = ["compliantDevice"]), expected: false },
    { name: "block", change: (p: ConditionalAccessPolicy) => (p.grantControls!.builtInControls = ["block"]), expected: false },
    { name: "no grant at all (a session-only policy)", change: (p: ConditionalAccessPolicy) => (p.grantControls = null), expected: false },
  ])("$name", ({ change, expected }) => {
    const base = goodPolicy();
    change(base);
    expect(asksForMfa(ConditionalAccessPolicySchema.parse(base))).toBe(expected);
  });
});
