import { z } from "zod";
import { FindingsDocumentSchema } from "../model/findings.js";
import { ManifestV1Schema, ManifestV2Schema } from "./manifest.js";

/**
 * The published JSON Schemas of the archive's machine-readable files, generated from the zod
 * schemas the code itself validates with, so the documentation cannot drift from the code.
 * `npm run schemas` writes them to docs/schemas/; a test regenerates and compares them.
 */
export interface OutputSchema {
  /** Where the JSON Schema is kept, relative to the repository. */
  file: string;
  schema: z.ZodType;
  $id: string;
  title: string;
  description: string;
}

export const outputSchemas: readonly OutputSchema[] = [
  {
    file: "docs/schemas/findings.v1.schema.json",
    schema: FindingsDocumentSchema,
    $id: "urn:hipaa-evidence:schema:findings.v1",
    title: "hipaa-evidence findings/findings.json, schemaVersion 1",
    description: "Generated from FindingsDocumentSchema (src/model/findings.ts) by npm run schemas; do not edit. See docs/findings-json.md.",
  },
  {
    file: "docs/schemas/manifest.v1.schema.json",
    schema: ManifestV1Schema,
    $id: "urn:hipaa-evidence:schema:manifest.v1",
    title: "hipaa-evidence manifest.json, schemaVersion 1 (written by 0.1.0)",
    description: "Generated from ManifestV1Schema (src/archive/manifest.ts) by npm run schemas; do not edit. See docs/archive-layout.md.",
  },
  {
    file: "docs/schemas/manifest.v2.schema.json",
    schema: ManifestV2Schema,
    $id: "urn:hipaa-evidence:schema:manifest.v2",
    title: "hipaa-evidence manifest.json, schemaVersion 2",
    description: "Generated from ManifestV2Schema (src/archive/manifest.ts) by npm run schemas; do not edit. See docs/archive-layout.md.",
  },
];

/** The JSON Schema document as it is written to disk: two-space indent and a trailing newline. */
export function jsonSchemaText({ schema, $id, title, description }: OutputSchema): string {
  const { $schema, ...body } = z.toJSONSchema(schema);
  return `${JSON.stringify({ $schema, $id, title, description, ...body }, null, 2)}\n`;
}
