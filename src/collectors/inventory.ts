import { managementGroupDescendantsDataset, managementGroupId, resourceGroupsDataset } from "../datasets/inventory.js";
import { armList, defineCollector } from "./collector.js";

/**
 * What exists, for the ePHI scope: each subscription's resource groups with their tags (a group's
 * tag marks what it holds), and the subscriptions under each management group the scope names.
 * The resources themselves, with their tags, come with Defender's inventory (defender/resources).
 */
export const inventoryCollector = defineCollector({
  id: "inventory",
  title: "Resource groups and management groups",
  datasets: [resourceGroupsDataset, managementGroupDescendantsDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`inventory: resource groups in ${subscription.displayName}`);
      await context.collect({
        dataset: resourceGroupsDataset,
        scope: subscription.scope,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/resourcegroups?api-version=2021-04-01`),
      });
    }
    const [first] = context.subscriptions;
    for (const name of context.scopeManagementGroups) {
      if (!first) break;
      context.progress.step(`inventory: subscriptions under management group ${name}`);
      // A tenant-level call, sent through the first subscription's pipeline like any other ARM call.
      await context.collect({
        dataset: managementGroupDescendantsDataset,
        scope: managementGroupId(name),
        fetch: () => armList(context.access, first.subscriptionId, `${managementGroupId(name)}/descendants?api-version=2023-04-01`),
      });
    }
  },
});
