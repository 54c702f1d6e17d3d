import { principalsDataset, roleAssignmentSchedulesDataset, roleAssignmentsDataset, roleDefinitionsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRecord } from "../model/evidence.js";
import { defineCollector, drain } from "./collector.js";

/**
 * Azure RBAC, per subscription: active role assignments (at, below and inherited from above the
 * subscription: management groups and the root), role definitions, and Privileged Identity
 * Management schedule instances (eligible, and active with how they became active). Then the
 * directory objects behind every principal id, so checks can tell a guest from a member.
 */

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
      // Scope strings without a leading slash: the SDK puts one in front ("/{scope}/providers/...").
      const scopePath = subscription.scope.slice(1);
      context.progress.step(`rbac: role assignments and PIM schedules in ${subscription.displayName}`);
      recorded.push(
        await context.collect({
          dataset: roleAssignmentsDataset,
          scope: subscription.scope,
          // No filter: assignments at, below and above (inherited from management groups) the subscription.
          fetch: () => drain(client.roleAssignments.listForSubscription()),
        }),
        await context.collect({
          dataset: roleDefinitionsDataset,
          scope: subscription.scope,
          fetch: () => drain(client.roleDefinitions.list(scopePath)),
        }),
        await context.collect({
          dataset: roleEligibilityDataset,
          scope: subscription.scope,
          // No filter, like the assignments: instances at, below and above the subscription. With
          // atScope() a resource-group activation would be missing and look like standing access.
          fetch: () => drain(client.roleEligibilityScheduleInstances.listForScope(scopePath)),
        }),
        await context.collect({
          dataset: roleAssignmentSchedulesDataset,
          scope: subscription.scope,
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
