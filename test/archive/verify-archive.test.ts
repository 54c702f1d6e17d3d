import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/archive/manifest.js";
import { readZip } from "../../src/archive/read-zip.js";
import { verifyArchive, type VerifyResult } from "../../src/archive/verify-archive.js";
import { toPem } from "../../src/signing/certificate.js";
import { buildDetachedCms } from "../../src/signing/cms.js";
import { developmentSigningKey } from "../../src/signing/development-key.js";
import { timestampAuthority } from "../../src/signing/timestamp.js";
import { entry, rewriteHashes, tamperedCopy, writeRawZip } from "../support/archive-files.js";
import { startLocalTsa, type LocalTsa } from "../support/local-tsa.js";
import { temporaryFolder } from "../support/sample.js";
import { scopedSampleArchive } from "../support/sample-archive.js";

/**
 * `verify` as a table: the sample archive scoped to one standard (built once per run by the global
 * set-up, with the real pipeline and the development key), one change per case, and the exact and
 * complete list of problems verify must name, so that a problem it stops reporting, or one it starts
 * reporting wrongly, fails the case.
 */
let archive: string;
let original: Map<string, Buffer>;
let manifest: Manifest;
/** Another development key, never the archive's: what an attacker who re-signs has. */
let strangerKey: Awaited<ReturnType<typeof developmentSigningKey>>["key"];

beforeAll(async () => {
  archive = scopedSampleArchive().archivePath;
  original = (await readZip(archive, readFileSync(archive))).files;
  manifest = JSON.parse(entry(original, "manifest.json").toString("utf8")) as Manifest;
  strangerKey = (await developmentSigningKey(new Date("2026-11-24T09:30:00Z"), join(temporaryFolder("stranger-key"), "key.pem"))).key;
});

const digestMismatch = "digest mismatch: the signed content was changed after signing";
const flipByte = (content: Buffer, at = Math.floor(content.length / 2)) => {
  content[at] = (content[at] ?? 0) ^ 0x01;
};
const signerPemChanged = "changed: signer.pem (its SHA-256 differs from manifest.json)";
const signerFingerprint = () => manifest.signer?.sha256Fingerprint ?? "";

interface VerifyCase {
  name: string;
  change: (files: Map<string, Buffer>) => void | Promise<void>;
  /** Every problem, in order; a function when the words depend on the archive (or on the path of the changed copy). */
  problems: string[] | ((changedCopy: string) => string[]);
  rename?: { from: string; to: string };
}

