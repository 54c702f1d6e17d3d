import { check } from "../../src/checks/key-vault-rbac-authorization.js";
import { vaultsDataset } from "../../src/datasets/key-vault.js";
import { checkTable } from "../support/check-table.js";
import { forbidden } from "../support/good-tenant.js";

const vault = "Key Vault sample-vault in subscription Example Subscription";

checkTable(check, [
  { name: "Azure RBAC", expected: [{ status: "pass", message: `${vault} authorises data-plane access with Azure RBAC (enableRbacAuthorization true).` }] },
  {
    name: "vault access policies (the official example's single policy)",
    change: (tenant) => {
      tenant.items(vaultsDataset)[0]!.properties.enableRbacAuthorization = false;
    },
    expected: [
      { status: "fail", message: `${vault} authorises data-plane access with vault access policies (enableRbacAuthorization false, 1 access policy).` },
    ],
  },
  {
    name: "enableRbacAuthorization absent is unknown, never assumed",
    change: (tenant) => {
      delete tenant.items(vaultsDataset)[0]!.properties.enableRbacAuthorization;
    },
    expected: [
      { status: "error", message: `${vault} does not report enableRbacAuthorization, so its authorisation model cannot be determined from the response.` },
    ],
  },
  {
    name: "vault list refused: not evaluated",
    change: (tenant) => tenant.fail(vaultsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'The authorisation model for the Key Vaults of subscription Example Subscription could not be evaluated because the evidence "Key Vaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
