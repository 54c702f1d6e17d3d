import type { TokenCredential } from "@azure/core-auth";
import { isRestError, type HttpClient } from "@azure/core-rest-pipeline";
import { CertificateClient, type KeyVaultCertificate } from "@azure/keyvault-certificates";
import { CryptographyClient } from "@azure/keyvault-keys";
import { defaultCollectionLimits, type CollectionLimits } from "../azure/limits.js";
import { boundedLiveClient } from "../azure/live-transport.js";
import { InputError, SigningError } from "../errors.js";
import { certificateFacts, type CertificateFacts } from "./certificate.js";
import { integerFromBytes, sequence } from "./der.js";
import type { SigningKey } from "./signing-key.js";

const option = "--sign-key-vault-key";

interface KeyUrl {
  vaultUrl: string;
  name: string;
  version: string | undefined;
}

/** `https://<vault>.<dns suffix>/keys/<name>[/<version>]`; any host, since sovereign clouds use other suffixes. */
function parseKeyUrl(text: string): KeyUrl | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.search || url.hash) return undefined;
  const match = /^\/keys\/([0-9A-Za-z-]{1,127})(?:\/([0-9A-Za-z]+))?\/?$/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  return { vaultUrl: url.origin, name: match[1], version: match[2] };
}

/** The service's own first line says more than the status (a disabled key is also a 403), and never holds a token. */
function serviceSaid(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\r?\n/)[0]?.trim() ?? "";
}

function readFailure(error: unknown, name: string, version: string | undefined, vaultUrl: string): SigningError {
  const certificate = `the certificate "${name}"${version ? ` version ${version}` : ""}`;
  const said = serviceSaid(error);
  const status = isRestError(error) ? error.statusCode : undefined;
  if (status === 403) {
    return new SigningError(
      `Key Vault refused to read ${certificate} in ${vaultUrl} (403 on certificates get): the signing identity needs the permission certificates/get, ` +
        `i.e. the RBAC role "Key Vault Certificate User" or an access policy with Get on certificates (Key Vault said: ${said})`,
    );
  }
  if (status === 404) {
    return new SigningError(
      `${certificate} was not found in the vault ${vaultUrl} (404 on certificates get): ${option} must name the key of a Key Vault certificate, which has the certificate's name`,
    );
  }
  if (status === 401) return new SigningError(`Key Vault did not accept the credential when reading ${certificate} in ${vaultUrl} (401): ${said}`);
  return new SigningError(`reading ${certificate} from ${vaultUrl} failed${status ? ` (${status})` : ""}: ${said}`);
}

function signFailure(error: unknown, keyId: string): SigningError {
  const said = serviceSaid(error);
  const status = isRestError(error) ? error.statusCode : undefined;
  if (status === 403) {
    return new SigningError(
      `Key Vault refused to sign with the key ${keyId} (403 on keys sign): the signing identity needs the permission keys/sign, ` +
        `i.e. the RBAC role "Key Vault Crypto User" or an access policy with Sign on keys (Key Vault said: ${said})`,
    );
  }
  if (status === 404) return new SigningError(`the key ${keyId} was not found in its vault (404 on keys sign)`);
  return new SigningError(`signing with the Key Vault key ${keyId} failed${status ? ` (${status})` : ""}: ${said}`);
}

/** Key Vault answers ES256 with r‖s (IEEE P1363); CMS wants a DER Ecdsa-Sig-Value. */
function p1363ToDer(signature: Buffer, keyId: string): Buffer {
  if (signature.length !== 64) throw new SigningError(`Key Vault returned a ${signature.length}-byte ES256 signature for ${keyId}; expected 64 bytes (r‖s)`);
  return sequence(integerFromBytes(signature.subarray(0, 32)), integerFromBytes(signature.subarray(32)));
}

function algorithmFor(facts: CertificateFacts, keyId: string): "RS256" | "ES256" {
  if (facts.keyType === "RSA") return "RS256";
  if (facts.x509.publicKey.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  const curve = facts.x509.publicKey.asymmetricKeyDetails?.namedCurve ?? "unknown";
  throw new SigningError(`the certificate of ${keyId} has an EC key on curve ${curve}; supported are RSA keys (RS256) and EC P-256 keys (ES256)`);
}

/**
 * A key held in Azure Key Vault. The certificate is read from the vault (same name as the key; a
 * certificate version has a key version of the same id) and the signature comes from that
 * certificate's versioned key, so key and certificate always match. The private key never leaves the vault.
 */
export async function keyVaultSigningKey(input: {
  keyUrl: string;
  credential: TokenCredential;
  httpClient?: HttpClient;
  limits?: CollectionLimits;
}): Promise<SigningKey> {
  const parsed = parseKeyUrl(input.keyUrl);
  if (!parsed) {
    throw new InputError(
      option,
      undefined,
      `expected https://<vault>.vault.azure.net/keys/<name>[/<version>] (another cloud's vault DNS suffix is fine), got "${input.keyUrl}"`,
    );
  }
  const { vaultUrl, name, version } = parsed;
  // The vault's token goes to the vault only, and a vault that never answers cannot hang the run.
  const clientOptions = { httpClient: boundedLiveClient(vaultUrl, input.limits ?? defaultCollectionLimits, input.httpClient) };
  const certificates = new CertificateClient(vaultUrl, input.credential, clientOptions);
  let certificate: KeyVaultCertificate;
  try {
    certificate = version ? await certificates.getCertificateVersion(name, version) : await certificates.getCertificate(name);
  } catch (error) {
    throw readFailure(error, name, version, vaultUrl);
  }
  const keyId = certificate.keyId;
  if (!certificate.cer || !keyId || !parseKeyUrl(keyId)?.version) {
    throw new SigningError(`Key Vault returned the certificate "${name}" from ${vaultUrl} without its DER certificate (cer) or its versioned key id (kid)`);
  }
  // Each signature is sent where the kid points, with the vault's token: only to this vault.
  if (parseKeyUrl(keyId)?.vaultUrl !== vaultUrl) {
    throw new SigningError(`Key Vault returned the certificate "${name}" from ${vaultUrl} with a key id in another vault (${keyId}); nothing is sent there`);
  }
  let facts: CertificateFacts;
  try {
    facts = certificateFacts(Buffer.from(certificate.cer));
  } catch (error) {
    throw new SigningError(`the certificate "${name}" from ${vaultUrl} cannot sign: ${(error as Error).message}`);
  }
  const algorithm = algorithmFor(facts, keyId);
  const crypto = new CryptographyClient(keyId, input.credential, clientOptions);
  return {
    source: "azure-key-vault",
    reference: keyId,
    // Key Vault hands out only the leaf, never the issuing chain.
    chain: [facts],
    sign: async (_toBeSigned, digest) => {
      let signature: Buffer;
      try {
        // RS256 takes the bare digest: Key Vault adds the PKCS #1 DigestInfo itself.
        signature = Buffer.from((await crypto.sign(algorithm, digest)).result);
      } catch (error) {
        throw signFailure(error, keyId);
      }
      return algorithm === "ES256" ? p1363ToDer(signature, keyId) : signature;
    },
  };
}
