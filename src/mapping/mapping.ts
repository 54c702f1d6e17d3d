import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError, UsageError } from "../errors.js";
import { evidenceModes } from "../model/findings.js";
import { parseYamlInput, readTextInput, yamlPlace } from "../input/read-input.js";

/**
 * The mapping is data: every HIPAA Security Rule standard and implementation specification, the
 * checks that decide it (primary) or inform it (supporting), how much of it they can decide, and
 * what an attestation must show where no API can.
 */
export const safeguards = ["administrative", "physical", "technical", "organizational", "documentation"] as const;
export const designations = ["standard", "required", "addressable"] as const;
export type EvidenceMode = (typeof evidenceModes)[number];

const RequirementRowSchema = z.strictObject({
  citation: z.string().regex(/^164\.3(08|10|12|14|16)(\([a-zA-Z0-9]+\))+$/, "expected a citation such as 164.312(b)"),
  title: z.string().min(1),
  safeguard: z.enum(safeguards),
  designation: z.enum(designations),
  /** Citation of the standard this row belongs to (itself for a standard). */
  standard: z.string(),
  evidence: z.enum(evidenceModes),
  /** Primary checks decide the row; supporting ones inform the risk analysis and never decide it. */
  checks: z
    .strictObject({
      primary: z.array(z.string()).default([]),
      supporting: z.array(z.string()).default([]),
    })
    .default({ primary: [], supporting: [] }),
  attestation: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case id"),
      shows: z.string().min(1),
    })
    .optional(),
});
export type RequirementRow = z.infer<typeof RequirementRowSchema>;

const MappingSchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().min(1),
  title: z.string().min(1),
  requirements: z.array(RequirementRowSchema).min(1),
});
/** A mapping as loaded, with every standard of the rule kept for headings, whatever rows a run selects. */
export type Mapping = z.infer<typeof MappingSchema> & { standards: RequirementRow[] };

export const defaultMappingFile = fileURLToPath(new URL("../../mappings/hipaa-security-rule.yaml", import.meta.url));

/** Loads and cross-checks a mapping; every problem names the file, the line and the row. */
export async function loadMapping(file: string, knownChecks: ReadonlySet<string>): Promise<Mapping> {
  const text = await readTextInput(file);
  const parsed = parseYamlInput(file, text, MappingSchema);
  const mapping: Mapping = { ...parsed, standards: parsed.requirements.filter((row) => row.citation === row.standard) };
  const fail = (path: (string | number)[], expected: string): never => {
    throw new InputError(file, yamlPlace(text, path), expected);
  };
  const citations = new Map<string, RequirementRow>();
  const attestationIds = new Set<string>();
  for (const [index, row] of mapping.requirements.entries()) {
    if (citations.has(row.citation)) fail(["requirements", index, "citation"], `duplicate citation ${row.citation}`);
    citations.set(row.citation, row);
    for (const role of ["primary", "supporting"] as const) {
      for (const [checkIndex, checkId] of row.checks[role].entries()) {
        if (!knownChecks.has(checkId)) {
          fail(["requirements", index, "checks", role, checkIndex], `unknown check "${checkId}"; known checks: ${[...knownChecks].sort().join(", ")}`);
        }
        if (role === "supporting" && row.checks.primary.includes(checkId)) {
          fail(["requirements", index, "checks", role, checkIndex], `${checkId} is primary on this row already; a check either decides a row or supports it`);
        }
      }
    }
    if (row.evidence === "attest" && row.checks.primary.length > 0) {
      fail(["requirements", index, "checks", "primary"], `${row.citation} is attest (no check decides it), so it can list supporting checks only`);
    }
    if (row.evidence !== "attest" && row.checks.primary.length === 0) {
      fail(["requirements", index, "evidence"], `${row.citation} is ${row.evidence}, so it needs at least one primary check (or evidence: attest)`);
    }
    if (!row.attestation && row.evidence !== "auto") {
      fail(["requirements", index], `${row.citation} needs an attestation (what it must show), because its evidence is ${row.evidence}`);
    }
    if (row.attestation && row.evidence === "auto") {
      fail(
        ["requirements", index, "attestation"],
        `${row.citation} is auto (its checks decide all of it), so it takes no attestation; make it partial if they decide only part`,
      );
    }
    if (row.attestation) {
      if (attestationIds.has(row.attestation.id)) fail(["requirements", index, "attestation", "id"], `duplicate attestation id ${row.attestation.id}`);
      attestationIds.add(row.attestation.id);
    }
  }
  for (const [index, row] of mapping.requirements.entries()) {
    const parent = citations.get(row.standard);
    if (parent?.designation !== "standard") {
      fail(["requirements", index, "standard"], `"standard" must name the citation of a row whose designation is standard (got ${row.standard})`);
    }
  }
  return mapping;
}

/**
 * The selected rows grouped by standard, in mapping order: what one per-standard report covers. A
 * standard whose own row is not selected (a run scoped to one of its specifications) still heads
 * its group.
 */
export function standardsOf(mapping: Mapping): { standard: RequirementRow; rows: RequirementRow[] }[] {
  return mapping.standards
    .map((standard) => ({ standard, rows: mapping.requirements.filter((row) => row.standard === standard.citation) }))
    .filter((group) => group.rows.length > 0);
}

const validForms =
  "a part of the rule (164.308, 164.310, 164.312, 164.314 or 164.316), a standard with its implementation specifications (such as 164.312(a)(1), or 164.308(a)(1) for 164.308(a)(1)(i)) or one implementation specification (such as 164.312(a)(2)(iv))";

/**
 * The rows a --sections list asks for: a part gives all its rows, a standard its own row and its
 * specifications, a specification itself. Anything else is a usage error naming the valid forms,
 * rather than a report on less than the user asked for, or on nothing.
 */
export function selectSections(mapping: Mapping, sections: readonly string[] | undefined): Mapping {
  if (sections === undefined) return mapping;
  if (sections.length === 0) throw new UsageError(`--sections: expected at least one section: ${validForms}`);
  const chosen = new Set<string>();
  for (const section of sections) {
    const rows = rowsOfSection(mapping, section.trim());
    if (rows.length === 0) throw new UsageError(`--sections: "${section}" is not a section of ${mapping.id}; expected ${validForms}`);
    for (const row of rows) chosen.add(row.citation);
  }
  return { ...mapping, requirements: mapping.requirements.filter((row) => chosen.has(row.citation)) };
}

function rowsOfSection(mapping: Mapping, section: string): RequirementRow[] {
  const rows = mapping.requirements;
  if (/^164\.3(08|10|12|14|16)$/.test(section)) return rows.filter((row) => row.citation.startsWith(`${section}(`));
  const exact = rows.find((row) => row.citation === section);
  if (exact) return exact.citation === exact.standard ? rows.filter((row) => row.standard === exact.citation) : [exact];
  // A standard's paragraph without the "(i)" that states it: 164.308(a)(1) for 164.308(a)(1)(i).
  const under = rows.filter((row) => row.citation.startsWith(`${section}(`));
  const standards = new Set(under.map((row) => row.standard));
  const [standard] = standards;
  if (standards.size === 1 && standard?.startsWith(section)) return rows.filter((row) => row.standard === standard);
  return [];
}