const cases: VerifyCase[] = [
  { name: "a listed file deleted", change: (files) => void files.delete("raw/calls.har"), problems: ["missing: raw/calls.har"] },
  {
    name: "a file added",
    change: (files) => void files.set("notes/extra.txt", Buffer.from("added later\n")),
    problems: ["added: notes/extra.txt (not listed in manifest.json)"],
  },
  {
    name: "a report added, unsigned",
    change: (files) => void files.set("reports/extra.pdf", Buffer.from("%PDF-1.3\n")),
    problems: ["added: reports/extra.pdf (not listed in manifest.json)", "reports/extra.pdf: the PDF carries no signature"],
  },
  {
    name: "two reports added out of name order: their signatures are checked in name order",
    change: (files) => {
      files.set("reports/zz.pdf", Buffer.from("%PDF-1.3\n"));
      files.set("reports/aa.pdf", Buffer.from("%PDF-1.3\n"));
    },
    problems: [
      "added: reports/zz.pdf (not listed in manifest.json)",
      "added: reports/aa.pdf (not listed in manifest.json)",
      "reports/aa.pdf: the PDF carries no signature",
      "reports/zz.pdf: the PDF carries no signature",
    ],
  },
  {
    name: "a file that is not a PDF added under reports/: named as added, not read as a report",
    change: (files) => void files.set("reports/notes.txt", Buffer.from("notes\n")),
    problems: ["added: reports/notes.txt (not listed in manifest.json)"],
  },
  {
    name: "an unsigned PDF added outside reports/: only the tool's reports must carry its signature",
    change: (files) => void files.set("attestations/extra.pdf", Buffer.from("%PDF-1.3\n")),
    problems: ["added: attestations/extra.pdf (not listed in manifest.json)"],
  },
  {
    name: "a report added, unsigned, its extension in capitals",
    change: (files) => void files.set("reports/EXTRA.PDF", Buffer.from("%PDF-1.3\n")),
    problems: ["added: reports/EXTRA.PDF (not listed in manifest.json)", "reports/EXTRA.PDF: the PDF carries no signature"],
  },
  {
    name: "one byte of a listed file flipped",
    change: (files) => flipByte(entry(files, "findings/findings.json")),
    problems: ["changed: findings/findings.json (its SHA-256 differs from manifest.json)"],
  },
  {
    name: "manifest.json states another size for a file, its hash unchanged",
    change: (files) => {
      const changed = JSON.parse(entry(files, "manifest.json").toString("utf8")) as Manifest;
      const listed = changed.files.find((file) => file.path === "README.txt");
      if (!listed) throw new Error("no README.txt");
      listed.bytes += 1;
      files.set("manifest.json", Buffer.from(`${JSON.stringify(changed, null, 2)}\n`));
    },
    problems: ["changed: README.txt (its SHA-256 differs from manifest.json)", `manifest.json.p7s: ${digestMismatch}`],
  },
  { name: "SHA256SUMS deleted", change: (files) => void files.delete("SHA256SUMS"), problems: ["missing: SHA256SUMS"] },
  {
    name: "SHA256SUMS with one hash changed",
    change: (files) => {
      const sums = entry(files, "SHA256SUMS").toString("utf8");
      files.set("SHA256SUMS", Buffer.from(sums.replace(/^[0-9a-f]/, (digit) => (digit === "0" ? "1" : "0"))));
    },
    problems: ["changed: SHA256SUMS (it does not list the same hashes as manifest.json)", `SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: "SHA256SUMS with one more line than manifest.json lists",
    change: (files) => void files.set("SHA256SUMS", Buffer.concat([entry(files, "SHA256SUMS"), Buffer.from(`${"0".repeat(64)}  notes/extra.txt\n`)])),
    problems: ["changed: SHA256SUMS (it does not list the same hashes as manifest.json)", `SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: "SHA256SUMS without its last line",
    change: (files) =>
      void files.set(
        "SHA256SUMS",
        Buffer.from(
          entry(files, "SHA256SUMS")
            .toString("utf8")
            .replace(/[^\n]*\n$/, ""),
        ),
      ),
    problems: ["changed: SHA256SUMS (it does not list the same hashes as manifest.json)", `SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: "SHA256SUMS with a character before the hash on its first line",
    change: (files) => void files.set("SHA256SUMS", Buffer.from(`x${entry(files, "SHA256SUMS").toString("utf8")}`)),
    problems: ["changed: SHA256SUMS (it does not list the same hashes as manifest.json)", `SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: 'SHA256SUMS in sha256sum\'s binary form (" *"): the same hashes, but not the signed bytes',
    change: (files) =>
      void files.set(
        "SHA256SUMS",
        Buffer.from(
          entry(files, "SHA256SUMS")
            .toString("utf8")
            .replace(/^([0-9a-f]{64}) {2}/gm, "$1 *"),
        ),
      ),
    problems: [`SHA256SUMS.p7s: ${digestMismatch}`],
  },
  { name: "manifest.json deleted", change: (files) => void files.delete("manifest.json"), problems: ["missing: manifest.json"] },
  {
    name: "manifest.json that is not JSON",
    change: (files) => void files.set("manifest.json", Buffer.from("{ not json\n")),
    problems: (changedCopy) => [`manifest.json is not valid: ${changedCopy}!manifest.json: line 1, column 3: expected valid JSON (InvalidSymbol)`],
  },
  {
    name: "manifest.json signed no more: its signer removed, hashes rewritten",
    change: (files) =>
      rewriteHashes(files, (changed) => {
        changed.signer = null;
      }),
    problems: ["not signed: manifest.json names no signer (an archive from a version without signing, or one stripped of its signatures)"],
  },
  {
    name: "a finding changed, manifest.json and SHA256SUMS rewritten to match but not re-signed",
    change: (files) => {
      files.set("findings/findings.json", Buffer.from(entry(files, "findings/findings.json").toString("utf8").replace('"status": "fail"', '"status": "pass"')));
      rewriteHashes(files);
    },
    problems: [`manifest.json.p7s: ${digestMismatch}`, `SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: "both detached signatures removed",
    change: (files) => {
      files.delete("manifest.json.p7s");
      files.delete("SHA256SUMS.p7s");
    },
    problems: ["manifest.json.p7s: missing: the archive is not signed", "SHA256SUMS.p7s: missing: the archive is not signed"],
  },
  {
    name: "SHA256SUMS.p7s replaced by the signature of manifest.json",
    change: (files) => void files.set("SHA256SUMS.p7s", entry(files, "manifest.json.p7s")),
    problems: [`SHA256SUMS.p7s: ${digestMismatch}`],
  },
  {
    name: "SHA256SUMS.p7s unreadable",
    change: (files) => void files.set("SHA256SUMS.p7s", Buffer.from("not DER")),
    problems: () => [expect.stringMatching(/^SHA256SUMS\.p7s: the signature cannot be read: /) as unknown as string],
  },
  {
    name: "both files re-signed with another key, signer.pem left as it was",
    change: async (files) => {
      files.set("manifest.json.p7s", await buildDetachedCms({ content: entry(files, "manifest.json"), key: strangerKey }));
      files.set("SHA256SUMS.p7s", await buildDetachedCms({ content: entry(files, "SHA256SUMS"), key: strangerKey }));
    },
    problems: () => {
      const stranger = strangerKey.chain[0]?.sha256Fingerprint ?? "";
      return ["manifest.json.p7s", "SHA256SUMS.p7s"].flatMap((file) => [
        `${file}: the signature value does not verify with the signer's certificate`,
        `${file}: the certificate inside the signature (SHA-256 ${stranger}) is not the archive's signer`,
      ]);
    },
  },
  {
    name: "signer.pem holding another certificate",
    change: (files) => void files.set("signer.pem", Buffer.from(strangerKey.chain.map((certificate) => toPem(certificate.der)).join(""))),
    problems: [signerPemChanged, "signer.pem is not the certificate manifest.json names as signer"],
  },
  {
    name: "signer.pem emptied",
    change: (files) => void files.set("signer.pem", Buffer.alloc(0)),
    problems: [signerPemChanged, "signer.pem holds no certificate"],
  },
  {
    name: "signer.pem damaged",
    change: (files) => void files.set("signer.pem", Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")),
    // The reason is OpenSSL's own words, which its versions may put differently.
    problems: () => [signerPemChanged, expect.stringMatching(/^signer\.pem cannot be read: .+/) as unknown as string, "signer.pem holds no certificate"],
  },
  {
    name: "no copy of the signer's certificate left: signer.pem and both signatures removed",
    change: (files) => {
      files.delete("signer.pem");
      files.delete("manifest.json.p7s");
      files.delete("SHA256SUMS.p7s");
    },
    problems: () => [
      "missing: signer.pem",
      "signer.pem holds no certificate",
      `no certificate with the fingerprint manifest.json names (${signerFingerprint()}) is in the archive`,
      "manifest.json.p7s: missing: the archive is not signed",
      "SHA256SUMS.p7s: missing: the archive is not signed",
    ],
  },
  {
    name: "a report with bytes appended after its signature, hashes rewritten",
    change: (files) => {
      files.set("reports/00-summary.pdf", Buffer.concat([entry(files, "reports/00-summary.pdf"), Buffer.from("\n% appended after signing\n")]));
      rewriteHashes(files);
    },
    problems: [
      `manifest.json.p7s: ${digestMismatch}`,
      `SHA256SUMS.p7s: ${digestMismatch}`,
      "reports/00-summary.pdf: not total document signed: 26 bytes follow the signed range",
    ],
  },
  {
    name: "a report changed inside its signed range, hashes rewritten",
    change: (files) => {
      flipByte(entry(files, "reports/00-summary.pdf"), 1000);
      rewriteHashes(files);
    },
    problems: [`manifest.json.p7s: ${digestMismatch}`, `SHA256SUMS.p7s: ${digestMismatch}`, `reports/00-summary.pdf: ${digestMismatch}`],
  },
  {
    // The padding after the signature's DER is outside the signed range: only verify's own look at it sees a change.
    name: "a report whose signature padding was overwritten, hashes rewritten",
    change: (files) => {
      const pdf = entry(files, "reports/00-summary.pdf");
      const contents = pdf.indexOf("/Contents <", 0, "latin1") + "/Contents <".length;
      const padding = pdf.indexOf("0000000000", contents, "latin1");
      pdf.write("11", padding + 8, "latin1");
      rewriteHashes(files);
    },
    problems: [
      `manifest.json.p7s: ${digestMismatch}`,
      `SHA256SUMS.p7s: ${digestMismatch}`,
      "reports/00-summary.pdf: /Contents holds bytes after the signature that are not zero padding",
    ],
  },
  {
    name: "a report whose signature profile was renamed to adbe.pkcs7.detached, hashes rewritten",
    change: (files) => {
      const pdf = entry(files, "reports/00-summary.pdf");
      pdf.write("adbe.pkcs7.detached", pdf.indexOf("ETSI.CAdES.detached", 0, "latin1"), "latin1");
      rewriteHashes(files);
    },
    problems: [
      `manifest.json.p7s: ${digestMismatch}`,
      `SHA256SUMS.p7s: ${digestMismatch}`,
      "reports/00-summary.pdf: signature profile adbe.pkcs7.detached is not PAdES (ETSI.CAdES.detached)",
      `reports/00-summary.pdf: ${digestMismatch}`,
    ],
  },
  {
    name: "an entry named ../x",
    change: (files) => void files.set("zz/x", Buffer.from("escape")),
    rename: { from: "zz/x", to: "../x" },
    problems: ["unsafe entry name refused: ../x"],
  },
];

async function verifyChanged(testCase: Pick<VerifyCase, "change" | "rename">, options?: Parameters<typeof verifyArchive>[1]): Promise<VerifyResult> {
  const files = tamperedCopy(original, () => {});
  await testCase.change(files);
  return verifyArchive(await writeRawZip(files, testCase.rename), options);
}

describe("verify: one change to the sample archive per case, every problem named", () => {
  it("the archive as written: intact, no problem, every signature checked", async () => {
    const verified = await verifyArchive(archive);
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);
    expect(verified.filesChecked).toBe(manifest.files.length);
    expect(verified.manifest).toEqual({
      archive: manifest.archive,
      tenantId: manifest.tenantId,
      generatedAt: manifest.generatedAt,
      tool: manifest.tool,
      mapping: manifest.mapping,
    });
    expect(verified.signatures.map(({ file, kind, valid }) => ({ file, kind, valid }))).toEqual([
      { file: "manifest.json.p7s", kind: "detached CMS", valid: true },
      { file: "SHA256SUMS.p7s", kind: "detached CMS", valid: true },
      { file: "reports/00-summary.pdf", kind: "PDF", valid: true },
      { file: "reports/01-164.312-b-audit-controls.pdf", kind: "PDF", valid: true },
    ]);
    expect(verified.signer).toMatchObject({
      sha256Fingerprint: signerFingerprint(),
      development: true,
      trust: "not checked",
      trustDetail: "development or self-signed signature: it proves the files are unchanged since signing, not who signed them",
      timestamps: [],
      claimedSigningTime: manifest.generatedAt,
    });
  });

  it("manifest.json claiming the signer is no development key: verify judges the certificate itself", async () => {
    const verified = await verifyChanged({
      change: (files) => {
        const changed = JSON.parse(entry(files, "manifest.json").toString("utf8")) as Manifest;
        if (changed.signer) changed.signer.development = false;
        files.set("manifest.json", Buffer.from(`${JSON.stringify(changed, null, 2)}\n`));
      },
    });
    expect(verified.problems).toEqual([`manifest.json.p7s: ${digestMismatch}`]);
    expect(verified.signer?.development).toBe(true);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
    const verified = await verifyChanged(testCase);
    expect(verified.problems).toEqual(typeof testCase.problems === "function" ? testCase.problems(verified.archive) : testCase.problems);
    expect(verified.intact).toBe(false);
  });

  it("a truncated zip is damaged, not a wrong input", async () => {
    const file = join(temporaryFolder("truncated"), "truncated.zip");
    const bytes = readFileSync(archive);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const verified = await verifyArchive(file);
    expect(verified.problems).toEqual([expect.stringMatching(/^damaged: the zip cannot be read completely \(.+\); it may be truncated$/)]);
    expect(verified).toMatchObject({ intact: false, manifest: undefined, filesChecked: 0, signer: undefined, signatures: [] });
  });

  it("a file that is not a zip at all is a wrong input, naming the file", async () => {
    const file = join(temporaryFolder("not-zip"), "notes.txt");
    writeFileSync(file, "just some notes\n");
    await expect(verifyArchive(file)).rejects.toThrow(`${file}: expected a zip archive`);
  });
});

