import { setTimeout as sleep } from "node:timers/promises";
import type { Client as GraphClient } from "@microsoft/microsoft-graph-client";
import { IncompleteDataError } from "../azure/failure.js";
import { graphNextLink } from "../azure/graph.js";
import {
  authenticationMethodsPolicyDataset,
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupAssignmentSchedulesDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  namedLocationsDataset,
  organizationDataset,
  securityDefaultsDataset,
  signInActivityDataset,
  SubscribedSkuSchema,
  subscribedSkusDataset,
  userRegistrationDetailsDataset,
  usersDataset,
  type SubscribedSku,
} from "../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRecord } from "../model/evidence.js";
import { defineCollector, type CollectorContext } from "./collector.js";

/**
 * Entra ID through Microsoft Graph v1.0: organisation and licences, Conditional Access policies and
 * named locations (paced: one request per second), security defaults, the authentication methods
 * policy, users with their sign-in activity and registered methods, directory roles and PIM
 * schedules, and the transitive members of every group a policy or a role names. For the groups
 * that hold Azure roles (which the rbac collector, run before this one, found), also their PIM for
 * Groups eligibilities and active assignments, and the members of any group made eligible there.
 */

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
export async function graphList(
  graph: GraphClient,
  path: string,
  pause: () => Promise<void> = async () => {},
  maxItems = Number.POSITIVE_INFINITY,
): Promise<unknown[]> {
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
  if (record?.status !== "ok") return [];
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
    idsIn(records, dataset.id, (item) =>
      (item.principal as { "@odata.type"?: string } | undefined)?.["@odata.type"] === "#microsoft.graph.group" ? [item.principalId] : [],
    ),
  );
  return [...new Set([...fromPolicies, ...fromRoles])].filter((id) => guid.test(id)).sort();
}

/**
 * Groups that hold an Azure role, active or eligible, in any subscription the rbac collector read:
 * the assignment's own principalType, or the directory's type when Azure did not report one.
 * Foreign groups live in another tenant, whose members this one cannot list.
 */
export function groupsHoldingAzureRoles(earlier: readonly EvidenceRecord[]): string[] {
  const directoryGroups = new Set(
    earlier
      .filter((record) => record.dataset === principalsDataset.id && record.status === "ok")
      .flatMap((record) => (record.status === "ok" ? record.value : []))
      .filter((item) => (item as { "@odata.type"?: unknown })["@odata.type"] === "#microsoft.graph.group")
      .map((item) => String((item as { id?: unknown }).id).toLowerCase()),
  );
  const ids = new Set<string>();
  for (const record of earlier) {
    if (record.status !== "ok" || (record.dataset !== roleAssignmentsDataset.id && record.dataset !== roleEligibilityDataset.id)) continue;
    for (const item of record.value) {
      const properties = (item as { properties?: { principalId?: unknown; principalType?: unknown } }).properties;
      if (typeof properties?.principalId !== "string") continue;
      const type = properties.principalType;
      if (type === "Group" || (type === undefined && directoryGroups.has(properties.principalId.toLowerCase()))) ids.add(properties.principalId.toLowerCase());
    }
  }
  return [...ids].filter((id) => guid.test(id)).sort();
}

