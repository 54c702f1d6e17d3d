import { z } from "zod";
import type { EvidenceRef } from "./evidence.js";

/**
 * Where electronic protected health information lives, as the organisation declares it: the start
 * of every risk analysis. Resources in scope are judged by the rule's deciding checks; the rest is
 * shown apart. Recorded in the manifest, so an archive is evaluated again against the same scope.
 */
const TagRuleSchema = z.strictObject({
  /** The tag's name, compared without regard to case (as Azure does). */
  name: z.string().min(1),
  /** Values that mark ePHI, compared without regard to case. */
  values: z.array(z.string().min(1)).min(1),
});

const subscriptionId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "expected a subscription id (GUID)");
const resourceGroupId = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i, "expected a resource group id (/subscriptions/…/resourceGroups/…)");
const resourceId = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+$/i, "expected a resource id (/subscriptions/…/resourceGroups/…/providers/…)");
const managementGroupName = z.string().regex(/^[A-Za-z0-9._()-]{1,90}$/, "expected a management group name (its id's last segment)");

const exclusionTargets = ["subscription", "resourceGroup", "resource", "tag"] as const;

/** A decision that something holds no ePHI: exactly one target, with why and who decided. */
export const EphiExclusionSchema = z
  .strictObject({
    subscription: subscriptionId.optional(),
    resourceGroup: resourceGroupId.optional(),
    resource: resourceId.optional(),
    tag: TagRuleSchema.optional(),
    /** Why the organisation decided these hold no ePHI. */
    reason: z.string().min(1),
    /** Who decided, and answers for it (name and role). */
    owner: z.string().min(1),
  })
  .refine((exclusion) => exclusionTargets.filter((target) => exclusion[target] !== undefined).length === 1, {
    message: "expected exactly one of subscription, resourceGroup, resource or tag: what the exclusion takes out",
  });
export type EphiExclusion = z.infer<typeof EphiExclusionSchema>;

export const EphiScopeSchema = z
  .strictObject({
    tags: z.array(TagRuleSchema).optional(),
    resourceGroups: z.array(resourceGroupId).optional(),
    subscriptions: z.array(subscriptionId).optional(),
    managementGroups: z.array(managementGroupName).optional(),
    exclusions: z.array(EphiExclusionSchema).optional(),
  })
  .refine(
    (scope) => (scope.tags?.length ?? 0) + (scope.resourceGroups?.length ?? 0) + (scope.subscriptions?.length ?? 0) + (scope.managementGroups?.length ?? 0) > 0,
    {
      message: "expected at least one of tags, resourceGroups, subscriptions or managementGroups to say where ePHI is",
    },
  );
export type EphiScope = z.infer<typeof EphiScopeSchema>;

/** Azure regions (as ARM writes a location, e.g. "eastus2") where the organisation allows resources. */
export const AllowedRegionsSchema = z.array(z.string().regex(/^[a-z0-9]+$/, "expected an Azure region name as ARM writes it, such as eastus2")).min(1);

/** Where a finding's resource stands against the declared scope. */
export const scopeStandings = ["in scope", "out of scope", "unclassified", "tenant-wide"] as const;
export type ScopeStanding = (typeof scopeStandings)[number];

/** One resource of the inventory, where it stands against the declared scope, and why. */
export interface ScopedResource {
  id: string;
  name: string;
  type: string;
  location: string | undefined;
  subscription: string;
  standing: Exclude<ScopeStanding, "tenant-wide">;
  /** In words: the rule that included it, the decision that excluded it, or why it is unclassified. */
  why: string;
  /** The resource in the listing it came from. */
  evidence: EvidenceRef;
}

/**
 * The ePHI inventory: how the scope was declared, every resource with its standing, and what could
 * not be read. Computed once by the evaluation; checks, findings and reports read it.
 */
export interface EphiInventory {
  /** False when the configuration declares no scope: every resource then counts as in scope. */
  declared: boolean;
  /** The declaration in words, one rule a line. */
  rules: string[];
  /** Each exclusion, a decision recorded with its reason and owner, and how many resources it took out. */
  exclusions: { target: string; reason: string; owner: string; resources: number }[];
  resources: ScopedResource[];
  /** Subscriptions and resource groups, where each stands: in scope when included or holding anything in (or maybe in) scope. */
  containers: { id: string; standing: Exclude<ScopeStanding, "tenant-wide">; why: string; excluded: boolean }[];
  /** Subscriptions whose resources or resource groups could not be read: their resources are unknown. */
  unreadable: string[];
}
