#!/usr/bin/env node
// npm run mutation: Stryker's mutation testing of the code that decides verdicts (stryker.config.mjs;
// docs/mutation-testing.md). Incremental: a second run tests only the mutants whose code or tests
// changed. Extra arguments go to Stryker, e.g. `npm run mutation -- --mutate src/checks/foo.ts`.
// `npm run mutation -- --force` tests every mutant again.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mutationFolder } from "../stryker.config.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const stryker = fileURLToPath(new URL("../node_modules/@stryker-mutator/core/bin/stryker.js", import.meta.url));
// Stryker reads tsconfig files with TypeScript's compiler API, which TypeScript 7 lacks: see tools/typescript-api.
const typescriptApi = new URL("../tools/typescript-api/register.mjs", import.meta.url).href;

console.log(`mutation testing: report and incremental file in ${mutationFolder}`);
const started = Date.now();
const run = spawnSync(process.execPath, ["--import", typescriptApi, stryker, "run", "stryker.config.mjs", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`mutation testing took ${minutes} min; report: ${mutationFolder}/report.html (JSON beside it: report.json)`);
process.exit(run.status ?? 1);
