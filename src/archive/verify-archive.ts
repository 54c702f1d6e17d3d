import { InputError } from "../errors.js";
import { parseJsonInput, readBinaryInput } from "../input/read-input.js";
import { certificateFacts, certificatesFromPem, isDevelopmentCertificate, type CertificateFacts } from "../signing/certificate.js";
import { parseSignedData } from "../signing/cms.js";
import { chainsToTrustAnchor, checkDetachedSignature, checkPdfSignature, type SignatureCheck } from "../signing/verify-signature.js";
import { ManifestSchema, selfDescribingFiles, sha256Hex, type Manifest } from "./manifest.js";
import { readZip, type ZipContents } from "./read-zip.js";

/**
 * Re-checks an archive the way an auditor would with sha256sum, openssl cms and pdfsig, without
 * extracting anything: every listed file is present with its hash, nothing was added, both
 * detached signatures and every PDF signature hold, all made by the certificate in signer.pem, and
 * (with --trust) that certificate chains to the auditor's own trust anchors.
 */
export interface VerifyResult {
  /** Every file, hash and signature is as the tool wrote it. */
  intact: boolean;
  archive: string;
  manifest: Pick<Manifest, "archive" | "tenantId" | "generatedAt" | "tool" | "mapping"> | undefined;
  filesChecked: number;
  problems: string[];
  signer:
    | {
        subject: string;
        issuer: string;
        sha256Fingerprint: string;
        /** As manifest.json states it: the archive cannot prove where its key was kept. */
        source: NonNullable<Manifest["signer"]>["source"];
        development: boolean;
        trust: "trusted" | "not trusted" | "not checked";
        trustDetail: string;
        /** The signing time the tool claims, and the RFC 3161 times, if any, that back it. */
        claimedSigningTime: string | undefined;
        /** RFC 3161 times; "trusted" only when --trust-tsa was given and the authority chains to it. */
        timestamps: { file: string; time: string; authority: string; trusted: "trusted" | "not trusted" | "not checked" }[];
      }
    | undefined;
  /** Each signature's verdict, without the certificates used to reach it (they are in the archive). */
  signatures: (Omit<SignatureCheck, "timestamp"> & { timestamp?: { time: string; authority: string } })[];
}

function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}

const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function hashProblems(files: Map<string, Buffer>, manifest: Manifest): string[] {
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((entry) => entry.path));
  for (const entry of manifest.files) {
    const content = files.get(entry.path);
    if (!content) problems.push(`missing: ${entry.path}`);
    else if (content.length !== entry.bytes || sha256Hex(content) !== entry.sha256)
      problems.push(`changed: ${entry.path} (its SHA-256 differs from manifest.json)`);
  }
  for (const name of files.keys()) {
    if (!listed.has(name) && !selfDescribingFiles.has(name)) problems.push(`added: ${name} (not listed in manifest.json)`);
  }
  const sumsBytes = files.get("SHA256SUMS");
  if (!sumsBytes) {
    problems.push("missing: SHA256SUMS");
  } else {
    const sums = parseSums(sumsBytes.toString("utf8"));
    const agrees = sums.size === manifest.files.length && manifest.files.every((entry) => sums.get(entry.path) === entry.sha256);
    if (!agrees) problems.push("changed: SHA256SUMS (it does not list the same hashes as manifest.json)");
  }
  return problems;
}

function signatureChecks(files: Map<string, Buffer>, signer: CertificateFacts | undefined): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  for (const [signed, signature] of detachedSignatures) {
    const content = files.get(signed);
    const cms = files.get(signature);
    if (!cms) checks.push({ file: signature, kind: "detached CMS", valid: false, problems: ["missing: the archive is not signed"] });
    else if (content) checks.push(checkDetachedSignature(signature, cms, content, signer));
  }
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // The tool's own reports carry the archive's signature; attached documents (attestations/) carry
    // their authors' own or none, and the signed manifest covers their bytes.
    if (name.startsWith("reports/") && name.toLowerCase().endsWith(".pdf")) checks.push(checkPdfSignature(name, content, signer));
  }
  return checks;
}

