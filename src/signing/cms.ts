import { createHash, verify as verifySignature, type KeyObject } from "node:crypto";
import { certificateFacts, type CertificateFacts } from "./certificate.js";
import {
  children,
  DerError,
  element,
  explicit,
  expectTag,
  implicitConstructed,
  integer,
  nullValue,
  octetString,
  oid,
  readElement,
  readOid,
  sequence,
  set,
  tag,
  type DerElement,
} from "./der.js";
import { SigningError } from "../errors.js";
import { signingCertificate, type SigningKey } from "./signing-key.js";

/**
 * Detached CMS SignedData (RFC 5652) with the attributes of CAdES baseline B-B: content type,
 * message digest and ESS signing-certificate-v2, and no signing-time (PAdES puts the claimed time in
 * the PDF's /M). An RFC 3161 token, when there is one, goes in the unsigned attributes (B-T).
 */
export const oids = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  sha256: "2.16.840.1.101.3.4.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  timeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
} as const;

const sha256 = (bytes: Buffer): Buffer => createHash("sha256").update(bytes).digest();
const algorithm = (dotted: string, withNullParameters: boolean): Buffer => sequence(oid(dotted), ...(withNullParameters ? [nullValue()] : []));
const attribute = (type: string, value: Buffer): Buffer => sequence(oid(type), set(value));

function signingCertificateV2(certificate: CertificateFacts): Buffer {
  // hashAlgorithm is omitted: its DEFAULT is SHA-256, and DER leaves defaults out.
  const issuerSerial = sequence(sequence(explicit(4, certificate.issuerDer)), certificate.serialDer);
  return sequence(sequence(sequence(octetString(sha256(certificate.der)), issuerSerial)));
}

/** Gets an RFC 3161 token over the signature value, or undefined when the caller goes without one. */
export type SignatureTimestamper = (signatureValue: Buffer) => Promise<Buffer | undefined>;

export async function buildDetachedCms(input: { content: Buffer | Buffer[]; key: SigningKey; timestamp?: SignatureTimestamper | undefined }): Promise<Buffer> {
  const certificate = signingCertificate(input.key);
  const hash = createHash("sha256");
  for (const part of Array.isArray(input.content) ? input.content : [input.content]) hash.update(part);
  const signedAttributes = [
    attribute(oids.contentType, oid(oids.data)),
    attribute(oids.messageDigest, octetString(hash.digest())),
    attribute(oids.signingCertificateV2, signingCertificateV2(certificate)),
  ];
  // The signature covers the attributes encoded as a SET OF; in SignerInfo they carry tag [0].
  const toBeSigned = set(...signedAttributes);
  const signature = await input.key.sign(toBeSigned, sha256(toBeSigned));
  if (!verifySignature("sha256", toBeSigned, { key: certificate.x509.publicKey, dsaEncoding: "der" }, signature)) {
    throw new SigningError(
      `the signing key did not produce a signature that its certificate (${certificate.subject}) verifies: key and certificate do not match`,
    );
  }
  const token = input.timestamp ? await input.timestamp(signature) : undefined;
  const signerInfo = sequence(
    integer(1),
    sequence(certificate.issuerDer, certificate.serialDer),
    algorithm(oids.sha256, false),
    implicitConstructed(0, toBeSigned),
    certificate.keyType === "RSA" ? algorithm(oids.rsaEncryption, true) : algorithm(oids.ecdsaWithSha256, false),
    octetString(signature),
    ...(token ? [implicitConstructed(1, set(attribute(oids.timeStampToken, token)))] : []),
  );
  const signedData = sequence(
    integer(1),
    set(algorithm(oids.sha256, false)),
    sequence(oid(oids.data)),
    implicitConstructed(0, set(...input.key.chain.map((item) => item.der))),
    set(signerInfo),
  );
  return sequence(oid(oids.signedData), explicit(0, signedData));
}

/** A SignedData read back, with the exact bytes each check needs. */
export interface ParsedSignedData {
  certificates: CertificateFacts[];
  signer: CertificateFacts | undefined;
  /** The signed attributes re-tagged as SET OF: the bytes the signature covers. */
  signedAttributesDer: Buffer;
  attributes: Map<string, DerElement[]>;
  unsignedAttributes: Map<string, DerElement[]>;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signature: Buffer;
  /** The encapsulated content, for attached structures such as a timestamp token. */
  content: Buffer | undefined;
  contentType: string;
}

function attributesOf(container: DerElement | undefined): Map<string, DerElement[]> {
  const map = new Map<string, DerElement[]>();
  if (!container) return map;
  for (const item of children(container)) {
    const [type, values] = children(expectTag(item, tag.sequence, "Attribute"));
    map.set(readOid(expectTag(type, tag.oid, "attribute type")), children(expectTag(values, tag.set, "attribute values")));
  }
  return map;
}

