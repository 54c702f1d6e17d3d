import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir, hostname } from "node:os";
import { dirname, join } from "node:path";
import forge from "node-forge";
import { InputError } from "../errors.js";
import { certificatesFromPem, developmentMarker } from "./certificate.js";
import { localSigningKey } from "./local-key.js";
import type { SigningKey } from "./signing-key.js";

/**
 * A self-signed development certificate: enough to make every signature in an archive check out,
 * never enough to be trusted. Its subject says so, and `verify` and the reports repeat it.
 */
export interface DevelopmentCertificate {
  privateKey: KeyObject;
  certificate: Buffer;
}

export function createDevelopmentCertificate(input: { commonName: string; organization?: string | undefined; now: Date }): DevelopmentCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 3072 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  // A positive serial with 120 random bits, as RFC 5280 recommends.
  certificate.serialNumber = `01${randomBytes(15).toString("hex")}`;
  certificate.validity.notBefore = new Date(input.now.getTime() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(Date.UTC(input.now.getUTCFullYear() + 10, input.now.getUTCMonth(), input.now.getUTCDate()));
  const name = [
    { shortName: "CN", value: input.commonName },
    { shortName: "OU", value: developmentMarker },
    ...(input.organization ? [{ shortName: "O", value: input.organization }] : []),
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()), forge.md.sha256.create());
  return { privateKey, certificate: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary") };
}

/** Where the development key lives between runs: HIPAA_EVIDENCE_HOME, else the user's config folder. */
export function developmentKeyFile(environment: NodeJS.ProcessEnv = process.env): string {
  const base =
    environment.HIPAA_EVIDENCE_HOME ??
    join(
      environment.XDG_CONFIG_HOME ??
        (process.platform === "win32" ? (environment.APPDATA ?? join(homedir(), "AppData", "Roaming")) : join(homedir(), ".config")),
      "hipaa-evidence",
    );
  return join(base, "development-signing-key.pem");
}

/**
 * The development key, created on first use. Key and certificate share one file written under a
 * temporary name and renamed, so two runs starting together never pair one's key with the other's
 * certificate.
 */
export async function developmentSigningKey(now: Date, file = developmentKeyFile()): Promise<{ key: SigningKey; created: boolean }> {
  let pem: string | undefined;
  try {
    pem = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new InputError(file, undefined, `expected a readable development key file (${(error as Error).message})`);
  }
  let created = false;
  if (pem === undefined) {
    const fresh = createDevelopmentCertificate({ commonName: `hipaa-evidence development key on ${hostname()}`, now });
    pem = `${fresh.privateKey.export({ type: "pkcs8", format: "pem" }).toString()}${forge.pem.encode({ type: "CERTIFICATE", body: fresh.certificate.toString("binary") })}`;
    const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(temporary, pem, { mode: 0o600, flag: "wx" });
      await rename(temporary, file);
    } catch (error) {
      throw new InputError(
        file,
        undefined,
        `expected to be able to create the development key there (${(error as Error).message}); set HIPAA_EVIDENCE_HOME to a writable folder`,
      );
    }
    created = true;
  }
  const certificates = certificatesFromPem(pem);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new InputError(
      file,
      undefined,
      `expected a PEM private key followed by its certificate (${(error as Error).message}); delete the file to create a new development key`,
    );
  }
  if (certificates.length === 0)
    throw new InputError(file, undefined, "expected the development certificate after the key; delete the file to create a new development key");
  return { key: localSigningKey(privateKey, certificates, "development"), created };
}

/** `keygen`: a development certificate and its key as a password-protected PFX (AES-256). */
export function developmentPfx(certificate: DevelopmentCertificate, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(certificate.privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(certificate.certificate.toString("binary")));
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: "aes256", friendlyName: "hipaa-evidence development signing key" });
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), "binary");
}
