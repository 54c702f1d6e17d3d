import { destinationsOf } from "../checks/support/diagnostic-settings.js";
import { loggedSettings } from "../checks/support/log-routes.js";
import { resourcesDataset, type Resource } from "../datasets/defender.js";
import { isSubscriptionDescendant, managementGroupDescendantsDataset, managementGroupId, resourceGroupsDataset } from "../datasets/inventory.js";
import { parseResourceId, sameId } from "../datasets/resource-id.js";
import { subscriptionsDataset } from "../datasets/subscriptions.js";
import type { EphiExclusion, EphiInventory, EphiScope, ScopedResource, ScopeStanding } from "../model/ephi-scope.js";
import type { EvidenceReader, EvidenceRef, SubscriptionInScope } from "../model/evidence.js";

/**
 * Where ePHI lives, decided from the declaration and the inventory. A resource is in scope when a
 * rule includes it and no exclusion takes it out; out of scope when an exclusion takes it out, when
 * it carries the scope's tag with another value, or when it is not a data store and nothing includes
 * it; and unclassified when it is a data store, in a subscription that holds ePHI, that carries no
 * marking at all. Unclassified resources count as in scope until the organisation decides.
 *
 * A Log Analytics workspace or storage account that receives the diagnostic logs of anything in scope
 * (or of Entra ID) holds the audit trail of the systems with ePHI, which 164.312(b) is about: it is in
 * scope whatever its own tags say, unless an exclusion, a decision with an owner, takes it out.
 */

/** Resource types that store data (lower case): the ones an unmarked resource of must be decided on. */
const dataStoreTypes = new Set([
  "microsoft.storage/storageaccounts",
  "microsoft.sql/servers",
  "microsoft.sql/servers/databases",
  "microsoft.sql/managedinstances",
  "microsoft.documentdb/databaseaccounts",
  "microsoft.dbforpostgresql/flexibleservers",
  "microsoft.dbforpostgresql/servers",
  "microsoft.dbformysql/flexibleservers",
  "microsoft.dbformysql/servers",
  "microsoft.cache/redis",
  "microsoft.healthcareapis/services",
  "microsoft.healthcareapis/workspaces",
  "microsoft.healthcareapis/workspaces/fhirservices",
  "microsoft.compute/disks",
  "microsoft.compute/snapshots",
  "microsoft.recoveryservices/vaults",
  "microsoft.dataprotection/backupvaults",
  "microsoft.datalakestore/accounts",
  "microsoft.synapse/workspaces",
  "microsoft.kusto/clusters",
  "microsoft.netapp/netappaccounts",
  "microsoft.search/searchservices",
]);

export function isDataStore(type: string): boolean {
  return dataStoreTypes.has(type.toLowerCase());
}

type Tags = Record<string, string> | null | undefined;

