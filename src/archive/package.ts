import type { Assessment, RunFacts } from "../model/assessment.js";
import type { RenderedDocuments } from "../model/documents.js";
import type { CollectedEvidence, EvidenceRecord } from "../model/evidence.js";
import type { FindingsDocument } from "../model/findings.js";
import type { OrganisationRecords } from "../model/attestations.js";
import { toPem } from "../signing/certificate.js";
import { findingsCsv, requirementsCsv } from "./csv.js";
import { describeFiles, serializeManifest, sha256Sums, type ManifestV2 } from "./manifest.js";
import type { ArchiveSigner } from "./signer.js";
import { writeZip } from "./write-archive.js";

export interface PackageInput {
  evidence: CollectedEvidence;
  assessment: Assessment;
  run: RunFacts;
  rendered: RenderedDocuments;
  signer: ArchiveSigner;
  outDir: string;
  /** Attestations, their attachments and the exceptions file, copied as they were read. */
  records?: OrganisationRecords | undefined;
}

export interface PackagedArchive {
  archivePath: string;
  document: FindingsDocument;
  signing: { milliseconds: number; signatures: number; timestamped: number };
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");

/**
 * The package stage: signs every report, writes the findings, the raw evidence and every call, lists
 * them all with their hashes in a signed manifest and SHA256SUMS, and writes the zip under a
 * temporary name, renamed only when complete.
 */
export async function packageArchive(input: PackageInput): Promise<PackagedArchive> {
  const { evidence, assessment, run, signer } = input;
  const document: FindingsDocument = {
    schemaVersion: 2,
    tool: run.tool,
    mapping: { id: run.mapping.id, version: run.mapping.version },
    tenantId: run.tenantId,
    collectedAt: run.collection.window.start,
    findings: assessment.findings,
    requirements: assessment.requirements,
  };
  const reports = [];
  for (const report of input.rendered.reports) reports.push({ path: report.path, content: await signer.signPdf(report.content) });
  const contents = [
    { path: "README.txt", content: Buffer.from(input.rendered.readme, "utf8") },
    { path: "signer.pem", content: Buffer.from(signer.key.chain.map((certificate) => toPem(certificate.der)).join(""), "ascii") },
    ...reports,
    { path: "findings/findings.json", content: json(document) },
    { path: "findings/findings.csv", content: Buffer.from(findingsCsv(assessment.findings), "utf8") },
    { path: "findings/requirements.csv", content: Buffer.from(requirementsCsv(assessment.requirements, assessment.findings), "utf8") },
    { path: "raw/calls.har", content: json(evidence.calls) },
    ...rawFiles(evidence.records),
    ...(input.records?.files ?? []),
  ];
  const described = describeFiles(contents);
  const manifest: ManifestV2 = {
    schemaVersion: 2,
    layoutVersion: 2,
    archive: run.archiveId,
    tool: run.tool,
    mapping: { id: run.mapping.id, version: run.mapping.version },
    organization: run.organization,
    tenantId: run.tenantId,
    generatedAt: run.generatedAt.toISOString(),
    scope: {
      subscriptions: run.subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })),
      subscriptionsNotVisible: [...run.subscriptionsNotVisible],
      sections: run.sections ? [...run.sections] : null,
    },
    collection: {
      mode: run.collection.mode,
      cloud: run.collection.cloud,
      source: run.collection.source ?? null,
      window: run.collection.window,
      identity: run.identity ?? null,
      collectorFailures: [...evidence.collectorFailures].map(([collector, reason]) => ({ collector, reason })),
    },
    evaluation: { settings: assessment.settings, baaServices: { url: assessment.ephi.baaSource.url, retrieved: assessment.ephi.baaSource.retrieved } },
    signer: run.signature,
    files: described,
  };
  const manifestBytes = serializeManifest(manifest);
  const sumsBytes = sha256Sums(described);
  const manifestSignature = await signer.signDetached(manifestBytes);
  const sumsSignature = await signer.signDetached(sumsBytes);
  const archivePath = await writeZip(
    input.outDir,
    run.archiveId,
    [
      { path: "manifest.json", content: manifestBytes },
      { path: "manifest.json.p7s", content: manifestSignature },
      { path: "SHA256SUMS", content: sumsBytes },
      { path: "SHA256SUMS.p7s", content: sumsSignature },
      ...contents,
    ],
    run.generatedAt,
  );
  return { archivePath, document, signing: signer.statistics() };
}

/** One file per record, as collected; two records in one file would leave an archive verify refuses. */
function rawFiles(records: readonly EvidenceRecord[]): { path: string; content: Buffer; record: { dataset: string; scope: string } }[] {
  const seen = new Map<string, EvidenceRecord>();
  for (const record of records) {
    const earlier = seen.get(record.file);
    if (earlier)
      throw new Error(
        `two evidence records would be written to ${record.file}: ${earlier.dataset} at ${earlier.scope} and ${record.dataset} at ${record.scope}`,
      );
    seen.set(record.file, record);
  }
  return records.map((record) => ({ path: record.file, content: json(record), record: { dataset: record.dataset, scope: record.scope } }));
}
