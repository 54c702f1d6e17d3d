import { check } from "../../src/checks/key-vault-public-network-restricted.js";
import { vaultsDataset } from "../../src/datasets/key-vault.js";
import { checkTable } from "../support/check-table.js";
import { forbidden } from "../support/good-tenant.js";

const vault = "Key Vault sample-vault in subscription Example Subscription";

checkTable(check, [
  { name: "public network access disabled", expected: [{ status: "pass", message: `${vault} has public network access disabled.` }] },
  {
    name: "public access enabled and the firewall allows everything",
    change: (tenant) => {
      const properties = tenant.items(vaultsDataset)[0]!.properties;
      properties.publicNetworkAccess = "Enabled";
      properties.networkAcls = { bypass: "AzureServices", defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] };
    },
    expected: [{ status: "fail", message: `${vault} is reachable from all networks (public network access Enabled, firewall default action Allow).` }],
  },
  {
    name: "neither property set (the official example's vault) means open",
    change: (tenant) => {
      delete tenant.items(vaultsDataset)[0]!.properties.publicNetworkAccess;
    },
    expected: [{ status: "fail", message: `${vault} is reachable from all networks (public network access not set, no firewall rules (networkAcls absent)).` }],
  },
  {
    name: "the firewall denies by default and allows named networks",
    change: (tenant) => {
      const properties = tenant.items(vaultsDataset)[0]!.properties;
      properties.publicNetworkAccess = "Enabled";
      properties.networkAcls = {
        defaultAction: "Deny",
        ipRules: [{ value: "203.0.113.0/24" }, { value: "198.51.100.7" }],
        virtualNetworkRules: [{ id: "/subscriptions/x/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s" }],
      };
    },
    expected: [
      { status: "pass", message: `${vault} accepts public traffic only from 2 IP rule(s) and 1 virtual network rule(s) (firewall default action Deny).` },
    ],
  },
  {
    name: "a Deny firewall with an allow-everything IP rule is open",
    change: (tenant) => {
      const properties = tenant.items(vaultsDataset)[0]!.properties;
      properties.publicNetworkAccess = "Enabled";
      properties.networkAcls = { defaultAction: "Deny", ipRules: [{ value: "0.0.0.0/0" }] };
    },
    expected: [{ status: "fail", message: `${vault} denies public traffic by default but its firewall allows 0.0.0.0/0, which is every address.` }],
  },
  {
    name: "a public network access value the check does not know gets no verdict",
    change: (tenant) => {
      tenant.items(vaultsDataset)[0]!.properties.publicNetworkAccess = "SecuredByPerimeter";
    },
    expected: [{ status: "error", message: `${vault} reports public network access "SecuredByPerimeter", a setting this check cannot evaluate.` }],
  },
  {
    name: "vault list refused: not evaluated",
    change: (tenant) => tenant.fail(vaultsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Public network exposure for the Key Vaults of subscription Example Subscription could not be evaluated because the evidence "Key Vaults" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
