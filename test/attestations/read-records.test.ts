import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOrganisationRecords } from "../../src/attestations/read-records.js";
import { checks } from "../../src/checks/registry.js";
import { InputError } from "../../src/errors.js";
import { defaultMappingFile, loadMapping } from "../../src/mapping/mapping.js";
import { sampleDir, temporaryFolder } from "../support/sample.js";

/**
 * The attestations folder and the exceptions file as collect reads them. Every case starts from the
 * sample's own records (they are read without a problem), makes one change, and expects exit 2 with
 * a message naming the file, the place and the field.
 */
const knownChecks = new Set(checks.map((check) => check.id));
const mapping = await loadMapping(defaultMappingFile, knownChecks);

/** A copy, file by file (fs.cpSync looks at folders above the temporary one, which tests may not read). */
function copyFolder(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyFolder(join(from, entry.name), join(to, entry.name));
    else writeFileSync(join(to, entry.name), readFileSync(join(from, entry.name)));
  }
}

function sampleRecords(): { folder: string; exceptions: string } {
  const root = temporaryFolder("records");
  copyFolder(join(sampleDir, "attestations"), join(root, "attestations"));
  writeFileSync(join(root, "exceptions.yaml"), readFileSync(join(sampleDir, "exceptions.yaml")));
  return { folder: join(root, "attestations"), exceptions: join(root, "exceptions.yaml") };
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));

async function refusal(change: (paths: { folder: string; exceptions: string }) => void): Promise<string> {
  const paths = sampleRecords();
  change(paths);
  const error = await readOrganisationRecords({ attestationsFolder: paths.folder, exceptionsFile: paths.exceptions }, mapping, knownChecks).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).exitCode).toBe(2);
  return (error as InputError).message.replace(`${paths.folder}/`, "").replace(paths.exceptions, "exceptions.yaml");
}