const detachedSignatures = [
  ["manifest.json", "manifest.json.p7s"],
  ["SHA256SUMS", "SHA256SUMS.p7s"],
] as const;

/** Certificates from signer.pem and from inside the detached signatures, where readable. */
function certificatesOf(files: Map<string, Buffer>, problems: string[]): { pem: CertificateFacts[]; embedded: CertificateFacts[] } {
  let pem: CertificateFacts[] = [];
  try {
    pem = certificatesFromPem(files.get("signer.pem")?.toString("ascii") ?? "").map((der) => certificateFacts(der));
  } catch (error) {
    problems.push(`signer.pem cannot be read: ${(error as Error).message}`);
  }
  const embedded = detachedSignatures.flatMap(([, signature]) => {
    try {
      return parseSignedData(files.get(signature) ?? Buffer.alloc(0)).certificates;
    } catch {
      return [];
    }
  });
  return { pem, embedded };
}

function manifestFacts(manifest: Manifest): VerifyResult["manifest"] {
  return { archive: manifest.archive, tenantId: manifest.tenantId, generatedAt: manifest.generatedAt, tool: manifest.tool, mapping: manifest.mapping };
}

async function readTrustAnchors(file: string): Promise<CertificateFacts[]> {
  const expected = "expected one or more PEM certificates (-----BEGIN CERTIFICATE-----)";
  const blocks = certificatesFromPem((await readBinaryInput(file)).toString("utf8"));
  if (blocks.length === 0) throw new InputError(file, undefined, expected);
  return blocks.map((der, index) => {
    try {
      return certificateFacts(der);
    } catch (error) {
      throw new InputError(file, `certificate ${index + 1}`, `${expected} (${(error as Error).message})`);
    }
  });
}

