import type { SubscriptionInScope } from "../../model/evidence.js";
import { vaultsDataset, type Vault } from "../../datasets/key-vault.js";
import type { EvidenceReader, Located } from "../../model/evidence.js";
import type { CheckOutcome } from "../check.js";
import { forEachListed } from "./listing.js";

/**
 * Runs `evaluateVault` on every vault of every subscription. A subscription whose vault list is
 * missing gives one `error`; a subscription with no vault gives one `not_applicable`.
 */
export function forEachVault(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  what: string,
  evaluateVault: (vault: Located<Vault>, subscription: SubscriptionInScope, source: { file: string; calls: string[] }) => CheckOutcome,
): CheckOutcome[] {
  return forEachListed(
    evidence,
    subscriptions,
    vaultsDataset,
    {
      unavailable: (subscription) => `${what} for the Key Vaults of subscription ${subscription.displayName}`,
      none: (subscription) => `Subscription ${subscription.displayName} contains no Key Vault.`,
    },
    evaluateVault,
  );
}

export function vaultSubject(vault: Vault): { resourceId: string; resourceName: string } {
  return { resourceId: vault.id, resourceName: vault.name };
}

export function vaultLabel(vault: Vault, subscription: SubscriptionInScope): string {
  return `Key Vault ${vault.name} in subscription ${subscription.displayName}`;
}
