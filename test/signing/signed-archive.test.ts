import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyArchive } from "../../src/archive/verify-archive.js";
import { InputError, SigningError } from "../../src/errors.js";
import { ZipArchive } from "archiver";
import { createWriteStream } from "node:fs";
import { readZip } from "../../src/archive/read-zip.js";
import { buildDetachedCms } from "../../src/signing/cms.js";
import { developmentSigningKey } from "../../src/signing/development-key.js";
import { timestampAuthority } from "../../src/signing/timestamp.js";

function writeEntries(file: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = createWriteStream(file);
    const zip = new ZipArchive();
    output.on("close", () => resolve());
    zip.on("error", reject);
    zip.pipe(output);
    for (const [name, content] of files) zip.append(content, { name });
    void zip.finalize();
  });
}
import { closedPortUrl, startLocalTsa, type LocalTsa } from "../support/local-tsa.js";
import { collectSample, silent, temporaryFolder } from "../support/sample.js";
import { makeTestCa, type TestCa } from "../support/test-ca.js";
import { hipaaEvidenceInProcess as hipaaEvidence, run } from "../support/tools.js";

/**
 * Key sources, trust and timestamps, end to end through the main job and checked with stock tools.
 * Signing does not depend on what a report says, so these archives are scoped to one standard
 * (164.312(b), which has no implementation specifications): the summary and one report.
 */
const scope = ["164.312(b)"];
const reportCount = 2;
const signatureCount = reportCount + 2;
const collectScoped: typeof collectSample = (overrides = {}) => collectSample({ sections: scope, ...overrides });
const passwordVariable = "HIPAA_EVIDENCE_TEST_PFX_PASSWORD";
let ca: TestCa;

beforeAll(() => {
  ca = makeTestCa();
  process.env[passwordVariable] = ca.pfxPassword;
});

function unzip(archive: string): string {
  const folder = temporaryFolder("signed");
  expect(run("unzip", ["-q", archive, "-d", folder]).status).toBe(0);
  return folder;
}

function cmsVerify(folder: string, signed: string, caFile: string) {
  return run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", `${signed}.p7s`, "-content", signed, "-CAfile", caFile, "-out", "/dev/null"], {
    cwd: folder,
  });
}

