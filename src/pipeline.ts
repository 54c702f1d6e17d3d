import { basename } from "node:path";
import { AzureAccess } from "./azure/access.js";
import { resolveEndpoints, type CloudName, type EndpointOverrides } from "./azure/clouds.js";
import { resolveLimits, type CollectionLimits } from "./azure/limits.js";
import { exchangesToHar } from "./azure/har.js";
import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { findingsCsv, requirementsCsv } from "./archive/csv.js";
import { describeFiles, serializeManifest, sha256Sums, type Manifest } from "./archive/manifest.js";
import { ensureWritableFolder, writeZip } from "./archive/write-archive.js";
import { readsOf, severityRank, type CheckSettings, type Severity } from "./checks/check.js";
import { checks } from "./checks/registry.js";
import { runChecks } from "./checks/run-checks.js";
import { compactTimestamp, type Clock } from "./clock.js";
import type { SubscriptionInScope } from "./collectors/collector.js";
import { roleAssignmentsDataset, roleDefinitionsDataset } from "./collectors/rbac.js";
import { runCollectors } from "./collectors/run-collectors.js";
import { collectors } from "./collectors/registry.js";
import { checkSettingsFrom, collectionLimitsFrom, loadConfig } from "./config.js";
import { CollectionImpossibleError, InputError, UsageError } from "./errors.js";
import { defaultMappingFile, loadMapping, selectSections, type Mapping } from "./mapping/mapping.js";
import { coverageOf, evaluateRequirements, type Coverage } from "./mapping/requirement-status.js";
import { EvidenceSet, type EvidenceRecord } from "./model/evidence.js";
import type { Finding, FindingsDocument, RequirementResult } from "./model/findings.js";
import type { Progress } from "./progress.js";
import { loadRecording } from "./recording.js";
import { auditLogView, type AuditLogView } from "./report/audit-log-view.js";
import { defenderView, type DefenderRow } from "./report/defender-view.js";
import { narrative } from "./report/narrative.js";
import { renderReports } from "./report/render-reports.js";
import type { CollectionGap, PrivilegedMfaTable, ReportInput, RunFacts } from "./report/report-model.js";
import { privilegedUsersMfa } from "./checks/support/mfa-coverage.js";
import { toPem } from "./signing/certificate.js";
import { resolveSigner, type SigningOptions } from "./signing/resolve-signer.js";
import { toolVersion } from "./tool-version.js";

/**
 * collect → evaluate → map → render → archive. Stages hand off plain data; only collection talks to
 * Azure and only the archive stage writes to disk.
 */
export interface CollectOptions {
  /** A HAR recording or an earlier archive; absent means live collection. */
  replay?: string | undefined;
  outDir: string;
  configFile?: string | undefined;
  mappingFile?: string | undefined;
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
}

export interface Evaluation {
  findings: Finding[];
  privilegedMfa: PrivilegedMfaTable;
  auditLogs: AuditLogView;
  defender: DefenderRow[];
  requirements: RequirementResult[];
  coverage: Coverage;
  gaps: CollectionGap[];
}

function scopeName(scope: string, subscriptions: readonly SubscriptionInScope[]): string {
  if (scope.startsWith("/tenants/")) return `tenant ${scope.slice("/tenants/".length)}`;
  const subscription = subscriptions.find((candidate) => scope.toLowerCase().startsWith(candidate.scope.toLowerCase()));
  if (!subscription) return scope;
  if (scope.toLowerCase() === subscription.scope.toLowerCase()) return `subscription ${subscription.displayName}`;
  return `${scope.split("/").pop() ?? scope} in ${subscription.displayName}`;
}

