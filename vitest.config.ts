import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Each run gets a temporary folder of its own, and the workers see it as the OS temporary folder:
// tests write only there, and the guard below refuses every other folder beside the repository,
// even when the repository itself sits in /tmp. The global set-up removes it at the end.
const runFolder = mkdtempSync(join(tmpdir(), "hipaa-evidence-test-run-"));
process.env.TMPDIR = runFolder;
// The development signing key lives there too, never in the user's config.
const home = process.env.HIPAA_EVIDENCE_HOME ?? join(runFolder, "home");
process.env.HIPAA_EVIDENCE_HOME = home;

/**
 * Tests that run the main job end to end (archives, reports, signatures, the command line). They
 * share one sample archive, built once per run by their global set-up; `npm run test:unit` leaves
 * them out for a quick edit loop.
 */
const endToEnd = [
  "test/archive.test.ts",
  "test/archive-formats.test.ts",
  "test/archive/verify-archive.test.ts",
  "test/bounded-collection-run.test.ts",
  "test/cli.test.ts",
  "test/live-loopback.test.ts",
  "test/pipeline.test.ts",
  "test/verify.test.ts",
  "test/signing/signed-archive.test.ts",
];

const shared = {
  env: { HIPAA_EVIDENCE_HOME: home, TMPDIR: runFolder },
  // Test files share a worker's loaded modules instead of loading the SDKs again for each file; no
  // test mocks modules or keeps state in them, so isolation bought nothing but start-up time.
  isolate: false,
  // Any read outside the repository and the temporary folder fails the test that made it.
  setupFiles: ["test/support/reads-stay-inside.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: endToEnd,
          // Creates the development key once, before the workers start, so parallel files share one key.
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      {
        test: {
          ...shared,
          name: "end-to-end",
          include: endToEnd,
          // The key, then the sample archives every end-to-end file reads (read-only).
          globalSetup: ["test/support/global-setup.ts", "test/support/build-sample-archive.ts"],
        },
      },
    ],
  },
});
