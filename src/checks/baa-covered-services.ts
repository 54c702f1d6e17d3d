import { resourcesDataset } from "../datasets/defender.js";
import { baaStandingOf } from "../model/baa-services.js";
import { defineCheck } from "./check.js";
import { forEachResourceHoldingEphi, resourceLabel, standingInWords } from "./support/ephi-scope.js";

export const check = defineCheck({
  id: "baa-covered-services",
  title: "Resources holding ePHI are of services Microsoft's Business Associate Agreement covers",
  severity: "high",
  requires: [resourcesDataset],
  rationale:
    "Microsoft offers its Business Associate Agreement through the Product Terms for the Azure services in its scope, and its compliance page for the agreement points to its list of cloud services in audit scope for which those are (https://learn.microsoft.com/azure/compliance/offerings/offering-hipaa-us). The agreement is scoped by service, not by region: ePHI kept in a service outside it lacks a business associate's assurances. The list is kept in the project with the date it was read; a resource type it cannot place is not evaluated, never passed.",
  remediation: {
    text: "Move the ePHI to a service Microsoft's Business Associate Agreement covers; or, if the resource holds no ePHI, take it out of the ePHI scope by its tag or an exclusion that records the reason and its owner. Where Microsoft has added the service since the list was read, check its current list.",
    portal: "Azure portal > (resource) > Tags, to mark a resource that holds no ePHI; the service's own migration path to move data that does",
    source: "https://learn.microsoft.com/azure/compliance/offerings/offering-hipaa-us",
  },
  evaluate({ evidence, subscriptions, ephi, baa }) {
    const list = `Microsoft's list of services in scope of its Business Associate Agreement (as read on ${baa.source.retrieved})`;
    return forEachResourceHoldingEphi(evidence, subscriptions, ephi, "BAA coverage", ({ value: resource, ref }, standing, subscription) => {
      const base = { resourceId: resource.id, resourceName: resource.name, evidence: [ref] };
      const label = `${resourceLabel(resource, subscription)}, ${standingInWords(standing)},`;
      const found = baaStandingOf(baa, resource.type);
      if (found.standing === "covered") return { status: "pass", ...base, message: `${label} is of ${found.service}, which ${list} includes.` };
      if (found.standing === "not covered")
        return {
          status: "fail",
          ...base,
          message: `${label} is of ${found.service}, which ${list} does not include: ePHI kept there is outside the agreement.`,
        };
      // A type the project's list does not place: a person must look it up, it never passes on a guess.
      return {
        status: "manual",
        ...base,
        message: `${label} is of a resource type that ${list} does not name, so its coverage was not evaluated: check Microsoft's current list.`,
      };
    });
  },
});
