import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

// GET /subscriptions?api-version=2022-12-01: the subscriptions the collecting identity can see.
export const SubscriptionSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  displayName: z.string(),
  tenantId: z.string().optional(),
  state: z.string().optional(),
  /** The subscription's tags: an ePHI scope declared by tag may be set here, inherited by everything below. */
  tags: z.record(z.string(), z.string()).nullable().optional(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const subscriptionsDataset = defineDataset({
  id: "subscriptions/list",
  collector: "subscriptions",
  title: "Subscriptions visible to the collecting identity",
  scope: "tenant",
  item: SubscriptionSchema,
  permission: "Microsoft.Resources/subscriptions/read (Reader on each subscription or a parent management group)",
  rawFile: recordFile("subscriptions", "subscriptions.json"),
});
