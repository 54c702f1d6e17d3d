import { SigningError } from "../errors.js";
import type { CertificateFacts } from "./certificate.js";

/**
 * The one seam every key source sits behind. The only private-key operation the tool ever needs is
 * "sign these bytes with SHA-256": a local key does it in process, Key Vault does it remotely so the
 * private key never leaves the vault.
 */
export interface SigningKey {
  /** Where the key lives, as the manifest and `verify` report it. */
  source: "development" | "pfx" | "azure-key-vault";
  /** The PFX file or the Key Vault key URL (versioned); absent for the development key. */
  reference?: string;
  /** Signing certificate first, then any intermediates. */
  chain: CertificateFacts[];
  /**
   * Signs SHA-256(`toBeSigned`): RSASSA-PKCS1-v1_5 for RSA keys, a DER Ecdsa-Sig-Value for EC keys.
   * `digest` is SHA-256(`toBeSigned`), given for sources that sign digests remotely.
   */
  sign(toBeSigned: Buffer, digest: Buffer): Promise<Buffer>;
}

export function signingCertificate(key: SigningKey): CertificateFacts & { keyType: "RSA" | "ECDSA" } {
  const leaf = key.chain[0];
  if (!leaf) throw new SigningError("the signing key came without its certificate");
  if (leaf.keyType === "other")
    throw new SigningError(`the signing certificate ${leaf.subject} has a ${leaf.x509.publicKey.asymmetricKeyType} key; only RSA and EC keys can sign`);
  return { ...leaf, keyType: leaf.keyType };
}
