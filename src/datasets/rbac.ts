import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

/**
 * Azure RBAC evidence per subscription: role assignments, role definitions and PIM schedule
 * instances; and the directory objects behind the principals, which tell a guest from a member.
 */

// GET /subscriptions/{s}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01
export const RoleAssignmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    roleDefinitionId: z.string(),
    principalId: z.string(),
    principalType: z.string().optional(),
    scope: z.string(),
    condition: z.string().nullable().optional(),
    createdOn: z.string().nullable().optional(),
  }),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

/** What a role grants: absent lists would read as "grants nothing", so the granting ones are required. */
const PermissionSchema = z.object({
  actions: z.array(z.string()),
  notActions: z.array(z.string()).optional(),
  dataActions: z.array(z.string()),
  notDataActions: z.array(z.string()).optional(),
});

// GET /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01
export const RoleDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    roleName: z.string(),
    /** BuiltInRole or CustomRole. */
    type: z.string(),
    description: z.string().nullable().optional(),
    assignableScopes: z.array(z.string()).optional(),
    /** Required: a definition whose permissions are not reported cannot be said to grant nothing. */
    permissions: z.array(PermissionSchema),
  }),
});
export type RoleDefinition = z.infer<typeof RoleDefinitionSchema>;

const ScheduleInstanceProperties = {
  scope: z.string(),
  roleDefinitionId: z.string(),
  principalId: z.string(),
  principalType: z.string().optional(),
  status: z.string().optional(),
  startDateTime: z.string().nullable().optional(),
  /** null: no end (permanent). */
  endDateTime: z.string().nullable().optional(),
  memberType: z.string().optional(),
};

// GET /{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01
export const RoleEligibilityScheduleInstanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object(ScheduleInstanceProperties),
});
export type RoleEligibilityScheduleInstance = z.infer<typeof RoleEligibilityScheduleInstanceSchema>;

// GET /{scope}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01
export const RoleAssignmentScheduleInstanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    ...ScheduleInstanceProperties,
    /** Assigned (given directly) or Activated (a PIM activation of an eligibility). */
    assignmentType: z.string().optional(),
    originRoleAssignmentId: z.string().nullable().optional(),
  }),
});
export type RoleAssignmentScheduleInstance = z.infer<typeof RoleAssignmentScheduleInstanceSchema>;

// POST https://graph.microsoft.com/v1.0/directoryObjects/getByIds
export const DirectoryObjectSchema = z.object({
  "@odata.type": z.string(),
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  /** Member or Guest; absent means unknown, never member. */
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  appId: z.string().nullable().optional(),
  servicePrincipalType: z.string().nullable().optional(),
});
export type DirectoryObject = z.infer<typeof DirectoryObjectSchema>;

export const roleAssignmentsDataset = defineDataset({
  id: "rbac/role-assignments",
  collector: "rbac",
  title: "Azure role assignments",
  scope: "subscription",
  item: RoleAssignmentSchema,
  permission: "Microsoft.Authorization/roleAssignments/read (Reader)",
  rawFile: recordFile("rbac", "role-assignments.json"),
});

export const roleDefinitionsDataset = defineDataset({
  id: "rbac/role-definitions",
  collector: "rbac",
  title: "Azure role definitions",
  scope: "subscription",
  item: RoleDefinitionSchema,
  permission: "Microsoft.Authorization/roleDefinitions/read (Reader)",
  rawFile: recordFile("rbac", "role-definitions.json"),
});

export const roleEligibilityDataset = defineDataset({
  id: "rbac/role-eligibility-schedule-instances",
  collector: "rbac",
  title: "PIM eligible role assignments",
  scope: "subscription",
  item: RoleEligibilityScheduleInstanceSchema,
  permission: "Microsoft.Authorization/roleEligibilityScheduleInstances/read (Reader)",
  rawFile: recordFile("rbac", "role-eligibility-schedule-instances.json"),
});

export const roleAssignmentSchedulesDataset = defineDataset({
  id: "rbac/role-assignment-schedule-instances",
  collector: "rbac",
  title: "PIM active role assignment schedules",
  scope: "subscription",
  item: RoleAssignmentScheduleInstanceSchema,
  permission: "Microsoft.Authorization/roleAssignmentScheduleInstances/read (Reader)",
  rawFile: recordFile("rbac", "role-assignment-schedule-instances.json"),
});

export const principalsDataset = defineDataset({
  id: "rbac/principals",
  collector: "rbac",
  title: "Directory objects holding Azure roles",
  scope: "tenant",
  item: DirectoryObjectSchema,
  permission: "Microsoft Graph application permission Directory.Read.All",
  rawFile: recordFile("rbac", "principals.json"),
});
