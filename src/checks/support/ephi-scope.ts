import { resourcesDataset, type Resource } from "../../datasets/defender.js";
import type { EphiInventory, ScopedResource } from "../../model/ephi-scope.js";
import type { EvidenceReader, Located, SubscriptionInScope } from "../../model/evidence.js";
import { notEvaluated, subscriptionSubject, type CheckOutcome } from "../check.js";

/**
 * Runs `evaluate` on every resource of every subscription that counts for ePHI: in scope, or
 * unclassified (counted until the organisation decides). A subscription whose resource list is
 * missing gives one `error`; one with nothing that counts gives one `not_applicable`.
 */
export function forEachResourceHoldingEphi(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  ephi: EphiInventory,
  what: string,
  evaluate: (resource: Located<Resource>, standing: CountedStanding, subscription: SubscriptionInScope) => CheckOutcome | undefined,
): CheckOutcome[] {
  const placedById = new Map(ephi.resources.map((resource) => [resource.id.toLowerCase(), resource]));
  return subscriptions.flatMap((subscription): CheckOutcome[] => {
    const read = evidence.read(resourcesDataset, subscription.scope);
    if (!read.ok)
      return [notEvaluated(subscriptionSubject(subscription), `${what} of the resources of subscription ${subscription.displayName}`, resourcesDataset, read)];
    const outcomes = read.items.flatMap((item) => {
      // The inventory is built from this same list; a resource it does not place counts until decided.
      const standing = placedById.get(item.value.id.toLowerCase())?.standing ?? "unclassified";
      if (standing === "out of scope") return [];
      const outcome = evaluate(item, standing, subscription);
      return outcome ? [outcome] : [];
    });
    if (outcomes.length > 0) return outcomes;
    return [
      {
        status: "not_applicable",
        ...subscriptionSubject(subscription),
        message: `Subscription ${subscription.displayName} holds no resource in the ePHI scope.`,
        evidence: [{ file: read.file, pointer: "/value" }],
      },
    ];
  });
}

export type CountedStanding = Exclude<ScopedResource["standing"], "out of scope">;

/** "in the ePHI scope", or unclassified and counted as in it. */
export function standingInWords(standing: CountedStanding): string {
  return standing === "in scope" ? "in the ePHI scope" : "unclassified (counted as holding ePHI until the organisation decides)";
}

/** "Resource sql-ehr-prod (Microsoft.Sql/servers) in subscription Clinic-Prod" */
export function resourceLabel(resource: Resource, subscription: SubscriptionInScope): string {
  return `Resource ${resource.name} (${resource.type}) in subscription ${subscription.displayName}`;
}