/** Parses a ContentInfo holding SignedData with exactly one signer. Throws DerError on bad structure. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = readElement(der);
  const [type, wrapped] = children(expectTag(contentInfo, tag.sequence, "ContentInfo"));
  if (readOid(expectTag(type, tag.oid, "contentType")) !== oids.signedData) throw new DerError("CMS: the content is not SignedData");
  const [signedData] = children(expectTag(wrapped, 0xa0, "SignedData wrapper"));
  const fields = children(expectTag(signedData, tag.sequence, "SignedData"));
  const encap = children(expectTag(fields[2], tag.sequence, "encapContentInfo"));
  const contentType = readOid(expectTag(encap[0], tag.oid, "eContentType"));
  const eContent = encap[1] ? expectTag(children(expectTag(encap[1], 0xa0, "eContent"))[0], tag.octetString, "eContent").contents : undefined;
  const certificatesField = fields.find((item) => item.tag === 0xa0);
  const certificates = certificatesField ? children(certificatesField).map((item) => certificateFacts(Buffer.from(item.raw))) : [];
  const signerInfos = children(expectTag(fields[fields.length - 1], tag.set, "signerInfos"));
  if (signerInfos.length !== 1) throw new DerError(`CMS: expected one signer, found ${signerInfos.length}`);
  const info = children(expectTag(signerInfos[0], tag.sequence, "SignerInfo"));
  const sid = expectTag(info[1], tag.sequence, "signer identifier (issuer and serial)");
  const [sidIssuer, sidSerial] = children(sid);
  const signer = certificates.find((item) => sidIssuer && sidSerial && item.issuerDer.equals(sidIssuer.raw) && item.serialDer.equals(sidSerial.raw));
  const digestAlgorithm = readOid(expectTag(children(expectTag(info[2], tag.sequence, "digestAlgorithm"))[0], tag.oid, "digest algorithm"));
  const signedAttributes = expectTag(info[3], 0xa0, "signed attributes");
  const signatureAlgorithm = readOid(expectTag(children(expectTag(info[4], tag.sequence, "signatureAlgorithm"))[0], tag.oid, "signature algorithm"));
  const signature = expectTag(info[5], tag.octetString, "signature").contents;
  const unsigned = info[6]?.tag === 0xa1 ? info[6] : undefined;
  return {
    certificates,
    signer,
    signedAttributesDer: element(tag.set, signedAttributes.contents),
    attributes: attributesOf(signedAttributes),
    unsignedAttributes: attributesOf(unsigned),
    digestAlgorithm,
    signatureAlgorithm,
    signature,
    content: eContent,
    contentType,
  };
}

/** What a signature check found; `problem` is set when it does not hold. */
export interface CmsCheck {
  valid: boolean;
  problem?: string;
  signer?: CertificateFacts;
  timestampToken?: Buffer;
}

/**
 * Checks a parsed SignedData against the digest of the content it claims to sign: the message digest
 * attribute matches, and the signer's certificate verifies the signature over the attributes.
 */
export function checkSignedData(parsed: ParsedSignedData, contentDigest: Buffer, certificate?: CertificateFacts): CmsCheck {
  const publicKey: KeyObject | undefined = certificate?.x509.publicKey;
  if (parsed.digestAlgorithm !== oids.sha256) return { valid: false, problem: `digest algorithm ${parsed.digestAlgorithm} is not SHA-256` };
  if (!parsed.signer && !publicKey) return { valid: false, problem: "the signer's certificate is not in the signature" };
  const claimed = parsed.attributes.get(oids.messageDigest)?.[0];
  if (!claimed || claimed.tag !== tag.octetString) return { valid: false, problem: "the signature has no message digest attribute" };
  if (!claimed.contents.equals(contentDigest)) return { valid: false, problem: "digest mismatch: the signed content was changed after signing" };
  const key = publicKey ?? parsed.signer?.x509.publicKey;
  const known = [oids.rsaEncryption, oids.sha256WithRsa, oids.ecdsaWithSha256] as string[];
  if (!key || !known.includes(parsed.signatureAlgorithm)) return { valid: false, problem: `signature algorithm ${parsed.signatureAlgorithm} is not supported` };
  const ok = verifySignature("sha256", parsed.signedAttributesDer, { key, dsaEncoding: "der" }, parsed.signature);
  if (!ok) return { valid: false, problem: "the signature value does not verify with the signer's certificate" };
  // The signed attributes must also say what was signed, and (ESS) by which certificate.
  const contentType = parsed.attributes.get(oids.contentType)?.[0];
  if (!contentType || contentType.tag !== tag.oid || readOid(contentType) !== parsed.contentType)
    return { valid: false, problem: "the content-type attribute does not match the signed content" };
  const essHash = signingCertificateHash(parsed.attributes.get(oids.signingCertificateV2)?.[0]);
  const expected = certificate ?? parsed.signer;
  if (essHash && expected && !essHash.equals(sha256Digest(expected.der)))
    return { valid: false, problem: "the signing-certificate attribute names another certificate" };
  const token = parsed.unsignedAttributes.get(oids.timeStampToken)?.[0];
  return { valid: true, ...(parsed.signer ? { signer: parsed.signer } : {}), ...(token ? { timestampToken: Buffer.from(token.raw) } : {}) };
}

/** The SHA-256 certificate hash in an ESS signing-certificate-v2 value, when it uses SHA-256. */
function signingCertificateHash(value: DerElement | undefined): Buffer | undefined {
  if (!value) return undefined;
  const [first] = children(value);
  const certId = first ? children(first)[0] : undefined;
  if (!certId) return undefined;
  const fields = children(certId);
  // hashAlgorithm is absent when it is the default, SHA-256.
  if (fields[0]?.tag === tag.sequence) {
    const algorithm = children(fields[0])[0];
    if (!algorithm || readOid(algorithm) !== oids.sha256) return undefined;
    return fields[1]?.contents;
  }
  return fields[0]?.tag === tag.octetString ? fields[0].contents : undefined;
}

export function sha256Digest(...parts: Buffer[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}
