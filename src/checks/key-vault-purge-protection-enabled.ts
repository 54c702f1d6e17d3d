import { vaultsDataset } from "../datasets/key-vault.js";
import { defineCheck } from "./check.js";
import { forEachVault, vaultLabel, vaultSubject } from "./support/key-vault.js";

export const check = defineCheck({
  id: "key-vault-purge-protection-enabled",
  title: "Key Vaults have purge protection enabled",
  severity: "high",
  requires: [vaultsDataset],
  rationale:
    "Without purge protection a deleted vault, key or secret can be destroyed for good before its retention ends, so a mistake or an attacker can make encrypted ePHI unrecoverable.",
  remediation: {
    text: "Turn on purge protection for the vault (it can never be turned off again); it needs soft delete, which is on by default.",
    portal: "Key vaults > (vault) > Properties > Purge protection",
    source: "https://learn.microsoft.com/azure/key-vault/general/key-vault-recovery",
    command: "az keyvault update --subscription {subscriptionId} -g {resourceGroup} -n {name} --enable-purge-protection true",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachVault(evidence, subscriptions, "Purge protection", ({ value: vault, ref }, subscription) => {
      const { enablePurgeProtection, enableSoftDelete, softDeleteRetentionInDays } = vault.properties;
      const label = vaultLabel(vault, subscription);
      const base = { ...vaultSubject(vault), evidence: [ref] };
      if (enableSoftDelete === false) {
        return { status: "fail", ...base, message: `${label} has soft delete disabled (enableSoftDelete false), so purge protection cannot take effect.` };
      }
      if (enablePurgeProtection === true) {
        const retention = softDeleteRetentionInDays ? ` with ${softDeleteRetentionInDays}-day soft-delete retention` : "";
        return { status: "pass", ...base, message: `${label} has purge protection enabled${retention}.` };
      }
      const observed =
        enablePurgeProtection === false
          ? "has purge protection disabled (enablePurgeProtection false)"
          : "does not set enablePurgeProtection, which Azure documents as purge protection disabled";
      return { status: "fail", ...base, message: `${label} ${observed}.` };
    });
  },
});
