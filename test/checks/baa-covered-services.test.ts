import { check } from "../../src/checks/baa-covered-services.js";
import { resourcesDataset } from "../../src/datasets/defender.js";
import { resourceGroupsDataset } from "../../src/datasets/inventory.js";
import { checkTable } from "../support/check-table.js";
import { baaServices, forbidden, subscription, type Tenant } from "../support/good-tenant.js";

const list = `Microsoft's list of services in scope of its Business Associate Agreement (as read on ${baaServices.source.retrieved})`;
const groupOf = (name: string) => `${subscription.scope}/resourceGroups/${name}`;
const resource = (name: string, type: string) => `Resource ${name} (${type}) in subscription Example Subscription`;
const inScope = "in the ePHI scope";
const covered = (name: string, type: string, service: string, standing = inScope) => ({
  status: "pass" as const,
  message: `${resource(name, type)}, ${standing}, is of ${service}, which ${list} includes.`,
});
// The good tenant holds a vault and the storage account its audit logs are archived in.
const vault = covered("sample-vault", "Microsoft.KeyVault/vaults", "Key Vault");
const archive = covered("stauditarchive", "Microsoft.Storage/storageAccounts", "Storage: Blobs");

/** Adds a resource to the subscription's listing. */
function addResource(tenant: Tenant, name: string, type: string, group = "sample-group") {
  tenant.items(resourcesDataset).push({ id: `${groupOf(group)}/providers/${type}/${name}`, name, type, location: "eastus" });
}

/** Declares the ePHI scope by tag, and tags the vault's resource group with it. */
function scopeByTag(tenant: Tenant) {
  tenant.settings.ephiScope = { tags: [{ name: "data-classification", values: ["ephi"] }] };
  tenant.items(resourceGroupsDataset).find((group) => group.name === "sample-group")!.tags = { "Data-Classification": "EPHI" };
}

checkTable(check, [
  { name: "with no scope declared every resource counts; their services are on the list", expected: [vault, archive] },
  {
    name: "a type of a service absent from the list is a concern",
    change: (tenant) => addResource(tenant, "chaos-1", "Microsoft.Chaos/experiments"),
    expected: [
      vault,
      archive,
      {
        status: "fail",
        message: `${resource("chaos-1", "Microsoft.Chaos/experiments")}, ${inScope}, is of Azure Chaos Studio, which ${list} does not include: ePHI kept there is outside the agreement.`,
      },
    ],
  },
  {
    name: "a type the list does not name is not evaluated, never passed",
    change: (tenant) => addResource(tenant, "widget-1", "Contoso.Widgets/widgets"),
    expected: [
      vault,
      archive,
      {
        status: "manual",
        message: `${resource("widget-1", "Contoso.Widgets/widgets")}, ${inScope}, is of a resource type that ${list} does not name, so its coverage was not evaluated: check Microsoft's current list.`,
      },
    ],
  },
  {
    name: "types compare without regard to case, as ARM writes them either way",
    change: (tenant) => {
      tenant.items(resourcesDataset)[0]!.type = "microsoft.keyvault/VAULTS";
    },
    expected: [covered("sample-vault", "microsoft.keyvault/VAULTS", "Key Vault"), archive],
  },
  {
    name: "out of scope resources are not judged: a tagged scope leaves an untagged service out (the archive stays in as the vault's audit trail)",
    change: (tenant) => {
      scopeByTag(tenant);
      addResource(tenant, "chaos-1", "Microsoft.Chaos/experiments", "logs");
    },
    expected: [vault, archive],
  },
  {
    name: "an unclassified data store counts until decided",
    change: (tenant) => {
      scopeByTag(tenant);
      addResource(tenant, "stunmarked", "Microsoft.Storage/storageAccounts", "logs");
    },
    expected: [
      vault,
      archive,
      covered("stunmarked", "Microsoft.Storage/storageAccounts", "Storage: Blobs", "unclassified (counted as holding ePHI until the organisation decides)"),
    ],
  },
  {
    name: "an exclusion of the subscription takes everything out: nothing to judge",
    change: (tenant) => {
      tenant.settings.ephiScope = {
        subscriptions: [subscription.subscriptionId],
        exclusions: [{ subscription: subscription.subscriptionId, reason: "test data only", owner: "Pat Doe, security officer" }],
      };
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
