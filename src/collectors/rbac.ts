import { z } from "zod";
import { defineDataset, type EvidenceRecord } from "../model/evidence.js";
import { defineCollector, drain } from "./collector.js";

/**
 * Azure RBAC, per subscription: active role assignments (at, below and inherited from above the
 * subscription: management groups and the root), role definitions, and Privileged Identity
 * Management schedule instances (eligible, and active with how they became active). Then the
 * directory objects behind every principal id, so checks can tell a guest from a member.
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
});

export const roleDefinitionsDataset = defineDataset({
  id: "rbac/role-definitions",
  collector: "rbac",
  title: "Azure role definitions",
  scope: "subscription",
  item: RoleDefinitionSchema,
  permission: "Microsoft.Authorization/roleDefinitions/read (Reader)",
});

export const roleEligibilityDataset = defineDataset({
  id: "rbac/role-eligibility-schedule-instances",
  collector: "rbac",
  title: "PIM eligible role assignments",
  scope: "subscription",
  item: RoleEligibilityScheduleInstanceSchema,
  permission: "Microsoft.Authorization/roleEligibilityScheduleInstances/read (Reader)",
});

export const roleAssignmentSchedulesDataset = defineDataset({
  id: "rbac/role-assignment-schedule-instances",
  collector: "rbac",
  title: "PIM active role assignment schedules",
  scope: "subscription",
  item: RoleAssignmentScheduleInstanceSchema,
  permission: "Microsoft.Authorization/roleAssignmentScheduleInstances/read (Reader)",
});

export const principalsDataset = defineDataset({
  id: "rbac/principals",
  collector: "rbac",
  title: "Directory objects holding Azure roles",
  scope: "tenant",
  item: DirectoryObjectSchema,
  permission: "Microsoft Graph application permission Directory.Read.All",
});

/** getByIds accepts at most 1000 ids per request. */
const principalBatchSize = 1000;

function principalIdsIn(records: readonly EvidenceRecord[]): string[] {
  const ids = new Set<string>();
  for (const record of records) {
    if (record.status !== "ok") continue;
    if (record.dataset !== roleAssignmentsDataset.id && record.dataset !== roleEligibilityDataset.id) continue;
    for (const item of record.value) {
      const principalId = (item as { properties?: { principalId?: unknown } }).properties?.principalId;
      if (typeof principalId === "string") ids.add(principalId);
    }
  }
  return [...ids].sort();
}

export const rbacCollector = defineCollector({
  id: "rbac",
  title: "Azure RBAC and PIM",
  datasets: [roleAssignmentsDataset, roleDefinitionsDataset, roleEligibilityDataset, roleAssignmentSchedulesDataset, principalsDataset],
  async collect(context) {
    const recorded: EvidenceRecord[] = [];
    for (const subscription of context.subscriptions) {
      const client = context.access.authorization(subscription.subscriptionId);
      const folder = `raw/rbac/${subscription.subscriptionId}`;
      // Scope strings without a leading slash: the SDK puts one in front ("/{scope}/providers/...").
      const scopePath = subscription.scope.slice(1);
      context.progress.step(`rbac: role assignments and PIM schedules in ${subscription.displayName}`);
      recorded.push(
        await context.collect({
          dataset: roleAssignmentsDataset,
          scope: subscription.scope,
          file: `${folder}/role-assignments.json`,
          // No filter: assignments at, below and above (inherited from management groups) the subscription.
          fetch: () => drain(client.roleAssignments.listForSubscription()),
        }),
        await context.collect({
          dataset: roleDefinitionsDataset,
          scope: subscription.scope,
          file: `${folder}/role-definitions.json`,
          fetch: () => drain(client.roleDefinitions.list(scopePath)),
        }),
        await context.collect({
          dataset: roleEligibilityDataset,
          scope: subscription.scope,
          file: `${folder}/role-eligibility-schedule-instances.json`,
          // No filter, like the assignments: instances at, below and above the subscription. With
          // atScope() a resource-group activation would be missing and look like standing access.
          fetch: () => drain(client.roleEligibilityScheduleInstances.listForScope(scopePath)),
        }),
        await context.collect({
          dataset: roleAssignmentSchedulesDataset,
          scope: subscription.scope,
          file: `${folder}/role-assignment-schedule-instances.json`,
          fetch: () => drain(client.roleAssignmentScheduleInstances.listForScope(scopePath)),
        }),
      );
    }

    const ids = principalIdsIn(recorded);
    context.progress.step(`rbac: resolving ${ids.length} principal(s) in the directory`);
    const graph = context.access.graph();
    await context.collect({
      dataset: principalsDataset,
      scope: `/tenants/${context.tenantId}`,
      file: "raw/rbac/principals.json",
      fetch: async () => {
        const found: unknown[] = [];
        for (let start = 0; start < ids.length; start += principalBatchSize) {
          const response = (await graph
            .api("/directoryObjects/getByIds")
            .post({ ids: ids.slice(start, start + principalBatchSize), types: ["user", "group", "servicePrincipal"] })) as {
            value?: unknown[];
          };
          found.push(...(response.value ?? []));
        }
        return found;
      },
    });
  },
});
