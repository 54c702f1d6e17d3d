import { setTimeout as sleep } from "node:timers/promises";
import type { Client as GraphClient } from "@microsoft/microsoft-graph-client";
import { IncompleteDataError } from "../azure/failure.js";
import { graphNextLink } from "../azure/graph.js";
import { defineDataset, type EvidenceRecord } from "../model/evidence.js";
import { z } from "zod";
import { defineCollector, type CollectorContext } from "./collector.js";

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
    devices: z.object({ deviceFilter: z.object({ mode: z.string().optional(), rule: z.string().optional() }).nullable().optional() }).nullable().optional(),
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
  ipRanges: z.array(z.object({ cidrAddress: z.string().optional() })).nullable().optional(),
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
  authenticationMethodConfigurations: z.array(z.object({ id: z.string(), state: z.string().nullable().optional() })).nullable().optional(),
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

// GET /groups/{id}/transitiveMembers?$select=id,displayName,userPrincipalName
export const GroupMemberSchema = z.object({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
});
export type GroupMember = z.infer<typeof GroupMemberSchema>;

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
});

export const subscribedSkusDataset = defineDataset({
  id: "entra/subscribed-skus",
  collector: "entra",
  title: "Licences the tenant holds (subscribed SKUs)",
  scope: "tenant",
  item: SubscribedSkuSchema,
  permission: "Microsoft Graph application permission Organization.Read.All (or Directory.Read.All)",
});

export const conditionalAccessPoliciesDataset = defineDataset({
  id: "entra/conditional-access-policies",
  collector: "entra",
  title: "Conditional Access policies",
  scope: "tenant",
  item: ConditionalAccessPolicySchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
  licence: "Entra ID P1",
});

export const namedLocationsDataset = defineDataset({
  id: "entra/named-locations",
  collector: "entra",
  title: "Conditional Access named locations",
  scope: "tenant",
  item: NamedLocationSchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
  licence: "Entra ID P1",
});

export const securityDefaultsDataset = defineDataset({
  id: "entra/security-defaults",
  collector: "entra",
  title: "Security defaults",
  scope: "tenant",
  item: SecurityDefaultsSchema,
  permission: "Microsoft Graph application permission Policy.Read.All",
});

export const authenticationMethodsPolicyDataset = defineDataset({
  id: "entra/authentication-methods-policy",
  collector: "entra",
  title: "Authentication methods policy",
  scope: "tenant",
  item: AuthenticationMethodsPolicySchema,
  permission: "Microsoft Graph application permission Policy.Read.All (or Policy.Read.AuthenticationMethod)",
});

export const userRegistrationDetailsDataset = defineDataset({
  id: "entra/user-registration-details",
  collector: "entra",
  title: "Authentication methods registered per user",
  scope: "tenant",
  item: UserRegistrationDetailsSchema,
  permission: "Microsoft Graph application permission AuditLog.Read.All",
  licence: "Entra ID P1",
});

export const usersDataset = defineDataset({
  id: "entra/users",
  collector: "entra",
  title: "Users (enabled and disabled, members and guests)",
  scope: "tenant",
  item: EntraUserSchema,
  permission: "Microsoft Graph application permission User.Read.All",
});

export const signInActivityDataset = defineDataset({
  id: "entra/user-sign-in-activity",
  collector: "entra",
  title: "Users' last sign-in",
  scope: "tenant",
  item: EntraUserSchema,
  permission: "Microsoft Graph application permissions User.Read.All and AuditLog.Read.All",
  licence: "Entra ID P1",
});

export const directoryRoleDefinitionsDataset = defineDataset({
  id: "entra/directory-role-definitions",
  collector: "entra",
  title: "Entra ID directory role definitions",
  scope: "tenant",
  item: DirectoryRoleDefinitionSchema,
  permission: "Microsoft Graph application permission RoleManagement.Read.Directory",
});

export const directoryRoleAssignmentsDataset = defineDataset({
  id: "entra/directory-role-assignments",
  collector: "entra",
  title: "Entra ID directory role assignments (active)",
  scope: "tenant",
  item: DirectoryRoleAssignmentSchema,
  permission: "Microsoft Graph application permission RoleManagement.Read.Directory",
});

export const directoryRoleEligibilityDataset = defineDataset({
  id: "entra/directory-role-eligibility-schedules",
  collector: "entra",
  title: "Entra ID PIM eligible directory roles",
  scope: "tenant",
  item: DirectoryRoleEligibilityScheduleSchema,
  permission: "Microsoft Graph application permission RoleEligibilitySchedule.Read.Directory (or RoleManagement.Read.Directory)",
  licence: "Entra ID P2",
});

