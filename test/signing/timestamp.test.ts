import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SigningError } from "../../src/errors.js";
import { buildDetachedCms, oids, parseSignedData } from "../../src/signing/cms.js";
import { element, integer, sequence, tag } from "../../src/signing/der.js";
import { createDevelopmentCertificate } from "../../src/signing/development-key.js";
import { localSigningKey } from "../../src/signing/local-key.js";
import { readTimestampToken, timestampAuthority } from "../../src/signing/timestamp.js";
import { closedPortUrl, listen, shut, startFixedAnswer, startLocalTsa, type LocalTsa } from "../support/local-tsa.js";
import { temporaryFolder } from "../support/sample.js";
import { run } from "../support/tools.js";

let tsa: LocalTsa;
let folder: string;

beforeAll(async () => {
  tsa = await startLocalTsa();
  folder = temporaryFolder("timestamp");
});

afterAll(() => tsa.close());

/** A required timestamper, with the warnings it gives (a required one should give none). */
function strict(url: string) {
  const warnings: string[] = [];
  return { warnings, stamp: timestampAuthority({ url, required: true, warn: (message) => warnings.push(message) }) };
}

describe("timestampAuthority against a local openssl ts authority", () => {
  const signatureValue = randomBytes(384);
  let token: Buffer;

  beforeAll(async () => {
    const before = tsa.requests;
    const { warnings, stamp } = strict(tsa.url);
    token = (await stamp(signatureValue)) as Buffer;
    expect(warnings).toEqual([]);
    expect(token).toBeInstanceOf(Buffer);
    expect(tsa.requests).toBe(before + 1);
  });

  it("returns a token that stock openssl ts -verify accepts for the signature value", () => {
    writeFileSync(join(folder, "sigvalue.bin"), signatureValue);
    writeFileSync(join(folder, "token.der"), token);
    const verified = run("openssl", [
      "ts",
      "-verify",
      "-data",
      join(folder, "sigvalue.bin"),
      "-in",
      join(folder, "token.der"),
      "-token_in",
      "-CAfile",
      tsa.caPem,
      "-untrusted",
      tsa.tsaPem,
    ]);
    expect(verified.stdout, verified.stderr).toContain("Verification: OK");
    expect(verified.status).toBe(0);
  });

  it("returns the ContentInfo of a SignedData over a TSTInfo", () => {
    const parsed = parseSignedData(token);
    expect(parsed.contentType).toBe(oids.tstInfo);
    expect(parsed.signer?.subject).toContain("CN=Test Timestamp Authority");
  });

  it("reads back as valid, with a time near now and the authority's subject", () => {
    const reading = readTimestampToken(token, signatureValue);
    expect(reading.problem).toBeUndefined();
    expect(reading.valid).toBe(true);
    expect(Math.abs((reading.time?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(reading.authority).toContain("CN=Test Timestamp Authority");
    expect(reading.authority).toContain("O=hipaa-evidence tests");
  });

  it("reads back as invalid for another signature value", () => {
    const reading = readTimestampToken(token, randomBytes(384));
    expect(reading.valid).toBe(false);
    expect(reading.problem).toMatch(/imprint mismatch/);
  });

  it("reads back as invalid when the token itself was altered", () => {
    // Flip one bit near the end of the signed TSTInfo: the TSA's signature no longer covers it.
    const altered = Buffer.from(token);
    const at = altered.indexOf(parseSignedData(token).content?.subarray(-8) ?? Buffer.alloc(1));
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    const reading = readTimestampToken(altered, signatureValue);
    expect(reading.valid).toBe(false);
    expect(reading.problem).toMatch(/signature does not hold/);
  });

  it("says what is wrong with bytes that are not a token", () => {
    const reading = readTimestampToken(Buffer.from("not a token"), signatureValue);
    expect(reading.valid).toBe(false);
    expect(reading.problem).toMatch(/cannot be read/);
  });

  it("puts the token into a CMS signature over that signature's value (B-T)", async () => {
    const development = createDevelopmentCertificate({ commonName: "timestamp test", now: new Date() });
    const key = localSigningKey(development.privateKey, [development.certificate], "development");
    const { stamp } = strict(tsa.url);
    const cms = parseSignedData(await buildDetachedCms({ content: Buffer.from("manifest"), key, timestamp: stamp }));
    const attribute = cms.unsignedAttributes.get(oids.timeStampToken)?.[0];
    expect(attribute).toBeDefined();
    expect(readTimestampToken(Buffer.from(attribute?.raw ?? []), cms.signature)).toMatchObject({ valid: true });
  });
});

/** Each way an authority can fail, with the request either optional (warn, B-B) or required (SigningError). */
describe("timestampAuthority when the authority does not answer usably", () => {
  const rejection = sequence(
    sequence(integer(2), sequence(element(tag.utf8String, Buffer.from("policy not accepted"))), element(tag.bitString, Buffer.from([0x00, 0x00, 0x01]))),
  );
  const failures: { name: string; reason: RegExp; start: () => Promise<{ url: string; close(): Promise<void> }> }[] = [
    { name: "nothing listens on the port", reason: /ECONNREFUSED/, start: async () => ({ url: await closedPortUrl(), close: async () => {} }) },
    { name: "the authority answers HTTP 500", reason: /HTTP 500/, start: () => startFixedAnswer(500, Buffer.from("broken"), "text/plain") },
    {
      name: "the authority rejects the request",
      reason: /status 2 \(rejection\): policy not accepted: unacceptedPolicy/,
      start: () => startFixedAnswer(200, rejection),
    },
    { name: "the answer is not DER", reason: /DER/, start: () => startFixedAnswer(200, Buffer.from("<html>")) },
  ];

  for (const failure of failures) {
    it(`warns and goes without a timestamp when ${failure.name}`, async () => {
      const server = await failure.start();
      try {
        const warnings: string[] = [];
        const stamp = timestampAuthority({ url: server.url, required: false, warn: (message) => warnings.push(message) });
        expect(await stamp(randomBytes(256))).toBeUndefined();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain(`timestamp authority ${server.url} did not answer usably`);
        expect(warnings[0]).toMatch(failure.reason);
        expect(warnings[0]).toContain("PAdES B-B");
      } finally {
        await server.close();
      }
    });

    it(`throws SigningError naming the URL when ${failure.name} and a timestamp is required`, async () => {
      const server = await failure.start();
      try {
        const { warnings, stamp } = strict(server.url);
        const error = await stamp(randomBytes(256)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(SigningError);
        expect((error as SigningError).message).toContain(server.url);
        expect((error as SigningError).message).toMatch(failure.reason);
        expect((error as SigningError).exitCode).toBe(3);
        expect(warnings).toEqual([]);
      } finally {
        await server.close();
      }
    });
  }

  it("gives up after the timeout when the authority never answers", async () => {
    const server = createServer(() => {});
    const url = await listen(server);
    try {
      const warnings: string[] = [];
      const stamp = timestampAuthority({ url, required: false, warn: (message) => warnings.push(message), timeoutMs: 200 });
      expect(await stamp(randomBytes(256))).toBeUndefined();
      expect(warnings[0]).toMatch(/no answer within 0.2 s/);
    } finally {
      await shut(server);
    }
  });
});
