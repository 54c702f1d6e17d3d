import { constants, createHash, createPrivateKey, createPublicKey, privateEncrypt, randomBytes, verify, X509Certificate, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, SigningError } from "../../src/errors.js";
import { buildDetachedCms, parseSignedData } from "../../src/signing/cms.js";
import { children, expectTag, readElement, tag } from "../../src/signing/der.js";
import { keyVaultSigningKey } from "../../src/signing/key-vault-key.js";
import { run } from "../support/tools.js";

const defaultVaultUrl = "https://contoso-signing.vault.azure.net";
const vaultUrl = defaultVaultUrl;
const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const token = "test-access-token-6f1d2c";
const content = Buffer.concat([Buffer.from("manifest.json of hipaa-evidence-2026-11-24: never sent to the vault\n"), randomBytes(2048)]);

let dir: string;

/** One certificate version as Key Vault holds it: the certificate and, beside it, its key. */
interface Held {
  name: string;
  version: string;
  der: Buffer;
  certificatePem: string;
  keyPem: string;
  privateKey: KeyObject;
}

function makeCertificate(file: string, name: string, newKey: string[], subject: string): Held {
  const keyPem = join(dir, `${file}.key.pem`);
  const certificatePem = join(dir, `${file}.cert.pem`);
  const made = run("openssl", [
    "req",
    "-x509",
    "-newkey",
    ...newKey,
    "-nodes",
    "-keyout",
    keyPem,
    "-out",
    certificatePem,
    "-days",
    "30",
    "-subj",
    `/CN=${subject}`,
  ]);
  expect(made.status, made.stderr).toBe(0);
  return {
    name,
    version: randomBytes(16).toString("hex"),
    der: new X509Certificate(readFileSync(certificatePem)).raw,
    certificatePem,
    keyPem,
    privateKey: createPrivateKey(readFileSync(keyPem)),
  };
}

let rsa: Held;
let rsaOld: Held;
let ec: Held;
let ec384: Held;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hipaa-evidence-key-vault-"));
  rsaOld = makeCertificate("rsa-old", "evidence-signing", ["rsa:3072"], "Contoso evidence signing 2025");
  rsa = makeCertificate("rsa", "evidence-signing", ["rsa:3072"], "Contoso evidence signing 2026");
  ec = makeCertificate("ec", "evidence-signing-ec", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "Contoso evidence signing EC");
  ec384 = makeCertificate("ec384", "evidence-signing-p384", ["ec", "-pkeyopt", "ec_paramgen_curve:P-384"], "Contoso evidence signing P-384");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const withoutQuery = (url: string | undefined): string => (url ? `${new URL(url).origin}${new URL(url).pathname}` : "");
const base64url = (bytes: Buffer): string => bytes.toString("base64url");
const sha256 = (bytes: Buffer): Buffer => createHash("sha256").update(bytes).digest();
const sha256DigestInfoPrefix = Buffer.from("3031300d060960864801650304020105000420", "hex");

