import { readsOf, type CheckDefinition } from "../checks/check.js";
import { allDatasets } from "../datasets/all.js";
import type { CollectionGap } from "../model/assessment.js";
import type { CollectedEvidence, SubscriptionInScope } from "../model/evidence.js";

/** Where a record's scope sits, in words: "subscription Clinic-Dev", "law-x in Clinic-Prod", "tenant ...". */
function scopeName(scope: string, subscriptions: readonly SubscriptionInScope[]): string {
  if (scope.startsWith("/tenants/")) return `tenant ${scope.slice("/tenants/".length)}`;
  const subscription = subscriptions.find((candidate) => scope.toLowerCase().startsWith(candidate.scope.toLowerCase()));
  if (!subscription) return scope;
  if (scope.toLowerCase() === subscription.scope.toLowerCase()) return `subscription ${subscription.displayName}`;
  return `${scope.split("/").pop() ?? scope} in ${subscription.displayName}`;
}

/**
 * Every piece of evidence that could not be collected, with the checks that lost their verdict for
 * it: each failed record, and each collector that stopped before recording anything.
 */
export function collectionGaps(evidence: CollectedEvidence, checks: readonly CheckDefinition[]): CollectionGap[] {
  const titles = new Map(allDatasets.map((dataset) => [dataset.id, dataset.title] as const));
  const gaps: CollectionGap[] = evidence.records.flatMap((record) =>
    record.status === "error"
      ? [
          {
            dataset: record.dataset,
            datasetTitle: titles.get(record.dataset) ?? record.dataset,
            scope: record.scope,
            scopeName: scopeName(record.scope, evidence.subscriptions),
            error: record.error,
            affectedChecks: checks.filter((check) => readsOf(check).some((dataset) => dataset.id === record.dataset)).map((check) => check.id),
          },
        ]
      : [],
  );
  for (const [collectorId, why] of evidence.collectorFailures) {
    gaps.push({
      dataset: collectorId,
      datasetTitle: `Collector ${collectorId}`,
      scope: `/tenants/${evidence.tenantId}`,
      scopeName: "all subscriptions",
      error: { call: `(collector ${collectorId})`, status: 0, message: why, reason: "not-collected" },
      affectedChecks: checks.filter((check) => readsOf(check).some((dataset) => dataset.collector === collectorId)).map((check) => check.id),
    });
  }
  return gaps;
}
