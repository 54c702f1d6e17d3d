import type { PrivilegedUserMfa } from "../checks/support/mfa-coverage.js";
import type { AuditLogView } from "./audit-log-view.js";
import type { DefenderRow } from "./defender-view.js";
import type { SignerDescription } from "../model/signer.js";
import type { CollectingIdentity } from "../model/identity.js";
import type { CheckDefinition } from "../checks/check.js";
import type { SubscriptionInScope } from "../model/evidence.js";
import type { CallError } from "../model/call-error.js";
import type { Mapping } from "../mapping/mapping.js";
import type { Coverage } from "../mapping/requirement-status.js";
import type { Finding, RequirementResult } from "../model/findings.js";

/** Facts about one run that every report and the manifest state. */
export interface RunFacts {
  tool: { name: "hipaa-evidence"; version: string };
  mapping: { id: string; version: string; title: string };
  organization: string;
  tenantId: string;
  /** The archive's file name without .zip; printed on every page. */
  archiveId: string;
  generatedAt: Date;
  collection: {
    mode: "live" | "replay";
    cloud: string;
    /** The recording a replay read, with its hash, so the evidence's origin is traceable. */
    source?: { file: string; sha256: string } | undefined;
    /** When the evidence was gathered: the live run, or the calls in the recording. */
    window: { start: string; end: string };
  };
  identity: CollectingIdentity | undefined;
  /** The collecting identity's own Azure role assignments, as the RBAC evidence shows them. */
  identityAzureRoles: { role: string; scope: string }[];
  subscriptions: readonly SubscriptionInScope[];
  /** Subscriptions named with --subscriptions that the identity could not see. */
  subscriptionsNotVisible: readonly string[];
  sections: readonly string[] | undefined;
  /** Who signs the PDFs and the manifest: every report says so, and says when it is not to be trusted. */
  signature: SignerDescription;
}

/** One call that failed and what it cost: the report's collection-gaps section. */
export interface CollectionGap {
  dataset: string;
  datasetTitle: string;
  scope: string;
  scopeName: string;
  error: CallError;
  /** Checks that could not reach a verdict for this scope because of it. */
  affectedChecks: string[];
}

/** Enforced versus registered MFA for each privileged user, or why it could not be read. */
export type PrivilegedMfaTable = { ok: true; rows: PrivilegedUserMfa[] } | { ok: false; reason: string };

export interface ReportInput {
  run: RunFacts;
  privilegedMfa: PrivilegedMfaTable;
  /** Where audit logs go and how long they are kept, configured and observed. */
  auditLogs: AuditLogView;
  /** Defender for Cloud coverage per subscription. */
  defender: DefenderRow[];
  mapping: Mapping;
  findings: readonly Finding[];
  requirements: readonly RequirementResult[];
  coverage: Coverage;
  gaps: readonly CollectionGap[];
  checks: readonly CheckDefinition[];
}
