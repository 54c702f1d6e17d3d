import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

/**
 * The project's own catalogue of the HIPAA Security Rule (45 CFR Part 164, Subpart C): every standard
 * and implementation specification with its citation, heading and designation, in the order of the
 * rule, and where those facts were read. Tests check the mapping and the archive against it.
 */
export const ruleCatalogueFile = fileURLToPath(new URL("../../mappings/catalogues/45-cfr-164-subpart-c.yaml", import.meta.url));

const CatalogueRowSchema = z.strictObject({
  citation: z.string().regex(/^164\.3(08|10|12|14|16)(\([a-zA-Z0-9]+\))+$/, "expected a citation such as 164.312(b)"),
  title: z.string().min(1),
  designation: z.enum(["standard", "required", "addressable"]),
});
export type CatalogueRow = z.infer<typeof CatalogueRowSchema>;

const CatalogueSourceSchema = z.strictObject({
  /** The regulation text and the amendment it is current to. */
  text: z.string().min(1),
  /** The publication the facts were read from. */
  edition: z.string().min(1),
  url: z.url(),
  /** Where the current text can be re-checked. */
  current: z.url(),
  retrieved: z.iso.date(),
  /** How citations were derived from the paragraph structure. */
  citations: z.string().min(1),
  /** How designations were read from the (Required)/(Addressable) markers. */
  designations: z.string().min(1),
  consulted: z.array(z.strictObject({ url: z.url(), confirms: z.string().min(1) })).min(1),
  /** Rows that no official edition confirmed, and what was used instead. */
  unconfirmed: z.string().min(1).optional(),
});
export type CatalogueSource = z.infer<typeof CatalogueSourceSchema>;

const CatalogueSchema = z
  .strictObject({
    source: CatalogueSourceSchema,
    rows: z.array(CatalogueRowSchema).min(1),
  })
  .superRefine(({ rows }, context) => {
    const seen = new Set<string>();
    let section = "";
    for (const [index, row] of rows.entries()) {
      if (seen.has(row.citation)) context.addIssue({ code: "custom", path: ["rows", index, "citation"], message: `duplicate citation ${row.citation}` });
      seen.add(row.citation);
      // Each section opens with a standard; a specification always follows a standard of its own section.
      const rowSection = row.citation.slice(0, row.citation.indexOf("("));
      if (rowSection !== section && row.designation !== "standard") {
        context.addIssue({
          code: "custom",
          path: ["rows", index, "designation"],
          message: `${row.citation} opens section ${rowSection} but is not a standard`,
        });
      }
      section = rowSection;
    }
  });

export interface RuleCatalogue {
  source: CatalogueSource;
  rows: CatalogueRow[];
}

/** Loads and validates the catalogue; throws with the failing path when the file is malformed. */
export function loadRuleCatalogue(file: string = ruleCatalogueFile): RuleCatalogue {
  const result = CatalogueSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!result.success) throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  return result.data;
}
