import { baaStandingOf, type BaaCatalogue } from "../model/baa-services.js";
import type { EphiView } from "../model/assessment.js";
import type { EphiInventory } from "../model/ephi-scope.js";

/** The summary's ePHI inventory: counts by type and location, the unclassified list, what was left out and why. */
export function ephiView(inventory: EphiInventory, baa: BaaCatalogue, allowedRegions: readonly string[] | undefined): EphiView {
  const holding = inventory.resources.filter((resource) => resource.standing !== "out of scope");
  const count = (resources: typeof holding, standing: "in scope" | "unclassified") => resources.filter((resource) => resource.standing === standing).length;

  // Types by their lower-cased name, each with the spelling Azure gave first.
  const types = new Map<string, { type: string; resources: typeof holding }>();
  for (const resource of holding) {
    const key = resource.type.toLowerCase();
    const entry = types.get(key) ?? { type: resource.type, resources: [] };
    entry.resources.push(resource);
    types.set(key, entry);
  }
  const byType = [...types.values()]
    .map(({ type, resources }) => {
      const found = baaStandingOf(baa, type);
      return {
        type,
        inScope: count(resources, "in scope"),
        unclassified: count(resources, "unclassified"),
        locations: [...new Set(resources.map((resource) => resource.location ?? "(none)"))].sort(),
        baa:
          found.standing === "covered"
            ? `covered (${found.service})`
            : found.standing === "not covered"
              ? `not in the list (${found.service})`
              : "not named: not evaluated",
      };
    })
    .sort((a, b) => b.inScope + b.unclassified - (a.inScope + a.unclassified) || a.type.localeCompare(b.type));

  const allowed = allowedRegions?.map((region) => region.toLowerCase());
  const locations = new Map<string, typeof holding>();
  for (const resource of holding) {
    const key = resource.location?.toLowerCase() ?? "(none)";
    locations.set(key, [...(locations.get(key) ?? []), resource]);
  }
  const byLocation = [...locations.entries()]
    .map(([location, resources]) => ({
      location,
      inScope: count(resources, "in scope"),
      unclassified: count(resources, "unclassified"),
      allowed:
        location === "(none)" || location === "global"
          ? ("not a region" as const)
          : !allowed
            ? ("no regions declared" as const)
            : allowed.includes(location)
              ? ("allowed" as const)
              : ("not allowed" as const),
    }))
    .sort((a, b) => a.location.localeCompare(b.location));

  const reasonsOf = (resources: readonly { why: string }[]) => {
    const counts = new Map<string, number>();
    for (const resource of resources) counts.set(resource.why, (counts.get(resource.why) ?? 0) + 1);
    return [...counts.entries()].map(([why, n]) => ({ why, count: n })).sort((a, b) => b.count - a.count || a.why.localeCompare(b.why));
  };
  const out = inventory.resources.filter((resource) => resource.standing === "out of scope");

  return {
    declared: inventory.declared,
    rules: inventory.rules,
    exclusions: inventory.exclusions,
    unreadable: inventory.unreadable,
    byType,
    byLocation,
    unclassified: inventory.resources.filter((resource) => resource.standing === "unclassified"),
    inScopeReasons: reasonsOf(inventory.resources.filter((resource) => resource.standing === "in scope")),
    outOfScope: { count: out.length, reasons: reasonsOf(out) },
    baaSource: { title: baa.source.title, url: baa.source.url, hipaaPage: baa.source.hipaaPage, retrieved: baa.source.retrieved },
    allowedRegions: allowedRegions ? [...allowedRegions] : undefined,
  };
}
