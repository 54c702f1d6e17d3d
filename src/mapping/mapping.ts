import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { parseYamlInput, readTextInput, yamlPlace } from "../input/read-input.js";

/**
 * The mapping is data: every HIPAA Security Rule standard and implementation specification, the
 * checks that evidence it, and what an attestation must show where no API can. An empty checks list
 * means the requirement needs an attestation.
 */
export const safeguards = ["administrative", "physical", "technical", "organizational", "documentation"] as const;
export const designations = ["standard", "required", "addressable"] as const;
export const evidenceModes = ["auto", "partial", "attest"] as const;

const RequirementRowSchema = z.strictObject({
  citation: z.string().regex(/^164\.3(08|10|12|14|16)(\([a-zA-Z0-9]+\))+$/, "expected a citation such as 164.312(b)"),
  title: z.string().min(1),
  safeguard: z.enum(safeguards),
  designation: z.enum(designations),
  /** Citation of the standard this row belongs to (itself for a standard). */
  standard: z.string(),
  evidence: z.enum(evidenceModes),
  checks: z.array(z.string()),
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
export type Mapping = z.infer<typeof MappingSchema>;

export const defaultMappingFile = fileURLToPath(new URL("../../mappings/hipaa-security-rule.yaml", import.meta.url));

/** Loads and cross-checks a mapping; every problem names the file, the line and the row. */
export async function loadMapping(file: string, knownChecks: ReadonlySet<string>): Promise<Mapping> {
  const text = await readTextInput(file);
  const mapping = parseYamlInput(file, text, MappingSchema);
  const fail = (path: (string | number)[], expected: string): never => {
    throw new InputError(file, yamlPlace(text, path), expected);
  };
  const citations = new Map<string, RequirementRow>();
  const attestationIds = new Set<string>();
  for (const [index, row] of mapping.requirements.entries()) {
    if (citations.has(row.citation)) fail(["requirements", index, "citation"], `duplicate citation ${row.citation}`);
    citations.set(row.citation, row);
    for (const [checkIndex, checkId] of row.checks.entries()) {
      if (!knownChecks.has(checkId)) {
        fail(["requirements", index, "checks", checkIndex], `unknown check "${checkId}"; known checks: ${[...knownChecks].sort().join(", ")}`);
      }
    }
    if (!row.attestation && (row.evidence !== "auto" || row.checks.length === 0)) {
      fail(["requirements", index], `${row.citation} needs an attestation (what it must show), because its evidence is ${row.evidence}${row.checks.length === 0 ? " and it maps no check" : ""}`);
    }
    if (row.attestation) {
      if (attestationIds.has(row.attestation.id)) fail(["requirements", index, "attestation", "id"], `duplicate attestation id ${row.attestation.id}`);
      attestationIds.add(row.attestation.id);
    }
  }
  for (const [index, row] of mapping.requirements.entries()) {
    const parent = citations.get(row.standard);
    if (!parent || parent.designation !== "standard") {
      fail(["requirements", index, "standard"], `"standard" must name the citation of a row whose designation is standard (got ${row.standard})`);
    }
  }
  return mapping;
}

/** Requirements grouped by standard, in mapping order: what one per-standard report covers. */
export function standardsOf(mapping: Mapping): { standard: RequirementRow; rows: RequirementRow[] }[] {
  const groups = new Map<string, { standard: RequirementRow; rows: RequirementRow[] }>();
  for (const row of mapping.requirements) {
    if (row.citation === row.standard) groups.set(row.citation, { standard: row, rows: [] });
  }
  for (const row of mapping.requirements) groups.get(row.standard)?.rows.push(row);
  return [...groups.values()];
}

/** Keeps the rows a --sections list asks for ("164.312", "164.308(a)(1)"); a standard keeps all its rows. */
export function selectSections(mapping: Mapping, sections: readonly string[] | undefined): Mapping {
  if (!sections || sections.length === 0) return mapping;
  const wanted = (citation: string) => sections.some((section) => citation === section || citation.startsWith(section.endsWith(")") ? section : `${section}(`));
  const standards = new Set(mapping.requirements.filter((row) => wanted(row.citation) || wanted(row.standard)).map((row) => row.standard));
  return { ...mapping, requirements: mapping.requirements.filter((row) => standards.has(row.standard)) };
}
