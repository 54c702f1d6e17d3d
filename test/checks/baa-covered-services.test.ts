import { check } from "../../src/checks/baa-covered-services.js";
import { resourcesDataset } from "../../src/datasets/defender.js";
import { resourceGroupsDataset } from "../../src/datasets/inventory.js";
import { checkTable } from "../support/check-table.js";
import { baaServices, forbidden, subscription, vaultId, type Tenant } from "../support/good-tenant.js";

const list = `Microsoft's list of services in scope of its Business Associate Agreement (as read on ${baaServices.source.retrieved})`;
const vault = "Resource sample-vault (Microsoft.KeyVault/vaults) in subscription Example Subscription";
const groupOf = (name: string) => `${subscription.scope}/resourceGroups/${name}`;

/** Adds a resource to the subscription's listing. */
function addResource(tenant: Tenant, name: string, type: string, group = "sample-group", tags?: Record<string, string>) {
  tenant.items(resourcesDataset).push({ id: `${groupOf(group)}/providers/${type}/${name}`, name, type, location: "eastus", ...(tags ? { tags } : {}) });
}

/** Declares the ePHI scope by tag, and tags the vault's resource group with it. */
function scopeByTag(tenant: Tenant) {
  tenant.settings.ephiScope = { tags: [{ name: "data-classification", values: ["ephi"] }] };
  tenant.items(resourceGroupsDataset).find((group) => group.name === "sample-group")!.tags = { "Data-Classification": "EPHI" };
}

checkTable(check, [
  { name: "with no scope declared every resource counts; the vault's service is on the list", expected: [{ status: "pass", message: `${vault}, in the ePHI scope, is of Key Vault, which ${list} includes.` }] },
  {
    name: "a type of a service absent from the list is a concern",
    change: (tenant) => addResource(tenant, "chaos-1", "Microsoft.Chaos/experiments"),
    expected: [
      { status: "pass", message: `${vault}, in the ePHI scope, is of Key Vault, which ${list} includes.` },
      { status: "fail", message: `Resource chaos-1 (Microsoft.Chaos/experiments) in subscription Example Subscription, in the ePHI scope, is of Azure Chaos Studio, which ${list} does not include: ePHI kept there is outside the agreement.` },
    ],
  },
  {
    name: "a type the list does not name is not evaluated, never passed",
    change: (tenant) => addResource(tenant, "widget-1", "Contoso.Widgets/widgets"),
    expected: [
      { status: "pass", message: `${vault}, in the ePHI scope, is of Key Vault, which ${list} includes.` },
      { status: "manual", message: `Resource widget-1 (Contoso.Widgets/widgets) in subscription Example Subscription, in the ePHI scope, is of a resource type that ${list} does not name, so its coverage was not evaluated: check Microsoft's current list.` },
    ],
  },
  {
    name: "types compare without regard to case, as ARM writes them either way",
    change: (tenant) => {
      tenant.items(resourcesDataset)[0]!.type = "microsoft.keyvault/VAULTS";
    },
    expected: [{ status: "pass", message: "Resource sample-vault (microsoft.keyvault/VAULTS) in subscription Example Subscription, in the ePHI scope, is of Key Vault, which " + list + " includes." }],
  },
  {
    name: "out of scope resources are not judged: a tagged scope leaves the untagged app out",
    change: (tenant) => {
      scopeByTag(tenant);
      addResource(tenant, "chaos-1", "Microsoft.Chaos/experiments", "logs");
    },
    expected: [{ status: "pass", message: `${vault}, in the ePHI scope, is of Key Vault, which ${list} includes.` }],
  },
  {
    name: "an unclassified data store counts until decided",
    change: (tenant) => {
      scopeByTag(tenant);
      addResource(tenant, "stunmarked", "Microsoft.Storage/storageAccounts", "logs");
    },
    expected: [
      { status: "pass", message: `${vault}, in the ePHI scope, is of Key Vault, which ${list} includes.` },
      { status: "pass", message: `Resource stunmarked (Microsoft.Storage/storageAccounts) in subscription Example Subscription, unclassified (counted as holding ePHI until the organisation decides), is of Storage: Blobs, which ${list} includes.` },
    ],
  },
  {
    name: "an exclusion takes everything out: nothing to judge",
    change: (tenant) => {
      tenant.settings.ephiScope = { subscriptions: [subscription.subscriptionId], exclusions: [{ resource: vaultId, reason: "holds only test keys", owner: "Pat Doe, security officer" }] };
    },
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no resource in the ePHI scope." }],
  },
  {
    name: "resource list refused: not evaluated",
    change: (tenant) => tenant.fail(resourcesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'BAA coverage of the resources of subscription Example Subscription could not be evaluated because the evidence "Resources in the subscription" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
