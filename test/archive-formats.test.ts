import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyArchive } from "../src/archive/verify-archive.js";
import { evaluateArchive } from "../src/pipeline.js";
import { collectSample, sampleConfig } from "./support/sample.js";
import { sharedSampleArchive } from "./support/sample-archive.js";

/**
 * Archives are read for years: every released format is kept here as an archive the tool wrote
 * (the sample, scoped to 164.312(b)), and today's tool must verify it, replay it and evaluate its
 * raw evidence again to the same findings as the evidence it came from.
 */
const fixtures = fileURLToPath(new URL("fixtures/archives/", import.meta.url));
const released = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const [archive] = readdirSync(join(fixtures, entry.name)).filter((name) => name.endsWith(".zip"));
    return [entry.name, join(fixtures, entry.name, archive!)] as const;
  });

/**
 * What a finding says, without the citations (they follow the mapping and the scope of the run) and
 * without the files it points into: an archive of an older layout names its raw files its own way.
 */
const statements = (findings: readonly { id: string; status: string; message: string; evidence: { pointer: string }[]; error?: unknown }[]) =>
  findings.map(({ id, status, message, evidence, error }) => ({ id, status, message, pointers: evidence.map((ref) => ref.pointer), error }));

/**
 * Findings whose evidence the sample has gained since a version was released, with why: their
 * sentences differ by that evidence, never their status. Everything else must read the same.
 */
const grownSince: Record<string, Record<string, string>> = {
  "0.1.0": {
    // Issue 15: Microsoft Sentinel's analytics rules are collected, and the sample's security workspace has one on emergency access sign-ins.
    "entra-break-glass-accounts:/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47/users/a1e5c0de-0009-4a6b-8c9d-0e1f2a3b4c5d": "Sentinel analytics rule",
    "entra-break-glass-accounts:/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47/users/a1e5c0de-0010-4a6b-8c9d-0e1f2a3b4c5d": "Sentinel analytics rule",
    // Issue 15: the sample's audit tables keep 2191 days, a total retention Log Analytics accepts (2192 is not).
    "log-analytics-retention:/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourcegroups/rg-security-logs/providers/microsoft.operationalinsights/workspaces/law-clinic-security": "2191 days",
    // Issue 15: each storage account's own Defender for Storage settings are collected; an archive
    // without them cannot say whether an account overrides its plan, so this check is not evaluated there.
    "defender-storage-malware-scanning:/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourcegroups/rg-ehr-data/providers/microsoft.storage/storageaccounts/stclinicscans01": "new evidence",
    "defender-storage-malware-scanning:/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourcegroups/rg-security-logs/providers/microsoft.storage/storageaccounts/stclinicauditarchive": "new evidence",
  },
};

/** The statements of both, the grown findings compared by status only, those resting on new evidence by id only. */
function comparable(version: string, findings: Parameters<typeof statements>[0]) {
  const grown = grownSince[version] ?? {};
  return statements(findings).map((finding) =>
    finding.id in grown ? { id: finding.id, ...(grown[finding.id] === "new evidence" ? {} : { status: finding.status }), grown: grown[finding.id] } : finding,
  );
}

describe("archives of every released version", () => {
  it("are kept as fixtures, one per version", () => {
    expect(released.map(([version]) => version)).toEqual(["0.1.0"]);
  });

  it.each(released)("%s: verify finds it intact", async (_version, archive) => {
    const verified = await verifyArchive(archive);
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);
  });

  it.each(released)("%s: its raw evidence evaluates again, without Azure, to the findings the sample gives today", async (version, archive) => {
    const { assessment, evidence } = await evaluateArchive({ archive, configFile: sampleConfig });
    expect(comparable(version, assessment.findings)).toEqual(comparable(version, sharedSampleArchive().result.document.findings));
    // Every pointer leads into a raw file of that archive.
    const files = new Set(evidence.records.map((record) => record.file));
    expect(assessment.findings.flatMap((finding) => finding.evidence.map((ref) => ref.file)).filter((file) => !files.has(file))).toEqual([]);
  });

  it.each(released)("%s: replays as a recording, to an archive that verifies", async (version, archive) => {
    const replayed = await collectSample({ replay: archive, sections: ["164.312(b)"] });
    const audited = sharedSampleArchive().result.document.findings.filter((finding) => finding.hipaa.includes("164.312(b)"));
    expect(comparable(version, replayed.document.findings)).toEqual(comparable(version, audited));
    expect((await verifyArchive(replayed.archivePath)).intact).toBe(true);
  });
});

describe("the archive written today", () => {
  it("evaluates again from its own raw evidence to the same findings and requirement statuses", async () => {
    const shared = sharedSampleArchive();
    const { assessment } = await evaluateArchive({ archive: shared.archivePath, configFile: sampleConfig });
    expect(assessment.findings).toEqual(shared.result.document.findings);
    expect(assessment.requirements).toEqual(shared.result.document.requirements);
  });
});
