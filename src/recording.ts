import { HarFileSchema, type HarFile } from "./azure/har.js";
import { readZip } from "./archive/read-zip.js";
import { sha256Hex } from "./archive/manifest.js";
import { InputError } from "./errors.js";
import { parseJsonInput, readBinaryInput } from "./input/read-input.js";

export interface Recording {
  har: HarFile;
  /** How the recording is named in reports and errors. */
  label: string;
  sha256: string;
  /** First and last call in the recording, when it dates its entries. */
  window: { start: string; end: string } | undefined;
}

/** A replay input: a HAR 1.2 file, or an earlier archive whose raw/calls.har is replayed. */
export async function loadRecording(file: string): Promise<Recording> {
  const bytes = await readBinaryInput(file);
  let label = file;
  let text: string;
  let archivedWindow: { start: string; end: string } | undefined;
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const { files } = await readZip(file, bytes);
    const calls = files.get("raw/calls.har");
    if (!calls) throw new InputError(file, "raw/calls.har", "expected an archive made by hipaa-evidence, holding raw/calls.har");
    label = `${file}!raw/calls.har`;
    text = calls.toString("utf8");
    // The calls in an archive carry the times of the run that wrote it; when the evidence was
    // collected is what its manifest says, and ages ("no sign-in for 90 days") are measured from that.
    archivedWindow = collectionWindowOf(files.get("manifest.json"));
  } else {
    text = bytes.toString("utf8");
  }
  const har = parseJsonInput(label, text, HarFileSchema);
  const times = har.log.entries
    .map((entry) => entry.startedDateTime)
    .filter((time): time is string => time !== undefined && !Number.isNaN(Date.parse(time)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const first = times[0];
  const last = times[times.length - 1];
  return {
    har,
    label,
    sha256: sha256Hex(bytes),
    window: archivedWindow ?? (first && last ? { start: new Date(first).toISOString(), end: new Date(last).toISOString() } : undefined),
  };
}

function collectionWindowOf(manifest: Buffer | undefined): { start: string; end: string } | undefined {
  if (!manifest) return undefined;
  try {
    const window = (JSON.parse(manifest.toString("utf8")) as { collection?: { window?: { start?: unknown; end?: unknown } } }).collection?.window;
    return typeof window?.start === "string" && typeof window.end === "string" ? { start: window.start, end: window.end } : undefined;
  } catch {
    return undefined;
  }
}