/** Pure: evidence records in, findings, requirement statuses, coverage and gaps out. */
export function evaluateEvidence(input: {
  evidence: EvidenceSet;
  subscriptions: readonly SubscriptionInScope[];
  tenantId: string;
  mapping: Mapping;
  settings: CheckSettings;
  collectedAt: Date;
}): Evaluation {
  const { evidence } = input;
  const findings = runChecks(
    checks,
    { evidence, subscriptions: input.subscriptions, tenantId: input.tenantId, settings: input.settings, collectedAt: input.collectedAt },
    input.mapping,
  );
  const requirements = evaluateRequirements(input.mapping, findings);
  const titles = new Map(collectors.flatMap((collector) => collector.datasets.map((dataset) => [dataset.id, dataset.title] as const)));
  const gaps: CollectionGap[] = evidence.records.flatMap((record) =>
    record.status === "error"
      ? [
          {
            dataset: record.dataset,
            datasetTitle: titles.get(record.dataset) ?? record.dataset,
            scope: record.scope,
            scopeName: scopeName(record.scope, input.subscriptions),
            error: record.error,
            affectedChecks: checks.filter((check) => readsOf(check).some((dataset) => dataset.id === record.dataset)).map((check) => check.id),
          },
        ]
      : [],
  );
  for (const [collectorId, why] of evidence.collectorFailures) {
    gaps.push({
      dataset: collectorId,
      datasetTitle: `Collector ${collectorId}`,
      scope: `/tenants/${input.tenantId}`,
      scopeName: "all subscriptions",
      error: { call: `(collector ${collectorId})`, status: 0, message: why, reason: "not-collected" },
      affectedChecks: checks.filter((check) => readsOf(check).some((dataset) => dataset.collector === collectorId)).map((check) => check.id),
    });
  }
  const table = privilegedUsersMfa(evidence, input.tenantId, input.subscriptions, input.settings.breakGlassAccounts);
  const privilegedMfa: PrivilegedMfaTable = table.ok
    ? { ok: true, rows: table.rows }
    : { ok: false, reason: `${table.dataset.title} could not be collected (${table.failure.error.call}: ${table.failure.error.message})` };
  return {
    findings,
    privilegedMfa,
    auditLogs: auditLogView(evidence, input.subscriptions, input.tenantId, findings),
    defender: defenderView(evidence, input.subscriptions),
    requirements,
    coverage: coverageOf(requirements, findings),
    gaps,
  };
}

/** The collecting identity's own Azure roles, read from the evidence rather than asserted. */
function identityAzureRoles(evidence: EvidenceSet, objectId: string | undefined, subscriptions: readonly SubscriptionInScope[]): RunFacts["identityAzureRoles"] {
  if (!objectId) return [];
  const roles = new Map<string, { role: string; scope: string }>();
  for (const subscription of subscriptions) {
    const assignments = evidence.read(roleAssignmentsDataset, subscription.scope);
    const definitions = evidence.read(roleDefinitionsDataset, subscription.scope);
    if (!assignments.ok) continue;
    for (const { value } of assignments.items) {
      if (value.properties.principalId.toLowerCase() !== objectId.toLowerCase()) continue;
      const guid = value.properties.roleDefinitionId.split("/").pop()?.toLowerCase();
      const role = (definitions.ok ? definitions.items.find((item) => item.value.name.toLowerCase() === guid)?.value.properties.roleName : undefined) ?? `role ${guid}`;
      const key = `${role}|${value.properties.scope.toLowerCase()}`;
      roles.set(key, { role, scope: value.properties.scope || "/" });
    }
  }
  return [...roles.values()];
}

function rawFiles(records: readonly EvidenceRecord[]): { path: string; content: Buffer }[] {
  const seen = new Map<string, EvidenceRecord>();
  for (const record of records) {
    const earlier = seen.get(record.file);
    // Two records in one file would leave an archive that verify rightly refuses: a collector bug.
    if (earlier) throw new Error(`two evidence records would be written to ${record.file}: ${earlier.dataset} at ${earlier.scope} and ${record.dataset} at ${record.scope}`);
    seen.set(record.file, record);
  }
  return records.map((record) => ({ path: record.file, content: Buffer.from(`${JSON.stringify(record, null, 2)}\n`, "utf8") }));
}

