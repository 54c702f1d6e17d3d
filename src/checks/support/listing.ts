import type { z } from "zod";
import type { SubscriptionInScope } from "../../model/evidence.js";
import type { DatasetDefinition, EvidenceReader, Located } from "../../model/evidence.js";
import { notEvaluated, subscriptionSubject, type CheckOutcome } from "../check.js";

/**
 * Runs `evaluate` on every item a subscription-scoped listing (vaults, storage accounts, servers,
 * workspaces) holds, in every subscription. A subscription whose listing is missing gives one
 * `error`; a subscription whose listing is empty gives one `not_applicable`.
 */
export function forEachListed<Item extends z.ZodType>(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  dataset: DatasetDefinition<Item>,
  words: {
    /** What could not be evaluated: "Blob logging of the storage accounts of subscription Clinic-Prod". */
    unavailable: (subscription: SubscriptionInScope) => string;
    /** The sentence for an empty listing: "Subscription Clinic-Dev holds no storage account." */
    none: (subscription: SubscriptionInScope) => string;
  },
  evaluate: (item: Located<z.infer<Item>>, subscription: SubscriptionInScope, source: { file: string; calls: string[] }) => CheckOutcome,
): CheckOutcome[] {
  return subscriptions.flatMap((subscription): CheckOutcome[] => {
    const read = evidence.read(dataset, subscription.scope);
    if (!read.ok) return [notEvaluated(subscriptionSubject(subscription), words.unavailable(subscription), dataset, read)];
    if (read.items.length === 0) {
      return [
        {
          status: "not_applicable",
          ...subscriptionSubject(subscription),
          message: words.none(subscription),
          evidence: [{ file: read.file, pointer: "/value" }],
        },
      ];
    }
    return read.items.map((item) => evaluate(item, subscription, { file: read.file, calls: read.calls }));
  });
}
