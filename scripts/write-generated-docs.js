#!/usr/bin/env node
// Writes the generated parts of docs/ from the built code (`npm run docs` builds first): the JSON
// Schemas in docs/schemas/ from the zod schemas, and the status table of docs/requirement-status.md
// from the function that decides it. Never edited by hand; test/docs.test.ts regenerates them from
// src/ and fails when the committed files differ.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
if (!existsSync(join(root, "dist/generated-docs.js"))) {
  console.error("write-schemas: dist/ is missing; run `npm run build` first");
  process.exit(2);
}
const { outputSchemas, jsonSchemaText, statusTableMarkdown, withStatusTable } = await import("../dist/generated-docs.js");

for (const entry of outputSchemas) {
  const target = join(root, entry.file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, jsonSchemaText(entry));
  console.log(entry.file);
}

const statusDoc = join(root, "docs/requirement-status.md");
writeFileSync(statusDoc, withStatusTable(readFileSync(statusDoc, "utf8"), statusTableMarkdown()));
console.log("docs/requirement-status.md");
