import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { defineCollector, drain } from "./collector.js";

/**
 * Scope discovery: the subscriptions the collecting identity can see (GET /subscriptions,
 * 2022-12-01). `@azure/arm-resources-subscriptions` is the package that lists them;
 * `@azure/arm-subscriptions` is the alias/cancel API and cannot.
 */
export const SubscriptionSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  displayName: z.string(),
  tenantId: z.string().optional(),
  state: z.string().optional(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const subscriptionsDataset = defineDataset({
  id: "subscriptions/list",
  collector: "subscriptions",
  title: "Subscriptions visible to the collecting identity",
  scope: "tenant",
  item: SubscriptionSchema,
  permission: "Microsoft.Resources/subscriptions/read (Reader on each subscription or a parent management group)",
});

export const subscriptionsFile = "raw/subscriptions/subscriptions.json";

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
      file: subscriptionsFile,
      fetch: () => drain(client.subscriptions.list()),
    });
  },
});
