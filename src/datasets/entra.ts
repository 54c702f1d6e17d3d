import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

/**
 * Microsoft Graph v1.0 shapes the identity evidence rests on. Fields a check relies on are optional
 * and never defaulted: a field Graph did not send is unknown, not "off" and not "compliant".
 */

const strings = z.array(z.string());

// GET /identity/conditionalAccess/policies (conditionalAccessPolicy)
export const ConditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  /** "enabledForReportingButNotEnforced" is report-only: it enforces nothing. */
  state: z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]),
  conditions: z.object({
    users: z
      .object({
        includeUsers: strings.optional(),
        excludeUsers: strings.optional(),
        includeGroups: strings.optional(),
        excludeGroups: strings.optional(),
        includeRoles: strings.optional(),
        excludeRoles: strings.optional(),
        includeGuestsOrExternalUsers: z.object({ guestOrExternalUserTypes: z.string().nullable().optional() }).nullable().optional(),
        excludeGuestsOrExternalUsers: z.object({ guestOrExternalUserTypes: z.string().nullable().optional() }).nullable().optional(),
      })
      .nullable()
      .optional(),
    applications: z
      .object({
        includeApplications: strings.optional(),
        excludeApplications: strings.optional(),
        includeUserActions: strings.optional(),
        includeAuthenticationContextClassReferences: strings.nullable().optional(),
        applicationFilter: z.object({ mode: z.string().optional(), rule: z.string().optional() }).nullable().optional(),
      })
      .nullable()
      .optional(),
    clientAppTypes: strings.nullable().optional(),
    platforms: z.object({ includePlatforms: strings.nullable().optional(), excludePlatforms: strings.nullable().optional() }).nullable().optional(),
    locations: z.object({ includeLocations: strings.nullable().optional(), excludeLocations: strings.nullable().optional() }).nullable().optional(),
    signInRiskLevels: strings.nullable().optional(),
    userRiskLevels: strings.nullable().optional(),
    servicePrincipalRiskLevels: strings.nullable().optional(),
    insiderRiskLevels: z.string().nullable().optional(),
    devices: z
      .object({ deviceFilter: z.object({ mode: z.string().optional(), rule: z.string().optional() }).nullable().optional() })
      .nullable()
      .optional(),
    clientApplications: z.unknown().optional(),
    authenticationFlows: z.unknown().optional(),
  }),
  grantControls: z
    .object({
      operator: z.string().nullable().optional(),
      builtInControls: strings.nullable().optional(),
      customAuthenticationFactors: strings.nullable().optional(),
      termsOfUse: strings.nullable().optional(),
      authenticationStrength: z
        .object({
          id: z.string(),
          displayName: z.string().nullable().optional(),
          policyType: z.string().nullable().optional(),
          allowedCombinations: strings.nullable().optional(),
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  sessionControls: z
    .object({
      signInFrequency: z
        .object({
          isEnabled: z.boolean().nullable().optional(),
          value: z.number().nullable().optional(),
          type: z.string().nullable().optional(),
          frequencyInterval: z.string().nullable().optional(),
          authenticationType: z.string().nullable().optional(),
        })
        .nullable()
        .optional(),
      persistentBrowser: z.object({ isEnabled: z.boolean().nullable().optional(), mode: z.string().nullable().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type ConditionalAccessPolicy = z.infer<typeof ConditionalAccessPolicySchema>;

// GET /identity/conditionalAccess/namedLocations
export const NamedLocationSchema = z.object({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  isTrusted: z.boolean().nullable().optional(),
  ipRanges: z
    .array(z.object({ cidrAddress: z.string().optional() }))
    .nullable()
    .optional(),
  countriesAndRegions: strings.nullable().optional(),
});
export type NamedLocation = z.infer<typeof NamedLocationSchema>;

// GET /policies/identitySecurityDefaultsEnforcementPolicy
export const SecurityDefaultsSchema = z.object({
  id: z.string().optional(),
  isEnabled: z.boolean().nullable().optional(),
});
export type SecurityDefaults = z.infer<typeof SecurityDefaultsSchema>;

// GET /policies/authenticationMethodsPolicy
export const AuthenticationMethodsPolicySchema = z.object({
  id: z.string().optional(),
  policyMigrationState: z.string().nullable().optional(),
  registrationEnforcement: z.unknown().optional(),
  authenticationMethodConfigurations: z
    .array(z.object({ id: z.string(), state: z.string().nullable().optional() }))
    .nullable()
    .optional(),
});
export type AuthenticationMethodsPolicy = z.infer<typeof AuthenticationMethodsPolicySchema>;

// GET /reports/authenticationMethods/userRegistrationDetails
export const UserRegistrationDetailsSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string().nullable().optional(),
  userDisplayName: z.string().nullable().optional(),
  userType: z.string().nullable().optional(),
  isAdmin: z.boolean().nullable().optional(),
  isMfaRegistered: z.boolean().nullable().optional(),
  isMfaCapable: z.boolean().nullable().optional(),
  isPasswordlessCapable: z.boolean().nullable().optional(),
  methodsRegistered: strings.nullable().optional(),
  lastUpdatedDateTime: z.string().nullable().optional(),
});
export type UserRegistrationDetails = z.infer<typeof UserRegistrationDetailsSchema>;

// GET /users?$select=...
export const EntraUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  /** Member or Guest; absent is unknown. */
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  createdDateTime: z.string().nullable().optional(),
  /** Present only with an Entra ID P1/P2 licence and AuditLog.Read.All; absent means unknown. */
  signInActivity: z
    .object({
      lastSignInDateTime: z.string().nullable().optional(),
      lastNonInteractiveSignInDateTime: z.string().nullable().optional(),
      lastSuccessfulSignInDateTime: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type EntraUser = z.infer<typeof EntraUserSchema>;

// GET /roleManagement/directory/roleDefinitions
export const DirectoryRoleDefinitionSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  templateId: z.string().nullable().optional(),
  isBuiltIn: z.boolean().nullable().optional(),
});
export type DirectoryRoleDefinition = z.infer<typeof DirectoryRoleDefinitionSchema>;

/** The role holder as $expand=principal returns it: its @odata.type tells user, group or application apart. */
const expandedPrincipal = z.object({ "@odata.type": z.string(), id: z.string() }).nullable().optional();

// GET /roleManagement/directory/roleAssignments?$expand=principal (active now: permanent, or activated through PIM)
export const DirectoryRoleAssignmentSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: z.string().nullable().optional(),
  principal: expandedPrincipal,
});
export type DirectoryRoleAssignment = z.infer<typeof DirectoryRoleAssignmentSchema>;

const scheduleInfo = z
  .object({
    startDateTime: z.string().nullable().optional(),
    expiration: z
      .object({
        type: z.string().nullable().optional(),
        endDateTime: z.string().nullable().optional(),
        duration: z.string().nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .nullable()
  .optional();

// GET /roleManagement/directory/roleEligibilitySchedules?$expand=principal
export const DirectoryRoleEligibilityScheduleSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: z.string().nullable().optional(),
  principal: expandedPrincipal,
  memberType: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  scheduleInfo,
});
export type DirectoryRoleEligibilitySchedule = z.infer<typeof DirectoryRoleEligibilityScheduleSchema>;

// GET /roleManagement/directory/roleAssignmentSchedules ("Assigned" is standing, "Activated" came from PIM)
export const DirectoryRoleAssignmentScheduleSchema = DirectoryRoleEligibilityScheduleSchema.extend({
  assignmentType: z.string().nullable().optional(),
});
export type DirectoryRoleAssignmentSchedule = z.infer<typeof DirectoryRoleAssignmentScheduleSchema>;

// GET /groups/{id}/transitiveMembers?$select=id,displayName,userPrincipalName: users, groups,
// service principals, devices and contacts, nested groups flattened (the nested group is listed too).
export const GroupMemberSchema = z.object({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
});
export type GroupMember = z.infer<typeof GroupMemberSchema>;

/** The principal of a PIM for Groups schedule as $expand=principal returns it: a user or a group. */
const pimGroupPrincipal = z
  .object({ "@odata.type": z.string(), id: z.string(), displayName: z.string().nullable().optional(), userPrincipalName: z.string().nullable().optional() })
  .nullable()
  .optional();

const pimGroupInstance = {
  id: z.string(),
  groupId: z.string().nullable().optional(),
  principalId: z.string(),
  /** member or owner: required, since a membership and an ownership reach a group's roles differently. */
  accessId: z.string(),
  /** direct, or group (the principal holds it through a group that is eligible or assigned). */
  memberType: z.string().nullable().optional(),
  startDateTime: z.string().nullable().optional(),
  endDateTime: z.string().nullable().optional(),
  principal: pimGroupPrincipal,
};

// GET /identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq '{id}'&$expand=principal
export const GroupEligibilityScheduleInstanceSchema = z.object({ ...pimGroupInstance, eligibilityScheduleId: z.string().nullable().optional() });
export type GroupEligibilityScheduleInstance = z.infer<typeof GroupEligibilityScheduleInstanceSchema>;

// GET /identityGovernance/privilegedAccess/group/assignmentScheduleInstances?$filter=groupId eq '{id}'&$expand=principal
export const GroupAssignmentScheduleInstanceSchema = z.object({
  ...pimGroupInstance,
  /** Assigned (given directly) or Activated (a just-in-time activation of an eligibility); absent is unknown. */
  assignmentType: z.string().nullable().optional(),
  assignmentScheduleId: z.string().nullable().optional(),
});
export type GroupAssignmentScheduleInstance = z.infer<typeof GroupAssignmentScheduleInstanceSchema>;

// GET /organization
export const OrganizationSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
});

// GET /subscribedSkus
export const SubscribedSkuSchema = z.object({
  skuId: z.string(),
  skuPartNumber: z.string().nullable().optional(),
  capabilityStatus: z.string().nullable().optional(),
  servicePlans: z
    .array(z.object({ servicePlanId: z.string(), servicePlanName: z.string().nullable().optional(), provisioningStatus: z.string().nullable().optional() }))
    .nullable()
    .optional(),
});
export type SubscribedSku = z.infer<typeof SubscribedSkuSchema>;

export const organizationDataset = defineDataset({
  id: "entra/organization",
  collector: "entra",
  title: "Entra ID organisation",
  scope: "tenant",
  item: OrganizationSchema,
  permission: "Microsoft Graph application permission Organization.Read.All (or Directory.Read.All)",
  rawFile: recordFile("entra", "organization.json"),
});

export const subscribedSkusDataset = defineDataset({
  id: "entra/subscribed-skus",
  collector: "entra",
  title: "Licences the tenant holds (subscribed SKUs)",
  scope: "tenant",
  item: SubscribedSkuSchema,
  permission: "Microsoft Graph application permission Organization.Read.All (or Directory.Read.All)",
  rawFile: recordFile("entra", "subscribed-skus.json"),
});

export const conditionalAccessPoliciesDataset = defineDataset({
  id: "entra/conditional-access-policies",
  collector: "entra",
  title: "Conditional Access policies",
  scope: "tenant",
  item: ConditionalAccessPolicySchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
  licence: "Entra ID P1",
  rawFile: recordFile("entra", "conditional-access-policies.json"),
});

export const namedLocationsDataset = defineDataset({
  id: "entra/named-locations",
  collector: "entra",
  title: "Conditional Access named locations",
  scope: "tenant",
  item: NamedLocationSchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
  licence: "Entra ID P1",
  rawFile: recordFile("entra", "named-locations.json"),
});

export const securityDefaultsDataset = defineDataset({
  id: "entra/security-defaults",
  collector: "entra",
  title: "Security defaults",
  scope: "tenant",
  item: SecurityDefaultsSchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
  rawFile: recordFile("entra", "security-defaults.json"),
});

export const authenticationMethodsPolicyDataset = defineDataset({
  id: "entra/authentication-methods-policy",
  collector: "entra",
  title: "Authentication methods policy",
  scope: "tenant",
  item: AuthenticationMethodsPolicySchema,
  permission: "Microsoft Graph application permission Policy.Read.All (or Policy.Read.AuthenticationMethod)",
  rawFile: recordFile("entra", "authentication-methods-policy.json"),
});

export const userRegistrationDetailsDataset = defineDataset({
  id: "entra/user-registration-details",
  collector: "entra",
  title: "Authentication methods registered per user",
  scope: "tenant",
  item: UserRegistrationDetailsSchema,
  permission: "Microsoft Graph application permission AuditLog.Read.All",
  licence: "Entra ID P1",
  rawFile: recordFile("entra", "user-registration-details.json"),
});

export const usersDataset = defineDataset({
  id: "entra/users",
  collector: "entra",
  title: "Users (enabled and disabled, members and guests)",
  scope: "tenant",
  item: EntraUserSchema,
  permission: "Microsoft Graph application permission User.Read.All",
  rawFile: recordFile("entra", "users.json"),
});

export const signInActivityDataset = defineDataset({
  id: "entra/user-sign-in-activity",
  collector: "entra",
  title: "Users' last sign-in",
  scope: "tenant",
  item: EntraUserSchema,
  permission: "Microsoft Graph application permissions User.Read.All and AuditLog.Read.All",
  licence: "Entra ID P1",
  rawFile: recordFile("entra", "user-sign-in-activity.json"),
});

export const directoryRoleDefinitionsDataset = defineDataset({
  id: "entra/directory-role-definitions",
  collector: "entra",
  title: "Entra ID directory role definitions",
  scope: "tenant",
  item: DirectoryRoleDefinitionSchema,
  permission: "Microsoft Graph application permission RoleManagement.Read.Directory",
  rawFile: recordFile("entra", "directory-role-definitions.json"),
});

export const directoryRoleAssignmentsDataset = defineDataset({
  id: "entra/directory-role-assignments",
  collector: "entra",
  title: "Entra ID directory role assignments (active)",
  scope: "tenant",
  item: DirectoryRoleAssignmentSchema,
  permission: "Microsoft Graph application permission RoleManagement.Read.Directory",
  rawFile: recordFile("entra", "directory-role-assignments.json"),
});

export const directoryRoleEligibilityDataset = defineDataset({
  id: "entra/directory-role-eligibility-schedules",
  collector: "entra",
  title: "Entra ID PIM eligible directory roles",
  scope: "tenant",
  item: DirectoryRoleEligibilityScheduleSchema,
  permission: "Microsoft Graph application permission RoleEligibilitySchedule.Read.Directory (or RoleManagement.Read.Directory)",
  licence: "Entra ID P2",
  rawFile: recordFile("entra", "directory-role-eligibility-schedules.json"),
});

export const directoryRoleAssignmentSchedulesDataset = defineDataset({
  id: "entra/directory-role-assignment-schedules",
  collector: "entra",
  title: "Entra ID PIM active directory role schedules",
  scope: "tenant",
  item: DirectoryRoleAssignmentScheduleSchema,
  permission: "Microsoft Graph application permission RoleAssignmentSchedule.Read.Directory (or RoleManagement.Read.Directory)",
  licence: "Entra ID P2",
  rawFile: recordFile("entra", "directory-role-assignment-schedules.json"),
});

export const groupMembersDataset = defineDataset({
  id: "entra/group-members",
  collector: "entra",
  title: "Transitive members of groups used by Conditional Access, directory roles and Azure roles",
  scope: "resource",
  item: GroupMemberSchema,
  permission: "Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All)",
  rawFile: recordFile("entra", "transitive-members.json"),
});

export const groupEligibilityDataset = defineDataset({
  id: "entra/group-eligibility-schedule-instances",
  collector: "entra",
  title: "PIM for Groups eligible memberships and ownerships of groups that hold Azure roles",
  scope: "resource",
  item: GroupEligibilityScheduleInstanceSchema,
  permission: "Microsoft Graph application permission PrivilegedEligibilitySchedule.Read.AzureADGroup",
  licence: "Entra ID P2",
  rawFile: recordFile("entra", "pim-eligibility-schedule-instances.json"),
});

export const groupAssignmentSchedulesDataset = defineDataset({
  id: "entra/group-assignment-schedule-instances",
  collector: "entra",
  title: "PIM for Groups active memberships and ownerships of groups that hold Azure roles",
  scope: "resource",
  item: GroupAssignmentScheduleInstanceSchema,
  permission: "Microsoft Graph application permission PrivilegedAssignmentSchedule.Read.AzureADGroup",
  licence: "Entra ID P2",
  rawFile: recordFile("entra", "pim-assignment-schedule-instances.json"),
});
