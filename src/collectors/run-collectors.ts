import type { AzureAccess } from "../azure/access.js";
import { CollectionImpossibleError } from "../errors.js";
import type { EvidenceRecord } from "../model/evidence.js";
import type { Progress } from "../progress.js";
import { collectDataset, type CollectorContext } from "./collector.js";
import type { SubscriptionInScope } from "../model/evidence.js";
import { collectors } from "./registry.js";
import { subscriptionsCollector } from "./subscriptions.js";
import { SubscriptionSchema, subscriptionsDataset } from "../datasets/subscriptions.js";

export interface CollectionResult {
  subscriptions: SubscriptionInScope[];
  subscriptionsNotVisible: string[];
  records: EvidenceRecord[];
  /** Collectors that stopped with an unexpected error, and why (their missing datasets become `error`). */
  collectorFailures: Map<string, string>;
}

/**
 * Runs every collector in registry order. The subscriptions collector decides the scope; if it
 * cannot list any subscription there is nothing to collect (exit 3). After that, one collector's
 * failure never stops the others.
 */
export async function runCollectors(
  access: AzureAccess,
  options: {
    tenantId: string;
    subscriptionFilter: readonly string[] | undefined;
    progress: Progress;
    signInLogsWorkspaces?: readonly string[] | undefined;
    scopeManagementGroups?: readonly string[] | undefined;
  },
): Promise<CollectionResult> {
  const records: EvidenceRecord[] = [];
  const collectorFailures = new Map<string, string>();
  const contextFor = (collectorId: string, subscriptions: readonly SubscriptionInScope[]): CollectorContext => ({
    access,
    tenantId: options.tenantId,
    subscriptions,
    progress: options.progress,
    signInLogsWorkspaces: options.signInLogsWorkspaces ?? [],
    scopeManagementGroups: options.scopeManagementGroups ?? [],
    // A snapshot: a collector sees what ran before it, never its own records growing under it.
    earlierRecords: [...records],
    async collect(request) {
      const record = await collectDataset(collectorId, request);
      records.push(record);
      if (record.status === "error") {
        options.progress.warn(`${request.dataset.title} for ${request.scope}: ${record.error.message} (${record.error.call})`);
      }
      return record;
    },
  });

  await subscriptionsCollector.collect(contextFor(subscriptionsCollector.id, []));
  const listing = records.find((record) => record.dataset === subscriptionsDataset.id);
  if (listing?.status !== "ok") {
    const why = listing?.status === "error" ? `${listing.error.call} failed: ${listing.error.message}` : "the subscriptions call was not made";
    throw new CollectionImpossibleError(`no subscription can be listed, so nothing can be collected: ${why}`);
  }
  // collectDataset validated the listing, so every item parses.
  const visible = listing.value.map((item) => SubscriptionSchema.parse(item));
  const wanted = options.subscriptionFilter?.map((id) => id.toLowerCase());
  const inScope = visible
    .filter((subscription) => !wanted || wanted.includes(subscription.subscriptionId.toLowerCase()))
    .map((subscription) => ({
      subscriptionId: subscription.subscriptionId,
      displayName: subscription.displayName,
      scope: `/subscriptions/${subscription.subscriptionId}`,
    }));
  const subscriptionsNotVisible = (wanted ?? []).filter((id) => !visible.some((subscription) => subscription.subscriptionId.toLowerCase() === id));
  if (inScope.length === 0) {
    throw new CollectionImpossibleError(
      wanted
        ? `none of the requested subscriptions (${wanted.join(", ")}) is visible to the collecting identity`
        : "the collecting identity cannot see any subscription; grant it Reader on the subscriptions to cover",
    );
  }

  for (const collector of collectors) {
    if (collector.id === subscriptionsCollector.id) continue;
    try {
      await collector.collect(contextFor(collector.id, inScope));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      collectorFailures.set(collector.id, message);
      options.progress.warn(`collector ${collector.id} stopped: ${message}`);
    }
  }
  return { subscriptions: inScope, subscriptionsNotVisible, records, collectorFailures };
}
