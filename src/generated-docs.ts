import { z } from "zod";
import { ManifestV1Schema, ManifestV2Schema } from "./archive/manifest.js";
import { statusTable } from "./mapping/requirement-status.js";
import { FindingsDocumentSchema, FindingsDocumentV1Schema } from "./model/findings.js";

/**
 * The parts of docs/ that are generated from the code, so the documentation cannot drift from it:
 * the JSON Schemas of the archive's machine-readable files (from the zod schemas the code validates
 * with) and the requirement status table (from the function that decides statuses). `npm run docs`
 * writes them; test/docs.test.ts regenerates and compares them.
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
    schema: FindingsDocumentV1Schema,
    $id: "urn:hipaa-evidence:schema:findings.v1",
    title: "hipaa-evidence findings/findings.json, schemaVersion 1 (written by 0.1.0)",
    description: "Generated from FindingsDocumentV1Schema (src/model/findings.ts) by npm run docs; do not edit. See docs/findings-json.md.",
  },
  {
    file: "docs/schemas/findings.v2.schema.json",
    schema: FindingsDocumentSchema,
    $id: "urn:hipaa-evidence:schema:findings.v2",
    title: "hipaa-evidence findings/findings.json, schemaVersion 2",
    description: "Generated from FindingsDocumentSchema (src/model/findings.ts) by npm run docs; do not edit. See docs/findings-json.md.",
  },
  {
    file: "docs/schemas/manifest.v1.schema.json",
    schema: ManifestV1Schema,
    $id: "urn:hipaa-evidence:schema:manifest.v1",
    title: "hipaa-evidence manifest.json, schemaVersion 1 (written by 0.1.0)",
    description: "Generated from ManifestV1Schema (src/archive/manifest.ts) by npm run docs; do not edit. See docs/archive-layout.md.",
  },
  {
    file: "docs/schemas/manifest.v2.schema.json",
    schema: ManifestV2Schema,
    $id: "urn:hipaa-evidence:schema:manifest.v2",
    title: "hipaa-evidence manifest.json, schemaVersion 2",
    description: "Generated from ManifestV2Schema (src/archive/manifest.ts) by npm run docs; do not edit. See docs/archive-layout.md.",
  },
];

/** The JSON Schema document as it is written to disk: two-space indent and a trailing newline. */
export function jsonSchemaText({ schema, $id, title, description }: OutputSchema): string {
  const { $schema, ...body } = z.toJSONSchema(schema);
  return `${JSON.stringify({ $schema, $id, title, description, ...body }, null, 2)}\n`;
}

/** The status table as Markdown, one row per combination the mapping allows. */
export function statusTableMarkdown(): string {
  const rows = statusTable().map(({ kind, outcome, attestation, decision, status }) => `| ${kind} | ${outcome} | ${attestation} | ${decision} | ${status} |`);
  return ["| evidence | primary checks | attestation | it records | status |", "|---|---|---|---|---|", ...rows].join("\n");
}

const tableStart = "<!-- status-table -->";
const tableEnd = "<!-- /status-table -->";

/** The document with the generated table between its markers. */
export function withStatusTable(document: string, table: string): string {
  const start = document.indexOf(tableStart);
  const end = document.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error(`expected the markers ${tableStart} and ${tableEnd}`);
  return `${document.slice(0, start + tableStart.length)}\n${table}\n${document.slice(end)}`;
}
