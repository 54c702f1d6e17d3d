// Mutation testing of the code that decides verdicts (`npm run mutation`, scripts/mutation.js; see
// docs/mutation-testing.md). A benchmark of the tests, not part of `npm test`.
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Reports and the incremental file live outside the repository; HIPAA_EVIDENCE_MUTATION_DIR moves them. */
export const mutationFolder =
  process.env.HIPAA_EVIDENCE_MUTATION_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "hipaa-evidence-mutation");

const typescriptApi = pathToFileURL(join(import.meta.dirname, "tools/typescript-api/register.mjs")).href;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: [
    "src/checks/**/*.ts",
    "src/mapping/**/*.ts",
    "src/datasets/**/*.ts",
    "src/collectors/collector.ts",
    "src/azure/failure.ts",
    "src/azure/replay.ts",
    "src/archive/verify-archive.ts",
    "src/signing/verify-signature.ts",
  ],
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  // Mutants in code that runs when a module loads (check titles, rationale and remediation texts,
  // dataset schemas, tables) cannot be traced to the tests that reach them: each would run every
  // related test file, 83% of the whole run's time for 16% of the mutants. They are left out, and
  // counted as ignored in the report; HIPAA_EVIDENCE_MUTATION_STATIC=1 tests them too.
  ignoreStatic: process.env.HIPAA_EVIDENCE_MUTATION_STATIC !== "1",
  concurrency: 2,
  // Mutants that do not type-check are reported as compile errors, outside the score, instead of run.
  // It is the costliest part of a run here (docs/mutation-testing.md): `-- --checkers ""` leaves it
  // out. It checks the src program alone, quicker than the whole project with its tests.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.build.json",
  // The checker needs TypeScript's compiler API, which TypeScript 7 does not have: tools/typescript-api.
  checkerNodeArgs: ["--import", typescriptApi],
  incremental: true,
  incrementalFile: join(mutationFolder, "incremental.json"),
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: join(mutationFolder, "report.html") },
  jsonReporter: { fileName: join(mutationFolder, "report.json") },
  clearTextReporter: { reportScoreTable: true, reportMutants: false, reportTests: false },
  ignorePatterns: ["/out", "/dist", "/coverage", "/.hipaa-evidence"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
