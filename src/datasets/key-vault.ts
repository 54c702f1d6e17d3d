import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticSettingSchema } from "./diagnostic-settings.js";
import { recordFile } from "./raw-files.js";

/** Key Vaults with their properties, and each vault's diagnostic settings. */

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
        ipRules: z
          .array(z.object({ value: z.string() }))
          .nullable()
          .optional(),
        virtualNetworkRules: z
          .array(z.object({ id: z.string() }))
          .nullable()
          .optional(),
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
  rawFile: recordFile("key-vault", "vaults.json"),
});

export const vaultDiagnosticSettingsDataset = defineDataset({
  id: "key-vault/diagnostic-settings",
  collector: "key-vault",
  title: "Key Vault diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
  rawFile: recordFile("key-vault", "diagnostic-settings.json"),
});
