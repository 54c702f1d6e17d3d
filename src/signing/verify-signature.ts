import type { CertificateFacts } from "./certificate.js";
import { checkSignedData, parseSignedData, sha256Digest } from "./cms.js";
import { DerError, readElement } from "./der.js";
import { locatePdfSignatures } from "./pdf-signature.js";
import { readTimestampToken } from "./timestamp.js";

/**
 * The verifier's view of one signature: whether it holds, who made it, and when a timestamp
 * authority (not the tool) says it existed. Used by `verify`; never by the signing path.
 */
export interface SignatureCheck {
  file: string;
  kind: "detached CMS" | "PDF";
  valid: boolean;
  problems: string[];
  signer?: { subject: string; sha256Fingerprint: string } | undefined;
  /** The RFC 3161 time, when the signature carries a token, and the certificates to judge its authority by. */
  timestamp?: { time: string; authority: string; authorityCertificate: CertificateFacts | undefined; certificates: CertificateFacts[] } | undefined;
}

function signerOf(certificate: CertificateFacts | undefined): SignatureCheck["signer"] {
  return certificate ? { subject: certificate.subject, sha256Fingerprint: certificate.sha256Fingerprint } : undefined;
}

/**
 * `signer` is the archive signer's certificate: each signature is checked against it, not against
 * whatever certificate the signature itself carries.
 */
function checkCms(
  file: string,
  kind: SignatureCheck["kind"],
  cms: Buffer,
  contentDigest: Buffer,
  problems: string[],
  signer: CertificateFacts | undefined,
): SignatureCheck {
  try {
    const parsed = parseSignedData(cms);
    const result = checkSignedData(parsed, contentDigest, signer);
    if (!result.valid) problems.push(result.problem ?? "the signature does not verify");
    let timestamp: SignatureCheck["timestamp"];
    if (result.timestampToken) {
      const reading = readTimestampToken(result.timestampToken, parsed.signature);
      if (!reading.valid) problems.push(`its timestamp does not verify (${reading.problem ?? "unknown reason"})`);
      else if (reading.time) {
        timestamp = {
          time: reading.time.toISOString(),
          authority: reading.authority ?? "unknown authority",
          authorityCertificate: reading.authorityCertificate,
          certificates: reading.certificates ?? [],
        };
      }
    }
    return { file, kind, valid: problems.length === 0, problems, signer: signerOf(result.signer ?? parsed.signer), timestamp };
  } catch (error) {
    const why = error instanceof DerError ? error.message : `unreadable (${(error as Error).message})`;
    problems.push(`the signature cannot be read: ${why}`);
    return { file, kind, valid: false, problems };
  }
}

export function checkDetachedSignature(file: string, signature: Buffer, content: Buffer, signer: CertificateFacts | undefined): SignatureCheck {
  return checkCms(file, "detached CMS", signature, sha256Digest(content), [], signer);
}

/** A report must carry exactly one signature, over the whole file, in the PAdES profile. */
export function checkPdfSignature(file: string, pdf: Buffer, signer: CertificateFacts | undefined): SignatureCheck {
  const { signatures, signatureDictionaries } = locatePdfSignatures(pdf);
  const only = signatures[0];
  if (!only) return { file, kind: "PDF", valid: false, problems: ["the PDF carries no signature"] };
  const problems: string[] = [];
  if (signatures.length > 1 || signatureDictionaries > 1)
    problems.push(`the PDF carries ${Math.max(signatures.length, signatureDictionaries)} signatures; the tool writes one`);
  problems.push(...only.problems);
  if (!only.coversWholeFile && only.problems.length === 0) {
    const [, , start, length] = only.byteRange;
    problems.push(`not total document signed: ${pdf.length - (start + length)} bytes follow the signed range`);
  }
  if (only.subFilter !== "ETSI.CAdES.detached") problems.push(`signature profile ${only.subFilter ?? "unknown"} is not PAdES (ETSI.CAdES.detached)`);
  if (!only.cms || only.signedBytes.length === 0) return { file, kind: "PDF", valid: false, problems };
  // What follows the DER in the reserved space must be the zero padding the tool wrote.
  try {
    if (only.cms.subarray(readElement(only.cms).raw.length).some((byte) => byte !== 0))
      problems.push("/Contents holds bytes after the signature that are not zero padding");
  } catch {
    // An unreadable signature is reported by checkCms.
  }
  return checkCms(file, "PDF", only.cms, sha256Digest(...only.signedBytes), problems, signer);
}

/**
 * The signatures of a PDF someone else signed (an attestation's attachment): each checked against
 * the certificate it carries, in either profile PDF signers use (PAdES or adbe.pkcs7.detached). The
 * last one must cover the whole file, or what follows it was added unsigned. Trust in the signer is
 * the reader's to judge; the report names who signed.
 */
export function checkAttachedPdfSignatures(file: string, pdf: Buffer): SignatureCheck[] {
  const { signatures } = locatePdfSignatures(pdf);
  return signatures.map((signature, index) => {
    const problems = [...signature.problems];
    if (index === signatures.length - 1 && !signature.coversWholeFile && signature.problems.length === 0) {
      const [, , start, length] = signature.byteRange;
      problems.push(`${pdf.length - (start + length)} bytes were added after the last signature`);
    }
    if (signature.subFilter !== "ETSI.CAdES.detached" && signature.subFilter !== "adbe.pkcs7.detached")
      problems.push(`signature profile ${signature.subFilter ?? "unknown"} is not one this tool can check`);
    if (!signature.cms || signature.signedBytes.length === 0) return { file, kind: "PDF" as const, valid: false, problems };
    return checkCms(file, "PDF", signature.cms, sha256Digest(...signature.signedBytes), problems, undefined);
  });
}

/**
 * Whether the signing certificate chains, through the certificates the archive ships, to one of the
 * auditor's trust anchors. Each link is checked by issuer name and by signature.
 */
export function chainsToTrustAnchor(
  signer: CertificateFacts,
  intermediates: readonly CertificateFacts[],
  trusted: readonly CertificateFacts[],
): CertificateFacts | undefined {
  // Only a certificate authority may issue: a leaf of the auditor's CA must not mint "trusted" signers.
  const issues = (issuer: CertificateFacts, subject: CertificateFacts) =>
    issuer.x509.ca && subject.x509.checkIssued(issuer.x509) && subject.x509.verify(issuer.x509.publicKey);
  let current = signer;
  for (let depth = 0; depth < 8; depth += 1) {
    const anchor = trusted.find((candidate) => candidate.der.equals(current.der) || issues(candidate, current));
    if (anchor) return anchor;
    const issuer = intermediates.find((candidate) => !candidate.der.equals(current.der) && issues(candidate, current));
    if (!issuer) return undefined;
    current = issuer;
  }
  return undefined;
}
