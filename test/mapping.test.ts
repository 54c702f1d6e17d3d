import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checks } from "../src/checks/registry.js";
import { InputError, UsageError } from "../src/errors.js";
import { defaultMappingFile, loadMapping, selectSections, standardsOf, type EvidenceMode, type Mapping, type RequirementRow } from "../src/mapping/mapping.js";
import { defaultBaaServicesFile, loadBaaServices } from "../src/mapping/baa-services.js";
import { baaStandingOf } from "../src/model/baa-services.js";
import { citeFindings } from "../src/mapping/citations.js";
import {
  coverageOf,
  evaluateRequirements,
  primaryOutcome,
  requirementStatus,
  statusTable,
  type AttestationState,
  type PrimaryOutcome,
  type RecordedDecision,
  type RowAttestation,
} from "../src/mapping/requirement-status.js";
import type { RecordedAttestation } from "../src/model/attestations.js";
import type { Finding, RequirementStatus } from "../src/model/findings.js";
import { temporaryFolder } from "./support/sample.js";

const knownChecks = new Set(checks.map((check) => check.id));

function finding(checkId: string, status: Finding["status"], ephiScope: Finding["ephiScope"] = "in scope", resource = "x"): Finding {
  return {
    id: `${checkId}:${resource}`,
    checkId,
    status,
    severity: "high",
    resourceId: `/${resource}`,
    resourceName: resource,
    ephiScope,
    message: "x",
    hipaa: [],
    evidence: [],
  };
}