export const directoryRoleAssignmentSchedulesDataset = defineDataset({
  id: "entra/directory-role-assignment-schedules",
  collector: "entra",
  title: "Entra ID PIM active directory role schedules",
  scope: "tenant",
  item: DirectoryRoleAssignmentScheduleSchema,
  permission: "Microsoft Graph application permission RoleAssignmentSchedule.Read.Directory (or RoleManagement.Read.Directory)",
  licence: "Entra ID P2",
});

export const groupMembersDataset = defineDataset({
  id: "entra/group-members",
  collector: "entra",
  title: "Transitive members of groups used by Conditional Access and directory roles",
  scope: "resource",
  item: GroupMemberSchema,
  permission: "Microsoft Graph application permission GroupMember.Read.All (or Group.Read.All)",
});

/** Group expansion is bounded so a tenant with huge groups still finishes; the bound is reported. */
export const groupExpansionBound = { groups: 200, membersPerGroup: 5000 };

const servicePlans: Record<"Entra ID P1" | "Entra ID P2", string[]> = {
  // AAD_PREMIUM_P2 includes everything P1 gives.
  "Entra ID P1": ["41781fb2-bc02-4b7c-bd55-b576c07bb09d", "eec0eb4f-6444-4f95-aba0-50c24d67f998"],
  "Entra ID P2": ["eec0eb4f-6444-4f95-aba0-50c24d67f998"],
};

/** Whether an enabled SKU carries the licence's service plan; undefined when the SKUs could not be read. */
export function holdsLicence(skus: readonly SubscribedSku[] | undefined, licence: "Entra ID P1" | "Entra ID P2"): boolean | undefined {
  if (!skus) return undefined;
  // Enabled, or Warning (the grace period after expiry); Suspended, LockedOut and Deleted grant nothing.
  return skus.some(
    (sku) =>
      (sku.capabilityStatus === undefined || sku.capabilityStatus === null || sku.capabilityStatus === "Enabled" || sku.capabilityStatus === "Warning") &&
      (sku.servicePlans ?? []).some((plan) => servicePlans[licence].includes(plan.servicePlanId.toLowerCase()) && plan.provisioningStatus !== "Disabled"),
  );
}

/** Follows @odata.nextLink to the end; `pause` runs before every request after the first. */
export async function graphList(graph: GraphClient, path: string, pause: () => Promise<void> = async () => {}, maxItems = Number.POSITIVE_INFINITY): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  for (let page = 0; next; page += 1) {
    if (items.length >= maxItems) throw new IncompleteDataError(`not read to the end: more than the bound of ${maxItems} members`);
    if (page > 0) await pause();
    const response = (await graph.api(next).get()) as { value?: unknown[]; "@odata.nextLink"?: string };
    items.push(...(response.value ?? []));
    next = graphNextLink(graph, response["@odata.nextLink"]);
  }
  return items;
}

const getOne = async (graph: GraphClient, path: string): Promise<unknown[]> => [await graph.api(path).get()];

