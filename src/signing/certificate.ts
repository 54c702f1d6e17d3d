import { X509Certificate } from "node:crypto";
import { children, expectTag, readElement, tag } from "./der.js";

/** What CMS needs to name a certificate (issuer and serial, as encoded) and what a person reads. */
export interface CertificateFacts {
  der: Buffer;
  x509: X509Certificate;
  /** The issuer Name exactly as encoded in the certificate. */
  issuerDer: Buffer;
  /** The serialNumber INTEGER element exactly as encoded. */
  serialDer: Buffer;
  subject: string;
  issuer: string;
  sha256Fingerprint: string;
  /** Only RSA and EC keys can sign here; other types appear only in chains and trust anchors. */
  keyType: "RSA" | "ECDSA" | "other";
}

export function certificateFacts(der: Buffer): CertificateFacts {
  const x509 = new X509Certificate(der);
  const certificate = readElement(der);
  const [tbs] = children(expectTag(certificate, tag.sequence, "Certificate"));
  const fields = children(expectTag(tbs, tag.sequence, "TBSCertificate"));
  // [0] version is optional; serialNumber follows it, then signature algorithm, then issuer.
  const start = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serialDer = expectTag(fields[start], tag.integer, "serialNumber").raw;
  const issuerDer = expectTag(fields[start + 2], tag.sequence, "issuer").raw;
  const keyType = x509.publicKey.asymmetricKeyType;
  return {
    der,
    x509,
    issuerDer,
    serialDer,
    subject: oneLineName(x509.subject),
    issuer: oneLineName(x509.issuer),
    sha256Fingerprint: x509.fingerprint256,
    keyType: keyType === "rsa" ? "RSA" : keyType === "ec" ? "ECDSA" : "other",
  };
}

/** Node prints names one attribute per line; reports and manifests want "CN=…, O=…". */
function oneLineName(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

export function toPem(der: Buffer): string {
  const base64 = der.toString("base64").replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`;
}

/** Every certificate in a PEM bundle, in order. */
export function certificatesFromPem(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ""), "base64"));
}

/** Subjects that mark a certificate as a development one, never to be trusted by an auditor. */
export const developmentMarker = "hipaa-evidence development signature (not trusted)";

export function isDevelopmentCertificate(facts: Pick<CertificateFacts, "subject">): boolean {
  return facts.subject.includes(developmentMarker);
}
