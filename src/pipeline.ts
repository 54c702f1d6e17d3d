import { basename } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { packageArchive } from "./archive/package.js";
import { readArchiveEvidence } from "./archive/read-evidence.js";
import { openArchiveSigner, type SigningOptions } from "./archive/signer.js";
import { ensureWritableFolder } from "./archive/write-archive.js";
import { resolveEndpoints, type CloudName, type EndpointOverrides } from "./azure/clouds.js";
import { resolveLimits, type CollectionLimits } from "./azure/limits.js";
import { severityRank, type Severity } from "./checks/check.js";
import { checks } from "./checks/registry.js";
import { compactTimestamp, type Clock } from "./clock.js";
import { collectEvidence, type EvidenceSource } from "./collectors/collect-evidence.js";
import { checkSettingsFrom, collectionLimitsFrom, loadConfig } from "./config.js";
import { evaluate } from "./evaluation/evaluate.js";
import { defaultMappingFile, loadMapping, selectSections, type Mapping } from "./mapping/mapping.js";
import { loadBaaServices } from "./mapping/baa-services.js";
import { attestationsPrefix, organisationRecordsIn, readOrganisationRecords } from "./attestations/read-records.js";
import type { OrganisationRecords } from "./model/attestations.js";
import type { Assessment, CollectionGap, Coverage, RunFacts } from "./model/assessment.js";
import type { CollectedEvidence } from "./model/evidence.js";
import type { Finding, FindingsDocument } from "./model/findings.js";
import type { Progress } from "./progress.js";
import { loadRecording } from "./recording.js";
import { renderDocuments } from "./report/render-reports.js";
import { toolVersion } from "./tool-version.js";

/**
 * The main job: every input is read and checked first, then the four stages run in turn, each a
 * function of the one before: collect (Azure or a recording) → evaluate (pure) → render → package.
 */
export interface CollectOptions {
  /** A HAR recording or an earlier archive; absent means live collection. */
  replay?: string | undefined;
  outDir: string;
  configFile?: string | undefined;
  mappingFile?: string | undefined;
  /** The attestations folder and the exceptions file, over the configuration's. */
  attestationsFolder?: string | undefined;
  exceptionsFile?: string | undefined;
  sections?: string[] | undefined;
  subscriptions?: string[] | undefined;
  cloud?: CloudName | undefined;
  endpoints?: EndpointOverrides | undefined;
  /** Tenant id, for recordings that do not name one. */
  tenant?: string | undefined;
  clock: Clock;
  progress: Progress;
  /** Key source and timestamp authority; by default the development key. */
  signing?: SigningOptions | undefined;
  /** Live-mode seams for tests that run against an HTTPS server on loopback. */
  live?: { credential?: TokenCredential; transport?: HttpClient; retryDelayMs?: number } | undefined;
  /** Bounds of the collection, over those of the configuration file (tests use small ones). */
  limits?: Partial<CollectionLimits> | undefined;
}

export interface CollectResult {
  archivePath: string;
  signing: { milliseconds: number; signatures: number; timestamped: number };
  document: FindingsDocument;
  coverage: Coverage;
  gaps: CollectionGap[];
  assessment: Assessment;
}

/** What the main job reads before it collects anything, each checked with a message naming the file. */
async function readInputs(options: Pick<CollectOptions, "configFile" | "mappingFile" | "sections" | "replay" | "attestationsFolder" | "exceptionsFile">) {
  const config = await loadConfig(options.configFile);
  const knownChecks = new Set(checks.map((check) => check.id));
  const fullMapping = await loadMapping(options.mappingFile ?? defaultMappingFile, knownChecks);
  const sections = options.sections ?? config.sections;
  const mapping = selectSections(fullMapping, sections);
  const recording = options.replay ? await loadRecording(options.replay) : undefined;
  const baa = await loadBaaServices();
  // Attachments are hashed now, before anything is collected: a changed one stops the run (exit 2).
  const records = await readOrganisationRecords(
    { attestationsFolder: options.attestationsFolder ?? config.attestations, exceptionsFile: options.exceptionsFile ?? config.exceptions },
    fullMapping,
    knownChecks,
  );
  return { config, mapping, sections, recording, baa, records: recordsFor(mapping, records) };
}

/** A run scoped to some sections keeps the attestations that cover them and their attachments, no other documents. */
function recordsFor(mapping: Mapping, records: OrganisationRecords): OrganisationRecords {
  const rows = new Set(mapping.requirements.map((row) => row.citation));
  const attestations = records.attestations.filter((attestation) => attestation.requirements.some((citation) => rows.has(citation)));
  const kept = new Set(attestations.flatMap((attestation) => [attestation.path, ...attestation.attachments.map((attachment) => attachment.path)]));
  return { ...records, attestations, files: records.files.filter((file) => !file.path.startsWith(attestationsPrefix) || kept.has(file.path)) };
}

