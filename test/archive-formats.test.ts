import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readZip } from "../src/archive/read-zip.js";
import { verifyArchive } from "../src/archive/verify-archive.js";
import { evaluateArchive } from "../src/pipeline.js";
import { assessSample, collectSample, sampleConfig } from "./support/sample.js";
import { sharedSampleArchive } from "./support/sample-archive.js";

/**
 * Archives are read for years: every released format is kept here as an archive the tool wrote
 * (the sample, scoped to 164.312(b)), and today's tool must verify it, replay it and evaluate its
 * raw evidence again to the same findings as replaying it gives, losing no verdict to its format.
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
const statements = (findings: readonly { id: string; status: string; message: string; evidence: { pointer: string }[]; error?: { reason: string } }[]) =>
  findings.map(({ id, status, message, evidence, error }) =>
    // Evidence an older archive never held: replay finds no recorded answer, re-evaluation no record. Both are "not evaluated", worded by how each learnt it.
    error?.reason === "not-recorded" || error?.reason === "not-collected"
      ? { id, status, absentFromArchive: true }
      : { id, status, message, pointers: evidence.map((ref) => ref.pointer), error },
  );

/**
 * Subjects a released archive decided that today's checks judge on evidence it never held, with why:
 * they are not evaluated when that archive is read again, never decided on a guess.
 */
const evidenceGrownSince: Record<string, string[]> = {
  "0.1.0": [
    // Issue 15: the members of groups that hold Azure roles, and their PIM for Groups schedules, are
    // collected since; a group's standing assignment is judged by who is behind it.
    "rbac-standing-privileged-assignment:/subscriptions/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/resourcegroups/rg-ehr-app/providers/microsoft.authorization/roleassignments/e0a1b2c3-0007-4000-8000-000000000007",
    "rbac-standing-privileged-assignment:/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/providers/microsoft.authorization/roleassignments/e0a1b2c3-0013-4000-8000-000000000013",
  ],
};

describe("archives of every released version", () => {
  it("are kept as fixtures, one per version", () => {
    expect(released.map(([version]) => version)).toEqual(["0.1.0", "0.2.0"]);
  });

  it.each(released)("%s: verify finds it intact", async (_version, archive) => {
    const verified = await verifyArchive(archive);
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);
  });

  it.each(released)("%s: its raw evidence evaluates again, without Azure, to what replaying it as a recording finds", async (_version, archive) => {
    const { assessment, evidence } = await evaluateArchive({ archive, configFile: sampleConfig });
    const replayed = await assessSample({ replay: archive });
    expect(statements(assessment.findings)).toEqual(statements(replayed.assessment.findings));
    // Every pointer leads into a raw file of that archive.
    const files = new Set(evidence.records.map((record) => record.file));
    expect(assessment.findings.flatMap((finding) => finding.evidence.map((ref) => ref.file)).filter((file) => !files.has(file))).toEqual([]);
  });

  it.each(released)("%s: every subject its own findings decided is still decided today, never lost to an unreadable format", async (version, archive) => {
    const own = JSON.parse((await readZip(archive, readFileSync(archive))).files.get("findings/findings.json")!.toString("utf8")) as {
      findings: { id: string; status: string }[];
    };
    const decided = own.findings.filter((finding) => finding.status === "pass" || finding.status === "fail").map((finding) => finding.id);
    expect(decided.length).toBeGreaterThan(0);
    const today = new Map((await evaluateArchive({ archive, configFile: sampleConfig })).assessment.findings.map((finding) => [finding.id, finding]));
    const undecided = decided.filter((id) => today.get(id)?.status !== "pass" && today.get(id)?.status !== "fail");
    // Only for want of evidence the archive never held, named here: never for its format.
    const neverHeld = undecided.filter((id) => today.get(id)?.error?.reason === "not-collected");
    expect(undecided.filter((id) => !neverHeld.includes(id))).toEqual([]);
    expect(neverHeld).toEqual(evidenceGrownSince[version] ?? []);
  });

  it.each(released)("%s: replays as a recording, to an archive that verifies", async (_version, archive) => {
    const replayed = await collectSample({ replay: archive, sections: ["164.312(b)"] });
    const { assessment } = await evaluateArchive({ archive, configFile: sampleConfig });
    expect(statements(replayed.document.findings)).toEqual(statements(assessment.findings.filter((finding) => finding.hipaa.includes("164.312(b)"))));
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