function idsIn(records: readonly EvidenceRecord[], datasetId: string, pick: (item: Record<string, unknown>) => unknown[]): string[] {
  const record = records.find((candidate) => candidate.dataset === datasetId);
  if (!record || record.status !== "ok") return [];
  return record.value.flatMap((item) => pick(item as Record<string, unknown>)).filter((value): value is string => typeof value === "string");
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Groups whose members decide who a policy or a role reaches. */
function groupsToExpand(records: readonly EvidenceRecord[]): string[] {
  const fromPolicies = idsIn(records, conditionalAccessPoliciesDataset.id, (policy) => {
    const users = (policy.conditions as { users?: { includeGroups?: unknown[]; excludeGroups?: unknown[] } } | undefined)?.users;
    return [...(users?.includeGroups ?? []), ...(users?.excludeGroups ?? [])];
  });
  // Roles held by role-assignable groups reach their members; applications and users need no expansion.
  const fromRoles = [directoryRoleAssignmentsDataset, directoryRoleEligibilityDataset].flatMap((dataset) =>
    idsIn(records, dataset.id, (item) => ((item.principal as { "@odata.type"?: string } | undefined)?.["@odata.type"] === "#microsoft.graph.group" ? [item.principalId] : [])),
  );
  return [...new Set([...fromPolicies, ...fromRoles])].filter((id) => guid.test(id)).sort();
}

export const entraCollector = defineCollector({
  id: "entra",
  title: "Entra ID identity: Conditional Access, MFA, directory roles",
  datasets: [
    organizationDataset,
    subscribedSkusDataset,
    conditionalAccessPoliciesDataset,
    namedLocationsDataset,
    securityDefaultsDataset,
    authenticationMethodsPolicyDataset,
    userRegistrationDetailsDataset,
    usersDataset,
    signInActivityDataset,
    directoryRoleDefinitionsDataset,
    directoryRoleAssignmentsDataset,
    directoryRoleEligibilityDataset,
    directoryRoleAssignmentSchedulesDataset,
    groupMembersDataset,
  ],
  async collect(context: CollectorContext) {
    const graph = context.access.graph();
    const tenant = `/tenants/${context.tenantId}`;
    const records: EvidenceRecord[] = [];
    const collect = async (dataset: Parameters<CollectorContext["collect"]>[0]["dataset"], file: string, fetch: () => Promise<unknown[]>, licenceHeld?: boolean) => {
      const record = await context.collect({ dataset, scope: tenant, file: `raw/entra/${file}`, fetch, licenceHeld });
      records.push(record);
      return record;
    };

    context.progress.step("entra: organisation and licences");
    await collect(organizationDataset, "organization.json", () => graphList(graph, "/organization?$select=id,displayName"));
    const skuRecord = await collect(subscribedSkusDataset, "subscribed-skus.json", () => graphList(graph, "/subscribedSkus"));
    const skus = skuRecord.status === "ok" ? skuRecord.value.map((item) => SubscribedSkuSchema.parse(item)) : undefined;
    const p1 = holdsLicence(skus, "Entra ID P1");
    const p2 = holdsLicence(skus, "Entra ID P2");

    context.progress.step("entra: Conditional Access policies and named locations (paced: 1 request per second)");
    const interval = context.access.conditionalAccessIntervalMs;
    const pace = () => sleep(interval);
    await collect(conditionalAccessPoliciesDataset, "conditional-access-policies.json", () => graphList(graph, "/identity/conditionalAccess/policies", pace), p1);
    await pace();
    await collect(namedLocationsDataset, "named-locations.json", () => graphList(graph, "/identity/conditionalAccess/namedLocations", pace), p1);
    await collect(securityDefaultsDataset, "security-defaults.json", () => getOne(graph, "/policies/identitySecurityDefaultsEnforcementPolicy"));
    await collect(authenticationMethodsPolicyDataset, "authentication-methods-policy.json", () => getOne(graph, "/policies/authenticationMethodsPolicy"));

    context.progress.step("entra: users and their registered authentication methods");
    await collect(usersDataset, "users.json", () =>
      graphList(graph, "/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999"),
    );
    await collect(signInActivityDataset, "user-sign-in-activity.json", () => graphList(graph, "/users?$select=id,userPrincipalName,signInActivity&$top=999"), p1);
    await collect(userRegistrationDetailsDataset, "user-registration-details.json", () => graphList(graph, "/reports/authenticationMethods/userRegistrationDetails"), p1);

    context.progress.step("entra: directory roles and PIM");
    await collect(directoryRoleDefinitionsDataset, "directory-role-definitions.json", () =>
      graphList(graph, "/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn"),
    );
    await collect(directoryRoleAssignmentsDataset, "directory-role-assignments.json", () => graphList(graph, "/roleManagement/directory/roleAssignments?$expand=principal"));
    await collect(directoryRoleEligibilityDataset, "directory-role-eligibility-schedules.json", () => graphList(graph, "/roleManagement/directory/roleEligibilitySchedules?$expand=principal"), p2);
    await collect(directoryRoleAssignmentSchedulesDataset, "directory-role-assignment-schedules.json", () => graphList(graph, "/roleManagement/directory/roleAssignmentSchedules"), p2);

    const groups = groupsToExpand(records);
    context.progress.step(`entra: transitive members of ${groups.length} group(s)`);
    for (const [index, groupId] of groups.entries()) {
      const beyondBound = index >= groupExpansionBound.groups;
      await context.collect({
        dataset: groupMembersDataset,
        scope: `${tenant}/groups/${groupId}`,
        file: `raw/entra/groups/${groupId}/transitive-members.json`,
        fetch: () =>
          beyondBound
            ? Promise.reject(new IncompleteDataError(`not expanded: ${groups.length} groups are referenced, beyond the bound of ${groupExpansionBound.groups}`))
            : graphList(graph, `/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`, undefined, groupExpansionBound.membersPerGroup),
      });
    }
  },
});
