import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readZip } from "../src/archive/read-zip.js";
import { verifyArchive } from "../src/archive/verify-archive.js";
import { rewriteHashes, tamperedCopy, writeRawZip } from "./support/archive-files.js";
import { temporaryFolder } from "./support/sample.js";
import { scopedSampleArchive, sharedSampleArchive } from "./support/sample-archive.js";
import { hipaaEvidenceInProcess as hipaaEvidence } from "./support/tools.js";

/**
 * The tamper matrix: every way an archive can be changed after the tool wrote it must be caught by
 * `verify`, with exit 1 and the problem named; input that is not an archive at all gives exit 2.
 * Tampering starts from the sample scoped to one standard: it holds every kind of file the full
 * archive holds, and verifying it a hundred times does not re-check 23 reports each time. The exact
 * and complete lists of problems, case by case, are in test/archive/verify-archive.test.ts; here the
 * command line's exit codes and words.
 */
let archive: string;
let original: Map<string, Buffer>;

beforeAll(async () => {
  archive = sharedSampleArchive().archivePath;
  const scoped = scopedSampleArchive().archivePath;
  original = (await readZip(scoped, readFileSync(scoped))).files;
});

function tampered(change: (files: Map<string, Buffer>) => void): Map<string, Buffer> {
  return tamperedCopy(original, change);
}

