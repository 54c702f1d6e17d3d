import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armList, defineCollector, drain } from "./collector.js";
import { DiagnosticSettingSchema, diagnosticSettingsApiVersion } from "./shared/diagnostic-settings.js";

/**
 * Key Vaults per subscription with their properties (vaults.listBySubscription: `vaults.list` returns
 * no properties), and each vault's diagnostic settings.
 */

// GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01 (arm-keyvault 5)
export const VaultSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().optional(),
  properties: z.object({
    tenantId: z.string().optional(),
    /** Absent means disabled: the API accepts only true and never turns it off again. */
    enablePurgeProtection: z.boolean().nullable().optional(),
    enableSoftDelete: z.boolean().nullable().optional(),
    softDeleteRetentionInDays: z.number().nullable().optional(),
    /** Absent is unknown here: its default changed with api-version 2026-02-01. */
    enableRbacAuthorization: z.boolean().nullable().optional(),
    accessPolicies: z.array(z.unknown()).nullable().optional(),
    publicNetworkAccess: z.string().nullable().optional(),
    networkAcls: z
      .object({
        defaultAction: z.string().nullable().optional(),
        bypass: z.string().nullable().optional(),
        ipRules: z.array(z.object({ value: z.string() })).nullable().optional(),
        virtualNetworkRules: z.array(z.object({ id: z.string() })).nullable().optional(),
      })
      .nullable()
      .optional(),
    vaultUri: z.string().optional(),
  }),
});
export type Vault = z.infer<typeof VaultSchema>;

export const vaultsDataset = defineDataset({
  id: "key-vault/vaults",
  collector: "key-vault",
  title: "Key Vaults",
  scope: "subscription",
  item: VaultSchema,
  permission: "Microsoft.KeyVault/vaults/read (Reader)",
});

export const vaultDiagnosticSettingsDataset = defineDataset({
  id: "key-vault/diagnostic-settings",
  collector: "key-vault",
  title: "Key Vault diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
});

export const keyVaultCollector = defineCollector({
  id: "key-vault",
  title: "Key Vault",
  datasets: [vaultsDataset, vaultDiagnosticSettingsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`key-vault: vaults in ${subscription.displayName}`);
      const client = context.access.keyVault(subscription.subscriptionId);
      const folder = `raw/key-vault/${subscription.subscriptionId}`;
      const vaults = await context.collect({
        dataset: vaultsDataset,
        scope: subscription.scope,
        file: `${folder}/vaults.json`,
        fetch: () => drain(client.vaults.listBySubscription()),
      });
      if (vaults.status !== "ok") continue;

      // collectDataset validated the list, so every item parses.
      for (const vault of vaults.value.map((raw) => VaultSchema.parse(raw))) {
        await context.collect({
          dataset: vaultDiagnosticSettingsDataset,
          scope: vault.id,
          file: `${folder}/diagnostic-settings/${vault.name}.json`,
          fetch: () => armList(context.access, subscription.subscriptionId, `${vault.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=${diagnosticSettingsApiVersion}`),
        });
      }
    }
  },
});