/** Groups a PIM for Groups eligibility names as its principal: their members may activate too. */
function eligibleGroupsIn(record: EvidenceRecord): string[] {
  if (record.status !== "ok") return [];
  return record.value
    .filter((item) => (item as { principal?: { "@odata.type"?: unknown } | null }).principal?.["@odata.type"] === "#microsoft.graph.group")
    .map((item) => String((item as { principalId?: unknown }).principalId).toLowerCase())
    .filter((id) => guid.test(id));
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
    groupEligibilityDataset,
    groupAssignmentSchedulesDataset,
  ],
  async collect(context: CollectorContext) {
    const graph = context.access.graph();
    const tenant = `/tenants/${context.tenantId}`;
    const records: EvidenceRecord[] = [];
    const collect = async (dataset: Parameters<CollectorContext["collect"]>[0]["dataset"], fetch: () => Promise<unknown[]>, licenceHeld?: boolean) => {
      const record = await context.collect({ dataset, scope: tenant, fetch, licenceHeld });
      records.push(record);
      return record;
    };

    context.progress.step("entra: organisation and licences");
    await collect(organizationDataset, () => graphList(graph, "/organization?$select=id,displayName"));
    const skuRecord = await collect(subscribedSkusDataset, () => graphList(graph, "/subscribedSkus"));
    const skus = skuRecord.status === "ok" ? skuRecord.value.map((item) => SubscribedSkuSchema.parse(item)) : undefined;
    const p1 = holdsLicence(skus, "Entra ID P1");
    const p2 = holdsLicence(skus, "Entra ID P2");

    context.progress.step("entra: Conditional Access policies and named locations (paced: 1 request per second)");
    const interval = context.access.conditionalAccessIntervalMs;
    const pace = () => sleep(interval);
    await collect(conditionalAccessPoliciesDataset, () => graphList(graph, "/identity/conditionalAccess/policies", pace), p1);
    await pace();
    await collect(namedLocationsDataset, () => graphList(graph, "/identity/conditionalAccess/namedLocations", pace), p1);
    await collect(securityDefaultsDataset, () => getOne(graph, "/policies/identitySecurityDefaultsEnforcementPolicy"));
    await collect(authenticationMethodsPolicyDataset, () => getOne(graph, "/policies/authenticationMethodsPolicy"));

    context.progress.step("entra: users and their registered authentication methods");
    await collect(usersDataset, () => graphList(graph, "/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999"));
    await collect(signInActivityDataset, () => graphList(graph, "/users?$select=id,userPrincipalName,signInActivity&$top=999"), p1);
    await collect(userRegistrationDetailsDataset, () => graphList(graph, "/reports/authenticationMethods/userRegistrationDetails"), p1);

    context.progress.step("entra: directory roles and PIM");
    await collect(directoryRoleDefinitionsDataset, () =>
      graphList(graph, "/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn"),
    );
    await collect(directoryRoleAssignmentsDataset, () => graphList(graph, "/roleManagement/directory/roleAssignments?$expand=principal"));
    await collect(directoryRoleEligibilityDataset, () => graphList(graph, "/roleManagement/directory/roleEligibilitySchedules?$expand=principal"), p2);
    await collect(directoryRoleAssignmentSchedulesDataset, () => graphList(graph, "/roleManagement/directory/roleAssignmentSchedules"), p2);

    // Groups holding Azure roles were found by the rbac collector; their members hold those roles.
    const azureRoleGroups = groupsHoldingAzureRoles(context.earlierRecords);
    const groups = [...new Set([...groupsToExpand(records), ...azureRoleGroups])].sort();
    const expanded = new Set<string>();
    let requested = 0;
    const expand = async (groupIds: readonly string[], referenced: number) => {
      for (const groupId of groupIds) {
        if (expanded.has(groupId)) continue;
        expanded.add(groupId);
        const beyondBound = requested++ >= groupExpansionBound.groups;
        await context.collect({
          dataset: groupMembersDataset,
          scope: `${tenant}/groups/${groupId}`,
          fetch: () =>
            beyondBound
              ? Promise.reject(new IncompleteDataError(`not expanded: ${referenced} groups are referenced, beyond the bound of ${groupExpansionBound.groups}`))
              : graphList(
                  graph,
                  `/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`,
                  undefined,
                  groupExpansionBound.membersPerGroup,
                ),
        });
      }
    };
    context.progress.step(`entra: transitive members of ${groups.length} group(s)`);
    await expand(groups, groups.length);

    // PIM for Groups: who may activate membership or ownership of a group that holds an Azure role,
    // and which current memberships are such activations. The API needs a group (or principal) filter.
    context.progress.step(`entra: PIM for Groups schedules of ${azureRoleGroups.length} group(s) holding Azure roles`);
    const eligibleGroups: string[] = [];
    for (const [index, groupId] of azureRoleGroups.entries()) {
      const beyondBound = index >= groupExpansionBound.groups;
      const scope = `${tenant}/groups/${groupId}`;
      const filter = `$filter=groupId eq '${groupId}'&$expand=principal`;
      const bounded = (path: string) => () =>
        beyondBound
          ? Promise.reject(
              new IncompleteDataError(`not read: ${azureRoleGroups.length} groups hold Azure roles, beyond the bound of ${groupExpansionBound.groups}`),
            )
          : graphList(graph, path);
      const eligibility = await context.collect({
        dataset: groupEligibilityDataset,
        scope,
        licenceHeld: p2,
        fetch: bounded(`/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?${filter}`),
      });
      eligibleGroups.push(...eligibleGroupsIn(eligibility));
      await context.collect({
        dataset: groupAssignmentSchedulesDataset,
        scope,
        licenceHeld: p2,
        fetch: bounded(`/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?${filter}`),
      });
    }
    // A group made eligible is expanded too: each of its members may activate for themselves.
    const nested = [...new Set(eligibleGroups)].filter((id) => !expanded.has(id)).sort();
    if (nested.length > 0) {
      context.progress.step(`entra: transitive members of ${nested.length} group(s) made eligible through PIM for Groups`);
      await expand(nested, groups.length + nested.length);
    }
  },
});
