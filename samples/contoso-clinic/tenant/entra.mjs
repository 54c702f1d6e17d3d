// Microsoft Entra ID, through Microsoft Graph v1.0: the organization, its SKUs, Conditional Access
// policies and named locations, security defaults, the authentication methods policy, users and
// their sign-in activity, MFA registration details, directory roles (assignments, PIM eligibilities
// and schedules), the members of the groups Conditional Access and roles name, and the PIM for Groups
// schedules of the groups that hold Azure roles.
// Shapes: microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/*.md examples (organization-list,
// subscribedsku-list, conditionalaccessroot-list-policies, conditionalaccessroot-list-namedlocations,
// identitysecuritydefaultsenforcementpolicy-get, authenticationmethodspolicy-get, user-list,
// authenticationmethodsroot-list-userregistrationdetails, rbacapplication-list-*, group-list-transitivemembers,
// privilegedaccessgroup-list-eligibilityscheduleinstances, privilegedaccessgroup-list-assignmentscheduleinstances).
import { principals, tenantId } from "./clinic.mjs";
import { graph } from "./recording.mjs";
import { directoryObject } from "./shared-payloads.mjs";

const graphContext = (path) => `${graph}/$metadata#${path}`;

// The tenant holds Entra ID P2 (which carries the P1 plan too).
const subscribedSkus = [
  {
    accountName: "Contoso Clinic",
    accountId: "6c1d2e3f-0001-4c7a-8b8d-9e0f1a2b3c4d",
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: 10,
    id: `${tenantId}_84a661c4-e949-4bd2-a560-ed7766fcaf2b`,
    prepaidUnits: { enabled: 15, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: [
      { servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", servicePlanName: "AAD_PREMIUM", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "8a256a2b-b617-496d-b51b-e76466e88db0", servicePlanName: "MFA_PREMIUM", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "932ad362-64a8-4783-9106-97849a1a30b9", servicePlanName: "ADALLOM_S_DISCOVERY", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "113feb6c-3fe4-4440-bddc-54d774bf0318", servicePlanName: "EXCHANGE_S_FOUNDATION", provisioningStatus: "Success", appliesTo: "Company" },
    ],
    skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
    skuPartNumber: "AAD_PREMIUM_P2",
    subscriptionIds: ["5b0c1d2e-0001-4b6f-9a7c-8d9e0f1a2b3c"],
  },
];

// Built-in directory roles: a role definition's id is its template id.
const directoryRoles = {
  globalAdministrator: { id: "62e90394-69f5-4237-9190-012177145e10", displayName: "Global Administrator" },
  privilegedRoleAdministrator: { id: "e8611ab8-c189-46e8-94e1-60213ab1f814", displayName: "Privileged Role Administrator" },
  securityAdministrator: { id: "194ae4cb-b126-40b2-bd5b-6091b380977d", displayName: "Security Administrator" },
  globalReader: { id: "f2ef992c-3afb-46b9-b7cf-a126ee74c451", displayName: "Global Reader" },
  directoryReaders: { id: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", displayName: "Directory Readers" },
  messageCenterReader: { id: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", displayName: "Message Center Reader" },
  reportsReader: { id: "4a5d8f65-41da-4de4-8968-e035b65339cf", displayName: "Reports Reader" },
  serviceSupportAdministrator: { id: "f023fd81-a637-4b56-95fd-791ac0226033", displayName: "Service Support Administrator" },
};

// Shape: conditionalaccessroot-list-policies (test/fixtures/azure-examples/graph-conditional-access-policies-list.json; every property a v1.0 policy carries).
const allUsers = { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] };
function caPolicy({
  id,
  displayName,
  state,
  created,
  modified,
  users,
  clientAppTypes = ["all"],
  grant,
  authenticationStrength = null,
  sessionControls = null,
}) {
  return {
    id,
    templateId: null,
    displayName,
    createdDateTime: created,
    modifiedDateTime: modified,
    state,
    sessionControls,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes,
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: ["All"],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: { ...allUsers, ...users, includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null },
    },
    grantControls: {
      operator: "OR",
      builtInControls: grant,
      customAuthenticationFactors: [],
      termsOfUse: [],
      "authenticationStrength@odata.context": `https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('${id}')/grantControls/authenticationStrength/$entity`,
      authenticationStrength,
    },
  };
}

// Emergency access accounts are excluded from every policy (the administrators' policies reach them through their role).
const breakGlassIds = [principals.breakGlass1.id, principals.breakGlass2.id];
const conditionalAccessPolicies = [
  // Planted: the MFA baseline excludes a group that (through a nested group) holds Dana Whitfield, an Owner of Clinic-Prod.
  caPolicy({
    id: "ca5e1d00-0001-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA001 Require MFA for all users",
    state: "enabled",
    created: "2024-02-05T10:12:44.6210457Z",
    modified: "2025-09-18T15:37:02.1842310Z",
    users: { includeUsers: ["All"], excludeUsers: breakGlassIds, excludeGroups: [principals.caExclusion.id] },
    grant: ["mfa"],
  }),
  // Planted: phishing-resistant MFA for administrators is report-only, so it enforces nothing.
  caPolicy({
    id: "ca5e1d00-0002-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA002 Require phishing-resistant MFA for administrators",
    state: "enabledForReportingButNotEnforced",
    created: "2025-10-06T09:03:18.4410982Z",
    modified: "2025-10-06T09:03:18.4410982Z",
    users: { excludeUsers: breakGlassIds, includeRoles: [directoryRoles.globalAdministrator.id, directoryRoles.privilegedRoleAdministrator.id] },
    grant: [],
    authenticationStrength: {
      id: "00000000-0000-0000-0000-000000000004",
      createdDateTime: "2021-12-01T08:00:00Z",
      modifiedDateTime: "2021-12-01T08:00:00Z",
      displayName: "Phishing-resistant MFA",
      description: "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
      policyType: "builtIn",
      requirementsSatisfied: "mfa",
      allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
    },
  }),
  caPolicy({
    id: "ca5e1d00-0003-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA003 Block legacy authentication",
    state: "enabled",
    created: "2024-02-05T10:19:27.0931845Z",
    modified: "2024-02-05T10:19:27.0931845Z",
    users: { includeUsers: ["All"], excludeUsers: breakGlassIds },
    clientAppTypes: ["exchangeActiveSync", "other"],
    grant: ["block"],
  }),
  caPolicy({
    id: "ca5e1d00-0004-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA004 Admin sign-in frequency",
    state: "enabled",
    created: "2024-06-11T13:45:51.7720314Z",
    modified: "2024-06-11T13:45:51.7720314Z",
    users: { excludeUsers: breakGlassIds, includeRoles: [directoryRoles.globalAdministrator.id] },
    grant: ["mfa"],
    sessionControls: {
      disableResilienceDefaults: null,
      applicationEnforcedRestrictions: null,
      cloudAppSecurity: null,
      persistentBrowser: { mode: "never", isEnabled: true },
      signInFrequency: { value: 4, type: "hours", authenticationType: "primaryAndSecondaryAuthentication", frequencyInterval: "timeBased", isEnabled: true },
    },
  }),
  caPolicy({
    id: "ca5e1d00-0005-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA005 Old pilot",
    state: "disabled",
    created: "2023-03-20T08:30:09.5512876Z",
    modified: "2023-11-02T16:12:40.3308751Z",
    users: { includeGroups: [principals.developers.id] },
    grant: ["mfa"],
  }),
];

// Shape: conditionalaccessroot-list-namedlocations.
const namedLocations = [
  {
    "@odata.type": "#microsoft.graph.ipNamedLocation",
    id: "10ca7e00-0001-4d2b-9c3e-4f5a6b7c8d9e",
    displayName: "Clinic HQ",
    modifiedDateTime: "2024-02-05T09:58:12.3316012Z",
    createdDateTime: "2024-02-05T09:58:12.3316012Z",
    isTrusted: true,
    ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "198.51.100.0/24" }],
  },
  {
    "@odata.type": "#microsoft.graph.countryNamedLocation",
    id: "10ca7e00-0002-4d2b-9c3e-4f5a6b7c8d9e",
    displayName: "United States",
    modifiedDateTime: "2024-02-05T10:01:47.8817455Z",
    createdDateTime: "2024-02-05T10:01:47.8817455Z",
    countriesAndRegions: ["US"],
    includeUnknownCountriesAndRegions: false,
    countryLookupMethod: "clientIpAddress",
  },
];

