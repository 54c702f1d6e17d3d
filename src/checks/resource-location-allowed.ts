import { resourcesDataset } from "../datasets/defender.js";
import { defineCheck } from "./check.js";
import { forEachResourceHoldingEphi, resourceLabel, standingInWords } from "./support/ephi-scope.js";

export const check = defineCheck({
  id: "resource-location-allowed",
  title: "Resources holding ePHI are in regions the organisation allows",
  severity: "low",
  requires: [resourcesDataset],
  rationale:
    "The Security Rule does not say where ePHI may be kept, and Microsoft's Business Associate Agreement covers a service in every region it runs in; where the data is remains a fact the risk analysis needs. Microsoft documents that a regional service stores customer data in the geography of the region chosen for it (https://learn.microsoft.com/industry/sovereignty/data-residency). This check compares each location with the organisation's own allowedRegions: an organisational control, never a failure of the rule, so it only informs the risk analysis.",
  remediation: {
    text: 'Redeploy or move the resource to an allowed region, or add its region to allowedRegions if the organisation accepts it; assign the built-in Azure Policy definition "Allowed locations" so new resources cannot be created elsewhere.',
    portal: "Policy > Authoring > Definitions > Allowed locations > Assign",
    source: "https://learn.microsoft.com/azure/governance/policy/tutorials/create-and-manage",
  },
  evaluate({ evidence, subscriptions, ephi, settings, tenantId }) {
    const allowed = settings.allowedRegions?.map((region) => region.toLowerCase());
    if (!allowed) {
      return [
        {
          status: "not_applicable",
          resourceId: `/tenants/${tenantId}`,
          resourceName: tenantId,
          message:
            "No allowedRegions is configured, so the locations of resources holding ePHI are listed in the summary's ePHI inventory without a comparison.",
          evidence: [],
        },
      ];
    }
    return forEachResourceHoldingEphi(evidence, subscriptions, ephi, "The locations", ({ value: resource, ref }, standing, subscription) => {
      const location = resource.location?.toLowerCase();
      // Global and location-less resources (DNS zones, Front Door, Entra objects) have no region to compare.
      if (!location || location === "global") return undefined;
      const base = { resourceId: resource.id, resourceName: resource.name, evidence: [ref] };
      const label = `${resourceLabel(resource, subscription)}, ${standingInWords(standing)},`;
      return allowed.includes(location)
        ? { status: "pass", ...base, message: `${label} is in ${location}, a region the organisation allows.` }
        : { status: "fail", ...base, message: `${label} is in ${location}, which is not among the regions the organisation allows (${allowed.join(", ")}).` };
    });
  },
});