/** openssl prints a DER Ecdsa-Sig-Value; Key Vault answers r‖s, each left-padded to 32 bytes. */
function derToP1363(der: Buffer): Buffer {
  const [r, s] = children(expectTag(readElement(der), tag.sequence, "Ecdsa-Sig-Value"));
  const fixed = (item: typeof r): Buffer => {
    const bytes = expectTag(item, tag.integer, "r or s").contents;
    const trimmed = bytes.subarray(bytes.length - Math.min(bytes.length, 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([fixed(r), fixed(s)]);
}

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string | undefined;
  status: number;
}

/**
 * Key Vault as the SDK clients see it: challenge authentication, the certificate and key reads, and
 * the sign operation done with the key held beside each certificate version (or `signWith`).
 */
class FakeKeyVault implements HttpClient {
  readonly seen: Seen[] = [];
  readonly forbidden = new Set<"certificates/get" | "keys/get" | "keys/sign">();
  signWith: KeyObject | undefined;
  /** A hostile vault names its certificate's key (kid) in another vault. */
  keyIdOrigin: string | undefined;

  constructor(
    private readonly held: Held[],
    readonly vaultUrl = defaultVaultUrl,
    private readonly resource = "https://vault.azure.net",
  ) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.body !== undefined && request.body !== null && typeof request.body !== "string") throw new Error("the fake vault expects JSON text bodies");
    const body = request.body ?? undefined;
    const authorization = request.headers.get("authorization");
    const answer = this.answer(request, authorization, body);
    this.seen.push({ method: request.method, url: request.url, authorization, body, status: answer.status });
    return {
      request,
      status: answer.status,
      headers: createHttpHeaders({ "content-type": "application/json; charset=utf-8", ...answer.headers }),
      bodyAsText: JSON.stringify(answer.body),
    };
  }

  private answer(
    request: PipelineRequest,
    authorization: string | undefined,
    body: string | undefined,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const fail = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });
    if (!authorization) {
      return {
        ...fail(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."),
        headers: { "www-authenticate": `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${this.resource}"` },
      };
    }
    if (authorization !== `Bearer ${token}`) return fail(401, "Unauthorized", "AKV10032: Invalid issuer.");
    const url = new URL(request.url);
    if (url.origin !== this.vaultUrl || !url.searchParams.get("api-version")) return fail(400, "BadParameter", "unknown vault or missing api-version");
    const forbidden = (action: string) =>
      fail(
        403,
        "Forbidden",
        `Caller is not authorized to perform action on resource.\r\nAction: 'Microsoft.KeyVault/vaults/${action}'\r\nAssignment: (not found)`,
      );

    const certificate = /^\/certificates\/([^/]+)\/?([^/]*)$/.exec(url.pathname);
    if (request.method === "GET" && certificate) {
      if (this.forbidden.has("certificates/get")) return forbidden("certificates/read");
      const item = this.find(certificate[1], certificate[2]);
      if (!item) return fail(404, "CertificateNotFound", `A certificate with (name/id) ${certificate[1]} was not found in this key vault.`);
      return { status: 200, body: this.certificateBundle(item) };
    }
    const key = /^\/keys\/([^/]+)\/([^/]+)(\/sign)?$/.exec(url.pathname);
    const item = key && this.find(key[1], key[2]);
    if (!key || !item) return fail(404, "KeyNotFound", "A key with (name/id) was not found in this key vault.");
    const kty = item.privateKey.asymmetricKeyType === "rsa" ? "RSA" : "EC";
    if (request.method === "GET" && !key[3]) {
      if (this.forbidden.has("keys/get")) return forbidden("keys/read");
      return {
        status: 200,
        body: {
          key: { kid: this.keyId(item), kty, key_ops: ["sign", "verify"], ...createPublicKey(item.privateKey).export({ format: "jwk" }) },
          attributes: { enabled: true, recoveryLevel: "Recoverable+Purgeable" },
        },
      };
    }
    if (request.method !== "POST" || !key[3] || !body) return fail(405, "MethodNotAllowed", "unexpected request");
    if (this.forbidden.has("keys/sign")) return forbidden("keys/sign/action");
    const { alg, value } = JSON.parse(body) as { alg: string; value: string };
    const digest = Buffer.from(value, "base64url");
    if (digest.length !== 32 || (alg === "RS256" ? kty !== "RSA" : alg !== "ES256" || kty !== "EC"))
      return fail(400, "BadParameter", `${alg} does not fit a ${kty} key and a ${digest.length}-byte digest`);
    const signer = this.signWith ?? item.privateKey;
    let signature: Buffer;
    if (alg === "RS256") {
      // Exactly Key Vault's RS256: PKCS #1 v1.5 over DigestInfo(SHA-256)‖digest.
      signature = privateEncrypt({ key: signer, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([sha256DigestInfoPrefix, digest]));
    } else {
      const digestFile = join(dir, "digest.bin");
      const signatureFile = join(dir, "signature.der");
      writeFileSync(digestFile, digest);
      const keyFile = this.signWith ? join(dir, "sign-with.pem") : item.keyPem;
      if (this.signWith) writeFileSync(keyFile, this.signWith.export({ type: "pkcs8", format: "pem" }));
      const signed = run("openssl", ["pkeyutl", "-sign", "-inkey", keyFile, "-in", digestFile, "-out", signatureFile]);
      if (signed.status !== 0) throw new Error(signed.stderr);
      signature = derToP1363(readFileSync(signatureFile));
    }
    return { status: 200, body: { kid: this.keyId(item), value: base64url(signature) } };
  }

  /** The newest version answers when none is named. */
  private find(name: string | undefined, version: string | undefined): Held | undefined {
    const versions = this.held.filter((item) => item.name === name);
    return version ? versions.find((item) => item.version === version) : versions[versions.length - 1];
  }

  keyId(item: Held): string {
    return `${this.keyIdOrigin ?? this.vaultUrl}/keys/${item.name}/${item.version}`;
  }

  private certificateBundle(item: Held) {
    const now = Math.floor(Date.now() / 1000);
    return {
      id: `${this.vaultUrl}/certificates/${item.name}/${item.version}`,
      kid: this.keyId(item),
      sid: `${this.vaultUrl}/secrets/${item.name}/${item.version}`,
      x5t: createHash("sha1").update(item.der).digest("base64url"),
      cer: item.der.toString("base64"),
      attributes: {
        enabled: true,
        nbf: now - 60,
        exp: now + 30 * 86400,
        created: now,
        updated: now,
        recoveryLevel: "Recoverable+Purgeable",
        recoverableDays: 90,
      },
    };
  }

  signRequests(): { url: string; alg: string; digest: Buffer }[] {
    return this.seen
      .filter((item) => item.method === "POST" && item.status === 200 && item.body)
      .map((item) => {
        const parsed = JSON.parse(item.body ?? "") as { alg: string; value: string };
        expect(Object.keys(parsed).sort()).toEqual(["alg", "value"]);
        return { url: item.url, alg: parsed.alg, digest: Buffer.from(parsed.value, "base64url") };
      });
  }
}

