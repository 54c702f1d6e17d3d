import { describe, expect, it } from "vitest";
import { logDestinations, loggedSettings } from "../../../src/checks/support/log-routes.js";
import { activityLogSettingsDataset } from "../../../src/datasets/log-analytics.js";
import { EvidenceSet } from "../../../src/model/evidence.js";
import { forbidden, goodTenant, subscription, type Tenant } from "../../support/good-tenant.js";

/**
 * Where the good tenant's audit logs go: every diagnostic setting with the source that sends it (as
 * findings and the report's audit-log table name it), and each destination once. One change a case.
 */
interface RoutesCase {
  name: string;
  change?: (tenant: Tenant) => void;
  sources: string[];
  destinations: string[];
}

const sub = subscription.subscriptionId;
const workspace = `/subscriptions/${sub}/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/law-security`;
const goodSources = [
  "the activity log of subscription Example Subscription",
  "Entra ID",
  "Key Vault sample-vault",
  "the blobs of storage account stauditarchive",
  "SQL server sql-records",
  "web app app-portal",
  "web app app-portal",
];
const everySource =
  "the activity log of subscription Example Subscription, Entra ID, Key Vault sample-vault, the blobs of storage account stauditarchive, SQL server sql-records, web app app-portal";
const keyVaultOnly = [
  `storage ${`/subscriptions/${sub}/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/stauditarchive`} in ${sub} from Key Vault sample-vault (1 setting)`,
  `event-hub /subscriptions/b67f7fec-69fc-4974-9099-a26bd6ffeda3/resourceGroups/andy1101/providers/Microsoft.EventHub/namespaces/andy1101/authorizationrules/RootManageSharedAccessKey in b67f7fec-69fc-4974-9099-a26bd6ffeda3 from Key Vault sample-vault (1 setting)`,
];
const activityLogSetting = (tenant: Tenant) => tenant.items(activityLogSettingsDataset)[0] as { properties: Record<string, unknown> };

const cases: RoutesCase[] = [
  { name: "the good tenant", sources: goodSources, destinations: [`workspace ${workspace} in ${sub} from ${everySource} (7 settings)`, ...keyVaultOnly] },
  {
    name: "a destination named in other capitals by one setting is the same destination, named as the first setting names it",
    change: (tenant) => {
      activityLogSetting(tenant).properties.workspaceId = workspace.toUpperCase();
    },
    sources: goodSources,
    destinations: [`workspace ${workspace.toUpperCase()} in ${sub} from ${everySource} (7 settings)`, ...keyVaultOnly],
  },
  {
    name: "a destination that is no ARM id is kept, its subscription unknown",
    change: (tenant) => {
      activityLogSetting(tenant).properties.workspaceId = "law-security";
    },
    sources: goodSources,
    destinations: [
      `workspace law-security in no subscription from the activity log of subscription Example Subscription (1 setting)`,
      `workspace ${workspace} in ${sub} from ${everySource.replace("the activity log of subscription Example Subscription, ", "")} (6 settings)`,
      ...keyVaultOnly,
    ],
  },
  {
    name: "an activity log read at a subscription the run does not list is named by its scope",
    change: (tenant) => {
      tenant.subscriptions = [{ ...subscription, scope: `/subscriptions/${"0".repeat(8)}-0000-4000-8000-000000000000` }];
    },
    sources: [`the activity log of subscription ${subscription.scope}`, ...goodSources.slice(1)],
    destinations: [`workspace ${workspace} in ${sub} from ${everySource.replace("Example Subscription", subscription.scope)} (7 settings)`, ...keyVaultOnly],
  },
  {
    name: "the activity log's settings refused: left out here, the activity log's own checks say so",
    change: (tenant) => tenant.fail(activityLogSettingsDataset, forbidden),
    sources: goodSources.slice(1),
    destinations: [
      `workspace ${workspace} in ${sub} from ${everySource.replace("the activity log of subscription Example Subscription, ", "")} (6 settings)`,
      ...keyVaultOnly,
    ],
  },
];

describe("loggedSettings and logDestinations", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const tenant = goodTenant();
    testCase.change?.(tenant);
    const evidence = new EvidenceSet(tenant.records);
    const settings = loggedSettings(evidence, tenant.subscriptions);
    expect(settings.map(({ source }) => source.label)).toEqual(testCase.sources);
    // Each source belongs to the subscription its scope names; Entra ID to none.
    expect(settings.map(({ source }) => source.subscriptionId)).toEqual(testCase.sources.map((label) => (label === "Entra ID" ? undefined : sub)));
    expect(
      logDestinations(evidence, tenant.subscriptions).map(
        ({ destination, subscriptionId, sources, refs }) =>
          `${destination.kind} ${destination.id} in ${subscriptionId ?? "no subscription"} from ${[...sources].join(", ")} (${refs.length} setting${refs.length === 1 ? "" : "s"})`,
      ),
    ).toEqual(testCase.destinations);
  });
});
