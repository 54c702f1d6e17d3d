import { createHash } from "node:crypto";
import { z } from "zod";
import { CollectingIdentitySchema } from "../model/identity.js";
import { SignerDescriptionSchema } from "../model/signer.js";

/** manifest.json: what the archive is, and the size and SHA-256 of every other file in it (docs/archive-layout.md). */
export const ManifestFileSchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSchema = z.object({
  schemaVersion: z.literal(1),
  archive: z.string(),
  tool: z.object({ name: z.literal("hipaa-evidence"), version: z.string() }),
  mapping: z.object({ id: z.string(), version: z.string() }),
  organization: z.string(),
  tenantId: z.string(),
  generatedAt: z.string(),
  scope: z.object({
    subscriptions: z.array(z.object({ subscriptionId: z.string(), displayName: z.string() })),
    subscriptionsNotVisible: z.array(z.string()),
    sections: z.array(z.string()).nullable(),
  }),
  collection: z.object({
    mode: z.enum(["live", "replay"]),
    cloud: z.string(),
    source: z.object({ file: z.string(), sha256: z.string() }).nullable(),
    window: z.object({ start: z.string(), end: z.string() }),
    identity: CollectingIdentitySchema.nullable(),
  }),
  /** Who signed manifest.json.p7s, SHA256SUMS.p7s and the PDFs; null in archives of versions that did not sign. */
  signer: SignerDescriptionSchema.nullable(),
  files: z.array(ManifestFileSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Files that describe or sign the others and so cannot list themselves. */
export const selfDescribingFiles = new Set(["manifest.json", "manifest.json.p7s", "SHA256SUMS", "SHA256SUMS.p7s"]);

export function sha256Hex(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

export function describeFiles(files: readonly { path: string; content: Buffer }[]): ManifestFile[] {
  return files
    .map(({ path, content }) => ({ path, bytes: content.length, sha256: sha256Hex(content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Deterministic bytes: fixed key order (as built), two-space indent, LF, trailing newline. */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}

/** The hashes in the format `sha256sum -c` reads: "<hash>  <path>". */
export function sha256Sums(files: readonly ManifestFile[]): Buffer {
  return Buffer.from(files.map((file) => `${file.sha256}  ${file.path}\n`).join(""), "utf8");
}
