import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { recordFile } from "./raw-files.js";

/**
 * What exists, for deciding where ePHI lives: each subscription's resource groups with their tags,
 * and the subscriptions under the management groups an ePHI scope names.
 */

const TagsSchema = z.record(z.string(), z.string()).nullable().optional();

// GET /subscriptions/{s}/resourcegroups?api-version=2021-04-01
export const ResourceGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullable().optional(),
  /** Absent or null: the group carries no tag, which is not the same as carrying a tag that says "no ePHI". */
  tags: TagsSchema,
});
export type ResourceGroup = z.infer<typeof ResourceGroupSchema>;

// GET /providers/Microsoft.Management/managementGroups/{name}/descendants?api-version=2023-04-01
export const ManagementGroupDescendantSchema = z.object({
  id: z.string(),
  /** "Microsoft.Management/managementGroups/subscriptions" for a subscription, its GUID in `name`. */
  type: z.string(),
  name: z.string(),
  properties: z.object({ displayName: z.string().nullable().optional() }).nullable().optional(),
});
export type ManagementGroupDescendant = z.infer<typeof ManagementGroupDescendantSchema>;

export const resourceGroupsDataset = defineDataset({
  id: "inventory/resource-groups",
  collector: "inventory",
  title: "Resource groups and their tags",
  scope: "subscription",
  item: ResourceGroupSchema,
  permission: "Microsoft.Resources/subscriptions/resourceGroups/read (Reader)",
  rawFile: recordFile("inventory", "resource-groups.json"),
});

export const managementGroupDescendantsDataset = defineDataset({
  id: "inventory/management-group-descendants",
  collector: "inventory",
  title: "Subscriptions under a management group the ePHI scope names",
  scope: "resource",
  item: ManagementGroupDescendantSchema,
  permission: "Microsoft.Management/managementGroups/descendants/read (Management Group Reader)",
  rawFile: recordFile("inventory", "descendants.json"),
});

/** The ARM id of a management group, the scope its descendants are recorded at. */
export function managementGroupId(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

/** A descendant that is a subscription (management groups list groups too). */
export function isSubscriptionDescendant(descendant: ManagementGroupDescendant): boolean {
  return descendant.type.toLowerCase() === "microsoft.management/managementgroups/subscriptions";
}
