import { principalsDataset, roleAssignmentsDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, subscriptionSubject, type CheckOutcome } from "./check.js";
import { builtInRoles, coversWholeSubscription, describePrincipal, describeScope, principalDirectory, roleGuid } from "./support/azure-rbac.js";

export const check = defineCheck({
  id: "rbac-subscription-owner-count",
  title: "Each subscription has between the configured minimum and maximum number of Owners",
  severity: "medium",
  requires: [roleAssignmentsDataset],
  alsoReads: [principalsDataset],
  rationale:
    "Owner can change every resource and grant access to anyone. Many Owners widen who can expose ePHI; a single Owner leaves access administration with one person.",
  remediation: {
    text: "Remove Owner assignments that are not needed or make them PIM-eligible (Microsoft recommends at most three Owners), or name a second Owner; ownersPerSubscription in the configuration sets the bounds.",
    portal: "Subscriptions > (subscription) > Access control (IAM) > Role assignments (Owner)",
    source: "https://learn.microsoft.com/azure/role-based-access-control/best-practices",
  },
  evaluate({ evidence, subscriptions, settings, tenantId }) {
    const directory = principalDirectory(evidence.read(principalsDataset, `/tenants/${tenantId}`));
    const { min, max } = settings.ownersPerSubscription;
    return subscriptions.map((subscription): CheckOutcome => {
      const read = evidence.read(roleAssignmentsDataset, subscription.scope);
      if (!read.ok) {
        return notEvaluated(subscriptionSubject(subscription), `The number of Owners of subscription ${subscription.displayName}`, roleAssignmentsDataset, read);
      }
      const owners = read.items.filter(
        ({ value }) => roleGuid(value.properties.roleDefinitionId) === builtInRoles.owner && coversWholeSubscription(value.properties.scope, subscription),
      );
      const principals = new Map<string, string>();
      for (const { value } of owners) {
        const key = value.properties.principalId.toLowerCase();
        if (!principals.has(key)) {
          const who = describePrincipal(directory, value.properties.principalId, value.properties.principalType);
          principals.set(key, `${who} at ${describeScope(value.properties.scope, subscription)}`);
        }
      }
      const count = principals.size;
      const listing = count > 0 ? `: ${[...principals.values()].join("; ")}` : "";
      return {
        status: count >= min && count <= max ? "pass" : "fail",
        ...subscriptionSubject(subscription),
        message: `Subscription ${subscription.displayName} has ${count} principal(s) holding an active Owner assignment at subscription scope or above, where ${min} to ${max} are expected${listing}.`,
        evidence: owners.length > 0 ? owners.map(({ ref }) => ref) : [{ file: read.file, pointer: "/value" }],
      };
    });
  },
});
