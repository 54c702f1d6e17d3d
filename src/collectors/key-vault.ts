import { VaultSchema, vaultDiagnosticSettingsDataset, vaultsDataset } from "../datasets/key-vault.js";
import { armList, defineCollector, drain } from "./collector.js";
import { diagnosticSettingsApiVersion } from "./shared/diagnostic-settings.js";

/**
 * Key Vaults per subscription with their properties (vaults.listBySubscription: `vaults.list` returns
 * no properties), and each vault's diagnostic settings.
 */

export const keyVaultCollector = defineCollector({
  id: "key-vault",
  title: "Key Vault",
  datasets: [vaultsDataset, vaultDiagnosticSettingsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`key-vault: vaults in ${subscription.displayName}`);
      const client = context.access.keyVault(subscription.subscriptionId);
      const vaults = await context.collect({
        dataset: vaultsDataset,
        scope: subscription.scope,
        fetch: () => drain(client.vaults.listBySubscription()),
      });
      if (vaults.status !== "ok") continue;

      // collectDataset validated the list, so every item parses.
      for (const vault of vaults.value.map((raw) => VaultSchema.parse(raw))) {
        await context.collect({
          dataset: vaultDiagnosticSettingsDataset,
          scope: vault.id,
          fetch: () =>
            armList(
              context.access,
              subscription.subscriptionId,
              `${vault.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=${diagnosticSettingsApiVersion}`,
            ),
        });
      }
    }
  },
});
