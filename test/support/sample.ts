import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixedClock } from "../../src/clock.js";
import { collect, collectAndEvaluate, type CollectOptions, type CollectResult } from "../../src/pipeline.js";
import type { Progress } from "../../src/progress.js";

export const sampleDir = fileURLToPath(new URL("../../samples/contoso-clinic/", import.meta.url));
export const sampleRecording = join(sampleDir, "recording.har");
export const sampleConfig = join(sampleDir, "hipaa-evidence.yaml");
export const sampleClock = fixedClock("2026-11-24T09:30:00Z");

export const sample = {
  tenantId: "7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47",
  prod: "/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3",
  dev: "/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
};

export const silent: Progress = { step() {}, warn() {}, done() {} };

export function temporaryFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hipaa-evidence-${prefix}-`));
}

/** Runs the main job on the sample tenant in-process, as `collect --replay` does. */
export function collectSample(overrides: Partial<CollectOptions> = {}): Promise<CollectResult> {
  return collect({
    replay: sampleRecording,
    configFile: sampleConfig,
    outDir: temporaryFolder("out"),
    clock: sampleClock,
    progress: silent,
    ...overrides,
  });
}

/** The sample collected and evaluated, without reports or an archive: for tests about findings only. */
export function assessSample(overrides: Partial<Parameters<typeof collectAndEvaluate>[0]> = {}) {
  return collectAndEvaluate({ replay: sampleRecording, configFile: sampleConfig, clock: sampleClock, progress: silent, ...overrides });
}
