import { check } from "../../src/checks/resource-location-allowed.js";
import { resourcesDataset } from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, subscription, type Tenant } from "../support/good-tenant.js";

const vault = "Resource sample-vault (Microsoft.KeyVault/vaults) in subscription Example Subscription, in the ePHI scope,";
const archive = "Resource stauditarchive (Microsoft.Storage/storageAccounts) in subscription Example Subscription, in the ePHI scope,";
const allowedEastUs = [
  { status: "pass" as const, message: `${vault} is in eastus, a region the organisation allows.` },
  { status: "pass" as const, message: `${archive} is in eastus, a region the organisation allows.` },
];

function allow(tenant: Tenant, ...regions: string[]) {
  tenant.settings.allowedRegions = regions;
}

checkTable(check, [
  { name: "the vault and the log archive are in an allowed region", expected: allowedEastUs },
  {
    name: "no allowed regions configured: nothing to compare, said once",
    change: (tenant) => {
      delete tenant.settings.allowedRegions;
    },
    expected: [
      {
        status: "not_applicable",
        message: "No allowedRegions is configured, so the locations of resources holding ePHI are listed in the summary's ePHI inventory without a comparison.",
      },
    ],
  },
  {
    name: "a region outside the list is reported, as an organisational control",
    change: (tenant) => allow(tenant, "eastus2", "centralus"),
    expected: [
      { status: "fail", message: `${vault} is in eastus, which is not among the regions the organisation allows (eastus2, centralus).` },
      { status: "fail", message: `${archive} is in eastus, which is not among the regions the organisation allows (eastus2, centralus).` },
    ],
  },
  {
    name: "regions compare without regard to case",
    change: (tenant) => {
      allow(tenant, "eastus");
      tenant.items(resourcesDataset)[0]!.location = "EastUS";
    },
    expected: allowedEastUs,
  },
  {
    name: "a global resource has no region to compare",
    change: (tenant) => {
      allow(tenant, "eastus");
      tenant.items(resourcesDataset).push({
        id: `${subscription.scope}/resourceGroups/sample-group/providers/Microsoft.Network/dnszones/example.org`,
        name: "example.org",
        type: "Microsoft.Network/dnszones",
        location: "global",
      });
    },
    expected: allowedEastUs,
  },
  {
    name: "resources out of the ePHI scope are not compared",
    change: (tenant) => {
      allow(tenant, "westus2");
      tenant.settings.ephiScope = {
        subscriptions: [subscription.subscriptionId],
        exclusions: [{ subscription: subscription.subscriptionId, reason: "test data only", owner: "Pat Doe, security officer" }],
      };
    },
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no resource in the ePHI scope." }],
  },
  {
    name: "resource list refused: not evaluated",
    change: (tenant) => {
      allow(tenant, "eastus");
      tenant.fail(resourcesDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'The locations of the resources of subscription Example Subscription could not be evaluated because the evidence "Resources in the subscription" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
