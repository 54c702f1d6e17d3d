import { describe, expect, it } from "vitest";
import { defineCheck, type CheckOutcome } from "../../src/checks/check.js";
import { runChecks } from "../../src/checks/run-checks.js";
import { roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { EvidenceSet } from "../../src/model/evidence.js";
import { goodTenant, subscription, tenantId } from "../support/good-tenant.js";

/**
 * From outcomes to findings: one stable id per check and resource, a statement repeated across
 * subscriptions kept once, two different statements both kept, remediation and the failed call on
 * what needs them, and a check that throws turned into one error finding. The checks are fixtures
 * that state the outcomes each case needs; the evidence is the good tenant's.
 */
const remediation = {
  text: "Remove the standing assignment.",
  portal: "Azure portal > Subscriptions > Access control (IAM)",
  source: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-remove",
  command: "az role assignment delete --ids {resourceId}",
};
const refused = {
  call: "GET https://management.azure.com/example",
  status: 403,
  message: "denied",
  missingPermission: "Microsoft.Authorization/roleAssignments/read",
  reason: "permission",
} as const;
const evidence = [{ file: "raw/rbac/role-assignments.json", pointer: "/value/0" }];
const resource = `${subscription.scope}/providers/Microsoft.Authorization/roleAssignments/AbC`;

function stating(outcomes: CheckOutcome[] | (() => CheckOutcome[])) {
  return defineCheck({
    id: "fixture-check",
    title: "A fixture that states the outcomes a case needs",
    severity: "high",
    requires: [roleAssignmentsDataset],
    rationale: "Test fixture.",
    remediation,
    evaluate: () => (typeof outcomes === "function" ? outcomes() : outcomes),
  });
}

const outcome = (status: "pass" | "fail", message: string, resourceId = resource): CheckOutcome => ({
  status,
  resourceId,
  resourceName: "AbC",
  message,
  evidence,
});

const base = { checkId: "fixture-check", severity: "high", resourceName: "AbC", evidence };
const lowerId = `fixture-check:${resource.toLowerCase()}`;

describe("runChecks: outcomes become findings", () => {
  it.each([
    {
      name: "a pass carries neither remediation nor error; its id is the check and the resource id in lower case",
      outcomes: [outcome("pass", "Fine.")],
      findings: [{ ...base, id: lowerId, status: "pass", resourceId: resource, message: "Fine." }],
    },
    {
      name: "a fail carries the remediation, its command filled with the resource",
      outcomes: [outcome("fail", "Standing.")],
      findings: [
        {
          ...base,
          id: lowerId,
          status: "fail",
          resourceId: resource,
          message: "Standing.",
          remediation: { ...remediation, command: `az role assignment delete --ids ${resource}` },
        },
      ],
    },
    {
      name: "an error carries the failed call and the remediation",
      outcomes: [{ status: "error", resourceId: resource, resourceName: "AbC", message: "Unknown.", evidence, error: refused }],
      findings: [
        {
          ...base,
          id: lowerId,
          status: "error",
          resourceId: resource,
          message: "Unknown.",
          error: refused,
          remediation: { ...remediation, command: `az role assignment delete --ids ${resource}` },
        },
      ],
    },
    {
      name: "the same statement twice (an inherited assignment in two subscriptions' lists) is one finding",
      outcomes: [outcome("fail", "Standing."), outcome("fail", "Standing.", resource.toUpperCase())],
      findings: [
        {
          ...base,
          id: lowerId,
          status: "fail",
          resourceId: resource,
          message: "Standing.",
          remediation: { ...remediation, command: `az role assignment delete --ids ${resource}` },
        },
      ],
    },
    {
      name: "different statements about one resource are all kept, numbered",
      outcomes: [outcome("pass", "First."), outcome("pass", "Second."), outcome("fail", "First.")],
      findings: [
        { ...base, id: lowerId, status: "pass", resourceId: resource, message: "First." },
        { ...base, id: `${lowerId}~2`, status: "pass", resourceId: resource, message: "Second." },
        {
          ...base,
          id: `${lowerId}~3`,
          status: "fail",
          resourceId: resource,
          message: "First.",
          remediation: { ...remediation, command: `az role assignment delete --ids ${resource}` },
        },
      ],
    },
    {
      name: "a check that throws is one error finding on the tenant, naming the check",
      outcomes: () => {
        throw new Error("boom");
      },
      findings: [
        {
          ...base,
          id: `fixture-check:/tenants/${tenantId}`,
          status: "error",
          resourceId: `/tenants/${tenantId}`,
          resourceName: tenantId,
          message: "Check fixture-check failed while evaluating the evidence: boom.",
          evidence: [],
          error: { call: "(check fixture-check)", status: 0, message: "boom", reason: "invalid-response" },
          remediation: { text: remediation.text, portal: remediation.portal, source: remediation.source },
        },
      ],
    },
  ] as { name: string; outcomes: CheckOutcome[] | (() => CheckOutcome[]); findings: Record<string, unknown>[] }[])("$name", ({ outcomes, findings }) => {
    const tenant = goodTenant();
    expect(runChecks([stating(outcomes)], { ...tenant.checkInput(), evidence: new EvidenceSet(tenant.records) })).toEqual(findings);
  });
});
