#!/usr/bin/env node
// Writes docs/schemas/*.schema.json from the zod schemas of the built code (`npm run schemas`
// builds first). The files are generated, never edited by hand; test/docs.test.ts regenerates them
// from src/ and fails when the committed files differ.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
if (!existsSync(join(root, "dist/archive/output-schemas.js"))) {
  console.error("write-schemas: dist/ is missing; run `npm run build` first");
  process.exit(2);
}
const { outputSchemas, jsonSchemaText } = await import("../dist/archive/output-schemas.js");

for (const entry of outputSchemas) {
  const target = join(root, entry.file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, jsonSchemaText(entry));
  console.log(entry.file);
}
