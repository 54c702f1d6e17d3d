import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultMappingFile } from "../src/mapping/mapping.js";
import type { Finding } from "../src/model/findings.js";
import { reachesFailOn } from "../src/pipeline.js";
import { sample, sampleConfig, sampleDir, sampleRecording, temporaryFolder } from "./support/sample.js";
import { hipaaEvidence, hipaaEvidenceInProcess } from "./support/tools.js";

/**
 * The command line as users and scripts meet it: exit codes, stdout, stderr, and what is left on
 * disk. The main job and verify run once as real processes, exactly as `npx hipaa-evidence` runs
 * them; every other case calls the same entry point in this process.
 */
const sampleArgs = (out: string, ...extra: string[]) => ["collect", "--replay", sampleRecording, "--config", sampleConfig, "--out", out, ...extra];

describe("collect on the sample tenant, as a real process", () => {
  let out: string;
  let result: ReturnType<typeof hipaaEvidence>;
  beforeAll(() => {
    out = temporaryFolder("cli");
    result = hipaaEvidence(sampleArgs(out));
  });

  it("exits 0 and prints the archive path as the last line of stdout", () => {
    expect(result.stderr).not.toContain("unexpected error");
    expect(result.code).toBe(0);
    const last = result.stdout.trim().split("\n").pop() ?? "";
    expect(last).toMatch(new RegExp(`${out}/hipaa-evidence-${sample.tenantId}-\\d{8}T\\d{6}Z\\.zip$`));
    expect(existsSync(last)).toBe(true);
    // Only the finished archive: no temporary file is left behind.
    expect(readdirSync(out)).toEqual([last.split("/").pop()]);
  });

  it("reports progress and the coverage line on stderr, not stdout", () => {
    expect(result.stderr).toContain("rbac: role assignments and PIM schedules in Clinic-Prod");
    expect(result.stderr).toContain(
      "65 requirements: 0 evidenced, 6 not satisfied, 0 incomplete, 48 attestation required, 7 attested, 1 documented decision, 3 not applicable. Findings: 29 fail, 67 pass, 0 not evaluated, and 29 out of the ePHI scope (7 failing, shown as concerns); 2 collection gap(s).",
    );
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("verify re-hashes the archive, checks its signatures and exits 0 (the tamper matrix is in verify.test.ts)", () => {
    const archive = result.stdout.trim();
    const verified = hipaaEvidence(["verify", archive]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^INTACT: .+\n {2}files: {6}130 files listed in manifest\.json and SHA256SUMS were re-hashed\n/);
    expect(verified.stdout).toContain("key:        DEVELOPMENT KEY, NOT TRUSTED");
  });

  it("--version answers without loading the Azure SDKs", () => {
    const version = hipaaEvidence(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("collect options, in process", () => {
  it("--json prints one machine-readable summary instead of the path", async () => {
    const json = await hipaaEvidenceInProcess(sampleArgs(temporaryFolder("cli-json"), "--json", "--quiet", "--sections", "164.312"));
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("");
    const summary = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      tenantId: sample.tenantId,
      findings: { fail: 19, pass: 31, error: 0, manual: 0, not_applicable: 6 },
      findingsOutOfScope: { fail: 6, pass: 6, error: 4, manual: 0, not_applicable: 4 },
      collectionGaps: 2,
      coverage: { automated: 5, total: 12 },
    });
    expect(existsSync(summary.archive as string)).toBe(true);
  });

  it("--fail-on exits 4 when a failing finding reaches the severity, after writing the archive", async () => {
    const folder = temporaryFolder("cli-fail-on");
    const failing = await hipaaEvidenceInProcess(sampleArgs(folder, "--fail-on", "high", "--quiet", "--sections", "164.312"));
    expect(failing.code).toBe(4);
    expect(readdirSync(folder)).toHaveLength(1);
    // Below the threshold nothing changes: only failing findings at or above it count.
    const findings = [
      { status: "fail", severity: "medium", ephiScope: "in scope" },
      { status: "error", severity: "critical", ephiScope: "in scope" },
      { status: "fail", severity: "critical", ephiScope: "out of scope" },
    ] as Finding[];
    expect([reachesFailOn(findings, "high"), reachesFailOn(findings, "medium"), reachesFailOn(findings, undefined)]).toEqual([false, true, false]);
  });
});

describe("attest init", () => {
  it("writes a template for every attestation of the mapping into DIR/templates, and never overwrites one", async () => {
    const folder = join(temporaryFolder("attest-init"), "attestations");
    const written = await hipaaEvidenceInProcess(["attest", "init", folder]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`${folder}/templates\n`);
    const templates = readdirSync(join(folder, "templates"));
    expect(templates).toHaveLength(65);
    // Physical safeguards split what Microsoft's datacentres provide from the organisation's own part.
    const facility = readFileSync(join(folder, "templates", "facility-access-controls.yaml"), "utf8");
    expect(facility).toContain("inherited:\n  from: Microsoft (Azure datacentres)");
    expect(facility).toContain("# What the organisation itself must show (Microsoft does not cover its own sites, workstations and media):");
    // Where Microsoft's BAA comes from, and the breach notification deadline.
    expect(readFileSync(join(folder, "templates", "business-associate-contracts.yaml"), "utf8")).toMatch(/Product Terms/);
    expect(readFileSync(join(folder, "templates", "response-and-reporting.yaml"), "utf8")).toMatch(/60 calendar days/);
    // An addressable specification asks for its decision.
    expect(readFileSync(join(folder, "templates", "automatic-logoff.yaml"), "utf8")).toContain("decision: implemented");
    const again = await hipaaEvidenceInProcess(["attest", "init", folder]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists; templates are never overwritten");
  });

  it("a template copied into the folder unfilled is refused, naming the field", async () => {
    const folder = join(temporaryFolder("attest-unfilled"), "attestations");
    await hipaaEvidenceInProcess(["attest", "init", folder]);
    writeFileSync(join(folder, "sanction-policy.yaml"), readFileSync(join(folder, "templates", "sanction-policy.yaml")));
    const result = await hipaaEvidenceInProcess([
      "collect",
      "--replay",
      sampleRecording,
      "--config",
      sampleConfig,
      "--attestations",
      folder,
      "--out",
      join(folder, "..", "out"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`${folder}/sanction-policy\\.yaml: line \\d+, column \\d+ \\(statement\\): Too small: expected string to have >=1 characters`),
    );
  });
});

describe("bad input: exit 2, a message naming the file and the place, and no archive", () => {
  const expectRefused = async (args: string[], out: string, message: RegExp) => {
    const result = await hipaaEvidenceInProcess(["collect", "--config", sampleConfig, "--out", out, ...args]);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  };

  it("an attachment changed since its attestation recorded it", async () => {
    const folder = temporaryFolder("bad-attachment");
    const attestations = join(folder, "attestations");
    mkdirSync(join(attestations, "documents"), { recursive: true });
    const source = join(sampleDir, "attestations");
    writeFileSync(join(attestations, "business-associate-agreements.yaml"), readFileSync(join(source, "business-associate-agreements.yaml")));
    writeFileSync(
      join(attestations, "documents", "microsoft-baa-acceptance.txt"),
      `${readFileSync(join(source, "documents", "microsoft-baa-acceptance.txt"), "utf8")}Amended later.\n`,
    );
    await expectRefused(
      ["--replay", sampleRecording, "--attestations", attestations],
      join(folder, "out"),
      new RegExp(
        `${attestations}/business-associate-agreements\\.yaml: line 16, column 13 \\(attachments\\[0\\]\\.sha256\\): expected documents/microsoft-baa-acceptance\\.txt to have the SHA-256 recorded \\([0-9a-f]{64}\\); it has [0-9a-f]{64}: the attachment changed`,
      ),
    );
  });

  it("a HAR that is not JSON", async () => {
    const folder = temporaryFolder("bad-har");
    const file = join(folder, "broken.har");
    writeFileSync(file, '{\n  "log": {\n    "entries": [ }\n');
    await expectRefused(["--replay", file], join(folder, "out"), new RegExp(`${file}: line 3, column 18: expected valid JSON`));
  });

  it("a HAR entry without a response status", async () => {
    const folder = temporaryFolder("bad-har-entry");
    const file = join(folder, "entry.har");
    const recording = JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: { response: Record<string, unknown> }[] } };
    delete recording.log.entries[2]!.response.status;
    writeFileSync(file, JSON.stringify(recording, null, 2));
    await expectRefused(
      ["--replay", file],
      join(folder, "out"),
      new RegExp(`${file}: line \\d+, column \\d+ \\(log\\.entries\\[2\\]\\.response\\.status\\): missing required field "status"`),
    );
  });

  it("a mapping that names an unknown check", async () => {
    const folder = temporaryFolder("bad-mapping");
    const file = join(folder, "mapping.yaml");
    writeFileSync(file, readFileSync(defaultMappingFile, "utf8").replace("primary: [defender-high-alerts-handled]", "primary: [defender-high-alerts-handlde]"));
    await expectRefused(
      ["--replay", sampleRecording, "--mapping", file],
      join(folder, "out"),
      new RegExp(`${file}: line \\d+, column \\d+ \\(requirements\\[4\\]\\.checks\\.primary\\[0\\]\\): unknown check "defender-high-alerts-handlde"`),
    );
  });

  it("a mapping row missing a field", async () => {
    const folder = temporaryFolder("bad-mapping-row");
    const file = join(folder, "mapping.yaml");
    writeFileSync(file, readFileSync(defaultMappingFile, "utf8").replace("    designation: addressable\n", ""));
    await expectRefused(
      ["--replay", sampleRecording, "--mapping", file],
      join(folder, "out"),
      new RegExp(`${file}: line \\d+, column 5 \\(requirements\\[\\d+\\]\\.designation\\): missing required field "designation"`),
    );
  });

  it("a configuration with a misspelt setting", async () => {
    const folder = temporaryFolder("bad-config");
    const file = join(folder, "config.yaml");
    writeFileSync(file, "organization: Contoso Clinic\norganisation: typo\n");
    const out = join(folder, "out");
    const result = await hipaaEvidenceInProcess(["collect", "--replay", sampleRecording, "--config", file, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: line 1, column 1: unknown field(s) "organisation"`);
    expect(existsSync(out)).toBe(false);
  });

  it("an output folder that cannot be written", async () => {
    const folder = temporaryFolder("bad-out");
    const blocker = join(folder, "a-file");
    writeFileSync(blocker, "not a folder");
    const result = await hipaaEvidenceInProcess(["collect", "--replay", sampleRecording, "--config", sampleConfig, "--out", join(blocker, "archives")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(blocker, "archives")}: expected a writable output folder (a file is in the way)`);
    expect(readdirSync(folder)).toEqual(["a-file"]);
  });

  it("an unknown cloud or option is a usage error", async () => {
    expect((await hipaaEvidenceInProcess(["collect", "--cloud", "AzureMars"])).code).toBe(2);
    const insecure = await hipaaEvidenceInProcess(["collect", "--arm-endpoint", "http://127.0.0.1:1"]);
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain("expected an https:// URL");
    expect((await hipaaEvidenceInProcess(["collect", "--no-such-option"])).code).toBe(2);
    const tsa = await hipaaEvidenceInProcess(["collect", "--tsa-url", "ldap://tsa.example"]);
    expect(tsa.code).toBe(2);
    expect(tsa.stderr).toContain("expected an http:// or https:// URL");
    const both = await hipaaEvidenceInProcess([
      "collect",
      "--replay",
      sampleRecording,
      "--out",
      temporaryFolder("two-keys"),
      "--sign-pfx",
      "a.pfx",
      "--sign-key-vault-key",
      "https://v.vault.azure.net/keys/k",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--sign-pfx and --sign-key-vault-key: expected one key source, not both");
    const bare = await hipaaEvidenceInProcess(["collect", "--replay", sampleRecording, "--out", temporaryFolder("bare-require"), "--require-timestamp"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("--require-timestamp: expected --tsa-url");
  });

  it("verify of a file that is not a zip exits 2", async () => {
    const file = join(temporaryFolder("verify"), "not.zip");
    writeFileSync(file, "plain text");
    const result = await hipaaEvidenceInProcess(["verify", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: expected a zip archive`);
  });
});

describe("collection impossible: exit 3", () => {
  it("when no subscription is visible", async () => {
    const folder = temporaryFolder("no-subscription");
    const file = join(folder, "empty.har");
    const recording = JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: { response: { content: { text: string } } }[] } };
    recording.log.entries[0]!.response.content.text = JSON.stringify({ value: [] });
    writeFileSync(file, JSON.stringify(recording));
    const out = join(folder, "out");
    mkdirSync(out);
    const result = await hipaaEvidenceInProcess(["collect", "--replay", file, "--out", out]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("the collecting identity cannot see any subscription; grant it Reader on the subscriptions to cover");
    expect(readdirSync(out)).toEqual([]);
  });
});
