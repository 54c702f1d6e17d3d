import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HarFileSchema } from "../src/azure/har.js";
import { ManifestSchema } from "../src/archive/manifest.js";
import { FindingsDocumentSchema, type FindingsDocument } from "../src/model/findings.js";
import type { CollectResult } from "../src/pipeline.js";
import { resolvePointer } from "./support/json-pointer.js";
import { loadRuleCatalogue } from "./support/rule-catalogue.js";
import { collectSample, sample, sampleRecording, temporaryFolder } from "./support/sample.js";
import { scopedSampleSections } from "./support/build-sample-archive.js";
import { scopedSampleArchive, sharedSampleArchive } from "./support/sample-archive.js";
import { run } from "./support/tools.js";

/**
 * The archive as an auditor meets it years later: unzipped with stock tools, hashes checked with
 * sha256sum, PDFs checked with qpdf and read with pdftotext, and every finding traced to the raw
 * response it rests on.
 */
let result: CollectResult;
let folder: string;
const readJson = <T = any>(path: string): T => JSON.parse(readFileSync(join(folder, path), "utf8")) as T;
const pdfText = (path: string, page?: number) => run("pdftotext", [...(page ? ["-f", String(page), "-l", String(page)] : []), join(folder, path), "-"]).stdout;
/** Table cells wrap long identifiers at arbitrary points; compare such text without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, "");

beforeAll(() => {
  ({ result, folder } = sharedSampleArchive());
});

describe("the archive, with stock tools", () => {
  it("passes unzip -t", () => {
    const tested = run("unzip", ["-t", result.archivePath]);
    expect(tested.status).toBe(0);
    expect(tested.stdout).toContain("No errors detected");
  });

  it("passes sha256sum -c SHA256SUMS for every file the manifest lists", () => {
    const checked = run("sha256sum", ["-c", "SHA256SUMS"], { cwd: folder });
    expect(checked.status).toBe(0);
    const lines = checked.stdout.trim().split("\n");
    const manifest = ManifestSchema.parse(readJson("manifest.json"));
    expect(lines).toHaveLength(manifest.files.length);
    expect(lines.every((line) => line.endsWith(": OK"))).toBe(true);
  });

  it("has a manifest that lists every other file with its size and hash, and states the scope", () => {
    const manifest = ManifestSchema.parse(readJson("manifest.json"));
    const listing = run("unzip", ["-Z1", result.archivePath]).stdout.trim().split("\n").sort();
    expect(manifest.files.map((file) => file.path)).toEqual(
      listing.filter((name) => !["manifest.json", "manifest.json.p7s", "SHA256SUMS", "SHA256SUMS.p7s"].includes(name)),
    );
    expect(manifest).toMatchObject({
      tenantId: sample.tenantId,
      organization: "Contoso Clinic",
      signer: { source: "development", development: true, keyType: "RSA", reference: null, timestampAuthority: null },
      collection: {
        mode: "replay",
        cloud: "AzurePublic",
        window: { start: "2026-11-20T14:02:11.000Z" },
        identity: { displayName: "hipaa-evidence-collector" },
      },
    });
    expect(manifest.scope.subscriptions.map((subscription) => subscription.displayName)).toEqual(["Clinic-Prod", "Clinic-Dev"]);
  });

  it("holds the layout of docs/archive-layout.md", () => {
    const root = readdirSync(folder).sort();
    expect(root).toEqual([
      "README.txt",
      "SHA256SUMS",
      "SHA256SUMS.p7s",
      "attestations",
      "exceptions",
      "findings",
      "manifest.json",
      "manifest.json.p7s",
      "raw",
      "reports",
      "signer.pem",
    ]);
    expect(readdirSync(join(folder, "exceptions"))).toEqual(["exceptions.yaml"]);
    expect(readdirSync(join(folder, "findings")).sort()).toEqual(["findings.csv", "findings.json", "requirements.csv"]);
    expect(readdirSync(join(folder, "reports"))).toHaveLength(23);
  });

  it("has findings.json following docs/findings-json.md with every citation of the catalogue in requirements", () => {
    const document = FindingsDocumentSchema.parse(readJson("findings/findings.json"));
    const catalogue = loadRuleCatalogue().rows.map((row) => row.citation);
    expect(document.requirements.map((requirement) => requirement.id)).toEqual(catalogue);
  });

  it("traces every finding to the raw response: each evidence pointer resolves", () => {
    const document = readJson<FindingsDocument>("findings/findings.json");
    let resolved = 0;
    for (const finding of document.findings) {
      expect(finding.evidence.length, finding.id).toBeGreaterThan(0);
      for (const { file, pointer } of finding.evidence) {
        expect(resolvePointer(readJson(file), pointer), `${file}#${pointer}`).toBeDefined();
        resolved++;
      }
    }
    expect(resolved).toBeGreaterThan(document.findings.length);
  });

  it("stores payloads exactly as the service returned them, pages merged", () => {
    const recording = JSON.parse(readFileSync(sampleRecording, "utf8")) as {
      log: { entries: { request: { url: string }; response: { content: { text: string } } }[] };
    };
    const pages = recording.log.entries
      .filter((entry) => entry.request.url.includes(`${sample.prod}/providers/Microsoft.Authorization/roleAssignments`))
      .flatMap((entry) => (JSON.parse(entry.response.content.text) as { value: unknown[] }).value);
    const raw = readJson("raw/rbac/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/role-assignments.json");
    expect(pages).toHaveLength(11);
    expect(raw.value).toEqual(pages);
    expect(raw.calls).toHaveLength(2);
    expect(raw.calls[1]).toContain("$skiptoken=");
  });

  it("records every call in raw/calls.har, valid for replay, with no credential", () => {
    const text = readFileSync(join(folder, "raw/calls.har"), "utf8");
    const calls = HarFileSchema.parse(JSON.parse(text));
    // One ledger entry per recorded answer: the sample has no retries.
    const recorded = (JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: unknown[] } }).log.entries;
    expect(calls.log.entries).toHaveLength(recorded.length);
    expect(calls.log.entries.map((entry) => entry.response.status).filter((status) => status !== 200)).toEqual([403]);
    const headers = (JSON.parse(text) as { log: { entries: { request: { headers: { name: string }[] } }[] } }).log.entries.flatMap((entry) =>
      entry.request.headers.map((header) => header.name),
    );
    expect(headers).not.toContain("authorization");
    expect(text).not.toMatch(/Bearer|replay-placeholder-not-a-token|eyJ[\w-]+\.eyJ/);
  });

  it("writes CSVs with one row per finding and per requirement", () => {
    const findings = readFileSync(join(folder, "findings/findings.csv"), "utf8").trim().split("\r\n");
    expect(findings[0]).toBe(
      "id,checkId,status,severity,resourceId,resourceName,ephiScope,message,hipaa,evidence,errorCall,errorStatus,missingPermission,remediation,portal,source,command",
    );
    expect(findings).toHaveLength(result.document.findings.length + 1);
    expect(readFileSync(join(folder, "findings/requirements.csv"), "utf8").trim().split("\r\n")).toHaveLength(66);
  });

  it("passes openssl cms -verify on manifest.json.p7s and SHA256SUMS.p7s, as README.txt tells the auditor", () => {
    for (const signed of ["manifest.json", "SHA256SUMS"]) {
      const args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", `${signed}.p7s`, "-content", signed, "-CAfile", "signer.pem", "-out", "/dev/null"];
      const verified = run("openssl", args, { cwd: folder });
      expect(verified.stderr, signed).toContain("CMS Verification successful");
      expect(verified.status).toBe(0);
      expect(readFileSync(join(folder, "README.txt"), "utf8")).toContain(`openssl ${args.join(" ")}`);
    }
  });

  it("gives in README.txt the offline commands, the signer, and that the signature is a development one", () => {
    const readme = readFileSync(join(folder, "README.txt"), "utf8");
    const manifest = ManifestSchema.parse(readJson("manifest.json"));
    expect(readme).toContain("sha256sum -c SHA256SUMS");
    expect(readme).toContain('for f in reports/*.pdf; do echo "$f"; pdfsig "$f"; done');
    expect(readme).toContain(`Fingerprint:  SHA-256 ${manifest.signer?.sha256Fingerprint}`);
    expect(readme).toContain("WARNING: THIS IS A DEVELOPMENT SIGNATURE AND IS NOT TRUSTED.");
    expect(readme).toContain(
      result.archivePath
        .split("/")
        .pop()!
        .replace(/\.zip$/, ""),
    );
  });
});

describe("the reports", () => {
  const reports = () => readdirSync(join(folder, "reports")).map((name) => `reports/${name}`);

  it("each carry one valid PAdES signature over the whole file, as pdfsig reads it", () => {
    for (const report of reports()) {
      const checked = run("pdfsig", [join(folder, report)]);
      // pdfsig exits 0 even on a digest mismatch: the verdict is in its output.
      expect(checked.stdout, report).toContain("Signature #1:");
      expect(checked.stdout, report).not.toContain("Signature #2:");
      expect(checked.stdout, report).toContain("Signature Type: ETSI.CAdES.detached");
      expect(checked.stdout, report).toContain("Signature Validation: Signature is Valid.");
      expect(checked.stdout, report).toContain("Total document signed");
      expect(checked.stdout, report).toContain("Signing Hash Algorithm: SHA-256");
    }
  });

  it("say on every page that the signature is a development one", () => {
    for (const report of reports()) {
      expect(squash(pdfText(report)), report).toContain(squash("Development signature, not trusted: proves the file is unchanged, not who made it"));
      const pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [join(folder, report)]).stdout)?.[1]);
      expect(pdfText(report).split("Development signature, not trusted").length - 1, report).toBe(pages);
    }
  });

  it("are PDFs that qpdf finds structurally sound", () => {
    for (const report of reports()) {
      const checked = run("qpdf", ["--check", join(folder, report)]);
      expect(checked.status, `${report}: ${checked.stdout}${checked.stderr}`).toBe(0);
    }
  });

  it("carry organisation, tenant, title, archive id, page X of Y and the UTC time on every page", () => {
    const archiveId = result.archivePath
      .split("/")
      .pop()!
      .replace(/\.zip$/, "");
    for (const report of reports()) {
      const pages = Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [join(folder, report)]).stdout)?.[1]);
      expect(pages).toBeGreaterThan(0);
      for (let page = 1; page <= pages; page++) {
        const text = pdfText(report, page).replace(/\s+/g, " ");
        expect(text, `${report} page ${page}`).toContain("Contoso Clinic");
        expect(text).toContain(`tenant ${sample.tenantId}`);
        expect(text).toContain(`Archive ${archiveId}`);
        expect(text).toContain(`Page ${page} of ${pages}`);
        expect(text).toContain("Generated 2026-11-24 09:30:00 UTC");
      }
    }
  });

  it("summary: scope, identity, coverage, status of every requirement, gaps and limits", () => {
    const text = pdfText("reports/00-summary.pdf").replace(/\s+/g, " ");
    expect(text).toContain(
      "65 requirements: 0 evidenced, 6 not satisfied, 0 incomplete, 48 attestation required, 7 attested, 1 documented decision, 3 not applicable. Automated checks reached a verdict on 13 of them.",
    );
    expect(text).toContain("Clinic-Prod (4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3)");
    expect(text).toContain("Service principal hipaa-evidence-collector");
    expect(text).toContain("Azure: Reader at /providers/Microsoft.Management/managementGroups/mg-clinic-production");
    expect(text).toContain(
      "Microsoft Graph: AuditLog.Read.All, Directory.Read.All, Policy.Read.All, PrivilegedAssignmentSchedule.Read.AzureADGroup, PrivilegedEligibilitySchedule.Read.AzureADGroup, RoleManagement.Read.Directory",
    );
    expect(text).toContain("164.316(b)(2)(iii)");
    expect(squash(text)).toContain("Microsoft.Authorization/roleEligibilityScheduleInstances/read");
    expect(text).toContain("What this report does not show");
    expect(text).not.toMatch(/\bcompliant\b|\bcertified\b/i);
  });

  it("summary: opens with where ePHI lives, how the scope was decided, the recorded exclusion and the unclassified account", () => {
    const text = pdfText("reports/00-summary.pdf", 1).replace(/\s+/g, " ");
    // The inventory comes before anything else the summary says about the run.
    expect(text.indexOf("1. Where ePHI lives")).toBeGreaterThan(0);
    expect(text.indexOf("1. Where ePHI lives")).toBeLessThan(
      text.indexOf("2. Scope and collection") === -1 ? Infinity : text.indexOf("2. Scope and collection"),
    );
    expect(text).toContain("12 resource(s) hold ePHI: 11 in scope and 1 unclassified, counted as in scope until decided. 2 are out of scope.");
    expect(text).toContain("Tag data-classification = ephi on the resource, its resource group or its subscription");
    expect(squash(text)).toContain(
      squash(
        "subscription Clinic-Dev Clinic-Dev is the developers' sandbox; it is built from synthetic records and never holds patient data Jordan Kim, Engineering lead",
      ),
    );
    expect(squash(text)).toContain(squash("Microsoft.Storage/storageAccounts 2 1 eastus2, westus2 covered (Storage: Blobs)"));
    const all = pdfText("reports/00-summary.pdf").replace(/\s+/g, " ");
    expect(squash(all)).toContain(squash("Unclassified: for the organisation to decide"));
    expect(squash(all)).toContain(squash("stclinicexports01 Microsoft.Storage/storageAccounts westus2 a data store with no marking, in subscription"));
    expect(squash(all)).toContain(squash("westus2 0 1 not allowed"));
    expect(squash(all)).toContain(squash("Out of the ePHI scope: concerns only"));
  });

  it("per standard: citation, designation, findings with their evidence pointers, attestation", () => {
    const text = pdfText("reports/15-164.312-b-audit-controls.pdf").replace(/\s+/g, " ");
    expect(text).toContain("164.312(b) Audit controls");
    expect(text).toContain("This standard has no implementation specifications, so the standard itself is mandatory.");
    expect(squash(text)).toContain(squash("Key Vault kv-dev-sandbox-03 in subscription Clinic-Dev has no diagnostic setting, so its audit logs are not kept."));
    expect(squash(text)).toContain("raw/key-vault/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/vaults.json#/value/0");
    // Under the failing finding, how to fix it and where that advice comes from.
    expect(squash(text)).toContain(squash("How to fix:"));
    expect(squash(text)).toContain("Source:https://learn.microsoft.com/azure/key-vault/general/howto-logging");
    expect(text).toContain("Attestation needed to complete this requirement What it must show:");
    expect(squash(text)).toContain(squash("(template templates/audit-controls-other-systems.yaml, written by attest init)"));
  });

  it("per standard: an attestation in full, recorded by the collecting identity and attributed to its owner, with its signed attachment", () => {
    const text = pdfText("reports/01-164.308-a-1-i-security-management-process.pdf").replace(/\s+/g, " ");
    expect(squash(text)).toContain(squash("Attested risk-analysis (attestations/risk-analysis.yaml)"));
    expect(squash(text)).toContain(
      squash(
        "recorded by hipaa-evidence-collector (the collecting identity) on 2026-11-24 09:30:00 UTC, attributed to Dana Whitfield, Security Official, dated 2026-09-15; reviewed by Alex Morgan, IT Director; valid until 2027-09-14.",
      ),
    );
    expect(squash(text)).toContain(squash("attestations/documents/risk-analysis-2026-summary.pdf"));
    expect(squash(text)).toMatch(
      /signedbyCN=hipaa-evidencedevelopmentsigningkey,OU=hipaa-evidencedevelopmentsignature\(nottrusted\),O=ContosoClinicComplianceOffice\(sample\),signaturevalid/,
    );
  });

  it("per standard: a documented decision with the failing findings beside it, an expired attestation to renew, an accepted risk", () => {
    const training = pdfText("reports/05-164.308-a-5-i-security-awareness-and-training.pdf").replace(/\s+/g, " ");
    expect(squash(training)).toContain(squash("Attestation expired on 2026-06-30: renew it"));
    expect(squash(training)).toContain(squash("Documented decision malware-protection-alternative"));
    expect(squash(training)).toContain(squash("Decision (164.306(d)(3)): an alternative measure instead."));
    expect(squash(training)).toContain(squash("Subscription Clinic-Prod holds resources whose Defender plan is off"));
    const access = pdfText("reports/14-164.312-a-1-access-control.pdf").replace(/\s+/g, " ");
    expect(squash(access)).toContain(
      squash("Risk accepted by Dana Whitfield, Security Official until 2027-03-31 (exception kv-clinic-app-02-access-policies); the finding stays failing."),
    );
  });
});

describe("determinism", () => {
  // Compared on the archive scoped to one standard: every kind of file, two reports rather than 23.
  it("the same evidence and clock give identical files, calls.har differing only in the SDK's random request ids", async () => {
    const scoped = scopedSampleArchive();
    const again = await collectSample({ sections: scopedSampleSections });
    const otherFolder = temporaryFolder("unzipped-again");
    expect(run("unzip", ["-q", again.archivePath, "-d", otherFolder]).status).toBe(0);
    const manifest = (dir: string) => ManifestSchema.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).files;
    const folder = scoped.folder;
    const differing = manifest(folder)
      .filter((file, index) => file.sha256 !== manifest(otherFolder)[index]?.sha256)
      .map((file) => file.path);
    expect(differing).toEqual(["raw/calls.har"]);
    const withoutRequestIds = (dir: string) =>
      readFileSync(join(dir, "raw/calls.har"), "utf8").replace(/("x-ms-client-request-id",\s*"value": )"[^"]+"/g, '$1""');
    expect(withoutRequestIds(otherFolder)).toBe(withoutRequestIds(folder));
  });
});
