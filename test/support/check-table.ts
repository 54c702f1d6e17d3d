import { describe, expect, it } from "vitest";
import type { CheckDefinition, CheckOutcome } from "../../src/checks/check.js";
import { goodTenant, type Tenant } from "./good-tenant.js";
import { resolvePointer } from "./json-pointer.js";

/**
 * Table-driven check tests: every case starts from the one known-good tenant, makes one change, and
 * states the exact outcomes (status and sentence) the check must give. What else each outcome carries
 * (its subject, the evidence it cites, the failed call behind an error) is kept in the test file's
 * snapshot (`__snapshots__/`), read when it is written or changed: a reference that moves to another
 * item, or an error that names another call, fails the case instead of passing unseen.
 */
export interface CheckCase {
  name: string;
  change?: (tenant: Tenant) => void;
  expected: Pick<CheckOutcome, "status" | "message">[];
}

/** An outcome as its snapshot keeps it: the subject, each reference as file#pointer, and the failed call. */
function recorded(outcome: CheckOutcome): Record<string, unknown> {
  return {
    subject: `${outcome.resourceName} (${outcome.resourceId})`,
    evidence: outcome.evidence.map((ref) => `${ref.file}#${ref.pointer}`),
    ...(outcome.status === "error" ? { error: outcome.error } : {}),
  };
}

export function checkTable(check: CheckDefinition, cases: readonly CheckCase[]): void {
  describe(check.id, () => {
    it("passes on the known-good tenant (the first case)", () => {
      expect(cases[0]?.change).toBeUndefined();
      // Passes, and at most subjects the check does not judge (not_applicable): nothing fails or errs.
      expect(cases[0]?.expected.every((outcome) => outcome.status === "pass" || outcome.status === "not_applicable")).toBe(true);
      expect(cases[0]?.expected.some((outcome) => outcome.status === "pass")).toBe(true);
    });
    it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
      const tenant = goodTenant();
      testCase.change?.(tenant);
      const outcomes = tenant.run(check);
      expect(outcomes.map(({ status, message }) => ({ status, message }))).toEqual(testCase.expected);
      // Each statement has a resource of its own, or findings.json would keep only one of them.
      const ids = outcomes.map((outcome) => outcome.resourceId.toLowerCase());
      expect(
        ids.filter((id, index) => ids.indexOf(id) !== index),
        "resource ids used twice",
      ).toEqual([]);
      // Never a verdict without evidence: a pass or a fail points at what it was decided on, and every
      // pointer leads to something in the raw file it names (the raw file is the record as written).
      expect(
        outcomes
          .filter((outcome) => (outcome.status === "pass" || outcome.status === "fail") && outcome.evidence.length === 0)
          .map((outcome) => outcome.message),
        "verdicts without evidence",
      ).toEqual([]);
      const dangling = outcomes.flatMap((outcome) =>
        outcome.evidence.filter((ref) => {
          const record = tenant.records.find((candidate) => candidate.file === ref.file);
          return !/^\/(value|error)(\/|$)/.test(ref.pointer) || record === undefined || resolvePointer(record, ref.pointer) === undefined;
        }),
      );
      expect(dangling, "evidence pointers that lead nowhere").toEqual([]);
      expect(outcomes.map(recorded)).toMatchSnapshot();
    });
  });
}
