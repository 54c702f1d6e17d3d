import { check } from "../../src/checks/key-vault-purge-protection-enabled.js";
import { vaultsDataset } from "../../src/datasets/key-vault.js";
import { checkTable } from "../support/check-table.js";
import { forbidden } from "../support/good-tenant.js";

const vault = "Key Vault sample-vault in subscription Example Subscription";

checkTable(check, [
  { name: "purge protection on", expected: [{ status: "pass", message: `${vault} has purge protection enabled with 90-day soft-delete retention.` }] },
  {
    name: "enablePurgeProtection absent (as in the official example) means disabled",
    change: (tenant) => {
      delete tenant.items(vaultsDataset)[0]!.properties.enablePurgeProtection;
    },
    expected: [{ status: "fail", message: `${vault} does not set enablePurgeProtection, which Azure documents as purge protection disabled.` }],
  },
  {
    name: "enablePurgeProtection false",
    change: (tenant) => {
      tenant.items(vaultsDataset)[0]!.properties.enablePurgeProtection = false;
    },
    expected: [{ status: "fail", message: `${vault} has purge protection disabled (enablePurgeProtection false).` }],
  },
  {
    name: "soft delete off defeats purge protection",
    change: (tenant) => {
      tenant.items(vaultsDataset)[0]!.properties.enableSoftDelete = false;
    },
    expected: [{ status: "fail", message: `${vault} has soft delete disabled (enableSoftDelete false), so purge protection cannot take effect.` }],
  },
  {
    name: "a subscription without vaults",
    change: (tenant) => tenant.items(vaultsDataset).splice(0),
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription contains no Key Vault." }],
  },
  {
    name: "a vault payload of the wrong shape is not evaluated",
    change: (tenant) => {
      tenant.items(vaultsDataset)[0]!.properties.enablePurgeProtection = "yes";
    },
    expected: [
      {
        status: "error",
        message:
          'Purge protection for the Key Vaults of subscription Example Subscription could not be evaluated because the evidence "Key Vaults" is unavailable: GET https://management.azure.com/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05/key-vault/vaults returned HTTP 200 (item /value/0/properties/enablePurgeProtection does not have the expected shape: Invalid input: expected boolean, received string).',
      },
    ],
  },
  {
    name: "vault list refused: not evaluated",
    change: (tenant) => tenant.fail(vaultsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Purge protection for the Key Vaults of subscription Example Subscription could not be evaluated because the evidence "Key Vaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