describe("verify: timestamps", () => {
  let tsa: LocalTsa;
  let stamped: string;
  const spliced = "timestamp tokens are present although manifest.json says the archive was signed without a timestamp authority";

  beforeAll(async () => {
    tsa = await startLocalTsa();
    // The archive's own key signs manifest.json again, with a token: what someone with the key but
    // not the run could add afterwards.
    const { key } = await developmentSigningKey(new Date());
    const files = tamperedCopy(original, () => {});
    const timestamp = timestampAuthority({ url: tsa.url, required: true, warn: () => {} });
    files.set("manifest.json.p7s", await buildDetachedCms({ content: entry(files, "manifest.json"), key, timestamp }));
    stamped = await writeRawZip(files);
  });
  afterAll(() => tsa.close());

  it("a token in an archive signed without a timestamp authority is named as added; its time is read, not judged", async () => {
    const verified = await verifyArchive(stamped);
    expect(verified.problems).toEqual([spliced]);
    expect(verified.signer?.timestamps).toEqual([
      {
        file: "manifest.json.p7s",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string,
        authority: "O=hipaa-evidence tests, CN=Test Timestamp Authority",
        trusted: "not checked",
      },
    ]);
    expect(verified.signatures.map((check) => check.timestamp?.authority)).toEqual([
      "O=hipaa-evidence tests, CN=Test Timestamp Authority",
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("a token the authority gave for another signature value: the timestamp does not verify, and no time is read from it", async () => {
    const { key } = await developmentSigningKey(new Date());
    const files = tamperedCopy(original, () => {});
    const authority = timestampAuthority({ url: tsa.url, required: true, warn: () => {} });
    const elsewhere = (_signatureValue: Buffer) => authority(Buffer.from("the signature value of another file"));
    files.set("manifest.json.p7s", await buildDetachedCms({ content: entry(files, "manifest.json"), key, timestamp: elsewhere }));
    const verified = await verifyArchive(await writeRawZip(files));
    expect(verified.problems).toEqual([
      "manifest.json.p7s: its timestamp does not verify (message imprint mismatch: the token does not cover this signature value)",
    ]);
    expect(verified.signer?.timestamps).toEqual([]);
    expect(verified.signatures.map(({ file, valid }) => ({ file, valid }))[0]).toEqual({ file: "manifest.json.p7s", valid: false });
  });

  it("--trust-tsa with the authority's CA: the time is trusted", async () => {
    const verified = await verifyArchive(stamped, { trustTsa: tsa.caPem });
    expect(verified.problems).toEqual([spliced]);
    expect(verified.signer?.timestamps.map((stamp) => stamp.trusted)).toEqual(["trusted"]);
  });

  it("--trust-tsa with another CA: the time is not trusted, and named as a problem", async () => {
    const other = join(temporaryFolder("other-tsa-ca"), "ca.pem");
    writeFileSync(other, entry(original, "signer.pem"));
    const verified = await verifyArchive(stamped, { trustTsa: other });
    expect(verified.problems).toEqual([
      spliced,
      `manifest.json.p7s: timestamp authority O=hipaa-evidence tests, CN=Test Timestamp Authority does not chain to any certificate in ${other}`,
    ]);
    expect(verified.signer?.timestamps.map((stamp) => stamp.trusted)).toEqual(["not trusted"]);
  });
});

describe("verify --trust: who signed", () => {
  const anchorsFile = (pem: string) => {
    const file = join(temporaryFolder("trust"), "anchors.pem");
    writeFileSync(file, pem);
    return file;
  };

  it("the signer's own certificate as anchor: trusted, no problem", async () => {
    const anchors = anchorsFile(entry(original, "signer.pem").toString("ascii"));
    const verified = await verifyArchive(archive, { trust: anchors });
    expect(verified.problems).toEqual([]);
    expect(verified.signer).toMatchObject({
      trust: "trusted",
      trustDetail: expect.stringMatching(new RegExp(`^chains to CN=hipaa-evidence development key on .+ from ${anchors}$`)) as unknown as string,
    });
  });

  it("another certificate as anchor: not trusted, and named as a problem", async () => {
    const anchors = anchorsFile(strangerKey.chain.map((certificate) => toPem(certificate.der)).join(""));
    const verified = await verifyArchive(archive, { trust: anchors });
    const subject = verified.signer?.subject ?? "";
    expect(verified.problems).toEqual([`signer not trusted: ${subject} does not chain to any certificate in ${anchors}`]);
    expect(verified.signer).toMatchObject({ trust: "not trusted", trustDetail: `does not chain to any certificate in ${anchors}` });
    expect(verified.intact).toBe(false);
  });

  it("no copy of the signer's certificate in the archive: not trusted, whatever the anchors", async () => {
    const anchors = anchorsFile(entry(original, "signer.pem").toString("ascii"));
    const verified = await verifyChanged(
      {
        change: (files) => {
          files.delete("signer.pem");
          files.delete("manifest.json.p7s");
          files.delete("SHA256SUMS.p7s");
        },
      },
      { trust: anchors },
    );
    expect(verified.problems).toEqual([
      "missing: signer.pem",
      "signer.pem holds no certificate",
      `no certificate with the fingerprint manifest.json names (${signerFingerprint()}) is in the archive`,
      "manifest.json.p7s: missing: the archive is not signed",
      "SHA256SUMS.p7s: missing: the archive is not signed",
      "signer not trusted: the signer's certificate is not in the archive, so it cannot be checked against --trust",
    ]);
    expect(verified.signer?.trust).toBe("not trusted");
  });

  it("a --trust file without certificates, or with a damaged one, is a wrong input", async () => {
    const empty = anchorsFile("nothing here\n");
    await expect(verifyArchive(archive, { trust: empty })).rejects.toThrow(`${empty}: expected one or more PEM certificates (-----BEGIN CERTIFICATE-----)`);
    const damaged = anchorsFile("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    await expect(verifyArchive(archive, { trust: damaged })).rejects.toThrow(`${damaged}: certificate 1: expected one or more PEM certificates`);
  });
});