describe("requirement status: one table", () => {
  // Every combination the mapping allows with no recorded decision, with the status an auditor should read.
  const expected: [EvidenceMode, PrimaryOutcome, AttestationState, RequirementStatus][] = [
    ["auto", "any fail", "not needed", "not_satisfied"],
    ["auto", "any error", "not needed", "incomplete"],
    ["auto", "all pass", "not needed", "satisfied"],
    ["auto", "none", "not needed", "attestation_required"],
    ["partial", "any fail", "valid", "not_satisfied"],
    ["partial", "any fail", "expired", "not_satisfied"],
    ["partial", "any fail", "missing", "not_satisfied"],
    ["partial", "any error", "valid", "incomplete"],
    ["partial", "any error", "expired", "incomplete"],
    ["partial", "any error", "missing", "incomplete"],
    ["partial", "all pass", "valid", "satisfied"],
    ["partial", "all pass", "expired", "attestation_required"],
    ["partial", "all pass", "missing", "attestation_required"],
    ["partial", "none", "valid", "attested"],
    ["partial", "none", "expired", "attestation_required"],
    ["partial", "none", "missing", "attestation_required"],
    ["attest", "none", "valid", "attested"],
    ["attest", "none", "expired", "attestation_required"],
    ["attest", "none", "missing", "attestation_required"],
  ];
  // What a valid attestation records changes the row: a documented decision closes it whatever the checks found.
  const decided: [EvidenceMode, PrimaryOutcome, RecordedDecision, RequirementStatus][] = [
    ["partial", "any fail", "implemented", "not_satisfied"],
    ["partial", "any fail", "alternative", "documented_decision"],
    ["partial", "any fail", "not_reasonable", "documented_decision"],
    ["partial", "any fail", "not applicable", "not_applicable"],
    ["partial", "any error", "implemented", "incomplete"],
    ["partial", "any error", "alternative", "documented_decision"],
    ["partial", "any error", "not_reasonable", "documented_decision"],
    ["partial", "any error", "not applicable", "not_applicable"],
    ["partial", "all pass", "implemented", "satisfied"],
    ["partial", "all pass", "alternative", "documented_decision"],
    ["partial", "all pass", "not_reasonable", "documented_decision"],
    ["partial", "all pass", "not applicable", "not_applicable"],
    ["partial", "none", "implemented", "attested"],
    ["partial", "none", "alternative", "documented_decision"],
    ["partial", "none", "not_reasonable", "documented_decision"],
    ["partial", "none", "not applicable", "not_applicable"],
    ["attest", "none", "implemented", "attested"],
    ["attest", "none", "alternative", "documented_decision"],
    ["attest", "none", "not_reasonable", "documented_decision"],
    ["attest", "none", "not applicable", "not_applicable"],
  ];

  it("covers every allowed combination: the rows above, each decision on a valid or an expired attestation, and nothing else", () => {
    const table = statusTable();
    expect(table.filter((row) => row.decision === "none").map(({ kind, outcome, attestation, status }) => [kind, outcome, attestation, status])).toEqual(
      expected,
    );
    expect(
      table
        .filter((row) => row.decision !== "none" && row.attestation === "valid")
        .map(({ kind, outcome, decision, status }) => [kind, outcome, decision, status]),
    ).toEqual(decided);
    expect(table.filter((row) => row.decision !== "none" && row.attestation !== "valid" && row.attestation !== "expired")).toEqual([]);
    expect(table).toHaveLength(expected.length + decided.length * 2);
  });

  it.each(expected)("%s row, primary checks %s, attestation %s: %s", (kind, outcome, attestation, status) => {
    expect(requirementStatus(kind, outcome, attestation)).toBe(status);
  });

  it.each(decided)("%s row, primary checks %s, a valid attestation recording %s: %s", (kind, outcome, decision, status) => {
    expect(requirementStatus(kind, outcome, "valid", decision)).toBe(status);
  });

  it.each(decided)("%s row, primary checks %s: an expired attestation's %s no longer counts", (kind, outcome, decision) => {
    const withoutAttestation = requirementStatus(kind, outcome, "expired");
    expect(requirementStatus(kind, outcome, "expired", decision)).toBe(withoutAttestation);
    expect(["attestation_required", "not_satisfied", "incomplete"]).toContain(withoutAttestation);
  });

  it.each([
    ["a fail outweighs an error and passes", ["a", "b", "c"], [finding("a", "pass"), finding("b", "error"), finding("c", "fail")], "any fail"],
    ["an error outweighs passes", ["a", "b"], [finding("a", "pass"), finding("b", "error")], "any error"],
    ["passes beside nothing-to-examine", ["a", "b"], [finding("a", "pass"), finding("b", "not_applicable")], "all pass"],
    ["only nothing-to-examine", ["a"], [finding("a", "not_applicable")], "none"],
    ["no primary check", [], [finding("a", "fail")], "none"],
    ["findings of other checks do not count", ["a"], [finding("a", "pass"), finding("other", "fail")], "all pass"],
  ] as const)("the primary outcome: %s", (_name, primary, findings, outcome) => {
    expect(primaryOutcome(primary, findings)).toBe(outcome);
  });
});