/** The collect stage as the command line asks for it: live, or the recording given. */
function collectAsAsked(
  options: Omit<CollectOptions, "outDir" | "signing">,
  inputs: Awaited<ReturnType<typeof readInputs>>,
  limits: CollectionLimits,
): Promise<CollectedEvidence> {
  const { config, recording } = inputs;
  const source: EvidenceSource = recording
    ? {
        kind: "replay",
        har: recording.har,
        label: recording.label,
        file: { file: basename(recording.label), sha256: recording.sha256 },
        window: recording.window,
      }
    : { kind: "live", credential: options.live?.credential, transport: options.live?.transport, retryDelayMs: options.live?.retryDelayMs };
  return collectEvidence({
    source,
    endpoints: resolveEndpoints(options.cloud ?? config.cloud ?? "AzurePublic", options.endpoints),
    limits,
    tenant: options.tenant,
    subscriptions: options.subscriptions ?? config.subscriptions,
    signInLogsWorkspaces: config.signInLogsWorkspaces,
    scopeManagementGroups: config.ephiScope?.managementGroups,
    clock: options.clock,
    progress: options.progress,
  });
}

/**
 * Collect and evaluate only, with no report and no archive: the stages a later command (diff,
 * preflight) and a test that looks only at findings need.
 */
export async function collectAndEvaluate(
  options: Omit<CollectOptions, "outDir" | "signing">,
): Promise<{ evidence: CollectedEvidence; assessment: Assessment }> {
  const inputs = await readInputs(options);
  const evidence = await collectAsAsked(options, inputs, resolveLimits(collectionLimitsFrom(inputs.config), options.limits));
  return {
    evidence,
    assessment: evaluate({ evidence, mapping: inputs.mapping, settings: checkSettingsFrom(inputs.config), baa: inputs.baa, records: inputs.records }),
  };
}

export async function collect(options: CollectOptions): Promise<CollectResult> {
  const { clock, progress } = options;
  const inputs = await readInputs(options);
  const { config, mapping, sections } = inputs;
  await ensureWritableFolder(options.outDir);
  const limits = resolveLimits(collectionLimitsFrom(config), options.limits);
  const signer = await openArchiveSigner(options.signing ?? {}, {
    now: clock.now(),
    warn: (message) => progress.warn(message),
    azure: { credential: options.live?.credential, httpClient: options.live?.transport, limits },
  });

  const evidence = await collectAsAsked(options, inputs, limits);

  progress.step("evaluating checks and mapping to the HIPAA Security Rule");
  const assessment = evaluate({ evidence, mapping, settings: checkSettingsFrom(config), baa: inputs.baa, records: inputs.records });

  const generatedAt = clock.now();
  const run: RunFacts = {
    tool: { name: "hipaa-evidence", version: toolVersion },
    mapping: { id: mapping.id, version: mapping.version, title: mapping.title },
    organization: config.organization ?? `Tenant ${evidence.tenantId}`,
    tenantId: evidence.tenantId,
    archiveId: `hipaa-evidence-${evidence.tenantId}-${compactTimestamp(generatedAt)}`,
    generatedAt,
    collection: evidence.collection,
    identity: evidence.identity,
    subscriptions: evidence.subscriptions,
    subscriptionsNotVisible: evidence.subscriptionsNotVisible,
    sections,
    signature: signer.describe(),
  };

  progress.step("rendering reports");
  const rendered = await renderDocuments({ run, mapping, assessment });

  progress.step("signing and writing the archive");
  const archive = await packageArchive({ evidence, assessment, run, rendered, signer, outDir: options.outDir, records: inputs.records });
  progress.done();
  return {
    archivePath: archive.archivePath,
    signing: archive.signing,
    document: archive.document,
    coverage: assessment.coverage,
    gaps: assessment.gaps,
    assessment,
  };
}

/**
 * An archive's raw evidence evaluated again with today's checks and mapping: no Azure and no
 * credentials, only the files the archive's manifest lists. The thresholds are the ones the archive
 * recorded, unless a configuration is given (archives of format 1 recorded none: the defaults apply).
 */
export async function evaluateArchive(options: {
  archive: string;
  configFile?: string | undefined;
  mappingFile?: string | undefined;
  sections?: string[] | undefined;
}): Promise<{ assessment: Assessment; evidence: CollectedEvidence }> {
  const config = await loadConfig(options.configFile);
  const knownChecks = new Set(checks.map((check) => check.id));
  const fullMapping = await loadMapping(options.mappingFile ?? defaultMappingFile, knownChecks);
  const mapping = selectSections(fullMapping, options.sections ?? config.sections);
  const archived = await readArchiveEvidence(options.archive);
  const settings = options.configFile || !archived.settings ? checkSettingsFrom(config) : archived.settings;
  // The attestations and exceptions the archive holds, as they were when it was made.
  const records = organisationRecordsIn(options.archive, archived.recordFiles, fullMapping, knownChecks);
  return { assessment: evaluate({ evidence: archived.evidence, mapping, settings, baa: await loadBaaServices(), records }), evidence: archived.evidence };
}

/** Exit code 4 when a failing finding reaches the --fail-on severity; findings out of the ePHI scope, and accepted risks, never trip it. */
export function reachesFailOn(findings: readonly Finding[], threshold: Severity | undefined): boolean {
  if (!threshold) return false;
  return findings.some(
    (finding) =>
      finding.status === "fail" && finding.ephiScope !== "out of scope" && !finding.acceptedRisk && severityRank(finding.severity) >= severityRank(threshold),
  );
}
