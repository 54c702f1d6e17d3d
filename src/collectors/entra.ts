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
import type { EvidenceRecord } from "../model/evidence.js";
import { defineCollector, type CollectorContext } from "./collector.js";

/**
 * Entra ID through Microsoft Graph v1.0: organisation and licences, Conditional Access policies and
 * named locations (paced: one request per second), security defaults, the authentication methods
 * policy, users with their sign-in activity and registered methods, directory roles and PIM
 * schedules, and the transitive members of every group a policy or a role names.
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
    await collect(usersDataset, () =>
      graphList(graph, "/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999"),
    );
    await collect(signInActivityDataset, () => graphList(graph, "/users?$select=id,userPrincipalName,signInActivity&$top=999"), p1);
    await collect(userRegistrationDetailsDataset, () => graphList(graph, "/reports/authenticationMethods/userRegistrationDetails"), p1);

    context.progress.step("entra: directory roles and PIM");
    await collect(directoryRoleDefinitionsDataset, () =>
      graphList(graph, "/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn"),
    );
    await collect(directoryRoleAssignmentsDataset, () => graphList(graph, "/roleManagement/directory/roleAssignments?$expand=principal"));
    await collect(directoryRoleEligibilityDataset, () => graphList(graph, "/roleManagement/directory/roleEligibilitySchedules?$expand=principal"), p2);
    await collect(directoryRoleAssignmentSchedulesDataset, () => graphList(graph, "/roleManagement/directory/roleAssignmentSchedules"), p2);

    const groups = groupsToExpand(records);
    context.progress.step(`entra: transitive members of ${groups.length} group(s)`);
    for (const [index, groupId] of groups.entries()) {
      const beyondBound = index >= groupExpansionBound.groups;
      await context.collect({
        dataset: groupMembersDataset,
        scope: `${tenant}/groups/${groupId}`,
        fetch: () =>
          beyondBound
            ? Promise.reject(new IncompleteDataError(`not expanded: ${groups.length} groups are referenced, beyond the bound of ${groupExpansionBound.groups}`))
            : graphList(graph, `/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`, undefined, groupExpansionBound.membersPerGroup),
      });
    }
  },
});
