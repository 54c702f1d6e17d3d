import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checks } from "../src/checks/registry.js";
import { InputError } from "../src/errors.js";
import { defaultMappingFile, loadMapping, selectSections, type RequirementRow } from "../src/mapping/mapping.js";
import { coverageOf, requirementStatus } from "../src/mapping/requirement-status.js";
import type { Finding } from "../src/model/findings.js";
import { temporaryFolder } from "./support/sample.js";

const knownChecks = new Set(checks.map((check) => check.id));

function row(overrides: Partial<RequirementRow> = {}): RequirementRow {
  return { citation: "164.312(b)", title: "Audit controls", safeguard: "technical", designation: "standard", standard: "164.312(b)", evidence: "auto", checks: ["a", "b"], ...overrides };
}

function finding(checkId: string, status: Finding["status"]): Finding {
  return { id: `${checkId}:x`, checkId, status, severity: "high", resourceId: "/x", resourceName: "x", message: "x", hipaa: [], evidence: [] };
}

describe("requirement status from findings", () => {
  const attestation = { id: "more", shows: "what else" };
  it.each([
    ["no checks mapped", row({ checks: [] }), [], "attestation_required"],
    ["all pass on an automated row", row(), [finding("a", "pass"), finding("b", "pass")], "satisfied"],
    ["one fail among passes", row(), [finding("a", "pass"), finding("b", "fail")], "not_satisfied"],
    ["a fail outweighs an error", row(), [finding("a", "error"), finding("b", "fail")], "not_satisfied"],
    ["an error and no fail", row(), [finding("a", "pass"), finding("b", "error")], "incomplete"],
    ["nothing in scope to evaluate", row(), [finding("a", "not_applicable")], "attestation_required"],
    ["no finding at all", row(), [], "attestation_required"],
    ["all pass, but the row also asks for an attestation", row({ evidence: "partial", attestation }), [finding("a", "pass")], "attestation_required"],
    ["findings of unmapped checks are ignored", row(), [finding("a", "pass"), finding("other", "fail")], "satisfied"],
  ] as const)("%s", (_name, requirement, findings, expected) => {
    expect(requirementStatus(requirement, findings)).toBe(expected);
  });

  it("counts automated coverage as rows with at least one pass or fail", () => {
    const requirements = [
      { id: "1", title: "", safeguard: "", designation: "standard" as const, status: "not_satisfied" as const, checks: ["a"], attestations: [] },
      { id: "2", title: "", safeguard: "", designation: "standard" as const, status: "incomplete" as const, checks: ["c"], attestations: [] },
      { id: "3", title: "", safeguard: "", designation: "standard" as const, status: "attestation_required" as const, checks: [], attestations: ["x"] },
    ];
    const coverage = coverageOf(requirements, [finding("a", "fail"), finding("c", "error")]);
    expect(coverage).toMatchObject({ total: 3, automated: 1, attested: 0, open: 2 });
  });
});

describe("loading a mapping", () => {
  const text = readFileSync(defaultMappingFile, "utf8");
  const write = (content: string) => {
    const file = join(temporaryFolder("mapping"), "mapping.yaml");
    writeFileSync(file, content);
    return file;
  };
  const failure = async (content: string) => {
    const file = write(content);
    const error = await loadMapping(file, knownChecks).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    return { file, message: (error as InputError).message };
  };

  it("names the file, line and row of an unknown check", async () => {
    const { file, message } = await failure(text.replace(/checks: \[key-vault-audit-logging, /, "checks: [key-vault-audit-logging, no-such-check, "));
    expect(message).toMatch(new RegExp(`^${file}: line \\d+, column \\d+ \\(requirements\\[4\\]\\.checks\\[1\\]\\): unknown check "no-such-check"; known checks: `));
  });

  it("names the row and field that is missing", async () => {
    const { message } = await failure(text.replace('    title: "Risk analysis"\n', ""));
    expect(message).toMatch(/: line 32, column 5 \(requirements\[1\]\.title\): missing required field "title"$/);
  });

  it("rejects a duplicate citation, a bad standard reference and a missing attestation", async () => {
    expect((await failure(text.replace('citation: "164.308(a)(1)(ii)(B)"', 'citation: "164.308(a)(1)(ii)(A)"'))).message).toContain("duplicate citation 164.308(a)(1)(ii)(A)");
    expect((await failure(text.replace('standard: "164.308(a)(2)"', 'standard: "164.308(a)(9)"'))).message).toContain('"standard" must name the citation of a row whose designation is standard (got 164.308(a)(9))');
    const withoutAttestation = text.replace(/(  - citation: "164\.316\(a\)"[\s\S]*?checks: \[\]\n)    attestation:\n      id: [^\n]+\n      shows: [^\n]+\n/, "$1");
    expect((await failure(withoutAttestation)).message).toContain("164.316(a) needs an attestation (what it must show), because its evidence is attest and it maps no check");
  });

  it("rejects YAML that does not parse, with its line", async () => {
    const { message } = await failure("id: x\nversion: [unclosed\n");
    expect(message).toMatch(/: line \d+, column \d+: expected valid YAML/);
  });

  it("selects the rows of the --sections asked for, keeping whole standards", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    expect(selectSections(mapping, ["164.312"]).requirements.map((requirement) => requirement.citation)).toHaveLength(12);
    expect(selectSections(mapping, ["164.308(a)(1)(ii)(D)"]).requirements.map((requirement) => requirement.citation)).toEqual([
      "164.308(a)(1)(i)",
      "164.308(a)(1)(ii)(A)",
      "164.308(a)(1)(ii)(B)",
      "164.308(a)(1)(ii)(C)",
      "164.308(a)(1)(ii)(D)",
    ]);
    expect(selectSections(mapping, ["164.999"]).requirements).toEqual([]);
  });
});
