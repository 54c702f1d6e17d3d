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
    const config = await loadConfig(
      configFile(
        "limits:\n  pagesPerList: 200\n  responseBytes: 1048576\n  jsonDepth: 64\n  retryAfterSeconds: 30\n  connectTimeoutSeconds: 2.5\n  idleTimeoutSeconds: 600\n",
      ),
    );
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
    expect(resolveLimits(collectionLimitsFrom(config), { maxPagesPerList: 2, maxJsonDepth: undefined })).toEqual({
      ...defaultCollectionLimits,
      maxPagesPerList: 2,
      maxJsonDepth: 64,
    });
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

describe("ephiScope and allowedRegions in the configuration file", () => {
  it("reads each way of declaring where ePHI lives, with exclusions", async () => {
    const config = await loadConfig(
      configFile(
        [
          "ephiScope:",
          "  tags:",
          "    - name: data-classification",
          "      values: [ephi]",
          "  resourceGroups: [/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourceGroups/rg-ehr-data]",
          "  subscriptions: [4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3]",
          "  managementGroups: [mg-clinic-production]",
          "  exclusions:",
          "    - subscription: 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
          "      reason: sandbox with synthetic data",
          "      owner: Jordan Kim, Engineering lead",
          "allowedRegions: [eastus2, centralus]",
          "",
        ].join("\n"),
      ),
    );
    expect(config.ephiScope?.exclusions).toEqual([
      { subscription: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", reason: "sandbox with synthetic data", owner: "Jordan Kim, Engineering lead" },
    ]);
    expect(config.ephiScope?.managementGroups).toEqual(["mg-clinic-production"]);
    expect(config.allowedRegions).toEqual(["eastus2", "centralus"]);
  });

  it.each([
    ["ephiScope:\n  tag:\n    - name: x\n", 'line 2, column 3 (ephiScope): unknown field(s) "tag"'],
    ["ephiScope: {}\n", "line 1, column 12 (ephiScope): expected at least one of tags, resourceGroups, subscriptions or managementGroups to say where ePHI is"],
    [
      "ephiScope:\n  tags:\n    - name: data-classification\n      values: []\n",
      "line 4, column 15 (ephiScope.tags[0].values): Too small: expected array to have >=1 items",
    ],
    ["ephiScope:\n  subscriptions: [Clinic-Prod]\n", "line 2, column 19 (ephiScope.subscriptions[0]): expected a subscription id (GUID)"],
    [
      "ephiScope:\n  resourceGroups: [rg-ehr-data]\n",
      "line 2, column 20 (ephiScope.resourceGroups[0]): expected a resource group id (/subscriptions/…/resourceGroups/…)",
    ],
    [
      "ephiScope:\n  subscriptions: [4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3]\n  exclusions:\n    - subscription: 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\n      reason: sandbox\n",
      'line 4, column 7 (ephiScope.exclusions[0].owner): missing required field "owner"',
    ],
    [
      "ephiScope:\n  subscriptions: [4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3]\n  exclusions:\n    - subscription: 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\n      resourceGroup: /subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/resourceGroups/rg-dev\n      reason: sandbox\n      owner: Jordan Kim\n",
      "line 4, column 7 (ephiScope.exclusions[0]): expected exactly one of subscription, resourceGroup, resource or tag: what the exclusion takes out",
    ],
    ["allowedRegions: [East US 2]\n", "line 1, column 18 (allowedRegions[0]): expected an Azure region name as ARM writes it, such as eastus2"],
  ])("refuses %j with exit code 2, naming the key", async (text, message) => {
    expect(await refusal(text)).toEqual({ exitCode: 2, message });
  });
});
