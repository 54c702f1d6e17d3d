import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCollectionLimits, resolveLimits } from "../src/azure/limits.js";
import { collectionLimitsFrom, loadConfig } from "../src/config.js";
import { InputError } from "../src/errors.js";
import { temporaryFolder } from "./support/sample.js";

/** The configuration file's `limits` section: read in seconds and bytes, refused when misspelt or out of range. */
function configFile(text: string): string {
  const file = join(temporaryFolder("config"), "hipaa-evidence.yaml");
  writeFileSync(file, text);
  return file;
}

async function refusal(text: string): Promise<{ exitCode: number; message: string }> {
  const file = configFile(text);
  try {
    await loadConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return { exitCode: (error as InputError).exitCode, message: (error as InputError).message.slice(file.length + 2) };
  }
  throw new Error("expected the configuration to be refused");
}

describe("limits in the configuration file", () => {
  it("reads every limit, seconds as milliseconds, and keeps the defaults of the rest", async () => {
    const config = await loadConfig(configFile("limits:\n  pagesPerList: 200\n  responseBytes: 1048576\n  jsonDepth: 64\n  retryAfterSeconds: 30\n  connectTimeoutSeconds: 2.5\n  idleTimeoutSeconds: 600\n"));
    expect(resolveLimits(collectionLimitsFrom(config))).toEqual({
      maxPagesPerList: 200,
      maxResponseBytes: 1_048_576,
      maxJsonDepth: 64,
      maxRetryAfterMs: 30_000,
      connectTimeoutMs: 2500,
      idleTimeoutMs: 600_000,
    });
    const partial = await loadConfig(configFile("limits:\n  idleTimeoutSeconds: 300\n"));
    expect(resolveLimits(collectionLimitsFrom(partial))).toEqual({ ...defaultCollectionLimits, idleTimeoutMs: 300_000 });
  });

  it("lets the run's own options override the file, as tests do", async () => {
    const config = await loadConfig(configFile("limits:\n  pagesPerList: 200\n  jsonDepth: 64\n"));
    expect(resolveLimits(collectionLimitsFrom(config), { maxPagesPerList: 2, maxJsonDepth: undefined })).toEqual({ ...defaultCollectionLimits, maxPagesPerList: 2, maxJsonDepth: 64 });
  });

  it.each([
    ["limits:\n  pagesPerLsit: 3\n", 'line 2, column 3 (limits): unknown field(s) "pagesPerLsit"'],
    ["limits:\n  pagesPerList: 0\n", "line 2, column 17 (limits.pagesPerList): Too small: expected number to be >=1"],
    ["limits:\n  jsonDepth: 2.5\n", "line 2, column 14 (limits.jsonDepth): expected int, received number"],
    ["limits:\n  idleTimeoutSeconds: 0\n", "line 2, column 23 (limits.idleTimeoutSeconds): Too small: expected number to be >0"],
  ])("refuses %j with exit code 2", async (text, message) => {
    expect(await refusal(text)).toEqual({ exitCode: 2, message });
  });
});
