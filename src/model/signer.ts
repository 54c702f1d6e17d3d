import { z } from "zod";

/** Who signed an archive, as manifest.json records it and `verify` compares against the signatures. */
export const SignerDescriptionSchema = z.object({
  source: z.enum(["development", "pfx", "azure-key-vault"]),
  /** The Key Vault key URL or the PFX file name; null for the development key. */
  reference: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  sha256Fingerprint: z.string(),
  keyType: z.enum(["RSA", "ECDSA"]),
  development: z.boolean(),
  /** Words, read leniently: a later version may word it differently and its archives must still verify. */
  profile: z.string(),
  timestampAuthority: z.string().nullable(),
});
export type SignerDescription = z.infer<typeof SignerDescriptionSchema>;