describe("signing with a PFX issued by the organisation's CA", () => {
  it.each([
    ["RSA, OpenSSL 3 default PFX", "rsa", "RSA"],
    ["RSA, legacy PFX", "rsaLegacy", "RSA"],
    ["EC P-256", "ec", "ECDSA"],
  ] as const)("%s: trusted by verify --trust and by openssl cms against the CA", async (_name, which, keyType) => {
    const result = await collectScoped({ signing: { pfx: { file: ca.pfx[which], passwordVariable } } });
    const verified = await verifyArchive(result.archivePath, { trust: ca.caPem });
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);
    expect(verified.signer).toMatchObject({ source: "pfx", development: false, trust: "trusted" });
    expect(verified.signer?.subject).toContain("CN=Contoso Clinic Evidence Signing");
    expect(verified.signatures).toHaveLength(signatureCount);

    const folder = unzip(result.archivePath);
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as { signer: Record<string, unknown> };
    expect(manifest.signer).toMatchObject({ source: "pfx", keyType, development: false, reference: ca.pfx[which].split("/").pop() });
    // signer.pem carries the chain, so an auditor with only the CA certificate can check who signed.
    expect(readFileSync(join(folder, "signer.pem"), "utf8").match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    for (const signed of ["manifest.json", "SHA256SUMS"]) {
      const checked = cmsVerify(folder, signed, ca.caPem);
      expect(checked.stderr, signed).toContain("Verification successful");
      expect(checked.status).toBe(0);
    }
    const pdfsig = run("pdfsig", [join(folder, "reports/00-summary.pdf")]).stdout;
    expect(pdfsig).toContain("Signature is Valid.");
    expect(pdfsig).toContain("Total document signed");
    expect(pdfsig).toContain("Signer Certificate Common Name: Contoso Clinic Evidence Signing");
  });

  it("verify --trust with another organisation's CA: exit 1, signer not trusted", async () => {
    const result = await collectScoped({ signing: { pfx: { file: ca.pfx.rsa, passwordVariable } } });
    const stranger = makeTestCa("Fabrikam Root CA");
    const verified = await hipaaEvidence(["verify", result.archivePath, "--trust", stranger.caPem]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(
      `signer not trusted: CN=Contoso Clinic Evidence Signing rsa, O=Contoso Clinic does not chain to any certificate in ${stranger.caPem}`,
    );
    expect(verified.stdout).toContain("trust:      not trusted");
  });

  it("a signer issued by a certificate that is not a CA is not trusted, whatever names it chains through", async () => {
    // The organisation's own leaf (CA:FALSE) issues a second leaf: openssl does it, verify must not accept it.
    const cwd = ca.folder;
    const step = (args: string[]) => expect(run("openssl", args, { cwd }).status).toBe(0);
    step(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue.key", "-out", "rogue.csr", "-subj", "/CN=Rogue Evidence Signer/O=Contoso Clinic"]);
    step(["x509", "-req", "-in", "rogue.csr", "-CA", "rsa.pem", "-CAkey", "rsa.key", "-CAcreateserial", "-out", "rogue.pem", "-days", "30"]);
    writeFileSync(join(cwd, "rogue-chain.pem"), readFileSync(join(cwd, "rsa.pem")));
    step([
      "pkcs12",
      "-export",
      "-inkey",
      "rogue.key",
      "-in",
      "rogue.pem",
      "-certfile",
      "rogue-chain.pem",
      "-out",
      "rogue.pfx",
      "-passout",
      `pass:${ca.pfxPassword}`,
    ]);
    const result = await collectScoped({ signing: { pfx: { file: join(cwd, "rogue.pfx"), passwordVariable } } });
    const verified = await verifyArchive(result.archivePath, { trust: ca.caPem });
    expect(verified.signer?.trust).toBe("not trusted");
    expect(verified.problems).toContain(`signer not trusted: CN=Rogue Evidence Signer, O=Contoso Clinic does not chain to any certificate in ${ca.caPem}`);
  });

  it("a PFX holding a self-signed certificate without the development marker: verify calls it what it is, whatever the manifest says", async () => {
    const cwd = ca.folder;
    const step = (args: string[]) => expect(run("openssl", args, { cwd }).status).toBe(0);
    step([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "self.key",
      "-out",
      "self.pem",
      "-days",
      "30",
      "-subj",
      "/CN=Clinic Self-Made Signer/O=Contoso Clinic",
      "-addext",
      "keyUsage=critical,digitalSignature,nonRepudiation",
    ]);
    step(["pkcs12", "-export", "-inkey", "self.key", "-in", "self.pem", "-out", "self.pfx", "-passout", `pass:${ca.pfxPassword}`]);
    const result = await collectScoped({ signing: { pfx: { file: join(cwd, "self.pfx"), passwordVariable } } });
    const verified = await verifyArchive(result.archivePath);
    expect(verified.problems).toEqual([]);
    expect(verified.signer).toMatchObject({
      subject: "CN=Clinic Self-Made Signer, O=Contoso Clinic",
      source: "pfx",
      development: true,
      trust: "not checked",
      trustDetail: "development or self-signed signature: it proves the files are unchanged since signing, not who signed them",
    });
    const { files } = await readZip(result.archivePath, readFileSync(result.archivePath));
    const manifest = JSON.parse(files.get("manifest.json")?.toString("utf8") ?? "{}") as { signer?: { development: boolean } };
    expect(manifest.signer?.development).toBe(false);
  });

  it("a certificate whose issuer bears its own name but signed it with another key is not self-signed", async () => {
    const cwd = ca.folder;
    const step = (args: string[]) => expect(run("openssl", args, { cwd }).status).toBe(0);
    const name = "/CN=Contoso Clinic Namesake/O=Contoso Clinic";
    step(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "namesake-ca.key", "-out", "namesake-ca.pem", "-days", "30", "-subj", name]);
    step(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "namesake.key", "-out", "namesake.csr", "-subj", name]);
    step([
      "x509",
      "-req",
      "-in",
      "namesake.csr",
      "-CA",
      "namesake-ca.pem",
      "-CAkey",
      "namesake-ca.key",
      "-CAcreateserial",
      "-out",
      "namesake.pem",
      "-days",
      "30",
    ]);
    step(["pkcs12", "-export", "-inkey", "namesake.key", "-in", "namesake.pem", "-out", "namesake.pfx", "-passout", `pass:${ca.pfxPassword}`]);
    const result = await collectScoped({ signing: { pfx: { file: join(cwd, "namesake.pfx"), passwordVariable } } });
    const verified = await verifyArchive(result.archivePath);
    expect(verified.problems).toEqual([]);
    expect(verified.signer).toMatchObject({
      subject: "CN=Contoso Clinic Namesake, O=Contoso Clinic",
      issuer: "CN=Contoso Clinic Namesake, O=Contoso Clinic",
      development: false,
    });
  });

  it("a wrong PFX password stops the run before collection, naming the file and the variable", async () => {
    const out = temporaryFolder("wrong-password");
    process.env.HIPAA_EVIDENCE_TEST_WRONG = "not the password";
    const refused = collectScoped({ outDir: out, signing: { pfx: { file: ca.pfx.rsa, passwordVariable: "HIPAA_EVIDENCE_TEST_WRONG" } } });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(`${ca.pfx.rsa}: expected a PKCS #12 (PFX) file readable with the password in HIPAA_EVIDENCE_TEST_WRONG`);
    expect(readdirSync(out)).toEqual([]);
  });

  it("an unset password variable is named, exit 2 from the command line", async () => {
    const out = temporaryFolder("no-password");
    const refused = await hipaaEvidence([
      "collect",
      "--replay",
      "samples/contoso-clinic/recording.har",
      "--out",
      out,
      "--sign-pfx",
      ca.pfx.rsa,
      "--sign-pfx-password-env",
      "HIPAA_EVIDENCE_TEST_UNSET",
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${ca.pfx.rsa}: expected the PFX password in the environment variable HIPAA_EVIDENCE_TEST_UNSET, which is not set`);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe("timestamps (PAdES B-T) from an RFC 3161 authority", () => {
  let tsa: LocalTsa;
  beforeAll(async () => {
    tsa = await startLocalTsa();
  });
  afterAll(() => tsa.close());

  it("every PDF and both detached signatures carry a token that verify reads", async () => {
    const before = tsa.requests;
    const result = await collectScoped({ signing: { tsaUrl: tsa.url, requireTimestamp: true } });
    expect(result.signing).toMatchObject({ signatures: signatureCount, timestamped: signatureCount });
    expect(tsa.requests - before).toBe(signatureCount);
    const verified = await verifyArchive(result.archivePath);
    expect(verified.intact).toBe(true);
    expect(verified.signer?.timestamps).toHaveLength(signatureCount);
    expect(verified.signer?.timestamps[0]?.authority).toContain("CN=");
    const described = (await hipaaEvidence(["verify", result.archivePath])).stdout;
    expect(described).toMatch(
      new RegExp(
        `timestamp: {2}RFC 3161 on ${signatureCount} of ${signatureCount} signatures, by .+ \\(authority not checked: pass --trust-tsa\\), at \\d{4}-`,
      ),
    );
    // With the authority's CA the times are trusted; with another CA they are not, and verify says so.
    const trusted = await verifyArchive(result.archivePath, { trustTsa: tsa.caPem });
    expect(trusted.intact).toBe(true);
    expect(new Set(trusted.signer?.timestamps.map((stamp) => stamp.trusted))).toEqual(new Set(["trusted"]));
    const stranger = await verifyArchive(result.archivePath, { trustTsa: ca.caPem });
    expect(stranger.intact).toBe(false);
    expect(stranger.problems.filter((problem) => problem.includes("does not chain to any certificate in"))).toHaveLength(signatureCount);
    const pdfsig = run("pdfsig", [join(unzip(result.archivePath), "reports/00-summary.pdf")]).stdout;
    expect(pdfsig).toContain("Signature is Valid.");
  });

  it("a token added to an archive signed without a timestamp authority is named as added", async () => {
    const result = await collectScoped();
    const { files } = await readZip(result.archivePath, readFileSync(result.archivePath));
    const { key } = await developmentSigningKey(new Date());
    const stamp = timestampAuthority({ url: tsa.url, required: true, warn: () => {} });
    files.set("manifest.json.p7s", await buildDetachedCms({ content: files.get("manifest.json")!, key, timestamp: stamp }));
    const tampered = join(temporaryFolder("spliced"), "spliced.zip");
    await writeEntries(tampered, files);
    const verified = await verifyArchive(tampered);
    expect(verified.intact).toBe(false);
    expect(verified.problems).toContain("timestamp tokens are present although manifest.json says the archive was signed without a timestamp authority");
  });

  it("an unreachable authority: one warning, and the archive is signed without timestamps", async () => {
    const url = await closedPortUrl();
    const warnings: string[] = [];
    const result = await collectScoped({ signing: { tsaUrl: url }, progress: { ...silent, warn: (message) => warnings.push(message) } });
    expect(warnings.filter((message) => message.includes(url))).toHaveLength(1);
    expect(result.signing).toMatchObject({ signatures: signatureCount, timestamped: 0 });
    const verified = await verifyArchive(result.archivePath);
    expect(verified.intact).toBe(true);
    expect(verified.signer?.timestamps).toEqual([]);
  });

  it("an unreachable authority with --require-timestamp: exit 3 and no archive", async () => {
    const url = await closedPortUrl();
    const out = temporaryFolder("required-timestamp");
    const refused = await hipaaEvidence([
      "collect",
      "--replay",
      "samples/contoso-clinic/recording.har",
      "--out",
      out,
      "--tsa-url",
      url,
      "--require-timestamp",
      "--quiet",
      "--sections",
      scope.join(","),
    ]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`timestamp authority ${url}`);
    expect(readdirSync(out)).toEqual([]);
    await expect(collectScoped({ outDir: out, signing: { tsaUrl: url, requireTimestamp: true } })).rejects.toThrow(SigningError);
  });
});

describe("development keys", () => {
  it("are created on first use, kept private, reused, and named as development by verify", async () => {
    const file = join(temporaryFolder("dev-key"), "nested", "development-signing-key.pem");
    const first = await developmentSigningKey(new Date(), file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await developmentSigningKey(new Date(), file);
    expect(second.created).toBe(false);
    expect(second.key.chain[0]?.sha256Fingerprint).toBe(first.key.chain[0]?.sha256Fingerprint);

    const result = await collectScoped({ signing: { developmentKeyFile: file } });
    const described = await hipaaEvidence(["verify", result.archivePath]);
    expect(described.code).toBe(0);
    expect(described.stdout).toContain("key:        DEVELOPMENT KEY, NOT TRUSTED");
    expect(described.stdout).toContain(`SHA-256:    ${first.key.chain[0]?.sha256Fingerprint}`);
  });

  it("a damaged development key file is named, with what to do", async () => {
    const file = join(temporaryFolder("dev-key-damaged"), "development-signing-key.pem");
    writeFileSync(file, "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n");
    await expect(developmentSigningKey(new Date(), file)).rejects.toThrow(`${file}: expected a PEM private key followed by its certificate`);
  });

  it("keygen writes a password-protected PFX that openssl reads, never overwrites, and signs as development", async () => {
    const out = join(temporaryFolder("keygen"), "dev.pfx");
    const made = await hipaaEvidence(["keygen", "--out", out, "--password-env", passwordVariable, "--organization", "Contoso Clinic"]);
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toBe(out);
    expect(made.stderr).toContain("wrote a development certificate (not trusted)");
    const read = run("openssl", ["pkcs12", "-in", out, "-nokeys", "-passin", `env:${passwordVariable}`]);
    expect(read.status).toBe(0);
    expect(read.stdout).toContain("OU = hipaa-evidence development signature (not trusted)");
    expect((await hipaaEvidence(["keygen", "--out", out, "--password-env", passwordVariable])).code).toBe(2);

    const result = await collectScoped({ signing: { pfx: { file: out, passwordVariable } } });
    const verified = await verifyArchive(result.archivePath);
    expect(verified.intact).toBe(true);
    expect(verified.signer).toMatchObject({ source: "pfx", development: true });
    expect(existsSync(result.archivePath)).toBe(true);
  });
});
