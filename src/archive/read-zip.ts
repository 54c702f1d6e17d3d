import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { InputError } from "../errors.js";

/**
 * Reads a zip entirely in memory: nothing is ever extracted to disk, so an entry named "../x" or
 * "/etc/x" cannot escape anywhere. Such names are reported, never followed.
 */
export interface ZipContents {
  files: Map<string, Buffer>;
  /** Entry names that are absolute, climb out with "..", or repeat an earlier name. */
  unsafeNames: string[];
}

/** Bit 11 of the general purpose flags marks UTF-8 names; older tools wrote code page 437 (ASCII-compatible). */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return raw.toString(entry.generalPurposeBitFlag & 0x800 ? "utf8" : "latin1");
}

function isUnsafeName(name: string): boolean {
  return name.startsWith("/") || name.startsWith("\\") || /^[a-zA-Z]:/.test(name) || name.split(/[\\/]/).includes("..");
}

export async function readZip(file: string, content: Buffer): Promise<ZipContents> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    // validateEntrySizes guards against zip bombs that lie about sizes. Names are decoded here rather
    // than by yauzl, whose validation would abort the whole read on "../x" instead of letting the
    // verifier name the entry.
    fromBuffer(content, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (error, opened) =>
      error || !opened ? reject(error ?? new Error("unreadable")) : resolve(opened),
    ),
  ).catch((error: Error) => {
    throw new InputError(file, undefined, `expected a zip archive (${error.message})`);
  });

  const files = new Map<string, Buffer>();
  const unsafeNames: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: Entry) => {
      const name = entryName(entry);
      if (name.endsWith("/")) return zip.readEntry();
      if (isUnsafeName(name) || files.has(name)) {
        unsafeNames.push(name);
        return zip.readEntry();
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error ?? new Error(`cannot read ${name}`));
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", reject);
        stream.on("end", () => {
          files.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  }).catch((error: Error) => {
    throw new InputError(file, undefined, `expected a complete zip archive (${error.message})`);
  });
  return { files, unsafeNames };
}
