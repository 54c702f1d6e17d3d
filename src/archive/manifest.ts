import { createHash } from "node:crypto";
import { z } from "zod";
import { CollectingIdentitySchema } from "../model/identity.js";
import { CheckSettingsSchema } from "../model/settings.js";
import { SignerDescriptionSchema } from "../model/signer.js";

/** manifest.json: what the archive is, and the size and SHA-256 of every other file in it (docs/archive-layout.md). */
const ManifestFileV1Schema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** From format 2 on, each raw evidence file names the dataset and scope it holds: its path is made by the tool. */
export const ManifestFileSchema = ManifestFileV1Schema.extend({
  record: z.object({ dataset: z.string(), scope: z.string() }).optional(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

const manifestFields = {
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
};

/** Format 1, written by 0.1.0: raw/ paths carry names Azure returned. */
export const ManifestV1Schema = z.object({ schemaVersion: z.literal(1), ...manifestFields, files: z.array(ManifestFileV1Schema) });

/**
 * Format 2: the archive layout has a version of its own; raw/ paths are made by the tool and mapped
 * back to dataset and scope; collectors that stopped and the thresholds the checks ran with are
 * recorded, so the evidence can be evaluated again exactly.
 */
export const ManifestV2Schema = z.object({
  schemaVersion: z.literal(2),
  /** 1: raw/ paths from names Azure returned (0.1.0); 2: every path made by the tool. */
  layoutVersion: z.literal(2),
  ...manifestFields,
  collection: manifestFields.collection.extend({
    /** Collectors that stopped with an unexpected error, and why: their datasets were never recorded. */
    collectorFailures: z.array(z.object({ collector: z.string(), reason: z.string() })),
  }),
  evaluation: z.object({
    /** The thresholds, ePHI scope and allowed regions the checks applied. */
    settings: CheckSettingsSchema,
    /** The list of services in scope of Microsoft's HIPAA BAA the resource types were compared with. */
    baaServices: z.object({ url: z.string(), retrieved: z.string() }),
  }),
  files: z.array(ManifestFileSchema),
});

/** Every manifest format the tool has written; readers handle each, writers write the newest. */
export const ManifestSchema = z.discriminatedUnion("schemaVersion", [ManifestV1Schema, ManifestV2Schema]);
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestV2 = z.infer<typeof ManifestV2Schema>;

/** Files that describe or sign the others and so cannot list themselves. */
export const selfDescribingFiles = new Set(["manifest.json", "manifest.json.p7s", "SHA256SUMS", "SHA256SUMS.p7s"]);

export function sha256Hex(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

export function describeFiles(files: readonly { path: string; content: Buffer; record?: { dataset: string; scope: string } | undefined }[]): ManifestFile[] {
  return files
    .map(({ path, content, record }) => ({ path, bytes: content.length, sha256: sha256Hex(content), ...(record ? { record } : {}) }))
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
