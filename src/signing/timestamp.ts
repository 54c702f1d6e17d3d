import { randomBytes } from "node:crypto";
import { SigningError } from "../errors.js";
import type { CertificateFacts } from "./certificate.js";
import { checkSignedData, oids, parseSignedData, sha256Digest, type SignatureTimestamper } from "./cms.js";
import {
  booleanValue,
  children,
  DerError,
  expectTag,
  integer,
  integerFromBytes,
  octetString,
  oid,
  readElement,
  readOid,
  readTime,
  sequence,
  tag,
  type DerElement,
} from "./der.js";

/**
 * RFC 3161 signature timestamps (what makes a CAdES/PAdES B-B signature B-T): the imprint is
 * SHA-256 over the signature value, and the token goes into the SignerInfo's unsigned attributes.
 */

const timeStampingUsage = "1.3.6.1.5.5.7.3.8";
const statusNames = ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];
/** PKIFailureInfo bit numbers (RFC 3161 section 2.4.2). */
const failureNames: Record<number, string> = {
  0: "badAlg",
  2: "badRequest",
  5: "badDataFormat",
  14: "timeNotAvailable",
  15: "unacceptedPolicy",
  16: "unacceptedExtension",
  17: "addInfoNotAvailable",
  25: "systemFailure",
};

const messageImprint = (hash: Buffer): Buffer => sequence(sequence(oid(oids.sha256)), octetString(hash));

/** What a token says, read without judging it beyond its own CMS signature. */
interface TokenFacts {
  imprintAlgorithm: string;
  imprint: Buffer;
  /** The nonce INTEGER element exactly as encoded, if the token has one. */
  nonce: Buffer | undefined;
  genTime: Date;
  authority: CertificateFacts | undefined;
  certificates: CertificateFacts[];
  /** Why the token's own signature does not hold, if it does not. */
  signatureProblem: string | undefined;
}

/** Reads a TimeStampToken (a ContentInfo holding SignedData over a TSTInfo). Throws DerError on bad structure. */
function readToken(token: Buffer): TokenFacts {
  const signed = parseSignedData(token);
  if (signed.contentType !== oids.tstInfo || !signed.content) throw new DerError("the token does not hold a TSTInfo");
  const fields = children(expectTag(readElement(signed.content), tag.sequence, "TSTInfo"));
  const [algorithm, hashed] = children(expectTag(fields[2], tag.sequence, "messageImprint"));
  const [algorithmOid] = children(expectTag(algorithm, tag.sequence, "messageImprint hashAlgorithm"));
  const genTime = readTime(expectTag(fields[4], tag.generalizedTime, "genTime"));
  // Between genTime and the nonce sit the optional accuracy (SEQUENCE) and ordering (BOOLEAN).
  const nonce = fields.slice(5).find((item) => item.tag === tag.integer);
  const check = checkSignedData(signed, sha256Digest(signed.content));
  let signatureProblem = check.valid ? undefined : `the token's signature does not hold: ${check.problem}`;
  // RFC 3161 2.3: a TSA signs only with a certificate meant for it.
  if (!signatureProblem && !signed.signer?.x509.keyUsage?.includes(timeStampingUsage))
    signatureProblem = "the token's signer is not a timestamping certificate";
  return {
    imprintAlgorithm: readOid(expectTag(algorithmOid, tag.oid, "messageImprint algorithm")),
    imprint: expectTag(hashed, tag.octetString, "hashedMessage").contents,
    nonce: nonce ? Buffer.from(nonce.raw) : undefined,
    genTime,
    authority: signed.signer,
    certificates: signed.certificates,
    signatureProblem,
  };
}

function imprintProblem(facts: TokenFacts, expected: Buffer): string | undefined {
  if (facts.imprintAlgorithm !== oids.sha256) return `message imprint uses ${facts.imprintAlgorithm}, not SHA-256`;
  if (!facts.imprint.equals(expected)) return "message imprint mismatch: the token does not cover this signature value";
  return undefined;
}

const unsignedValue = (item: DerElement): number => [...item.contents].reduce((value, byte) => value * 256 + byte, 0);

