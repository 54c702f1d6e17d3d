import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { developmentKeyFile, developmentSigningKey } from "../../src/signing/development-key.js";

/** Creates the development key once, before the workers start, so parallel files share one key. */
export async function setup(): Promise<void> {
  await developmentSigningKey(new Date(), developmentKeyFile());
}

/** The run's temporary folder (vitest.config.ts sets TMPDIR to it) goes when the run ends. */
export function teardown(): void {
  const runFolder = tmpdir();
  if (/hipaa-evidence-test-run-[^/]+$/.test(runFolder)) rmSync(runFolder, { recursive: true, force: true });
}
