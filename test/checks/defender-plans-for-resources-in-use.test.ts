import { check } from "../../src/checks/defender-plans-for-resources-in-use.js";
import * as defender from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, subscription, type Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "Every resource type in subscription Example Subscription that a Defender plan protects has its plan on: KeyVaults (1), StorageAccounts (1; uploads scanned for malware).",
      },
    ],
  },
  {
    // Microsoft Learn, "Defender for Servers" covers Azure Arc-enabled machines; SQL Server on
    // virtual machines has its own plan (SqlServerVirtualMachines).
    name: "an Azure Arc machine and SQL Server on a VM with their plans off",
    change: (tenant: Tenant) => {
      tenant.items(defender.resourcesDataset).push(
        {
          id: `${subscription.scope}/resourceGroups/onprem/providers/Microsoft.HybridCompute/machines/clinic-fs-01`,
          name: "clinic-fs-01",
          type: "Microsoft.HybridCompute/machines",
        },
        {
          id: `${subscription.scope}/resourceGroups/data/providers/Microsoft.SqlVirtualMachine/SqlVirtualMachines/vm-sql-01`,
          name: "vm-sql-01",
          type: "Microsoft.SqlVirtualMachine/SqlVirtualMachines",
        },
      );
      for (const name of ["VirtualMachines", "SqlServerVirtualMachines"])
        tenant.items(defender.pricingsDataset).find((plan) => plan.name === name)!.properties.pricingTier = "Free";
    },
    expected: [
      {
        status: "fail",
        message:
          "Subscription Example Subscription holds resources whose Defender plan is off: SqlServerVirtualMachines (1 resource(s); plan Free); VirtualMachines (1 resource(s); plan Free).",
      },
    ],
  },
  {
    name: "the storage plan on without on-upload malware scanning is said so",
    change: (tenant: Tenant) => {
      tenant.items(defender.pricingsDataset).find((plan) => plan.name === "StorageAccounts")!.properties.extensions[0].isEnabled = "False";
    },
    expected: [
      {
        status: "pass",
        message:
          "Every resource type in subscription Example Subscription that a Defender plan protects has its plan on: KeyVaults (1), StorageAccounts (1; uploads not shown to be scanned for malware: the subscription's Defender for Storage plan has on-upload malware scanning off).",
      },
    ],
  },
  {
    name: "storage account without its plan",
    change: (tenant: Tenant) => {
      tenant.items(defender.resourcesDataset).push({
        id: `${subscription.scope}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stphi01`,
        name: "stphi01",
        type: "Microsoft.Storage/storageAccounts",
      });
      tenant.items(defender.pricingsDataset).find((plan) => plan.name === "StorageAccounts")!.properties.pricingTier = "Free";
    },
    expected: [
      { status: "fail", message: "Subscription Example Subscription holds resources whose Defender plan is off: StorageAccounts (2 resource(s); plan Free)." },
    ],
  },
  {
    name: "plan not listed at all",
    change: (tenant: Tenant) => {
      tenant.items(defender.pricingsDataset).splice(0, tenant.items(defender.pricingsDataset).length);
    },
    expected: [
      {
        status: "fail",
        message:
          "Subscription Example Subscription holds resources whose Defender plan is off: KeyVaults (1 resource(s); plan not listed); StorageAccounts (1 resource(s); plan not listed).",
      },
    ],
  },
  {
    name: "no protected resource type",
    change: (tenant: Tenant) => {
      tenant.items(defender.resourcesDataset).splice(0, 2, {
        id: `${subscription.scope}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet`,
        name: "vnet",
        type: "Microsoft.Network/virtualNetworks",
      });
    },
    expected: [{ status: "pass", message: "Subscription Example Subscription holds no resource type that a Defender plan protects (1 resources examined)." }],
  },
  {
    name: "resources unavailable",
    change: (tenant: Tenant) => tenant.fail(defender.resourcesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Defender plan coverage in subscription Example Subscription could not be evaluated because the evidence "Resources in the subscription" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