const tokenRequests: { scopes: string[]; tenantId: string | undefined }[] = [];
const credential: TokenCredential = {
  getToken: async (scopes: string | string[], options?: GetTokenOptions) => {
    tokenRequests.push({ scopes: [scopes].flat(), tenantId: options?.tenantId });
    return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function opensslVerifies(cms: Buffer, certificatePem: string): void {
  const signature = join(dir, "sig.p7s");
  const contentFile = join(dir, "content.bin");
  writeFileSync(signature, cms);
  writeFileSync(contentFile, content);
  const result = run("openssl", [
    "cms",
    "-verify",
    "-binary",
    "-inform",
    "DER",
    "-in",
    signature,
    "-content",
    contentFile,
    "-CAfile",
    certificatePem,
    "-out",
    "/dev/null",
  ]);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toContain("Verification successful");
}

/** Nothing secret or private went to the vault: no private key, no content, only 32-byte digests. */
function expectOnlyDigestsSent(vault: FakeKeyVault, held: Held): void {
  const privateDer = held.privateKey.export({ type: "pkcs8", format: "der" });
  const privateJwk = held.privateKey.export({ format: "jwk" });
  for (const request of vault.seen) {
    const text = `${request.url}\n${request.body ?? ""}`;
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(privateDer.subarray(100, 140).toString("base64").slice(0, 40));
    expect(text).not.toContain(String(privateJwk.d));
    for (const encoding of ["base64", "base64url", "hex", "utf8"] as const) expect(text).not.toContain(content.subarray(0, 48).toString(encoding));
  }
  for (const sent of vault.signRequests()) expect(sent.digest).toHaveLength(32);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("Azure Key Vault signing key through the real Key Vault clients", () => {
  it("signs with RS256 over the digest of the signed attributes; openssl verifies the CMS", async () => {
    const vault = new FakeKeyVault([rsaOld, rsa]);
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault });
    expect(key.source).toBe("azure-key-vault");
    expect(key.reference).toBe(vault.keyId(rsa));
    expect(key.chain.map((item) => item.der)).toEqual([rsa.der]);

    const cms = await buildDetachedCms({ content, key });
    opensslVerifies(cms, rsa.certificatePem);

    const [sent, ...more] = vault.signRequests();
    expect(more).toHaveLength(0);
    expect(withoutQuery(sent?.url)).toBe(`${vaultUrl}/keys/evidence-signing/${rsa.version}/sign`);
    expect(sent?.alg).toBe("RS256");
    expect(sent?.digest).toEqual(sha256(parseSignedData(cms).signedAttributesDer));
    expectOnlyDigestsSent(vault, rsa);

    // Challenge authentication: each client's first request went without a token and was answered 401.
    const unauthenticated = vault.seen.filter((item) => !item.authorization);
    expect(unauthenticated.map((item) => item.status)).toEqual([401, 401]);
    expect(vault.seen.filter((item) => item.authorization).every((item) => item.authorization === `Bearer ${token}` && item.status === 200)).toBe(true);
    expect(vault.seen.filter((item) => item.authorization).map((item) => `${item.method} ${new URL(item.url).pathname}`)).toEqual([
      "GET /certificates/evidence-signing/",
      `GET /keys/evidence-signing/${rsa.version}`,
      `POST /keys/evidence-signing/${rsa.version}/sign`,
    ]);
    expect(tokenRequests.at(-1)).toEqual({ scopes: ["https://vault.azure.net/.default"], tenantId });
  });

  it("signs with ES256 and turns Key Vault's r‖s into a DER Ecdsa-Sig-Value; openssl verifies the CMS", async () => {
    const vault = new FakeKeyVault([ec]);
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing-ec`, credential, httpClient: vault });
    expect(key.reference).toBe(vault.keyId(ec));

    const cms = await buildDetachedCms({ content, key });
    opensslVerifies(cms, ec.certificatePem);
    const [sent] = vault.signRequests();
    expect(sent?.alg).toBe("ES256");
    expect(sent?.digest).toEqual(sha256(parseSignedData(cms).signedAttributesDer));
    expectOnlyDigestsSent(vault, ec);

    // r and s often have the top bit set (DER then needs a leading zero byte): sign a few more times.
    for (let i = 0; i < 12; i += 1) {
      const toBeSigned = randomBytes(64);
      const signature = await key.sign(toBeSigned, sha256(toBeSigned));
      expect(verify("sha256", toBeSigned, { key: ec.privateKey, dsaEncoding: "der" }, signature)).toBe(true);
    }
  });

  it("reads the named certificate version and signs with the key of that version", async () => {
    const vault = new FakeKeyVault([rsaOld, rsa]);
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing/${rsaOld.version}`, credential, httpClient: vault });
    expect(key.reference).toBe(vault.keyId(rsaOld));
    expect(key.chain[0]?.der).toEqual(rsaOld.der);
    const reads = vault.seen.filter((item) => item.method === "GET" && item.url.includes("/certificates/"));
    expect(reads.every((item) => new URL(item.url).pathname === `/certificates/evidence-signing/${rsaOld.version}`)).toBe(true);

    const cms = await buildDetachedCms({ content, key });
    opensslVerifies(cms, rsaOld.certificatePem);
    expect(vault.signRequests()[0]?.url).toContain(`/keys/evidence-signing/${rsaOld.version}/sign`);
  });

  it("signs with no permission to read the key itself (an access policy with only Sign on keys)", async () => {
    // CryptographyClient first GETs the key to try local crypto; on a 403 it falls back to the vault.
    const vault = new FakeKeyVault([rsa]);
    vault.forbidden.add("keys/get");
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault });
    opensslVerifies(await buildDetachedCms({ content, key }), rsa.certificatePem);
    expect(vault.seen.some((item) => item.method === "GET" && item.url.includes("/keys/") && item.status === 403)).toBe(true);
  });

  it("names certificates/get when Key Vault refuses to hand out the certificate", async () => {
    const vault = new FakeKeyVault([rsa]);
    vault.forbidden.add("certificates/get");
    const error = await failure(keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error.message).toContain("certificates/get");
    expect(error.message).toContain("Key Vault Certificate User");
    expect(error.message).not.toContain(token);
  });

  it("says the certificate is not in the vault on a 404", async () => {
    const vault = new FakeKeyVault([rsa]);
    const error = await failure(keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/no-such-key`, credential, httpClient: vault }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error.message).toMatch(/certificate "no-such-key" was not found in the vault https:\/\/contoso-signing\.vault\.azure\.net/);
  });

  it("names keys/sign when Key Vault refuses to sign", async () => {
    const vault = new FakeKeyVault([rsa]);
    vault.forbidden.add("keys/sign");
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault });
    const error = await failure(buildDetachedCms({ content, key }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error.message).toContain("keys/sign");
    expect(error.message).toContain("Key Vault Crypto User");
    expect(error.message).not.toContain(token);
  });

  it("rejects what is not an https Key Vault key URL as bad input, before any request", async () => {
    const vault = new FakeKeyVault([rsa]);
    for (const keyUrl of [
      "contoso-signing/evidence-signing",
      "http://contoso-signing.vault.azure.net/keys/evidence-signing",
      `${vaultUrl}/secrets/evidence-signing`,
      `${vaultUrl}/certificates/evidence-signing`,
      `${vaultUrl}/keys/`,
      `${vaultUrl}/keys/evidence-signing/${rsa.version}/sign`,
      `${vaultUrl}/keys/evidence_signing`,
      `${vaultUrl}/keys/evidence-signing?api-version=7.4`,
    ]) {
      const error = await failure(keyVaultSigningKey({ keyUrl, credential, httpClient: vault }));
      expect(error, keyUrl).toBeInstanceOf(InputError);
      expect((error as InputError).file).toBe("--sign-key-vault-key");
      expect(error.message).toContain("expected https://<vault>.vault.azure.net/keys/<name>[/<version>]");
    }
    expect(vault.seen).toHaveLength(0);
  });

  it("works with a sovereign cloud's vault DNS suffix", async () => {
    const vault = new FakeKeyVault([rsa], "https://contoso-signing.vault.usgovcloudapi.net", "https://vault.usgovcloudapi.net");
    const key = await keyVaultSigningKey({ keyUrl: `${vault.vaultUrl}/keys/evidence-signing`, credential, httpClient: vault });
    expect(key.reference).toBe(`https://contoso-signing.vault.usgovcloudapi.net/keys/evidence-signing/${rsa.version}`);
    opensslVerifies(await buildDetachedCms({ content, key }), rsa.certificatePem);
    expect(tokenRequests.at(-1)?.scopes).toEqual(["https://vault.usgovcloudapi.net/.default"]);
  });

  it("refuses an EC certificate on a curve other than P-256", async () => {
    const vault = new FakeKeyVault([ec384]);
    const error = await failure(keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing-p384`, credential, httpClient: vault }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error.message).toContain("secp384r1");
    expect(error.message).toContain("EC P-256");
  });

  it("sends nothing to another vault that a certificate's key id names, and no token goes there", async () => {
    const vault = new FakeKeyVault([rsa]);
    vault.keyIdOrigin = "https://collector.vault.azure.net";
    const error = await failure(keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error.message).toBe(
      `Key Vault returned the certificate "evidence-signing" from ${vaultUrl} with a key id in another vault (https://collector.vault.azure.net/keys/evidence-signing/${rsa.version}); nothing is sent there`,
    );
    expect(vault.seen.map((item) => new URL(item.url).origin)).toEqual([vaultUrl, vaultUrl]);
  });

  it("catches a vault whose signature comes from a key other than the certificate's", async () => {
    const vault = new FakeKeyVault([rsa]);
    vault.signWith = rsaOld.privateKey;
    const key = await keyVaultSigningKey({ keyUrl: `${vaultUrl}/keys/evidence-signing`, credential, httpClient: vault });
    await expect(buildDetachedCms({ content, key })).rejects.toThrow(/key and certificate do not match/);
  });
});
