import type { EvidenceSigner } from "../signing/evidence-signer.js";
import { resolveSigner, type SigningOptions } from "../signing/resolve-signer.js";

/** The key the archive is signed with, opened before anything is collected. */
export type ArchiveSigner = EvidenceSigner;
export type { SigningOptions };

/**
 * Opens the signing key the user chose before collection starts, so a wrong PFX password or a
 * Key Vault key the identity cannot use stops the run at once rather than after the collection.
 */
export function openArchiveSigner(options: SigningOptions, context: Parameters<typeof resolveSigner>[1]): Promise<ArchiveSigner> {
  return resolveSigner(options, context);
}
