import { createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { InputError } from "../errors.js";
import { readBinaryInput } from "../input/read-input.js";
import { certificateFacts } from "./certificate.js";
import type { SigningKey } from "./signing-key.js";

/** A private key held in this process (the development key or one read from a PFX). */
export function localSigningKey(privateKey: KeyObject, chain: Buffer[], source: SigningKey["source"], reference?: string): SigningKey {
  return {
    source,
    ...(reference ? { reference } : {}),
    chain: chain.map((der) => certificateFacts(der)),
    // Node signs the message itself (it cannot ECDSA-sign a bare digest), so the digest is unused here.
    sign: async (toBeSigned) => sign("sha256", toBeSigned, { key: privateKey, dsaEncoding: "der" }),
  };
}

const pfxBagTypes = { key: "1.2.840.113549.1.12.10.1.1", shroudedKey: "1.2.840.113549.1.12.10.1.2", certificate: "1.2.840.113549.1.12.10.1.3" };

const forgeDer = (node: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(node).getBytes(), "binary");

/**
 * Reads a PFX (PKCS #12) with node-forge, which understands both OpenSSL 3's AES/PBKDF2 files and
 * legacy ones. The key is handed to node:crypto as PKCS #8 so RSA and EC keys both work; the
 * certificate whose public key matches the private key comes first in the chain.
 */
export async function loadPfxSigningKey(file: string, passwordVariable: string): Promise<SigningKey> {
  const password = process.env[passwordVariable];
  if (password === undefined)
    throw new InputError(file, undefined, `expected the PFX password in the environment variable ${passwordVariable}, which is not set`);
  const content = await readBinaryInput(file);
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(content.toString("binary")), password);
  } catch (error) {
    throw new InputError(file, undefined, `expected a PKCS #12 (PFX) file readable with the password in ${passwordVariable} (${(error as Error).message})`);
  }
  const bagsOf = (bagType: string): forge.pkcs12.Bag[] => pfx.getBags({ bagType })[bagType] ?? [];
  const keyBags = [...bagsOf(pfxBagTypes.shroudedKey), ...bagsOf(pfxBagTypes.key)];
  const certificateBags = bagsOf(pfxBagTypes.certificate);
  const keyBag = keyBags[0];
  if (!keyBag || keyBags.length > 1) throw new InputError(file, undefined, `expected exactly one private key in the PFX, found ${keyBags.length}`);
  const keyInfo = keyBag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key)) : keyBag.asn1;
  const privateKey = createPrivateKey({ key: forgeDer(keyInfo), format: "der", type: "pkcs8" });
  const certificates = certificateBags.flatMap((bag): Buffer[] => {
    const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    return node ? [forgeDer(node)] : [];
  });
  const publicDer = (key: KeyObject): Buffer => key.export({ type: "spki", format: "der" });
  const mine = publicDer(createPublicKey(privateKey));
  const leaf = certificates.find((der) => publicDer(certificateFacts(der).x509.publicKey).equals(mine));
  if (!leaf) throw new InputError(file, undefined, "expected the PFX to hold the certificate of its private key");
  return localSigningKey(privateKey, [leaf, ...certificates.filter((der) => der !== leaf)], "pfx", file);
}
