import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant (stryker.config.mjs; `npm run mutation`). Only the files
// that exercise the mutated set: the checks, the mapping, the datasets, collection and replay, and
// verification. Each mutant then runs only the tests that reached it (coverage per test).
//
// Unlike vitest.config.ts: no end-to-end project, so only the smaller sample archive (one standard)
// is built, once per test process, for the verification tables; and no read guard as a setup file,
// since Stryker runs the tests in its own copy of the project. `npm test` keeps both.
const runFolder = mkdtempSync(join(tmpdir(), "hipaa-evidence-test-run-"));
process.env.TMPDIR = runFolder;
const home = join(runFolder, "home");
process.env.HIPAA_EVIDENCE_HOME = home;

export default defineConfig({
  test: {
    name: "mutation",
    include: [
      "test/checks/**/*.test.ts",
      "test/mapping.test.ts",
      "test/catalog.test.ts",
      "test/honesty.test.ts",
      "test/official-examples.test.ts",
      "test/datasets/**/*.test.ts",
      "test/collectors/**/*.test.ts",
      "test/azure/**/*.test.ts",
      "test/evaluation/**/*.test.ts",
      "test/attestations/**/*.test.ts",
      "test/archive/**/*.test.ts",
      "test/signing/verify-signature.test.ts",
      "test/signing/pdf-signatures.test.ts",
    ],
    env: { HIPAA_EVIDENCE_HOME: home, TMPDIR: runFolder },
    // Modules stay loaded between runs: loading the Azure SDKs again for every mutant would cost more
    // than the tests themselves.
    isolate: false,
    // The development key, and the sample archive scoped to one standard that verification is tested
    // from: made once per test process (Stryker keeps vitest running), not once per mutant.
    globalSetup: ["test/support/global-setup.ts", "test/support/build-scoped-sample-archive.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