/** The value of a tag, looked for on the resource, then its resource group, then its subscription: the nearest wins. */
function tagValue(name: string, levels: readonly Tags[]): string | undefined {
  for (const tags of levels) {
    const found = Object.entries(tags ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
    if (found) return found[1];
  }
  return undefined;
}

function tagMatches(rule: { name: string; values: readonly string[] }, levels: readonly Tags[]): boolean {
  const value = tagValue(rule.name, levels);
  return value !== undefined && rule.values.some((wanted) => wanted.toLowerCase() === value.toLowerCase());
}

function describeExclusion(exclusion: EphiExclusion, subscriptions: readonly SubscriptionInScope[]): string {
  const { subscription: excluded } = exclusion;
  if (excluded) return `subscription ${subscriptions.find((subscription) => sameId(subscription.subscriptionId, excluded))?.displayName ?? excluded}`;
  if (exclusion.resourceGroup) return `resource group ${exclusion.resourceGroup.split("/").pop()}`;
  if (exclusion.resource) return `resource ${exclusion.resource.split("/").pop()}`;
  return `tag ${exclusion.tag?.name} = ${exclusion.tag?.values.join(" or ")}`;
}

function describeRules(scope: EphiScope, subscriptions: readonly SubscriptionInScope[]): string[] {
  return [
    ...(scope.tags ?? []).map(
      (tag) =>
        `Tag ${tag.name} = ${tag.values.join(" or ")} on the resource, its resource group or its subscription (the nearest that carries the tag decides)`,
    ),
    ...(scope.resourceGroups ?? []).map((group) => `Resource group ${group.split("/").pop()} (${group})`),
    ...(scope.subscriptions ?? []).map(
      (id) => `Subscription ${subscriptions.find((subscription) => sameId(subscription.subscriptionId, id))?.displayName ?? id}`,
    ),
    ...(scope.managementGroups ?? []).map((name) => `Every subscription under management group ${name}`),
  ];
}

interface Placement {
  resource: Resource;
  ref: EvidenceRef;
  subscription: SubscriptionInScope;
  levels: Tags[];
  resourceGroupId: string | undefined;
}

export function ephiInventory(
  evidence: EvidenceReader,
  tenantId: string,
  subscriptions: readonly SubscriptionInScope[],
  scope: EphiScope | undefined,
): EphiInventory {
  const subscriptionTags = new Map<string, Tags>();
  const listing = evidence.read(subscriptionsDataset, `/tenants/${tenantId}`);
  if (listing.ok) for (const { value } of listing.items) subscriptionTags.set(value.subscriptionId.toLowerCase(), value.tags);

  const placements: Placement[] = [];
  const unreadable: string[] = [];
  // Subscriptions whose resource groups (and so the tags their resources inherit) could not be read.
  const groupsUnknown = new Set<string>();
  for (const subscription of subscriptions) {
    const resources = evidence.read(resourcesDataset, subscription.scope);
    const groups = evidence.read(resourceGroupsDataset, subscription.scope);
    if (!resources.ok || (scope && !groups.ok)) unreadable.push(subscription.displayName);
    if (!groups.ok) groupsUnknown.add(subscription.subscriptionId.toLowerCase());
    if (!resources.ok) continue;
    const groupTags = new Map<string, Tags>(groups.ok ? groups.items.map(({ value }) => [value.id.toLowerCase(), value.tags]) : []);
    for (const { value: resource, ref } of resources.items) {
      const parts = parseResourceId(resource.id);
      const resourceGroupId = parts?.resourceGroup ? `${subscription.scope}/resourceGroups/${parts.resourceGroup}` : undefined;
      placements.push({
        resource,
        ref,
        subscription,
        resourceGroupId,
        levels: [
          resource.tags,
          resourceGroupId ? groupTags.get(resourceGroupId.toLowerCase()) : undefined,
          subscriptionTags.get(subscription.subscriptionId.toLowerCase()),
        ],
      });
    }
  }

  const scoped = (placement: Placement, standing: ScopedResource["standing"], why: string): ScopedResource => ({
    id: placement.resource.id,
    name: placement.resource.name,
    type: placement.resource.type,
    location: placement.resource.location ?? undefined,
    subscription: placement.subscription.displayName,
    standing,
    why,
    evidence: placement.ref,
  });
  if (!scope) {
    const why = "no ePHI scope is declared, so every resource counts";
    return {
      declared: false,
      rules: [],
      exclusions: [],
      unreadable,
      resources: placements.map((placement) => scoped(placement, "in scope", why)),
      containers: subscriptions.map((subscription) => ({ id: subscription.scope, standing: "in scope" as const, why, excluded: false })),
    };
  }

  const underManagementGroups = new Map<string, string>();
  const managementGroupsUnknown: string[] = [];
  for (const name of scope.managementGroups ?? []) {
    const descendants = evidence.read(managementGroupDescendantsDataset, managementGroupId(name));
    if (!descendants.ok) {
      unreadable.push(`management group ${name}`);
      managementGroupsUnknown.push(name);
      continue;
    }
    for (const { value } of descendants.items) if (isSubscriptionDescendant(value)) underManagementGroups.set(value.name.toLowerCase(), name);
  }

  const exclusionOf = (placement: Placement): EphiExclusion | undefined =>
    (scope.exclusions ?? []).find((exclusion) => {
      if (exclusion.subscription) return sameId(exclusion.subscription, placement.subscription.subscriptionId);
      if (exclusion.resourceGroup) return placement.resourceGroupId !== undefined && sameId(exclusion.resourceGroup, placement.resourceGroupId);
      if (exclusion.resource)
        return sameId(exclusion.resource, placement.resource.id) || placement.resource.id.toLowerCase().startsWith(`${exclusion.resource.toLowerCase()}/`);
      return exclusion.tag !== undefined && tagMatches(exclusion.tag, placement.levels);
    });
  const inclusionOf = (placement: Placement): string | undefined => {
    const tag = (scope.tags ?? []).find((rule) => tagMatches(rule, placement.levels));
    if (tag) return `tag ${tag.name} = ${tagValue(tag.name, placement.levels)}`;
    const { resourceGroupId } = placement;
    if (resourceGroupId && (scope.resourceGroups ?? []).some((group) => sameId(group, resourceGroupId)))
      return `resource group ${resourceGroupId.split("/").pop()} is in scope`;
    if ((scope.subscriptions ?? []).some((id) => sameId(id, placement.subscription.subscriptionId)))
      return `subscription ${placement.subscription.displayName} is in scope`;
    const group = underManagementGroups.get(placement.subscription.subscriptionId.toLowerCase());
    if (group) return `subscription ${placement.subscription.displayName} is under management group ${group}`;
    return undefined;
  };

  const decided = placements.map((placement) => ({ placement, exclusion: exclusionOf(placement), inclusion: inclusionOf(placement) }));
  const holdsEphi = new Set(
    decided.filter(({ exclusion, inclusion }) => !exclusion && inclusion).map(({ placement }) => placement.subscription.subscriptionId.toLowerCase()),
  );
  const marked = (placement: Placement) => (scope.tags ?? []).some((rule) => tagValue(rule.name, placement.levels) !== undefined);
  const counts = (placement: Placement) =>
    !exclusionOf(placement) &&
    (inclusionOf(placement) !== undefined ||
      (!marked(placement) && isDataStore(placement.resource.type) && holdsEphi.has(placement.subscription.subscriptionId.toLowerCase())));
  const auditTrails = auditTrailsOf(evidence, subscriptions, (sourceScope) => {
    if (sourceScope.startsWith("/tenants/")) return true;
    const id = sourceScope.toLowerCase();
    const source = decided.find(({ placement }) => id === placement.resource.id.toLowerCase() || id.startsWith(`${placement.resource.id.toLowerCase()}/`));
    if (source) return counts(source.placement);
    // The activity log of a subscription that holds ePHI records who changed what in it.
    return holdsEphi.has(parseResourceId(sourceScope)?.subscriptionId.toLowerCase() ?? "");
  });

  const resources = decided.map(({ placement, exclusion, inclusion }): ScopedResource => {
    if (exclusion) return scoped(placement, "out of scope", `excluded: ${exclusion.reason} (decided by ${exclusion.owner})`);
    if (inclusion) return scoped(placement, "in scope", inclusion);
    const trail = auditTrails.get(placement.resource.id.toLowerCase());
    if (trail)
      return scoped(
        placement,
        "in scope",
        `receives logs sent by ${trail.length <= 3 ? trail.join(", ") : `${trail.slice(0, 3).join(", ")} and ${trail.length - 3} more`}`,
      );
    // Tags a resource group would have passed down are unknown: nothing may be dropped on a guess.
    if ((scope.tags?.length ?? 0) > 0 && groupsUnknown.has(placement.subscription.subscriptionId.toLowerCase()))
      return scoped(
        placement,
        "unclassified",
        `the resource groups of ${placement.subscription.displayName} could not be read, so the tags it inherits are unknown`,
      );
    // Whether its subscription is under a management group the scope names is unknown.
    if (managementGroupsUnknown.length > 0)
      return scoped(placement, "unclassified", `the subscriptions under management group ${managementGroupsUnknown.join(", ")} could not be read`);
    if (marked(placement))
      return scoped(
        placement,
        "out of scope",
        `marked ${(scope.tags ?? []).map((rule) => `${rule.name} = ${tagValue(rule.name, placement.levels) ?? "(none)"}`).join(", ")}`,
      );
    if (isDataStore(placement.resource.type) && holdsEphi.has(placement.subscription.subscriptionId.toLowerCase())) {
      return scoped(
        placement,
        "unclassified",
        `a data store with no marking, in subscription ${placement.subscription.displayName}, which holds ePHI: counted as in scope until decided`,
      );
    }
    return scoped(
      placement,
      "out of scope",
      isDataStore(placement.resource.type) ? `its subscription holds no ePHI and no rule includes it` : "not a data store, and no rule includes it",
    );
  });
  const exclusions = (scope.exclusions ?? []).map((exclusion) => ({
    target: describeExclusion(exclusion, subscriptions),
    reason: exclusion.reason,
    owner: exclusion.owner,
    resources: decided.filter((entry) => entry.exclusion === exclusion).length,
  }));
  return {
    declared: true,
    rules: describeRules(scope, subscriptions),
    exclusions,
    resources,
    containers: containersOf(scope, subscriptions, resources, underManagementGroups, evidence),
    unreadable,
  };
}

/** For each log destination (lower-cased id), the sources in scope that send it their diagnostic logs. */
function auditTrailsOf(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  sourceCounts: (scope: string) => boolean,
): Map<string, string[]> {
  const trails = new Map<string, string[]>();
  for (const { source, setting } of loggedSettings(evidence, subscriptions)) {
    if (!sourceCounts(source.scope)) continue;
    for (const destination of destinationsOf(setting.value)) {
      if (destination.kind !== "workspace" && destination.kind !== "storage") continue;
      const key = destination.id.toLowerCase();
      const sources = trails.get(key) ?? [];
      if (!sources.includes(source.label)) sources.push(source.label);
      trails.set(key, sources);
    }
  }
  return trails;
}

/** Subscriptions and resource groups: out when excluded; in when a rule names them or they hold anything that may be ePHI. */
function containersOf(
  scope: EphiScope,
  subscriptions: readonly SubscriptionInScope[],
  resources: readonly ScopedResource[],
  underManagementGroups: ReadonlyMap<string, string>,
  evidence: EvidenceReader,
): EphiInventory["containers"] {
  const holding = (id: string) =>
    resources.filter((resource) => resource.id.toLowerCase().startsWith(`${id.toLowerCase()}/`) && resource.standing !== "out of scope").length;
  const excluded = (id: string) =>
    (scope.exclusions ?? []).find(
      (exclusion) =>
        (exclusion.subscription && sameId(`/subscriptions/${exclusion.subscription}`, id)) || (exclusion.resourceGroup && sameId(exclusion.resourceGroup, id)),
    );
  const standing = (id: string, named: string | undefined): EphiInventory["containers"][number] => {
    const exclusion = excluded(id);
    if (exclusion) return { id, standing: "out of scope", why: `excluded: ${exclusion.reason} (decided by ${exclusion.owner})`, excluded: true };
    if (named) return { id, standing: "in scope", why: named, excluded: false };
    const count = holding(id);
    return count > 0
      ? { id, standing: "in scope", why: `holds ${count} resource(s) in scope or unclassified`, excluded: false }
      : { id, standing: "out of scope", why: "holds nothing in scope", excluded: false };
  };
  const listed = subscriptions.flatMap((subscription) => {
    const named = (scope.subscriptions ?? []).some((id) => sameId(id, subscription.subscriptionId))
      ? `subscription ${subscription.displayName} is in scope`
      : underManagementGroups.has(subscription.subscriptionId.toLowerCase())
        ? `under management group ${underManagementGroups.get(subscription.subscriptionId.toLowerCase())}`
        : undefined;
    const groups = evidence.read(resourceGroupsDataset, subscription.scope);
    return [
      standing(subscription.scope, named),
      ...(groups.ok ? groups.items : []).map(({ value }) =>
        standing(
          value.id,
          named ?? ((scope.resourceGroups ?? []).some((group) => sameId(group, value.id)) ? `resource group ${value.name} is in scope` : undefined),
        ),
      ),
    ];
  });
  // An excluded resource group the listing does not hold (unreadable, or gone) stays excluded.
  const unlisted = (scope.exclusions ?? []).flatMap(({ resourceGroup }) =>
    resourceGroup && !listed.some((container) => sameId(container.id, resourceGroup)) ? [standing(resourceGroup, undefined)] : [],
  );
  return [...listed, ...unlisted];
}

/**
 * Where a finding's resource stands. Tenant-wide statements (identity, management groups) always
 * count; a role assignment or other extension resource stands where its parent does; a resource
 * stands where the inventory (or its nearest listed parent) puts it; a subscription or resource group
 * is in scope when a rule names it or it holds anything in (or maybe in) scope, and it was not
 * excluded. A resource the inventory does not know is unclassified: counted, never quietly dropped.
 */
export function standingOf(inventory: EphiInventory, subscriptions: readonly SubscriptionInScope[], resourceId: string): ScopeStanding {
  if (resourceId.startsWith("/tenants/") || /^\/providers\/Microsoft\.Management\//i.test(resourceId)) return "tenant-wide";
  const id = resourceId.replace(/\/providers\/Microsoft\.Authorization\/.*$/i, "").toLowerCase();
  const resource = inventory.resources
    .filter((candidate) => id === candidate.id.toLowerCase() || id.startsWith(`${candidate.id.toLowerCase()}/`))
    .sort((a, b) => b.id.length - a.id.length)[0];
  if (resource) return resource.standing;
  const subscription = subscriptions.find((candidate) => id === candidate.scope.toLowerCase() || id.startsWith(`${candidate.scope.toLowerCase()}/`));
  const container = inventory.containers
    .filter((candidate) => id === candidate.id.toLowerCase() || id.startsWith(`${candidate.id.toLowerCase()}/`))
    .sort((a, b) => b.id.length - a.id.length)[0];
  // An ARM resource the inventory does not list: out only where a recorded exclusion covers its
  // subscription or resource group; otherwise its place is unknown, so it counts until decided.
  if (!subscription || /\/providers\//.test(id)) {
    if (container?.excluded) return "out of scope";
    return inventory.declared ? "unclassified" : "in scope";
  }
  // A subscription, a resource group, or a statement about part of a subscription: where its container stands.
  if (container) return container.standing;
  return inventory.unreadable.includes(subscription.displayName) ? "unclassified" : "out of scope";
}