export async function collect(options: CollectOptions): Promise<CollectResult> {
  const { clock, progress } = options;
  // Every input is read and checked before anything is collected or written.
  const config = await loadConfig(options.configFile);
  const mappingFile = options.mappingFile ?? defaultMappingFile;
  const fullMapping = await loadMapping(mappingFile, new Set(checks.map((check) => check.id)));
  const sections = options.sections ?? config.sections;
  const mapping = selectSections(fullMapping, sections);
  if (mapping.requirements.length === 0) {
    throw new UsageError(`--sections: expected parts of the HIPAA Security Rule present in the mapping (such as 164.312), got ${sections?.join(", ")}`);
  }
  const recording = options.replay ? await loadRecording(options.replay) : undefined;
  await ensureWritableFolder(options.outDir);
  const limits = resolveLimits(collectionLimitsFrom(config), options.limits);
  const signer = await resolveSigner(options.signing ?? {}, {
    now: clock.now(),
    warn: (message) => progress.warn(message),
    azure: { credential: options.live?.credential, httpClient: options.live?.transport, limits },
  });
  const signature = signer.describe();

  const cloud = options.cloud ?? config.cloud ?? "AzurePublic";
  const endpoints = resolveEndpoints(cloud, options.endpoints);
  const access = new AzureAccess(
    recording
      ? { kind: "replay", har: recording.har, source: recording.label }
      : { kind: "live", credential: options.live?.credential, transport: options.live?.transport, retryDelayMs: options.live?.retryDelayMs },
    endpoints,
    clock,
    limits,
  );
  const startedAt = clock.now();

  let tenantId: string | undefined;
  if (recording) {
    tenantId = access.identity()?.tenantId ?? options.tenant;
    if (!tenantId) {
      throw new InputError(recording.label, "log._hipaaEvidence.identity.tenantId", "expected the recording to name its tenant; pass --tenant for recordings made by other tools");
    }
  } else {
    progress.step("authenticating (DefaultAzureCredential)");
    try {
      await access.authenticate();
    } catch (error) {
      throw new CollectionImpossibleError(`no usable Azure credential: ${(error as Error).message.split("\n")[0]}`);
    }
    tenantId = options.tenant ?? access.identity()?.tenantId;
    if (!tenantId) throw new CollectionImpossibleError("the credential's token does not name a tenant; pass --tenant");
  }

  const collection = await runCollectors(access, {
    tenantId,
    subscriptionFilter: options.subscriptions ?? config.subscriptions,
    progress,
    signInLogsWorkspaces: config.signInLogsWorkspaces,
  });
  const finishedAt = clock.now();

  progress.step("evaluating checks and mapping to the HIPAA Security Rule");
  const evidence = new EvidenceSet(collection.records, collection.collectorFailures);
  const evaluation = evaluateEvidence({
    evidence,
    subscriptions: collection.subscriptions,
    tenantId,
    mapping,
    settings: checkSettingsFrom(config),
    collectedAt: new Date(recording?.window?.end ?? finishedAt.toISOString()),
  });

  const generatedAt = clock.now();
  const archiveId = `hipaa-evidence-${tenantId}-${compactTimestamp(generatedAt)}`;
  const identity = access.identity();
  const window = recording?.window ?? { start: startedAt.toISOString(), end: finishedAt.toISOString() };
  const run: RunFacts = {
    tool: { name: "hipaa-evidence", version: toolVersion },
    mapping: { id: mapping.id, version: mapping.version, title: mapping.title },
    organization: config.organization ?? `Tenant ${tenantId}`,
    tenantId,
    archiveId,
    generatedAt,
    collection: {
      mode: recording ? "replay" : "live",
      cloud,
      source: recording ? { file: basename(recording.label), sha256: recording.sha256 } : undefined,
      window,
    },
    identity,
    identityAzureRoles: identityAzureRoles(evidence, identity?.objectId, collection.subscriptions),
    subscriptions: collection.subscriptions,
    subscriptionsNotVisible: collection.subscriptionsNotVisible,
    sections,
    signature,
  };
  const reportInput: ReportInput = { run, mapping, ...evaluation, checks };

  progress.step("rendering reports");
  const reports = await renderReports(reportInput, signer);

  const document: FindingsDocument = {
    schemaVersion: 1,
    tool: run.tool,
    mapping: { id: mapping.id, version: mapping.version },
    tenantId,
    collectedAt: window.start,
    findings: evaluation.findings,
    requirements: evaluation.requirements,
  };
  const calls = exchangesToHar(access.ledger.exchanges, {
    tool: run.tool,
    cloud,
    ...(identity ? { identity } : {}),
  });
  const readme = narrative("archive-readme.txt", {
    archiveId,
    organization: run.organization,
    tenantId,
    generatedAt: generatedAt.toISOString(),
    windowStart: window.start,
    windowEnd: window.end,
    mode: recording ? `replayed from ${basename(recording.label)}` : "collected live",
    toolVersion,
    mappingId: mapping.id,
    mappingVersion: mapping.version,
    signature,
    keySource: { development: "a development key created on the machine that ran the tool", pfx: `a key from the PFX file ${signature.reference ?? ""}`, "azure-key-vault": `the Azure Key Vault key ${signature.reference ?? ""}, which never left the vault` }[signature.source],
  });
  const contents = [
    { path: "README.txt", content: Buffer.from(readme, "utf8") },
    { path: "signer.pem", content: Buffer.from(signer.key.chain.map((certificate) => toPem(certificate.der)).join(""), "ascii") },
    ...reports,
    { path: "findings/findings.json", content: Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8") },
    { path: "findings/findings.csv", content: Buffer.from(findingsCsv(evaluation.findings), "utf8") },
    { path: "findings/requirements.csv", content: Buffer.from(requirementsCsv(evaluation.requirements, evaluation.findings), "utf8") },
    { path: "raw/calls.har", content: Buffer.from(`${JSON.stringify(calls, null, 2)}\n`, "utf8") },
    ...rawFiles(collection.records),
  ];
  const described = describeFiles(contents);
  const manifest: Manifest = {
    schemaVersion: 1,
    archive: archiveId,
    tool: run.tool,
    mapping: { id: mapping.id, version: mapping.version },
    organization: run.organization,
    tenantId,
    generatedAt: generatedAt.toISOString(),
    scope: {
      subscriptions: collection.subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })),
      subscriptionsNotVisible: collection.subscriptionsNotVisible,
      sections: sections ?? null,
    },
    collection: {
      mode: run.collection.mode,
      cloud,
      source: run.collection.source ?? null,
      window,
      identity: identity ?? null,
    },
    signer: signature,
    files: described,
  };
  progress.step("signing the manifest");
  const manifestBytes = serializeManifest(manifest);
  const sumsBytes = sha256Sums(described);
  const manifestSignature = await signer.signDetached(manifestBytes);
  const sumsSignature = await signer.signDetached(sumsBytes);

  progress.step("writing the archive");
  const archivePath = await writeZip(
    options.outDir,
    archiveId,
    [
      { path: "manifest.json", content: manifestBytes },
      { path: "manifest.json.p7s", content: manifestSignature },
      { path: "SHA256SUMS", content: sumsBytes },
      { path: "SHA256SUMS.p7s", content: sumsSignature },
      ...contents,
    ],
    generatedAt,
  );
  progress.done();
  return { archivePath, signing: signer.statistics(), document, coverage: evaluation.coverage, gaps: evaluation.gaps };
}

/** Exit code 4 when a failing finding reaches the --fail-on severity. */
export function reachesFailOn(findings: readonly Finding[], threshold: Severity | undefined): boolean {
  if (!threshold) return false;
  return findings.some((finding) => finding.status === "fail" && severityRank(finding.severity) >= severityRank(threshold));
}
