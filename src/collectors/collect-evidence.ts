import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { AzureAccess } from "../azure/access.js";
import type { CloudEndpoints } from "../azure/clouds.js";
import type { CollectionLimits } from "../azure/limits.js";
import { exchangesToHar, type HarFile } from "../azure/har.js";
import type { Clock } from "../clock.js";
import { CollectionImpossibleError, InputError } from "../errors.js";
import type { CollectedEvidence } from "../model/evidence.js";
import type { Progress } from "../progress.js";
import { toolVersion } from "../tool-version.js";
import { runCollectors } from "./run-collectors.js";

/** Where the answers come from: Azure itself, or a recording of it. */
export type EvidenceSource =
  | { kind: "live"; credential?: TokenCredential | undefined; transport?: HttpClient | undefined; retryDelayMs?: number | undefined }
  | {
      kind: "replay";
      har: HarFile;
      /** How the recording is named in reports and errors. */
      label: string;
      /** The file the user gave, and its hash, as the reports and the manifest state them. */
      file: { file: string; sha256: string };
      /** When its calls were made, if it says. */
      window: { start: string; end: string } | undefined;
    };

export interface CollectionRequest {
  source: EvidenceSource;
  endpoints: CloudEndpoints;
  /** Bounds on pages, bytes, nesting, waiting and silence: no answer can make the run endless. */
  limits: CollectionLimits;
  /** Tenant id, for recordings that do not name one (or to override the token's). */
  tenant?: string | undefined;
  subscriptions?: readonly string[] | undefined;
  signInLogsWorkspaces?: readonly string[] | undefined;
  /** Management groups the ePHI scope includes, whose subscriptions must be known. */
  scopeManagementGroups?: readonly string[] | undefined;
  clock: Clock;
  progress: Progress;
}

/**
 * The collect stage: the only one that talks to Azure. It signs in (live) or opens the recording
 * (replay), finds the subscriptions in scope, runs every collector and hands on the records, who
 * collected them, when, and every call made.
 */
export async function collectEvidence(request: CollectionRequest): Promise<CollectedEvidence> {
  const { source, clock, progress } = request;
  const access = new AzureAccess(
    source.kind === "replay"
      ? { kind: "replay", har: source.har, source: source.label }
      : { kind: "live", credential: source.credential, transport: source.transport, retryDelayMs: source.retryDelayMs },
    request.endpoints,
    clock,
    request.limits,
  );
  const startedAt = clock.now();
  const tenantId = source.kind === "replay" ? replayTenant(access, source.label, request.tenant) : await liveTenant(access, request.tenant, progress);

  const collection = await runCollectors(access, {
    tenantId,
    subscriptionFilter: request.subscriptions,
    progress,
    signInLogsWorkspaces: request.signInLogsWorkspaces,
    scopeManagementGroups: request.scopeManagementGroups,
  });
  const finishedAt = clock.now();
  const identity = access.identity();
  return {
    tenantId,
    subscriptions: collection.subscriptions,
    subscriptionsNotVisible: collection.subscriptionsNotVisible,
    records: collection.records,
    collectorFailures: collection.collectorFailures,
    identity,
    collection: {
      mode: source.kind,
      cloud: request.endpoints.cloud,
      source: source.kind === "replay" ? source.file : undefined,
      window: (source.kind === "replay" ? source.window : undefined) ?? { start: startedAt.toISOString(), end: finishedAt.toISOString() },
    },
    calls: exchangesToHar(access.ledger.exchanges, {
      tool: { name: "hipaa-evidence", version: toolVersion },
      cloud: request.endpoints.cloud,
      ...(identity ? { identity } : {}),
    }),
  };
}

function replayTenant(access: AzureAccess, label: string, override: string | undefined): string {
  const tenantId = access.identity()?.tenantId ?? override;
  if (!tenantId)
    throw new InputError(
      label,
      "log._hipaaEvidence.identity.tenantId",
      "expected the recording to name its tenant; pass --tenant for recordings made by other tools",
    );
  return tenantId;
}

/** Live only: an ARM token up front, so a missing credential ends the run (exit 3) before any collection. */
async function liveTenant(access: AzureAccess, override: string | undefined, progress: Progress): Promise<string> {
  progress.step("authenticating (DefaultAzureCredential)");
  try {
    await access.authenticate();
  } catch (error) {
    throw new CollectionImpossibleError(`no usable Azure credential: ${(error as Error).message.split("\n")[0]}`);
  }
  const tenantId = override ?? access.identity()?.tenantId;
  if (!tenantId) throw new CollectionImpossibleError("the credential's token does not name a tenant; pass --tenant");
  return tenantId;
}
