import { describe, expect, it } from "vitest";
import { readsOf } from "../src/checks/check.js";
import { checks } from "../src/checks/registry.js";
import { collectors } from "../src/collectors/registry.js";
import { forbidden, goodTenant } from "./support/good-tenant.js";

/**
 * "Never a verdict without evidence", for every check at once: when any dataset a check requires is
 * missing, the check gives no pass and says which call failed; and a check's verdicts never depend
 * on a dataset it does not declare.
 */
const cases = checks.flatMap((check) => check.requires.map((dataset) => [check.id, dataset.id, check, dataset] as const));

describe("a missing required dataset never yields a verdict", () => {
  it.each(cases)("%s without %s", (_checkId, _datasetId, check, dataset) => {
    const tenant = goodTenant();
    tenant.fail(dataset, forbidden);
    const outcomes = tenant.run(check);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome.status === "pass")).toEqual([]);
    const errors = outcomes.filter((outcome) => outcome.status === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const outcome of errors) {
      expect(outcome.status === "error" && outcome.error).toEqual(forbidden);
      expect(outcome.message).toContain(forbidden.call);
      expect(outcome.message).toContain(forbidden.missingPermission);
    }
  });
});

describe("a missing optional dataset turns some subjects to error, and none to pass", () => {
  const optional = checks.flatMap((check) => (check.alsoReads ?? []).map((dataset) => [check.id, dataset.id, check, dataset] as const));
  it.each(optional)("%s without %s", (_checkId, _datasetId, check, dataset) => {
    const baseline = goodTenant().run(check);
    const tenant = goodTenant();
    tenant.fail(dataset, forbidden);
    const outcomes = tenant.run(check);
    // Nothing that was not a pass becomes one, and no new subject passes.
    const passed = new Set(baseline.filter((outcome) => outcome.status === "pass").map((outcome) => outcome.resourceId));
    expect(outcomes.filter((outcome) => outcome.status === "pass" && !passed.has(outcome.resourceId))).toEqual([]);
    for (const outcome of outcomes.filter((candidate) => candidate.status === "error" && candidate.message.includes(forbidden.call))) {
      expect(outcome.message).toContain(forbidden.missingPermission);
    }
  });
});

describe("verdicts depend only on declared datasets", () => {
  const allDatasets = collectors.flatMap((collector) => collector.datasets);
  it.each(checks.map((check) => [check.id, check] as const))("%s", (_id, check) => {
    const baseline = goodTenant()
      .run(check)
      .map((outcome) => outcome.status);
    const tenant = goodTenant();
    for (const dataset of allDatasets) {
      if (!readsOf(check).includes(dataset) && tenant.records.some((record) => record.dataset === dataset.id)) tenant.fail(dataset, forbidden);
    }
    expect(tenant.run(check).map((outcome) => outcome.status)).toEqual(baseline);
  });
});
