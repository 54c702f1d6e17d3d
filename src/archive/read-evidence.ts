import { InputError } from "../errors.js";
import { parseJsonInput, readBinaryInput } from "../input/read-input.js";
import { EvidenceRecordSchema, type CollectedEvidence, type EvidenceRecord } from "../model/evidence.js";
import type { CheckSettings } from "../model/settings.js";
import { ManifestSchema, sha256Hex, type Manifest } from "./manifest.js";
import { readZip } from "./read-zip.js";

/** An archive's evidence, read back as the collect stage handed it on, and the manifest that lists it. */
export interface ArchivedEvidence {
  evidence: CollectedEvidence;
  manifest: Manifest;
  /** The thresholds the checks ran with, when the archive records them (format 2 on). */
  settings: CheckSettings | undefined;
  /** The attestation and exception files the manifest lists, by archive path, each checked against its hash. */
  recordFiles: Map<string, Buffer>;
}

/**
 * Reads the raw evidence of an archive so that it can be evaluated again, years later, without
 * Azure: every record under raw/ (each the file the collect stage wrote), the scope and the
 * collecting identity from manifest.json, and raw/calls.har. Only files the manifest lists, with
 * the hash it gives, are read; whether the manifest itself is signed is what `verify` checks.
 */
export async function readArchiveEvidence(file: string): Promise<ArchivedEvidence> {
  const { files } = await readZip(file, await readBinaryInput(file));
  const at = (path: string): Buffer => {
    const content = files.get(path);
    if (!content) throw new InputError(file, path, "expected an archive made by hipaa-evidence, holding this file");
    return content;
  };
  const manifest = parseJsonInput(`${file}!manifest.json`, at("manifest.json").toString("utf8"), ManifestSchema);
  const listed = (path: string): Buffer => {
    const entry = manifest.files.find((candidate) => candidate.path === path);
    const content = at(path);
    if (!entry || sha256Hex(content) !== entry.sha256)
      throw new InputError(file, path, "expected the file with the SHA-256 manifest.json lists for it; run verify on the archive");
    return content;
  };

  const records: EvidenceRecord[] = [];
  for (const entry of manifest.files) {
    const { path } = entry;
    if (!path.startsWith("raw/") || !path.endsWith(".json")) continue;
    const record = parseJsonInput(`${file}!${path}`, listed(path).toString("utf8"), EvidenceRecordSchema);
    if (record.file !== path) throw new InputError(file, path, `expected the record to name its own file, not ${record.file}`);
    if ("record" in entry && entry.record && (entry.record.dataset !== record.dataset || entry.record.scope !== record.scope)) {
      throw new InputError(file, path, `expected the record manifest.json names (${entry.record.dataset} at ${entry.record.scope})`);
    }
    records.push(record);
  }
  const calls = JSON.parse(listed("raw/calls.har").toString("utf8")) as object;
  const recordFiles = new Map(
    manifest.files.filter(({ path }) => path.startsWith("attestations/") || path.startsWith("exceptions/")).map(({ path }) => [path, listed(path)] as const),
  );
  return {
    manifest,
    recordFiles,
    settings: manifest.schemaVersion === 1 ? undefined : manifest.evaluation.settings,
    evidence: {
      tenantId: manifest.tenantId,
      subscriptions: manifest.scope.subscriptions.map(({ subscriptionId, displayName }) => ({
        subscriptionId,
        displayName,
        scope: `/subscriptions/${subscriptionId}`,
      })),
      subscriptionsNotVisible: manifest.scope.subscriptionsNotVisible,
      records,
      // Format 1 did not record collectors that stopped: their datasets read as not collected.
      collectorFailures: new Map(
        manifest.schemaVersion === 1 ? [] : manifest.collection.collectorFailures.map(({ collector, reason }) => [collector, reason] as const),
      ),
      identity: manifest.collection.identity ?? undefined,
      collection: {
        mode: manifest.collection.mode,
        cloud: manifest.collection.cloud,
        source: manifest.collection.source ?? undefined,
        window: manifest.collection.window,
      },
      calls,
    },
  };
}
