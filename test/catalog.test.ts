import { readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readsOf, severities, type CheckDefinition } from "../src/checks/check.js";
import { commandPlaceholders, placeholdersIn } from "../src/checks/remediation.js";
import { checks } from "../src/checks/registry.js";
import type { Collector } from "../src/collectors/collector.js";
import { collectors } from "../src/collectors/registry.js";
import { allDatasets } from "../src/datasets/all.js";
import { defaultMappingFile, loadMapping, standardsOf } from "../src/mapping/mapping.js";
import { loadRuleCatalogue } from "./support/rule-catalogue.js";

/** The registries, the files on disk, the mapping and the HIPAA catalogue must agree. */
const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
const testDir = fileURLToPath(new URL("./", import.meta.url));
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");

/** Files in src/checks/ and src/collectors/ that are machinery, not checks or collectors. */
const checkMachinery = new Set(["check", "registry", "run-checks", "remediation"]);
const collectorMachinery = new Set(["collector", "registry", "run-collectors", "collect-evidence"]);

function modulesIn(folder: string, machinery: Set<string>): string[] {
  return readdirSync(`${srcDir}${folder}`)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => basename(name, ".ts"))
    .filter((name) => !machinery.has(name))
    .sort();
}

const knownChecks = new Set(checks.map((check) => check.id));

describe("check registry", () => {
  it("holds exactly one check per file in src/checks/, whose id is the file name", async () => {
    const files = modulesIn("checks", checkMachinery);
    const fromFiles: CheckDefinition[] = [];
    for (const file of files) {
      const module = (await import(`../src/checks/${file}.ts`)) as { check?: CheckDefinition };
      expect(module.check?.id, `src/checks/${file}.ts must export its check as "check"`).toBe(file);
      fromFiles.push(module.check!);
    }
    expect(checks.map((check) => check.id).sort()).toEqual(files);
    expect(new Set(checks).size).toBe(checks.length);
    for (const check of fromFiles) expect(checks).toContain(check);
  });

  it.each(checks.map((check) => [check.id, check] as const))("%s has complete metadata", (_id, check) => {
    expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(severities).toContain(check.severity);
    expect(check.title.length).toBeGreaterThan(10);
    expect(check.rationale.length).toBeGreaterThan(40);
    expect(check.requires.length).toBeGreaterThan(0);
    // Checks never name HIPAA: the mapping does. The address of a page they cite may (Microsoft's BAA page is under offering-hipaa-us).
    const words = JSON.stringify({ title: check.title, rationale: check.rationale, remediation: check.remediation }).replace(/https:\/\/[^\s"),]+/g, "(page)");
    expect(words).not.toMatch(/164\.\d|HIPAA/i);
  });

  // Every check can fail or not evaluate, so every one says how to fix it and where Microsoft says so.
  it.each(checks.map((check) => [check.id, check] as const))(
    "%s has remediation text, a portal path and its Microsoft Learn source",
    (_id, { remediation }) => {
      expect(Object.keys(remediation).filter((key) => !["text", "portal", "source", "command"].includes(key))).toEqual([]);
      expect(remediation.text.length).toBeGreaterThan(40);
      expect(remediation.portal.length).toBeGreaterThan(10);
      // The page read, without a locale (learn.microsoft.com picks the reader's own), query or fragment.
      expect(remediation.source).toMatch(/^https:\/\/learn\.microsoft\.com\/(?:azure|entra)\/[a-z0-9/-]+$/);
      if (remediation.command !== undefined) {
        expect(remediation.command).toMatch(/^(?:az |GET |POST |PATCH |PUT |DELETE |[A-Z][a-z]+-Mg)/);
        // Only placeholders a finding's resource id can fill; no leftovers from the page such as <vault-name>.
        expect(placeholdersIn(remediation.command).filter((name) => !(commandPlaceholders as readonly string[]).includes(name))).toEqual([]);
        expect(remediation.command).not.toMatch(/<[^>]*>|\{[A-Z ]+\}/);
      }
    },
  );

  it("every dataset a check requires is declared by a registered collector", () => {
    const declared = new Map(collectors.flatMap((collector) => collector.datasets.map((dataset) => [dataset.id, collector.id] as const)));
    for (const check of checks) {
      for (const dataset of readsOf(check)) {
        expect(declared.get(dataset.id), `${check.id} requires ${dataset.id}`).toBe(dataset.collector);
      }
    }
  });
});

describe("collector registry", () => {
  it("holds exactly one collector per file in src/collectors/, whose id is the file name", async () => {
    const files = modulesIn("collectors", collectorMachinery);
    for (const file of files) {
      const module = (await import(`../src/collectors/${file}.ts`)) as Record<string, unknown>;
      const exported = Object.values(module).filter(
        (value): value is Collector => typeof value === "object" && value !== null && "collect" in value && "datasets" in value,
      );
      expect(
        exported.map((collector) => collector.id),
        `src/collectors/${file}.ts`,
      ).toEqual([file]);
      expect(collectors).toContain(exported[0]);
    }
    expect(collectors.map((collector) => collector.id).sort()).toEqual(files);
    expect(collectors[0]?.id, "scope discovery runs first").toBe("subscriptions");
  });

  it("dataset ids are unique", () => {
    const ids = collectors.flatMap((collector) => collector.datasets.map((dataset) => dataset.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declare exactly the datasets src/datasets/ defines, each under its own collector", () => {
    const declared = collectors.flatMap((collector) => collector.datasets.map((dataset) => [dataset.id, collector.id]));
    expect(allDatasets.map((dataset) => [dataset.id, dataset.collector]).sort()).toEqual(declared.sort());
  });
});

describe("mapping", () => {
  it("has every row of the rule catalogue, in order, with its title and designation", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    const { rows } = loadRuleCatalogue();
    expect(rows).toHaveLength(65);
    expect(rows.filter((row) => row.designation === "standard")).toHaveLength(22);
    expect(mapping.requirements.map(({ citation, title, designation }) => ({ citation, title, designation }))).toEqual(rows);
  });

  it("maps every check to at least one requirement", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    const mapped = new Set(mapping.requirements.flatMap((row) => [...row.checks.primary, ...row.checks.supporting]));
    expect([...knownChecks].filter((id) => !mapped.has(id))).toEqual([]);
  });

  it("gives every partial or attest row an attestation, worded as facts", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    const missing = mapping.requirements.filter((row) => row.evidence !== "auto" && !row.attestation);
    expect(missing.map((row) => row.citation)).toEqual([]);
    for (const row of mapping.requirements) {
      if (row.attestation) expect(row.attestation.shows).not.toMatch(/\bcompliant\b|\bcertified\b/i);
    }
  });

  it("decides every auto or partial row by at least one primary check whose table holds a fail case", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    // A check table proves a check can fail when one of its expected outcomes is a fail.
    const canFail = (checkId: string) => /status: "fail"/.test(withoutComments(readFileSync(`${testDir}checks/${checkId}.test.ts`, "utf8")));
    const undecidable = mapping.requirements.filter((row) => row.evidence !== "attest" && !row.checks.primary.some(canFail));
    expect(undecidable.map((row) => row.citation)).toEqual([]);
    expect(mapping.requirements.filter((row) => row.evidence !== "attest").length).toBeGreaterThan(0);
  });

  it("groups into the 22 standards of the rule, each with its own report", async () => {
    const mapping = await loadMapping(defaultMappingFile, knownChecks);
    const standards = standardsOf(mapping);
    expect(standards).toHaveLength(22);
    expect(standards.flatMap(({ rows }) => rows)).toHaveLength(65);
  });
});
