import { roleAssignmentsDataset, roleDefinitionsDataset } from "../datasets/rbac.js";
import type { EvidenceReader, SubscriptionInScope } from "../model/evidence.js";

/** The collecting identity's own Azure roles, read from the evidence rather than asserted. */
export function identityAzureRoles(
  evidence: EvidenceReader,
  objectId: string | undefined,
  subscriptions: readonly SubscriptionInScope[],
): { role: string; scope: string }[] {
  if (!objectId) return [];
  const roles = new Map<string, { role: string; scope: string }>();
  for (const subscription of subscriptions) {
    const assignments = evidence.read(roleAssignmentsDataset, subscription.scope);
    const definitions = evidence.read(roleDefinitionsDataset, subscription.scope);
    if (!assignments.ok) continue;
    for (const { value } of assignments.items) {
      if (value.properties.principalId.toLowerCase() !== objectId.toLowerCase()) continue;
      const guid = value.properties.roleDefinitionId.split("/").pop()?.toLowerCase();
      const role =
        (definitions.ok ? definitions.items.find((item) => item.value.name.toLowerCase() === guid)?.value.properties.roleName : undefined) ?? `role ${guid}`;
      const key = `${role}|${value.properties.scope.toLowerCase()}`;
      roles.set(key, { role, scope: value.properties.scope || "/" });
    }
  }
  return [...roles.values()];
}