/** The TimeStampToken out of a TimeStampResp, or an Error saying why there is none. */
function tokenFromResponse(response: Buffer): Buffer {
  const [statusInfo, token] = children(expectTag(readElement(response), tag.sequence, "TimeStampResp"));
  const [status, ...details] = children(expectTag(statusInfo, tag.sequence, "PKIStatusInfo"));
  const code = unsignedValue(expectTag(status, tag.integer, "PKIStatus"));
  if (code !== 0 && code !== 1) {
    const text = details.filter((item) => item.tag === tag.sequence).flatMap((item) => children(item).map((line) => line.contents.toString("utf8")));
    const bits = details.find((item) => item.tag === tag.bitString)?.contents.subarray(1) ?? Buffer.alloc(0);
    const failures = Object.entries(failureNames)
      .filter(([bit]) => ((bits[Math.floor(Number(bit) / 8)] ?? 0) >> (7 - (Number(bit) % 8))) & 1)
      .map(([, name]) => name);
    throw new Error(`status ${code} (${statusNames[code] ?? "unknown"})${[...text, ...failures].map((part) => `: ${part}`).join("")}`);
  }
  if (!token) throw new Error("the answer grants a timestamp but holds no token");
  return Buffer.from(token.raw);
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  // fetch says only "fetch failed"; the cause says what failed (refused, DNS, TLS).
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/**
 * A timestamper that asks an RFC 3161 authority over HTTP. When the authority fails, a `required`
 * timestamp ends signing with SigningError; otherwise the caller is warned and signs without one (B-B).
 */
export function timestampAuthority(input: { url: string; required: boolean; warn: (message: string) => void; timeoutMs?: number }): SignatureTimestamper {
  const timeoutMs = input.timeoutMs ?? 10_000;
  return async (signatureValue) => {
    const hash = sha256Digest(signatureValue);
    // 63 random bits: positive, and unguessable enough to tie the answer to this request.
    const nonceBytes = randomBytes(8);
    nonceBytes[0] = (nonceBytes[0] ?? 0) & 0x7f;
    const nonce = integerFromBytes(nonceBytes);
    const request = sequence(integer(1), messageImprint(hash), nonce, booleanValue(true));
    try {
      const response = await fetch(input.url, {
        method: "POST",
        headers: { "content-type": "application/timestamp-query" },
        body: new Uint8Array(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      const token = tokenFromResponse(Buffer.from(await response.arrayBuffer()));
      const facts = readToken(token);
      const problem =
        facts.signatureProblem ?? imprintProblem(facts, hash) ?? (facts.nonce?.equals(nonce) ? undefined : "the token's nonce is not the one sent");
      if (problem) throw new Error(problem);
      return token;
    } catch (error) {
      const reason = reasonOf(error, timeoutMs);
      if (input.required) throw new SigningError(`timestamp authority ${input.url} did not answer usably (${reason}), and a timestamp is required`);
      input.warn(`timestamp authority ${input.url} did not answer usably (${reason}); signatures are PAdES B-B without a trusted time`);
      return undefined;
    }
  };
}

/** What a verifier learns from a token. `time` and `authority` are only claims when `valid` is false. */
export interface TimestampReading {
  valid: boolean;
  time?: Date;
  /** The subject of the certificate that signed the token. */
  authority?: string;
  /** That certificate and the others the token carries, to check the authority against trust anchors. */
  authorityCertificate?: CertificateFacts;
  certificates?: CertificateFacts[];
  problem?: string;
}

/** Checks a signature timestamp token against the signature value it should cover. */
export function readTimestampToken(token: Buffer, signatureValue: Buffer): TimestampReading {
  let facts: TokenFacts;
  try {
    facts = readToken(token);
  } catch (error) {
    return { valid: false, problem: `the timestamp token cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const claims = {
    time: facts.genTime,
    certificates: facts.certificates,
    ...(facts.authority ? { authority: facts.authority.subject, authorityCertificate: facts.authority } : {}),
  };
  const problem = facts.signatureProblem ?? imprintProblem(facts, sha256Digest(signatureValue));
  return problem ? { valid: false, problem, ...claims } : { valid: true, ...claims };
}