describe("verify on the archive as written", () => {
  it("exits 0 and reports signer, trust and timestamp", async () => {
    const verified = await hipaaEvidence(["verify", archive]);
    expect(verified.code).toBe(0);
    const lines = verified.stdout.split("\n");
    expect(lines[0]).toBe(`INTACT: ${archive}`);
    expect(verified.stdout).toContain("manifest:   manifest.json.p7s valid; SHA256SUMS.p7s valid");
    expect(verified.stdout).toContain("reports:    all 23 PDF signatures valid, each covering the whole file");
    expect(verified.stdout).toMatch(/signer: {5}CN=hipaa-evidence development key on .+, OU=hipaa-evidence development signature \(not trusted\)/);
    expect(verified.stdout).toMatch(/SHA-256: {4}([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(verified.stdout).toContain("trust:      not checked: development or self-signed signature");
    expect(verified.stdout).toContain("timestamp:  none; signing time 2026-11-24T09:30:00.000Z is the tool's own claim");
  });
});

describe("one byte flipped in each file of the archive", () => {
  // Every file, by name. The sample's file count is stated once: the cases are generated before the
  // archive exists, and the first test fails if the archive grows without them.
  const fileCount = 103;
  const names = () => [...original.keys()];
  it("covers every file the archive holds", () => {
    expect(names()).toHaveLength(fileCount);
  });

  it.each(Array.from({ length: fileCount }, (_, index) => index))("file #%i", async (index) => {
    const name = names()[index]!;
    const files = tampered((all) => {
      const content = all.get(name)!;
      const at = Math.floor(content.length / 2);
      content[at] = content[at]! ^ 0x01;
    });
    const result = await verifyArchive(await writeRawZip(files));
    expect(result.intact, name).toBe(false);
    expect(
      result.problems.some((problem) => problem.includes(name)),
      `${name}: ${result.problems.join("; ")}`,
    ).toBe(true);
  });
});

describe("the other tampering cases, through the command line", () => {
  const expectCaught = async (files: Map<string, Buffer>, ...problems: string[]) => {
    const file = await writeRawZip(files);
    const verified = await hipaaEvidence(["verify", file]);
    expect(verified.code).toBe(1);
    expect(verified.stdout.split("\n")[0]).toBe(`NOT INTACT: ${file}`);
    for (const problem of problems) expect(verified.stdout).toContain(problem);
    return verified.stdout;
  };

  it("a file deleted", () =>
    expectCaught(
      tampered((files) => files.delete("raw/calls.har")),
      "missing: raw/calls.har",
    ));

  it("a file added", () =>
    expectCaught(
      tampered((files) => files.set("reports/extra.pdf", Buffer.from("%PDF-1.3\n"))),
      "added: reports/extra.pdf (not listed in manifest.json)",
      "reports/extra.pdf: the PDF carries no signature",
    ));

  it("a finding changed, with manifest.json and SHA256SUMS rewritten consistently but not re-signed", async () => {
    const stdout = await expectCaught(
      tampered((files) => {
        files.set(
          "findings/findings.json",
          Buffer.from(
            files
              .get("findings/findings.json")!
              .toString("utf8")
              .replace(/"status": "fail"/, '"status": "pass"'),
          ),
        );
        rewriteHashes(files);
      }),
      "manifest.json.p7s: digest mismatch: the signed content was changed after signing",
      "SHA256SUMS.p7s: digest mismatch: the signed content was changed after signing",
    );
    // The rewritten hashes agree with each other; only the signatures can tell.
    expect(stdout).not.toContain("changed: findings/findings.json");
  });

  it("a PDF with bytes appended after its signature, hashes rewritten", () =>
    expectCaught(
      tampered((files) => {
        files.set("reports/00-summary.pdf", Buffer.concat([files.get("reports/00-summary.pdf")!, Buffer.from("\n% appended after signing\n")]));
        rewriteHashes(files);
      }),
      "reports/00-summary.pdf: not total document signed: 26 bytes follow the signed range",
      "manifest.json.p7s: digest mismatch",
    ));

  it("a PDF changed inside its signed range, hashes rewritten", () =>
    expectCaught(
      tampered((files) => {
        const pdf = files.get("reports/00-summary.pdf")!;
        pdf[1000] = pdf[1000]! ^ 0x01;
        rewriteHashes(files);
      }),
      "reports/00-summary.pdf: digest mismatch: the signed content was changed after signing",
    ));

  it("a PDF whose signature value was altered, hashes rewritten", () =>
    expectCaught(
      tampered((files) => {
        const pdf = files.get("reports/00-summary.pdf")!;
        // The RSA signature value is the last thing in the DER, just before the zero padding.
        const contents = pdf.indexOf("/Contents <", 0, "latin1") + "/Contents <".length;
        const padding = pdf.indexOf("0000000000", contents, "latin1");
        pdf.write(pdf[padding - 3] === 0x66 ? "e" : "f", padding - 3, "latin1");
        rewriteHashes(files);
      }),
      "reports/00-summary.pdf: the signature value does not verify with the signer's certificate",
    ));

  it("signatures removed", () =>
    expectCaught(
      tampered((files) => {
        files.delete("manifest.json.p7s");
        files.delete("SHA256SUMS.p7s");
      }),
      "manifest.json.p7s: missing: the archive is not signed",
      "SHA256SUMS.p7s: missing: the archive is not signed",
    ));

  it("an entry named ../x", async () => {
    const file = await writeRawZip(
      tampered((files) => files.set("zz/x", Buffer.from("escape"))),
      { from: "zz/x", to: "../x" },
    );
    const verified = await hipaaEvidence(["verify", file]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain("unsafe entry name refused: ../x");
  });

  it("a truncated zip", async () => {
    const file = join(temporaryFolder("truncated"), "truncated.zip");
    const bytes = readFileSync(archive);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const verified = await hipaaEvidence(["verify", file]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`NOT INTACT: ${file}`);
    expect(verified.stdout).toContain("damaged: the zip cannot be read completely");
  });

  it("a file that is not a zip at all: exit 2, naming the file", async () => {
    const file = join(temporaryFolder("not-zip"), "notes.txt");
    writeFileSync(file, "just some notes\n");
    const verified = await hipaaEvidence(["verify", file]);
    expect(verified.code).toBe(2);
    expect(verified.stderr).toContain(`${file}: expected a zip archive`);
  });

  it("a --trust file without certificates: exit 2", async () => {
    const file = join(temporaryFolder("bad-trust"), "ca.pem");
    writeFileSync(file, "nothing here\n");
    const verified = await hipaaEvidence(["verify", archive, "--trust", file]);
    expect(verified.code).toBe(2);
    expect(verified.stderr).toContain(`${file}: expected one or more PEM certificates`);
    writeFileSync(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    const damaged = await hipaaEvidence(["verify", archive, "--trust", file]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain(`${file}: certificate 1: expected one or more PEM certificates`);
  });
});