describe("requirements evaluated from findings", () => {
  const rows = (requirements: Partial<RequirementRow>[]): Mapping => ({
    id: "m",
    version: "1",
    title: "m",
    standards: [],
    requirements: requirements.map((overrides, index) => ({
      citation: `164.312(b)(${index})`,
      title: "t",
      safeguard: "technical",
      designation: "standard",
      standard: "164.312(b)",
      evidence: "partial",
      checks: { primary: ["a"], supporting: ["s"] },
      attestation: { id: `a${index}`, shows: "x" },
      ...overrides,
    })),
  });

  it("a failing supporting check is a concern, never the deciding fail", () => {
    const [result] = evaluateRequirements(rows([{}]), [finding("a", "pass"), finding("s", "fail")]);
    expect(result).toMatchObject({ status: "attestation_required", checks: ["a"], supportingChecks: ["s"], concerns: ["s:x"] });
  });

  it("a failing primary check decides, whatever its supporting checks say", () => {
    const [result] = evaluateRequirements(rows([{}]), [finding("a", "fail"), finding("s", "pass")]);
    expect(result).toMatchObject({ status: "not_satisfied", concerns: [] });
  });

  it("a primary check failing out of the ePHI scope is a concern; unclassified and tenant-wide findings decide", () => {
    const [outside] = evaluateRequirements(rows([{ evidence: "auto", attestation: undefined }]), [
      finding("a", "pass", "in scope", "ehr"),
      finding("a", "fail", "out of scope", "sandbox"),
    ]);
    expect(outside).toMatchObject({ status: "satisfied", concerns: ["a:sandbox"] });
    for (const standing of ["unclassified", "tenant-wide"] as const) {
      const [decided] = evaluateRequirements(rows([{ evidence: "auto", attestation: undefined }]), [
        finding("a", "pass", "in scope", "ehr"),
        finding("a", "fail", standing, "other"),
      ]);
      expect(decided).toMatchObject({ status: "not_satisfied", concerns: [] });
    }
    // With only out-of-scope findings the checks reached no verdict on the systems that hold ePHI.
    const [none] = evaluateRequirements(rows([{ evidence: "auto", attestation: undefined }]), [finding("a", "pass", "out of scope", "sandbox")]);
    expect(none?.status).toBe("attestation_required");
    expect(coverageOf([none!], [finding("a", "pass", "out of scope", "sandbox")]).automated).toBe(0);
  });

  it("an auto row with its primary checks passing is evidenced", () => {
    const [result] = evaluateRequirements(rows([{ evidence: "auto", attestation: undefined }]), [finding("a", "pass")]);
    expect(result?.status).toBe("satisfied");
  });

  // What the result carries of a row's attestation: the state, and the recorded statement an auditor looks up.
  const recorded = (overrides: Partial<RecordedAttestation>): RecordedAttestation => ({
    id: "access-review",
    path: "attestations/access-review.yaml",
    requirements: ["164.312(b)(0)"],
    statement: "Access is reviewed each quarter.",
    owner: { name: "Dana Reyes", role: "Privacy Officer" },
    reviewer: { name: "Sam Ortiz", role: "IT Manager" },
    date: "2026-10-01",
    expiresOn: "2027-09-30",
    attachments: [],
    ...overrides,
  });
  const recordedAs = { file: "attestations/access-review.yaml", owner: "Dana Reyes, Privacy Officer", date: "2026-10-01", expiresOn: "2027-09-30" };
  it.each([
    {
      name: "no attestation recorded: missing where the row asks for one",
      row: {},
      attestation: undefined,
      expected: { status: "attestation_required", attestationState: "missing", attestations: ["a0"] },
    },
    {
      name: "a row that takes no attestation",
      row: { evidence: "auto", attestation: undefined },
      attestation: undefined,
      expected: { status: "satisfied", attestationState: "not needed", attestations: [] },
    },
    {
      name: "a valid attestation, the checks passing",
      row: {},
      attestation: { state: "valid", recorded: recorded({}) },
      expected: { status: "satisfied", attestationState: "valid", attestations: ["a0"], attestation: recordedAs },
    },
    {
      name: "an alternative measure, with its rationale",
      row: {},
      attestation: { state: "valid", recorded: recorded({ decision: "alternative", rationale: "A compensating review by the vendor." }) },
      expected: {
        status: "documented_decision",
        attestationState: "valid",
        attestations: ["a0"],
        attestation: { ...recordedAs, decision: "alternative", rationale: "A compensating review by the vendor." },
      },
    },
    {
      name: "not applicable, with its reason",
      row: {},
      attestation: { state: "valid", recorded: recorded({ notApplicable: { reason: "No workstations hold ePHI." } }) },
      expected: {
        status: "not_applicable",
        attestationState: "valid",
        attestations: ["a0"],
        attestation: { ...recordedAs, notApplicableReason: "No workstations hold ePHI." },
      },
    },
    {
      name: "an expired attestation's decision no longer counts",
      row: {},
      attestation: { state: "expired", recorded: recorded({ decision: "not_reasonable", rationale: "Too costly.", expiresOn: "2026-06-30" }) },
      expected: {
        status: "attestation_required",
        attestationState: "expired",
        attestations: ["a0"],
        attestation: { ...recordedAs, expiresOn: "2026-06-30", decision: "not_reasonable", rationale: "Too costly." },
      },
    },
  ] as { name: string; row: Partial<RequirementRow>; attestation: RowAttestation | undefined; expected: Record<string, unknown> }[])(
    "the row's attestation: $name",
    ({ row, attestation, expected }) => {
      const mapping = rows([row]);
      const [result] = attestation
        ? evaluateRequirements(mapping, [finding("a", "pass")], () => attestation)
        : evaluateRequirements(mapping, [finding("a", "pass")]);
      const { status, attestationState, attestations, attestation: carried } = result!;
      expect({ status, attestationState, attestations, ...(carried ? { attestation: carried } : {}) }).toEqual(expected);
    },
  );

  it("counts one status per row, adding up to the number of rows", () => {
    const mapping = rows([{}, { checks: { primary: ["b"], supporting: [] } }, { evidence: "attest", checks: { primary: [], supporting: ["s"] } }]);
    const findings = [finding("a", "fail"), finding("b", "error"), finding("s", "fail")];
    const coverage = coverageOf(evaluateRequirements(mapping, findings), findings);
    expect(coverage).toEqual({
      total: 3,
      automated: 1,
      attested: 0,
      open: 2,
      byStatus: { satisfied: 0, not_satisfied: 1, incomplete: 1, attestation_required: 1, attested: 0, documented_decision: 0, not_applicable: 0 },
    });
    expect(Object.values(coverage.byStatus).reduce((sum, count) => sum + count, 0)).toBe(coverage.total);
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
    const { file, message } = await failure(text.replace("primary: [defender-high-alerts-handled]", "primary: [defender-high-alerts-handled, no-such-check]"));
    expect(message).toMatch(
      new RegExp(`^${file}: line \\d+, column \\d+ \\(requirements\\[4\\]\\.checks\\.primary\\[1\\]\\): unknown check "no-such-check"; known checks: `),
    );
  });

  it("names the row and field that is missing", async () => {
    const withoutTitle = text.replace('    title: "Risk analysis"\n', "");
    // The row is reported at its first field, the line where the title was.
    const line = text.split("\n").indexOf('    title: "Risk analysis"');
    const { message } = await failure(withoutTitle);
    expect(message).toMatch(new RegExp(`: line ${line}, column 5 \\(requirements\\[1\\]\\.title\\): missing required field "title"$`));
  });

  /** The row's index in the mapping as shipped, for the place an error names. */
  const rowOf = (citation: string) =>
    text
      .split(/^ {2}- citation: /m)
      .slice(1)
      .findIndex((row) => row.startsWith(`"${citation}"`));
  const escaped = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  it.each([
    [
      "a duplicate citation",
      'citation: "164.308(a)(1)(ii)(B)"',
      'citation: "164.308(a)(1)(ii)(A)"',
      `requirements[${rowOf("164.308(a)(1)(ii)(B)")}].citation`,
      "duplicate citation 164.308(a)(1)(ii)(A)",
    ],
    [
      "a standard reference to no standard row",
      'standard: "164.308(a)(2)"',
      'standard: "164.308(a)(9)"',
      `requirements[${rowOf("164.308(a)(2)")}].standard`,
      '"standard" must name the citation of a row whose designation is standard (got 164.308(a)(9))',
    ],
    [
      "a missing attestation",
      /( {2}- citation: "164\.316\(a\)"[\s\S]*?evidence: attest\n) {4}attestation:\n {6}id: [^\n]+\n {6}shows: [^\n]+\n/,
      "$1",
      `requirements[${rowOf("164.316(a)")}]`,
      "164.316(a) needs an attestation (what it must show), because its evidence is attest",
    ],
    [
      "a duplicate attestation id",
      "id: risk-analysis\n",
      "id: security-management-process\n",
      `requirements[${rowOf("164.308(a)(1)(ii)(A)")}].attestation.id`,
      "duplicate attestation id security-management-process",
    ],
    [
      "an attest row with a primary check",
      "evidence: partial\n    checks:\n      primary: [entra-break-glass-accounts]",
      "evidence: attest\n    checks:\n      primary: [entra-break-glass-accounts]",
      `requirements[${rowOf("164.312(a)(2)(ii)")}].checks.primary`,
      "164.312(a)(2)(ii) is attest (no check decides it), so it can list supporting checks only",
    ],
    [
      "a partial row without a primary check",
      "evidence: partial\n    checks:\n      primary: [entra-break-glass-accounts]\n",
      "evidence: partial\n",
      `requirements[${rowOf("164.312(a)(2)(ii)")}].evidence`,
      "164.312(a)(2)(ii) is partial, so it needs at least one primary check (or evidence: attest)",
    ],
    [
      "an auto row with an attestation",
      "evidence: partial\n    checks:\n      primary: [entra-break-glass-accounts]",
      "evidence: auto\n    checks:\n      primary: [entra-break-glass-accounts]",
      `requirements[${rowOf("164.312(a)(2)(ii)")}].attestation`,
      "164.312(a)(2)(ii) is auto (its checks decide all of it), so it takes no attestation; make it partial if they decide only part",
    ],
    [
      "a check both primary and supporting on a row",
      "supporting: [entra-guest-privileged-role, entra-global-administrator-count]",
      "supporting: [entra-guest-privileged-role, entra-standing-privileged-role]",
      `requirements[${rowOf("164.308(a)(3)(ii)(A)")}].checks.supporting[1]`,
      "entra-standing-privileged-role is primary on this row already; a check either decides a row or supports it",
    ],
  ] as [string, string | RegExp, string, string, string][])("refuses %s, naming the file, line and row", async (_name, from, to, place, expected) => {
    expect(text).toMatch(from);
    const { file, message } = await failure(text.replace(from, to));
    expect(message).toMatch(new RegExp(`^${escaped(file)}: line \\d+, column \\d+ \\(${escaped(place)}\\): ${escaped(expected)}$`));
  });

  it("an unknown check is named with every known check, in order", async () => {
    const { message } = await failure(text.replace("primary: [defender-high-alerts-handled]", "primary: [no-such-check]"));
    expect(message.endsWith(`unknown check "no-such-check"; known checks: ${[...knownChecks].sort().join(", ")}`)).toBe(true);
  });

  it("rejects YAML that does not parse, with its line", async () => {
    const { message } = await failure("id: x\nversion: [unclosed\n");
    expect(message).toMatch(/: line \d+, column \d+: expected valid YAML/);
  });

  it.each([
    ["a part: all its rows", ["164.312"], 12, "164.312(a)(1)", "164.312(e)(2)(ii)"],
    ["a standard: its row and its specifications", ["164.312(a)(1)"], 5, "164.312(a)(1)", "164.312(a)(2)(iv)"],
    ["a standard by its paragraph, without the (i) that states it", ["164.308(a)(1)"], 5, "164.308(a)(1)(i)", "164.308(a)(1)(ii)(D)"],
    ["a specification: that row alone", ["164.308(a)(1)(ii)(D)"], 1, "164.308(a)(1)(ii)(D)", "164.308(a)(1)(ii)(D)"],
    ["several, in the mapping's order", ["164.312(b)", "164.308(a)(2)"], 2, "164.308(a)(2)", "164.312(b)"],
  ] as const)("--sections takes %s", async (_name, sections, count, first, last) => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    const rows = selectSections(mapping, sections).requirements.map((requirement) => requirement.citation);
    expect([rows.length, rows[0], rows[rows.length - 1]]).toEqual([count, first, last]);
  });

  it.each([
    ["a prefix that is no section", ["164.31"]],
    ["a standard's paragraph cut before its closing parenthesis", ["164.308(a)(1"]],
    ["a paragraph of specifications that is no standard", ["164.308(a)(1)(ii)"]],
    ["a part the rule does not have", ["164.999"]],
    ["paragraphs spanning several standards", ["164.308(a)"]],
    ["a specification the rule does not have", ["164.312(a)(2)(v)"]],
    ["an empty list", []],
  ])("--sections refuses %s, naming the valid forms", async (_name, sections) => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    expect(() => selectSections(mapping, sections)).toThrow(UsageError);
    expect(() => selectSections(mapping, sections)).toThrow(
      /expected .*a part of the rule \(164\.308, 164\.310, 164\.312, 164\.314 or 164\.316\), a standard with its implementation specifications .* or one implementation specification/,
    );
  });

  it("a specification's report is still headed by its standard", async () => {
    const mapping = selectSections(await loadMapping(defaultMappingFile, knownChecks), ["164.312(a)(2)(iv)"]);
    expect(standardsOf(mapping).map(({ standard, rows }) => [standard.citation, rows.map((row) => row.citation)])).toEqual([
      ["164.312(a)(1)", ["164.312(a)(2)(iv)"]],
    ]);
  });
});

