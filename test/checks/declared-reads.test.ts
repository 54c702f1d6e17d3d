import { describe, expect, it } from "vitest";
import { defineCheck } from "../../src/checks/check.js";
import { runChecks } from "../../src/checks/run-checks.js";
import { principalsDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { EvidenceSet, UndeclaredReadError } from "../../src/model/evidence.js";
import { goodTenant, subscription, tenantId } from "../support/good-tenant.js";

/**
 * A check sees only the datasets it declares: a read of any other throws, so that a failed call is
 * always listed as affecting every check that depends on it. Every check table runs through the same
 * restricted view (good-tenant's run), so an undeclared read fails the check's own table.
 */
const readsPrincipalsUndeclared = defineCheck({
  id: "reads-principals-undeclared",
  title: "A check that forgets to declare a dataset it reads",
  severity: "low",
  requires: [roleAssignmentsDataset],
  rationale: "Test fixture: it reads the principals without declaring them, which the evaluation must refuse.",
  remediation: {
    text: "Declare every dataset read in requires or alsoReads.",
    portal: "Not applicable: a test fixture.",
    source: "https://learn.microsoft.com/",
  },
  evaluate({ evidence }) {
    evidence.read(principalsDataset, `/tenants/${tenantId}`);
    return [{ status: "pass", resourceId: subscription.scope, resourceName: subscription.displayName, message: "Never reached.", evidence: [] }];
  },
});

describe("declared reads", () => {
  it("a check table fails loudly on an undeclared read", () => {
    expect(() => goodTenant().run(readsPrincipalsUndeclared)).toThrow(UndeclaredReadError);
    expect(() => goodTenant().run(readsPrincipalsUndeclared)).toThrow(
      "check reads-principals-undeclared reads rbac/principals, which it does not declare in requires or alsoReads",
    );
  });

  it("in a run, the undeclared read becomes one error finding that names it, never a pass", () => {
    const tenant = goodTenant();
    const findings = runChecks([readsPrincipalsUndeclared], { ...tenant.checkInput(), evidence: new EvidenceSet(tenant.records) });
    expect(findings.map(({ status, message }) => ({ status, message }))).toEqual([
      {
        status: "error",
        message:
          "Check reads-principals-undeclared failed while evaluating the evidence: check reads-principals-undeclared reads rbac/principals, which it does not declare in requires or alsoReads.",
      },
    ]);
  });

  it("a declared read passes through", () => {
    const declared = { ...readsPrincipalsUndeclared, alsoReads: [principalsDataset] };
    expect(
      goodTenant()
        .run(declared)
        .map((outcome) => outcome.status),
    ).toEqual(["pass"]);
  });
});
