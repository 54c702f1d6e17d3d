import { parseJsonInput, readBinaryInput } from "../input/read-input.js";
import { ManifestSchema, selfDescribingFiles, sha256Hex, type Manifest } from "./manifest.js";
import { readZip } from "./read-zip.js";

/**
 * Re-checks an archive the way an auditor would with sha256sum: every file listed in the manifest is
 * present with its size and hash, nothing unlisted was added, and SHA256SUMS agrees with the manifest.
 * Signatures are not checked yet; the result says so rather than implying they were.
 */
export interface VerifyResult {
  intact: boolean;
  archive: string;
  manifest: Pick<Manifest, "archive" | "tenantId" | "generatedAt" | "tool" | "mapping"> | undefined;
  filesChecked: number;
  problems: string[];
  signature: "unsigned";
}

function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}

export async function verifyArchive(file: string): Promise<VerifyResult> {
  const bytes = await readBinaryInput(file);
  const { files, unsafeNames } = await readZip(file, bytes);
  const problems = unsafeNames.map((name) => `unsafe entry name refused: ${name}`);
  const manifestBytes = files.get("manifest.json");
  if (!manifestBytes) {
    return { intact: false, archive: file, manifest: undefined, filesChecked: 0, problems: [...problems, "manifest.json is missing"], signature: "unsigned" };
  }
  let manifest: Manifest;
  try {
    manifest = parseJsonInput(`${file}!manifest.json`, manifestBytes.toString("utf8"), ManifestSchema);
  } catch (error) {
    return { intact: false, archive: file, manifest: undefined, filesChecked: 0, problems: [...problems, `manifest.json is not valid: ${(error as Error).message}`], signature: "unsigned" };
  }
  const listed = new Set(manifest.files.map((entry) => entry.path));
  for (const entry of manifest.files) {
    const content = files.get(entry.path);
    if (!content) {
      problems.push(`missing: ${entry.path}`);
      continue;
    }
    if (content.length !== entry.bytes || sha256Hex(content) !== entry.sha256) problems.push(`changed: ${entry.path} (its SHA-256 differs from manifest.json)`);
  }
  for (const name of files.keys()) {
    if (!listed.has(name) && !selfDescribingFiles.has(name)) problems.push(`added: ${name} (not listed in manifest.json)`);
  }
  const sumsBytes = files.get("SHA256SUMS");
  if (!sumsBytes) {
    problems.push("missing: SHA256SUMS");
  } else {
    const sums = parseSums(sumsBytes.toString("utf8"));
    const agrees = sums.size === manifest.files.length && manifest.files.every((entry) => sums.get(entry.path) === entry.sha256);
    if (!agrees) problems.push("changed: SHA256SUMS (it does not list the same hashes as manifest.json)");
  }
  return {
    intact: problems.length === 0,
    archive: file,
    manifest: { archive: manifest.archive, tenantId: manifest.tenantId, generatedAt: manifest.generatedAt, tool: manifest.tool, mapping: manifest.mapping },
    filesChecked: manifest.files.length,
    problems,
    signature: "unsigned",
  };
}
