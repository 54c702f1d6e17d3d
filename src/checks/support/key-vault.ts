import type { SubscriptionInScope } from "../../collectors/collector.js";
import { vaultsDataset, type Vault } from "../../collectors/key-vault.js";
import type { EvidenceSet, Located } from "../../model/evidence.js";
import { notEvaluated, subscriptionSubject, type CheckOutcome } from "../check.js";

/**
 * Runs `evaluateVault` on every vault of every subscription. A subscription whose vault list is
 * missing gives one `error`; a subscription with no vault gives one `not_applicable`.
 */
export function forEachVault(
  evidence: EvidenceSet,
  subscriptions: readonly SubscriptionInScope[],
  what: string,
  evaluateVault: (vault: Located<Vault>, subscription: SubscriptionInScope, source: { file: string; calls: string[] }) => CheckOutcome,
): CheckOutcome[] {
  return subscriptions.flatMap((subscription): CheckOutcome[] => {
    const read = evidence.read(vaultsDataset, subscription.scope);
    if (!read.ok) {
      return [notEvaluated(subscriptionSubject(subscription), `${what} for the Key Vaults of subscription ${subscription.displayName}`, vaultsDataset, read)];
    }
    if (read.items.length === 0) {
      return [
        {
          status: "not_applicable",
          ...subscriptionSubject(subscription),
          message: `Subscription ${subscription.displayName} contains no Key Vault.`,
          evidence: [{ file: read.file, pointer: "/value" }],
        },
      ];
    }
    return read.items.map((vault) => evaluateVault(vault, subscription, { file: read.file, calls: read.calls }));
  });
}

export function vaultSubject(vault: Vault): { resourceId: string; resourceName: string } {
  return { resourceId: vault.id, resourceName: vault.name };
}

export function vaultLabel(vault: Vault, subscription: SubscriptionInScope): string {
  return `Key Vault ${vault.name} in subscription ${subscription.displayName}`;
}