describe("reading attestations and exceptions", () => {
  it("reads the sample's records: each attestation with its archive path, attachments hashed, a signed PDF verified", async () => {
    const paths = sampleRecords();
    const records = await readOrganisationRecords({ attestationsFolder: paths.folder, exceptionsFile: paths.exceptions }, mapping, knownChecks);
    expect(records.attestations.map((attestation) => attestation.id)).toEqual([
      "business-associate-agreements",
      "facility-access-controls",
      "malware-protection-alternative",
      "not-a-government-or-group-health-plan",
      "risk-analysis",
      "security-awareness-training",
    ]);
    const riskAnalysis = records.attestations.find((attestation) => attestation.id === "risk-analysis")!;
    expect(riskAnalysis.path).toBe("attestations/risk-analysis.yaml");
    expect(riskAnalysis.attachments).toEqual([
      {
        file: "documents/risk-analysis-2026-summary.pdf",
        path: "attestations/documents/risk-analysis-2026-summary.pdf",
        title: "Risk analysis 2026 (summary), signed by the Compliance Office",
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        bytes: expect.any(Number),
        signatures: [{ signer: expect.stringContaining("O=Contoso Clinic Compliance Office (sample)"), valid: true, problems: [] }],
      },
    ]);
    expect(records.exceptions.map((exception) => exception.id)).toEqual(["kv-clinic-app-02-access-policies"]);
    // The archive gets the attestations, the attachments they name and the exceptions file; nothing else.
    expect(records.files.map((file) => file.path)).toEqual([
      "attestations/business-associate-agreements.yaml",
      "attestations/documents/microsoft-baa-acceptance.txt",
      "attestations/facility-access-controls.yaml",
      "attestations/malware-protection-alternative.yaml",
      "attestations/documents/endpoint-and-upload-scanning.md",
      "attestations/not-a-government-or-group-health-plan.yaml",
      "attestations/risk-analysis.yaml",
      "attestations/documents/risk-analysis-2026-summary.pdf",
      "attestations/security-awareness-training.yaml",
      "attestations/documents/security-awareness-roster-2025.csv",
      "exceptions/exceptions.yaml",
    ]);
  });

  it("shows a signed attachment changed after signing as a signature that does not verify", async () => {
    const paths = sampleRecords();
    const pdfFile = join(paths.folder, "documents/risk-analysis-2026-summary.pdf");
    const pdf = readFileSync(pdfFile);
    const at = pdf.length - 400;
    pdf[at] = pdf[at]! ^ 0x01;
    writeFileSync(pdfFile, pdf);
    const { createHash } = await import("node:crypto");
    edit(join(paths.folder, "risk-analysis.yaml"), (text) => text.replace(/sha256: [0-9a-f]{64}/, `sha256: ${createHash("sha256").update(pdf).digest("hex")}`));
    const records = await readOrganisationRecords({ attestationsFolder: paths.folder }, mapping, knownChecks);
    const signatures = records.attestations.find((attestation) => attestation.id === "risk-analysis")!.attachments[0]!.signatures;
    expect(signatures).toEqual([{ signer: expect.any(String), valid: false, problems: ["digest mismatch: the signed content was changed after signing"] }]);
  });

  it("ignores the templates attest init writes", async () => {
    const paths = sampleRecords();
    mkdirSync(join(paths.folder, "templates"));
    writeFileSync(join(paths.folder, "templates", "sanction-policy.yaml"), 'requirements: ["164.308(a)(1)(ii)(C)"]\nstatement: ""\n');
    const records = await readOrganisationRecords({ attestationsFolder: paths.folder }, mapping, knownChecks);
    expect(records.attestations).toHaveLength(6);
  });

  it.each([
    [
      "a requirement the mapping does not have",
      ({ folder }: { folder: string }) => edit(join(folder, "risk-analysis.yaml"), (text) => text.replace('"164.308(a)(1)(ii)(B)"', '"164.308(a)(1)(ii)(Z)"')),
      "risk-analysis.yaml: line 2, column 40 (requirements[1]): expected a requirement of the mapping; 164.308(a)(1)(ii)(Z) is not one",
    ],
    [
      "a decision on a required specification",
      ({ folder }: { folder: string }) => edit(join(folder, "risk-analysis.yaml"), (text) => `${text}decision: alternative\nrationale: cheaper\n`),
      "risk-analysis.yaml: line 16, column 11 (decision): expected a decision only on addressable implementation specifications (164.306(d)(3)); 164.308(a)(1)(ii)(A) is required",
    ],
    [
      "an alternative without its rationale",
      ({ folder }: { folder: string }) => edit(join(folder, "malware-protection-alternative.yaml"), (text) => text.replace(/rationale: >-\n( {2}.*\n)+/, "")),
      "malware-protection-alternative.yaml: line 2, column 1 (rationale): expected a rationale: an alternative or not_reasonable decision must say why (164.306(d)(3))",
    ],
    [
      "not applicable where the rule does not allow it",
      ({ folder }: { folder: string }) =>
        edit(join(folder, "not-a-government-or-group-health-plan.yaml"), (text) => text.replace('"164.314(b)(2)"', '"164.314(b)(2)", "164.308(a)(2)"')),
      "not-a-government-or-group-health-plan.yaml: line 11, column 3 (notApplicable): expected notApplicable only where the rule allows it (164.314(a)(2)(ii), 164.314(a)(2)(iii), 164.314(b)(1), 164.314(b)(2)); 164.308(a)(2) applies to every covered entity",
    ],
    [
      "an inherited part outside the physical safeguards",
      ({ folder }: { folder: string }) => edit(join(folder, "risk-analysis.yaml"), (text) => `${text}inherited: { from: Microsoft, evidence: SOC 2 }\n`),
      "risk-analysis.yaml: line 16, column 12 (inherited): expected an inherited part only on physical safeguards (164.310); 164.308(a)(1)(ii)(A) is not one",
    ],
    [
      "an attachment changed after it was recorded",
      ({ folder }: { folder: string }) => edit(join(folder, "documents/microsoft-baa-acceptance.txt"), (text) => text.replace("2026-09-30", "2026-10-30")),
      expect.stringMatching(
        /^business-associate-agreements\.yaml: line 16, column 13 \(attachments\[0\]\.sha256\): expected documents\/microsoft-baa-acceptance\.txt to have the SHA-256 recorded \([0-9a-f]{64}\); it has [0-9a-f]{64}: the attachment changed$/,
      ),
    ],
    [
      "an attachment outside the folder",
      ({ folder }: { folder: string }) =>
        edit(join(folder, "business-associate-agreements.yaml"), (text) =>
          text.replace("file: documents/microsoft-baa-acceptance.txt", "file: ../exceptions.yaml"),
        ),
      "business-associate-agreements.yaml: line 14, column 11 (attachments[0].file): expected a path inside the attestations folder",
    ],
    [
      "an attachment that is not there",
      ({ folder }: { folder: string }) =>
        edit(join(folder, "business-associate-agreements.yaml"), (text) =>
          text.replace("file: documents/microsoft-baa-acceptance.txt", "file: documents/signed-baa.pdf"),
        ),
      "business-associate-agreements.yaml: line 14, column 11 (attachments[0].file): expected the attachment documents/signed-baa.pdf in the attestations folder",
    ],
    [
      "an expiry before the date",
      ({ folder }: { folder: string }) =>
        edit(join(folder, "facility-access-controls.yaml"), (text) => text.replace('expiresOn: "2027-10-11"', 'expiresOn: "2026-10-11"')),
      "facility-access-controls.yaml: line 10, column 12 (expiresOn): expected expiresOn after date",
    ],
    [
      "a field the format does not have",
      ({ folder }: { folder: string }) => edit(join(folder, "facility-access-controls.yaml"), (text) => `${text}approvedBy: Dana\n`),
      'facility-access-controls.yaml: line 2, column 1: unknown field(s) "approvedBy"',
    ],
    [
      "an exception for a check that does not exist",
      ({ exceptions }: { exceptions: string }) => edit(exceptions, (text) => text.replace("check: key-vault-rbac-authorization", "check: key-vault-rbac")),
      "exceptions.yaml: line 4, column 12 (exceptions[0].check): expected a check id; key-vault-rbac is not one",
    ],
    [
      "an exception for every resource without broad: true",
      ({ exceptions }: { exceptions: string }) =>
        edit(exceptions, (text) => text.replace('resource: "*/providers/Microsoft.KeyVault/vaults/kv-clinic-app-02"', 'resource: "*"')),
      "exceptions.yaml: line 3, column 5 (exceptions[0].broad): expected broad: true: the pattern matches every resource of the check",
    ],
  ] as const)("refuses %s, naming the file, the place and the field", async (_name, change, message) => {
    expect(await refusal(change as (paths: { folder: string; exceptions: string }) => void)).toEqual(message);
  });

  it("refuses an attestations folder that is not there", async () => {
    const error = await readOrganisationRecords({ attestationsFolder: join(temporaryFolder("records"), "missing") }, mapping, knownChecks).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/missing: folder not found$/);
  });
});