export async function verifyArchive(file: string, options: { trust?: string | undefined; trustTsa?: string | undefined } = {}): Promise<VerifyResult> {
  const anchors = options.trust ? await readTrustAnchors(options.trust) : undefined;
  const tsaAnchors = options.trustTsa ? await readTrustAnchors(options.trustTsa) : undefined;
  const bytes = await readBinaryInput(file);
  const empty = { archive: file, manifest: undefined, filesChecked: 0, signer: undefined, signatures: [] };
  let zip: ZipContents;
  try {
    zip = await readZip(file, bytes);
  } catch (error) {
    // Not a zip at all is a wrong input; a zip that cannot be read to the end was damaged.
    if (!bytes.subarray(0, 4).equals(zipSignature)) throw error;
    return { ...empty, intact: false, problems: [`damaged: the zip cannot be read completely (${(error as Error).message}); it may be truncated`] };
  }
  const { files, unsafeNames } = zip;
  const problems = unsafeNames.map((name) => `unsafe entry name refused: ${name}`);
  const manifestBytes = files.get("manifest.json");
  if (!manifestBytes) return { ...empty, intact: false, problems: [...problems, "missing: manifest.json"] };
  let manifest: Manifest;
  try {
    manifest = parseJsonInput(`${file}!manifest.json`, manifestBytes.toString("utf8"), ManifestSchema);
  } catch (error) {
    return { ...empty, intact: false, problems: [...problems, `manifest.json is not valid: ${(error as Error).message}`] };
  }
  problems.push(...hashProblems(files, manifest));
  if (!manifest.signer) {
    problems.push("not signed: manifest.json names no signer (an archive from a version without signing, or one stripped of its signatures)");
    return { ...empty, intact: false, problems, manifest: manifestFacts(manifest), filesChecked: manifest.files.length };
  }
  const signerClaim = manifest.signer;

  // The archive's signer is the certificate manifest.json names; signer.pem should hold it, and
  // every signature must verify with its key.
  const named = signerClaim.sha256Fingerprint;
  const { pem, embedded } = certificatesOf(files, problems);
  const leaf = [...pem, ...embedded].find((certificate) => certificate.sha256Fingerprint === named);
  if (pem[0]?.sha256Fingerprint !== named)
    problems.push(pem.length ? "signer.pem is not the certificate manifest.json names as signer" : "signer.pem holds no certificate");
  if (!leaf) problems.push(`no certificate with the fingerprint manifest.json names (${named}) is in the archive`);
  const signatures = signatureChecks(files, leaf);
  for (const check of signatures) {
    problems.push(...check.problems.map((problem) => `${check.file}: ${problem}`));
    if (check.signer && check.signer.sha256Fingerprint !== named)
      problems.push(`${check.file}: the certificate inside the signature (SHA-256 ${check.signer.sha256Fingerprint}) is not the archive's signer`);
  }
  const certificates = pem.length ? pem : leaf ? [leaf] : [];
  const fingerprint = named;

  // The manifest's own word is not enough: a development marker or a self-signed certificate counts too.
  // Self-signed by name and by signature: checkIssued would also ask for the certSign key usage, which
  // a self-made signing certificate (digitalSignature only) lacks, and so miss it.
  const selfSigned = leaf ? leaf.x509.subject === leaf.x509.issuer && leaf.x509.verify(leaf.x509.publicKey) : false;
  const development = signerClaim.development || (leaf !== undefined && (isDevelopmentCertificate(leaf) || selfSigned));
  let trust: "trusted" | "not trusted" | "not checked" = "not checked";
  let trustDetail = development
    ? "development or self-signed signature: it proves the files are unchanged since signing, not who signed them"
    : "no --trust given: the signatures prove the files are unchanged since signing; pass --trust CA.pem to check who signed";
  if (anchors && !leaf) {
    trust = "not trusted";
    trustDetail = "the signer's certificate is not in the archive, so it cannot be checked against --trust";
    problems.push(`signer not trusted: ${trustDetail}`);
  }
  if (anchors && leaf) {
    const anchor = chainsToTrustAnchor(leaf, [...certificates, ...embedded], anchors);
    trust = anchor ? "trusted" : "not trusted";
    trustDetail = anchor ? `chains to ${anchor.subject} from ${options.trust}` : `does not chain to any certificate in ${options.trust}`;
    if (!anchor) problems.push(`signer not trusted: ${leaf.subject} ${trustDetail}`);
  }

  // Timestamps are times only if their authority is trusted; one added to an archive signed without
  // any timestamp authority was put there afterwards.
  const timestamps = signatures.flatMap((check) => (check.timestamp ? [{ file: check.file, ...check.timestamp }] : []));
  if (timestamps.length > 0 && !signerClaim.timestampAuthority)
    problems.push("timestamp tokens are present although manifest.json says the archive was signed without a timestamp authority");
  const judged = timestamps.map(({ file: stamped, time, authority, authorityCertificate, certificates: chain }) => {
    let trusted: "trusted" | "not trusted" | "not checked" = "not checked";
    if (tsaAnchors) {
      trusted = authorityCertificate && chainsToTrustAnchor(authorityCertificate, chain, tsaAnchors) ? "trusted" : "not trusted";
      if (trusted === "not trusted") problems.push(`${stamped}: timestamp authority ${authority} does not chain to any certificate in ${options.trustTsa}`);
    }
    return { file: stamped, time, authority, trusted };
  });

  return {
    intact: problems.length === 0,
    archive: file,
    manifest: manifestFacts(manifest),
    filesChecked: manifest.files.length,
    problems,
    signer: {
      subject: leaf?.subject ?? signerClaim.subject,
      issuer: leaf?.issuer ?? signerClaim.issuer,
      sha256Fingerprint: fingerprint,
      source: signerClaim.source,
      development,
      trust,
      trustDetail,
      claimedSigningTime: manifest.generatedAt,
      timestamps: judged,
    },
    signatures: signatures.map(({ timestamp, ...check }) => ({
      ...check,
      ...(timestamp ? { timestamp: { time: timestamp.time, authority: timestamp.authority } } : {}),
    })),
  };
}
