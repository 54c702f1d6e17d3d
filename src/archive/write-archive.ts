import { createWriteStream } from "node:fs";
import { access, constants, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { ZipArchive } from "archiver";
import { InputError } from "../errors.js";

/** Fails early, before any collection, if the output folder cannot receive an archive. */
export async function ensureWritableFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied" : code === "ENOTDIR" ? "a file is in the way" : (error as Error).message;
    throw new InputError(folder, undefined, `expected a writable output folder (${why})`);
  }
}

/**
 * Zips `files` into `<folder>/<name>.zip`. The zip is written under a hidden temporary name and
 * renamed only when complete, so no reader ever sees half an archive; on failure the temporary file
 * is removed. Entry times are the generation time, so the same run gives the same bytes.
 */
export async function writeZip(folder: string, name: string, files: readonly { path: string; content: Buffer }[], date: Date): Promise<string> {
  const finalPath = join(folder, `${name}.zip`);
  const temporaryPath = join(folder, `.${name}.zip.partial-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await new Promise<void>((resolve, reject) => {
      const output = createWriteStream(temporaryPath, { flags: "wx" });
      const zip = new ZipArchive({ zlib: { level: 9 } });
      output.on("close", () => resolve());
      output.on("error", reject);
      zip.on("error", reject);
      zip.on("warning", reject);
      zip.pipe(output);
      for (const file of files) zip.append(file.content, { name: file.path, date });
      void zip.finalize();
    });
    await rename(temporaryPath, finalPath);
    return finalPath;
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw new InputError(folder, undefined, `could not write the archive (${(error as Error).message})`);
  }
}
