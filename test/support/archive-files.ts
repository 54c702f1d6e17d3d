import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ZipArchive } from "archiver";
import { describeFiles, serializeManifest, sha256Sums, type Manifest } from "../../src/archive/manifest.js";
import { temporaryFolder } from "./sample.js";

/** Writes entries as given, names included (archiver does not sanitise "../x"), to build tampered archives. */
export async function writeRawZip(files: ReadonlyMap<string, Buffer>, rename?: { from: string; to: string }): Promise<string> {
  const file = join(temporaryFolder("tampered"), "tampered.zip");
  await new Promise<void>((resolve, reject) => {
    const output = createWriteStream(file);
    const zip = new ZipArchive();
    output.on("close", resolve);
    zip.on("error", reject);
    zip.pipe(output);
    for (const [name, content] of files) zip.append(content, { name });
    void zip.finalize();
  });
  if (rename) {
    const written = readFileSync(file);
    for (let at = written.indexOf(rename.from); at >= 0; at = written.indexOf(rename.from, at + 1)) written.write(rename.to, at);
    writeFileSync(file, written);
  }
  return file;
}

/** A copy of an archive's entries, each buffer its own, changed by `change`. */
export function tamperedCopy(original: ReadonlyMap<string, Buffer>, change: (files: Map<string, Buffer>) => void): Map<string, Buffer> {
  const files = new Map([...original].map(([name, content]) => [name, Buffer.from(content)]));
  change(files);
  return files;
}

export function entry(files: ReadonlyMap<string, Buffer>, name: string): Buffer {
  const content = files.get(name);
  if (!content) throw new Error(`the archive has no ${name}`);
  return content;
}

/** What an attacker without the key can do best: change files, then rewrite manifest.json and SHA256SUMS to match. */
export function rewriteHashes(files: Map<string, Buffer>, changeManifest: (manifest: Manifest) => void = () => {}): void {
  const manifest = JSON.parse(entry(files, "manifest.json").toString("utf8")) as Manifest;
  manifest.files = describeFiles(
    manifest.files.map((listed) => ({ path: listed.path, content: entry(files, listed.path), record: "record" in listed ? listed.record : undefined })),
  );
  changeManifest(manifest);
  files.set("manifest.json", serializeManifest(manifest));
  files.set("SHA256SUMS", sha256Sums(manifest.files));
}