describe("Microsoft's BAA service list, kept as data", () => {
  const text = readFileSync(defaultBaaServicesFile, "utf8");
  const refused = async (content: string) => {
    const file = join(temporaryFolder("baa"), "services.yaml");
    writeFileSync(file, content);
    const error = await loadBaaServices(file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message.slice(file.length + 2);
  };

  it("loads with its source, the HIPAA page that points to it and the date it was read", async () => {
    const catalogue = await loadBaaServices();
    expect(catalogue.source.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(catalogue.source.hipaaPage).toMatch(/offering-hipaa-us$/);
    expect(catalogue.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(baaStandingOf(catalogue, "microsoft.keyvault/VAULTS")).toEqual({ standing: "covered", service: "Key Vault" });
    expect(baaStandingOf(catalogue, "Microsoft.Chaos/experiments")).toEqual({ standing: "not covered", service: "Azure Chaos Studio" });
    expect(baaStandingOf(catalogue, "Contoso.Widgets/widgets")).toEqual({ standing: "not named" });
  });

  it("refuses a resource type placed under two services, naming the place", async () => {
    const doubled = text.replace("      - Microsoft.Chaos/experiments", "      - Microsoft.KeyVault/vaults");
    expect(await refused(doubled)).toMatch(
      /^line \d+, column \d+ \(notCovered\[\d+\]\.resourceTypes\[0\]\): expected each resource type once; Microsoft.KeyVault\/vaults is already under Key Vault$/,
    );
  });

  it("refuses a list without the date it was read", async () => {
    expect(await refused(text.replace(/ {2}retrieved: "[^"]+"\n/, ""))).toMatch(/\(source\.retrieved\): missing required field "retrieved"$/);
  });
});

describe("citing findings", () => {
  const mapping = {
    id: "m",
    version: "1",
    title: "m",
    standards: [],
    requirements: [
      { citation: "164.312(b)", checks: { primary: ["a"], supporting: [] } },
      { citation: "164.308(a)(1)(ii)(D)", checks: { primary: ["b"], supporting: ["a"] } },
    ],
  } as unknown as Mapping;
  const placed = (checkId: string, extra: Partial<Finding> = {}) => ({ ...finding(checkId, "fail"), ...extra });

  it.each([
    { name: "every row the check decides or supports, in the mapping's order", finding: placed("a"), hipaa: ["164.312(b)", "164.308(a)(1)(ii)(D)"] },
    { name: "a check no row names cites nothing", finding: placed("z"), hipaa: [] },
  ])("$name", ({ finding: input, hipaa }) => {
    const { hipaa: _ignored, ...rest } = input;
    expect(citeFindings([rest], mapping)).toEqual([{ ...rest, hipaa }]);
  });

  it("keeps the failed call and the remediation of a finding that has them", () => {
    const error = { call: "GET https://management.azure.com/x", status: 403, message: "denied", reason: "permission" } as const;
    const remediation = { text: "Grant Reader.", portal: "Azure portal", source: "https://learn.microsoft.com/" };
    const { hipaa: _ignored, ...rest } = placed("b", { status: "error", error, remediation });
    expect(citeFindings([rest], mapping)).toEqual([{ ...rest, hipaa: ["164.308(a)(1)(ii)(D)"], error, remediation }]);
  });
});
