import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// The development signing key lives in a folder of the test run's own, never in the user's config.
const home = process.env.HIPAA_EVIDENCE_HOME ?? mkdtempSync(join(tmpdir(), "hipaa-evidence-home-"));
process.env.HIPAA_EVIDENCE_HOME = home;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { HIPAA_EVIDENCE_HOME: home },
    // Creates the development key once, before the workers start, so parallel runs share one key.
    globalSetup: ["test/support/global-setup.ts"],
    // The pipeline tests replay a whole tenant and render 23 PDFs; give them room on a 2-core runner.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
