import { check } from "../../src/checks/defender-plans-for-resources-in-use.js";
import * as defender from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, subscription, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      { status: "pass", message: "Every resource type in subscription Example Subscription that a Defender plan protects has its plan on: KeyVaults (1)." },
    ],
  },
  {
    name: "storage account without its plan",
    change: (tenant: Tenant) => { tenant.items(defender.resourcesDataset).push({ id: `${subscription.scope}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stphi01`, name: "stphi01", type: "Microsoft.Storage/storageAccounts" }); tenant.items(defender.pricingsDataset).find((plan) => plan.name === "StorageAccounts")!.properties.pricingTier = "Free"; },
    expected: [
      { status: "fail", message: "Subscription Example Subscription holds resources whose Defender plan is off: StorageAccounts (1 resource(s); plan Free)." },
    ],
  },
  {
    name: "plan not listed at all",
    change: (tenant: Tenant) => { tenant.items(defender.pricingsDataset).splice(0, tenant.items(defender.pricingsDataset).length); },
    expected: [
      { status: "fail", message: "Subscription Example Subscription holds resources whose Defender plan is off: KeyVaults (1 resource(s); plan not listed)." },
    ],
  },
  {
    name: "no protected resource type",
    change: (tenant: Tenant) => { tenant.items(defender.resourcesDataset).splice(0, 1, { id: `${subscription.scope}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet`, name: "vnet", type: "Microsoft.Network/virtualNetworks" }); },
    expected: [
      { status: "pass", message: "Subscription Example Subscription holds no resource type that a Defender plan protects (1 resources examined)." },
    ],
  },
  {
    name: "resources unavailable",
    change: (tenant: Tenant) => tenant.fail(defender.resourcesDataset, forbidden),
    expected: [
      { status: "error", message: "Defender plan coverage in subscription Example Subscription could not be evaluated because the evidence \"Resources in the subscription\" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read." },
    ],
  },
]);
