import { subscriptionsDataset } from "../datasets/subscriptions.js";
import { defineCollector, drain } from "./collector.js";

/**
 * Scope discovery: the subscriptions the collecting identity can see (GET /subscriptions,
 * 2022-12-01). `@azure/arm-resources-subscriptions` is the package that lists them;
 * `@azure/arm-subscriptions` is the alias/cancel API and cannot.
 */
export const subscriptionsCollector = defineCollector({
  id: "subscriptions",
  title: "Subscriptions",
  datasets: [subscriptionsDataset],
  async collect(context) {
    context.progress.step("subscriptions: listing the subscriptions visible to the collecting identity");
    const client = context.access.subscriptions();
    await context.collect({
      dataset: subscriptionsDataset,
      scope: `/tenants/${context.tenantId}`,
      fetch: () => drain(client.subscriptions.list()),
    });
  },
});