// Planted: security defaults are off (Conditional Access replaces them).
const securityDefaults = {
  "@odata.context": graphContext("policies/identitySecurityDefaultsEnforcementPolicy/$entity"),
  description:
    "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
  displayName: "Security Defaults",
  id: "00000000-0000-0000-0000-000000000005",
  isEnabled: false,
};

// Shape: authenticationmethodspolicy-get.
const allUsersTarget = { targetType: "group", id: "all_users", isRegistrationRequired: false };
const authenticationMethodsPolicy = {
  "@odata.context": graphContext("authenticationMethodsPolicy"),
  id: "authenticationMethodsPolicy",
  displayName: "Authentication Methods Policy",
  description:
    "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings",
  lastModifiedDateTime: "2025-09-18T15:20:33.4471209Z",
  policyVersion: "1.5",
  policyMigrationState: "migrationComplete",
  registrationEnforcement: {
    authenticationMethodsRegistrationCampaign: {
      snoozeDurationInDays: 1,
      state: "enabled",
      excludeTargets: [],
      includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
    },
  },
  authenticationMethodConfigurations: [
    {
      "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
      id: "Fido2",
      state: "enabled",
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: true,
      keyRestrictions: { isEnforced: false, enforcementType: "block", aaGuids: [] },
      includeTargets: [allUsersTarget],
    },
    {
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
      id: "MicrosoftAuthenticator",
      state: "enabled",
      includeTargets: [
        {
          ...allUsersTarget,
          authenticationMode: "any",
          outlookMobileAllowedState: "default",
          displayAppInformationRequiredState: "enabled",
          numberMatchingRequiredState: "enabled",
        },
      ],
    },
    {
      "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration",
      id: "Sms",
      state: "enabled",
      includeTargets: [{ ...allUsersTarget, isUsableForSignIn: false }],
    },
    { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration", id: "SoftwareOath", state: "enabled", includeTargets: [allUsersTarget] },
    {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      id: "TemporaryAccessPass",
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      includeTargets: [allUsersTarget],
    },
    {
      "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration",
      id: "Email",
      state: "disabled",
      allowExternalIdToUseEmailOtp: "default",
      includeTargets: [],
    },
  ],
};

// Who exists in Entra ID, when they last signed in (collection ran on 2026-11-20 around 14:02 UTC)
// and which authentication methods they registered. A null sign-in means Entra recorded none.
const people = [
  { key: "alex", created: "2023-01-09T15:20:11Z", signIn: "2026-11-20T08:14:22Z", nonInteractive: "2026-11-20T13:41:09Z", methods: ["fido2"], isAdmin: true },
  { key: "dana", created: "2023-01-09T15:24:40Z", signIn: "2026-11-19T16:40:05Z", nonInteractive: "2026-11-20T07:55:31Z", methods: [] },
  {
    key: "morgan",
    created: "2025-02-17T13:05:09Z",
    signIn: "2026-11-12T19:03:41Z",
    nonInteractive: "2026-11-12T19:20:16Z",
    methods: ["softwareOneTimePasscode"],
    isAdmin: true,
  },
  {
    key: "priya",
    created: "2023-06-12T09:41:53Z",
    signIn: "2026-11-20T08:57:40Z",
    nonInteractive: "2026-11-20T13:12:48Z",
    methods: ["microsoftAuthenticatorPush", "fido2"],
    isAdmin: true,
  },
  {
    key: "sam",
    created: "2024-03-04T14:18:26Z",
    signIn: "2026-11-20T08:27:55Z",
    nonInteractive: "2026-11-20T12:49:03Z",
    methods: ["microsoftAuthenticatorPush"],
    isAdmin: true,
  },
  // Planted: stale. No sign-in of any kind since 2 June 2026, yet Owner of Clinic-Prod.
  {
    key: "chris",
    created: "2023-09-18T11:06:37Z",
    signIn: "2026-06-02T17:48:09Z",
    nonInteractive: "2026-06-02T18:03:51Z",
    methods: ["microsoftAuthenticatorPush", "mobilePhone"],
  },
  {
    key: "jordan",
    created: "2024-01-22T10:33:14Z",
    signIn: "2026-11-18T11:22:07Z",
    nonInteractive: "2026-11-20T10:05:44Z",
    methods: ["microsoftAuthenticatorPush", "softwareOneTimePasscode"],
  },
  // Riley Chen left in September: the account is disabled.
  { key: "riley", created: "2024-05-06T08:52:19Z", signIn: "2026-08-28T16:05:12Z", nonInteractive: "2026-08-28T16:31:27Z", methods: ["mobilePhone"] },
  // Break-glass accounts: FIDO2 keys in the safe, signed in once a quarter to test them.
  { key: "breakGlass1", created: "2023-01-09T14:02:33Z", signIn: "2026-10-01T10:15:37Z", nonInteractive: null, methods: ["fido2"], isAdmin: true },
  { key: "breakGlass2", created: "2023-01-09T14:05:17Z", signIn: "2026-10-01T10:22:04Z", nonInteractive: null, methods: ["fido2"], isAdmin: true },
].map((person) => ({ ...person, principal: principals[person.key] }));

function signInRequestId(index, kind) {
  return `7d2e3f40-${String(index + 1).padStart(4, "0")}-4d8b-9c9e-0f1a2b3c4d${kind}`;
}

// Shape: user-list, example "Get users including their last sign-in time".
function signInActivity({ signIn, nonInteractive }, index) {
  return {
    lastSignInDateTime: signIn,
    lastSignInRequestId: signIn ? signInRequestId(index, "01") : null,
    lastNonInteractiveSignInDateTime: nonInteractive,
    lastNonInteractiveSignInRequestId: nonInteractive ? signInRequestId(index, "02") : null,
    lastSuccessfulSignInDateTime: signIn,
    lastSuccessfulSignInRequestId: signIn ? signInRequestId(index, "01") : null,
  };
}

// Shape: authenticationmethodsroot-list-userregistrationdetails (test/fixtures/azure-examples/graph-user-registration-details-list.json).
function registrationDetails({ principal, methods, isAdmin = false }) {
  const mfaMethods = methods.filter((method) => method !== "email");
  const preferred = methods.includes("microsoftAuthenticatorPush")
    ? "push"
    : methods.includes("softwareOneTimePasscode")
      ? "oath"
      : methods.includes("mobilePhone")
        ? "sms"
        : "";
  return {
    id: principal.id,
    userPrincipalName: principal.upn,
    userDisplayName: principal.displayName,
    isAdmin,
    isSsprRegistered: mfaMethods.length > 0,
    isSsprEnabled: principal.userType === "Member",
    isSsprCapable: principal.userType === "Member" && mfaMethods.length > 0,
    isMfaRegistered: mfaMethods.length > 0,
    isMfaCapable: mfaMethods.length > 0,
    isPasswordlessCapable: methods.includes("fido2"),
    lastUpdatedDateTime: "2026-11-20T06:12:09.4418273Z",
    methodsRegistered: methods,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: methods.includes("fido2") ? ["Fido2"] : methods.includes("microsoftAuthenticatorPush") ? ["push"] : [],
    userPreferredMethodForSecondaryAuthentication: preferred,
    userType: principal.userType.toLowerCase(),
  };
}

// Shape: rbacapplication-list-roleassignments and -roleassignmentschedules / -roleeligibilityschedules.
// Planted: four permanent Global Administrators, one of them the guest Morgan Lee.
const permanent = { startDateTime: "2025-03-14T10:21:07.123Z", recurrence: null, expiration: { type: "noExpiration", endDateTime: null, duration: null } };
const directoryRoleHoldings = [
  // [assignment id, schedule id, principal, role, assignmentType, scheduleInfo]
  [
    "d1a5e7b0-0001-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0001-4f4d-9e5a-6b7c8d9e0f1a",
    principals.alex,
    directoryRoles.globalAdministrator,
    "Assigned",
    { ...permanent, startDateTime: "2023-01-09T15:31:52.407Z" },
  ],
  [
    "d1a5e7b0-0002-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0002-4f4d-9e5a-6b7c8d9e0f1a",
    principals.breakGlass1,
    directoryRoles.globalAdministrator,
    "Assigned",
    { ...permanent, startDateTime: "2023-01-09T14:08:21.660Z" },
  ],
  [
    "d1a5e7b0-0003-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0003-4f4d-9e5a-6b7c8d9e0f1a",
    principals.breakGlass2,
    directoryRoles.globalAdministrator,
    "Assigned",
    { ...permanent, startDateTime: "2023-01-09T14:09:02.118Z" },
  ],
  [
    "d1a5e7b0-0004-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0004-4f4d-9e5a-6b7c8d9e0f1a",
    principals.morgan,
    directoryRoles.globalAdministrator,
    "Assigned",
    { ...permanent, startDateTime: "2025-02-17T13:22:45.930Z" },
  ],
  // Sam Patel activated Security Administrator through PIM this morning, for eight hours.
  [
    "d1a5e7b0-0005-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0005-4f4d-9e5a-6b7c8d9e0f1a",
    principals.sam,
    directoryRoles.securityAdministrator,
    "Activated",
    {
      startDateTime: "2026-11-20T08:30:14.512Z",
      recurrence: null,
      expiration: { type: "afterDateTime", endDateTime: "2026-11-20T16:30:14.512Z", duration: null },
    },
  ],
];
const directoryRoleEligibilities = [
  // Priya Raman may activate Global Administrator; she has not.
  [
    "e3c7a9d2-0001-4a5e-8f6b-7c8d9e0f1a2b",
    principals.priya,
    directoryRoles.globalAdministrator,
    { startDateTime: "2026-06-01T00:00:00Z", recurrence: null, expiration: { type: "afterDateTime", endDateTime: "2027-05-31T23:59:59Z", duration: null } },
  ],
  [
    "e3c7a9d2-0002-4a5e-8f6b-7c8d9e0f1a2b",
    principals.sam,
    directoryRoles.securityAdministrator,
    { startDateTime: "2026-09-01T00:00:00Z", recurrence: null, expiration: { type: "afterDateTime", endDateTime: "2027-08-31T23:59:59Z", duration: null } },
  ],
];

function roleSchedule(id, principal, role, scheduleInfo, extra) {
  return {
    id,
    principalId: principal.id,
    roleDefinitionId: role.id,
    directoryScopeId: "/",
    appScopeId: null,
    createdUsing: id,
    createdDateTime: scheduleInfo.startDateTime,
    modifiedDateTime: null,
    status: "Provisioned",
    ...extra,
    memberType: "Direct",
    scheduleInfo,
  };
}

// Shape: group-list-transitivemembers, with $select=id,displayName,userPrincipalName. Transitive
// members include nested groups themselves as well as their members.
const member = (principal) =>
  principal.type === "group"
    ? { "@odata.type": "#microsoft.graph.group", id: principal.id, displayName: principal.displayName }
    : { "@odata.type": "#microsoft.graph.user", id: principal.id, displayName: principal.displayName, userPrincipalName: principal.upn };
const transitiveMembers = {
  // Sam Patel is a member only through this morning's PIM for Groups activation (see groupSchedules).
  [principals.appTeam.id]: [principals.sam],
  // Planted: Riley Chen left in September and her account is disabled, but she is still a member.
  [principals.developers.id]: [principals.priya, principals.jordan, principals.riley],
  // Planted: the only direct member is the nested group "Scanner operators", whose member is Dana Whitfield.
  [principals.caExclusion.id]: [principals.scannerOperators, principals.dana],
};

// Shape: privilegedaccessgroup-list-eligibilityscheduleinstances and -assignmentscheduleinstances
// (test/fixtures/azure-examples/graph-pim-group-*.json), with $expand=principal.
// EHR App Team (Contributor on rg-ehr-app) is governed by PIM for Groups: Priya Raman and Sam Patel
// may activate membership, Sam did so this morning, and Alex Morgan owns the group. Clinic Developers
// is not in PIM: both lists are empty, and its members hold their membership standing.
const groupSchedules = {
  [principals.appTeam.id]: {
    eligible: [
      ["e7c1a2b3-0001-4c5d-8e6f-7a8b9c0d1e2f", principals.priya, "member", "2026-06-01T00:00:00Z", "2027-05-31T23:59:59Z"],
      ["e7c1a2b3-0002-4c5d-8e6f-7a8b9c0d1e2f", principals.sam, "member", "2026-09-01T00:00:00Z", "2027-08-31T23:59:59Z"],
    ],
    assigned: [
      ["f8d2b3c4-0001-4d6e-9f7a-8b9c0d1e2f3a", principals.alex, "owner", "Assigned", null, null],
      ["f8d2b3c4-0002-4d6e-9f7a-8b9c0d1e2f3a", principals.sam, "member", "Activated", "2026-11-20T10:05:31.207Z", "2026-11-20T18:05:31.207Z"],
    ],
  },
  [principals.developers.id]: { eligible: [], assigned: [] },
};

function groupScheduleInstance(groupId, [scheduleId, principal, accessId, ...rest], kind) {
  const [assignmentType, start, end] = kind === "eligible" ? [undefined, rest[0], rest[1]] : rest;
  return {
    id: `${groupId}_${accessId}_${scheduleId}`,
    startDateTime: start,
    endDateTime: end,
    ...(assignmentType ? { assignmentType } : {}),
    accessId,
    principalId: principal.id,
    groupId,
    memberType: "Direct",
    [kind === "eligible" ? "eligibilityScheduleId" : "assignmentScheduleId"]: `${groupId}_${accessId}_${scheduleId}`,
    principal: directoryObject(principal),
  };
}

// In the order the entra collector asks.
export function recordEntra({ record, wait }) {
  record("GET", `${graph}/organization?$select=id,displayName`, 200, {
    "@odata.context": graphContext("organization(id,displayName)"),
    value: [{ id: tenantId, displayName: "Contoso Clinic" }],
  });
  record("GET", `${graph}/subscribedSkus`, 200, { "@odata.context": graphContext("subscribedSkus"), value: subscribedSkus });
  record("GET", `${graph}/identity/conditionalAccess/policies`, 200, {
    "@odata.context": graphContext("identity/conditionalAccess/policies"),
    value: conditionalAccessPolicies,
  });
  // Conditional Access allows one request per second: the collector waits before the next call.
  wait(1100);
  record("GET", `${graph}/identity/conditionalAccess/namedLocations`, 200, {
    "@odata.context": graphContext("identity/conditionalAccess/namedLocations"),
    value: namedLocations,
  });
  record("GET", `${graph}/policies/identitySecurityDefaultsEnforcementPolicy`, 200, securityDefaults);
  record("GET", `${graph}/policies/authenticationMethodsPolicy`, 200, authenticationMethodsPolicy);
  record("GET", `${graph}/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999`, 200, {
    "@odata.context": graphContext("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime)"),
    value: people.map(({ principal, created }) => ({
      id: principal.id,
      displayName: principal.displayName,
      userPrincipalName: principal.upn,
      userType: principal.userType,
      accountEnabled: principal.accountEnabled ?? true,
      createdDateTime: created,
    })),
  });
  record("GET", `${graph}/users?$select=id,userPrincipalName,signInActivity&$top=999`, 200, {
    "@odata.context": graphContext("users(id,userPrincipalName,signInActivity)"),
    value: people.map((person, index) => ({ id: person.principal.id, userPrincipalName: person.principal.upn, signInActivity: signInActivity(person, index) })),
  });
  record("GET", `${graph}/reports/authenticationMethods/userRegistrationDetails`, 200, {
    "@odata.context": graphContext("reports/authenticationMethods/userRegistrationDetails"),
    value: people.map(registrationDetails),
  });
  record("GET", `${graph}/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn`, 200, {
    "@odata.context": graphContext("roleManagement/directory/roleDefinitions(id,displayName,templateId,isBuiltIn)"),
    value: Object.values(directoryRoles).map((role) => ({ id: role.id, displayName: role.displayName, templateId: role.id, isBuiltIn: true })),
  });
  // $expand=principal says whether a role holder is a user, a group or an application.
  record("GET", `${graph}/roleManagement/directory/roleAssignments?$expand=principal`, 200, {
    "@odata.context": graphContext("roleManagement/directory/roleAssignments(principal())"),
    value: directoryRoleHoldings.map(([id, , principal, role]) => ({
      id,
      principalId: principal.id,
      resourceScope: "/",
      directoryScopeId: "/",
      roleDefinitionId: role.id,
      principal: directoryObject(principal),
    })),
  });
  record("GET", `${graph}/roleManagement/directory/roleEligibilitySchedules?$expand=principal`, 200, {
    "@odata.context": graphContext("roleManagement/directory/roleEligibilitySchedules(principal())"),
    value: directoryRoleEligibilities.map(([id, principal, role, scheduleInfo]) => ({
      ...roleSchedule(id, principal, role, scheduleInfo, {}),
      principal: directoryObject(principal),
    })),
  });
  record("GET", `${graph}/roleManagement/directory/roleAssignmentSchedules`, 200, {
    "@odata.context": graphContext("roleManagement/directory/roleAssignmentSchedules"),
    value: directoryRoleHoldings.map(([, scheduleId, principal, role, assignmentType, scheduleInfo]) =>
      roleSchedule(scheduleId, principal, role, scheduleInfo, { assignmentType }),
    ),
  });
  // Groups that Conditional Access includes or excludes and groups that hold Azure roles, in the order
  // the collector expands them (by id).
  for (const groupId of Object.keys(transitiveMembers).sort()) {
    record("GET", `${graph}/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`, 200, {
      "@odata.context": graphContext("directoryObjects(id,displayName,userPrincipalName)"),
      value: transitiveMembers[groupId].map(member),
    });
  }
  // PIM for Groups, for each group that holds an Azure role (by id): eligibilities, then active assignments.
  for (const groupId of Object.keys(groupSchedules).sort()) {
    const query = `$filter=groupId eq '${groupId}'&$expand=principal`;
    record("GET", `${graph}/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?${query}`, 200, {
      "@odata.context": graphContext("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances(principal())"),
      value: groupSchedules[groupId].eligible.map((entry) => groupScheduleInstance(groupId, entry, "eligible")),
    });
    record("GET", `${graph}/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?${query}`, 200, {
      "@odata.context": graphContext("identityGovernance/privilegedAccess/group/assignmentScheduleInstances(principal())"),
      value: groupSchedules[groupId].assigned.map((entry) => groupScheduleInstance(groupId, entry, "assigned")),
    });
  }
}
