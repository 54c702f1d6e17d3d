import type { z } from "zod";
import type { RemediationAdvice } from "../model/assessment.js";
import type { CheckSettings } from "../model/settings.js";
import type { SubscriptionInScope } from "../model/evidence.js";
import type { CallError } from "../model/call-error.js";
import type { BaaCatalogue } from "../model/baa-services.js";
import type { EphiInventory } from "../model/ephi-scope.js";
import type { DatasetDefinition, DatasetRead, EvidenceRef, EvidenceReader, Located } from "../model/evidence.js";

/**
 * A check is a pure function from evidence to outcomes, one per resource, each a full sentence. It
 * never does I/O and never names HIPAA: the mapping (data) decides which requirements it supports.
 */
export const severities = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof severities)[number];

/** 0 for low up to 3 for critical. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

export type { CheckSettings };

export const defaultCheckSettings: CheckSettings = {
  // Microsoft Defender for Cloud recommends more than one and at most three subscription owners.
  ownersPerSubscription: { min: 2, max: 3 },
  // Microsoft recommends fewer than five Global Administrators and at least two (one may be break-glass);
  // eight leaves room for two emergency accounts without hiding a sprawl.
  globalAdministrators: { min: 2, max: 8 },
  staleAccountDays: 90,
  activeAlertDays: 7,
  // The organisation's policy (HIPAA sets no retention period for logs): by default six years, the
  // documentation period of 164.316(b)(2)(i), which many auditors expect audit logs to match. 2191,
  // not 2192: beyond 730 days Log Analytics accepts only whole years (1095, 1460, 1826, 2191, ...).
  auditLogRetentionDays: 2191,
  breakGlassAccounts: [],
};

export interface CheckInput {
  evidence: EvidenceReader;
  subscriptions: readonly SubscriptionInScope[];
  tenantId: string;
  settings: CheckSettings;
  /** When the evidence was collected: the reference for ages ("no sign-in for 90 days"), never today. */
  collectedAt: Date;
  /** Where ePHI lives: every resource with its standing against the declared scope. */
  ephi: EphiInventory;
  /** Microsoft's list of services its HIPAA BAA covers, as the project keeps it. */
  baa: BaaCatalogue;
}

interface OutcomeBase {
  /** ARM id as Azure returned it, an Entra object path, or /tenants/{id}. */
  resourceId: string;
  resourceName: string;
  /** One full sentence naming the resource, its scope and the observed value. */
  message: string;
  evidence: EvidenceRef[];
}

export type CheckOutcome =
  // "manual": the check cannot decide from what it knows and a person must look (never a pass).
  (OutcomeBase & { status: "pass" | "fail" | "manual" | "not_applicable" }) | (OutcomeBase & { status: "error"; error: CallError });

export interface CheckDefinition {
  /** Kebab-case, equal to the file name. */
  readonly id: string;
  /** What is true when the check passes. */
  readonly title: string;
  readonly severity: Severity;
  /** Every dataset the verdict depends on. If one is missing for a scope, that scope is `error`. */
  readonly requires: readonly DatasetDefinition[];
  /**
   * Datasets that add detail or decide the verdict for some subjects only (one subscription's role
   * list, a group's members). Without one, the subjects it decides become `error`; the others keep
   * their verdicts, and never pass on a guess.
   */
  readonly alsoReads?: readonly DatasetDefinition[];
  readonly rationale: string;
  /**
   * True for a check whose pass says only that an assessment exists, its result being in the
   * sentence (Defender's healthcare standard): the reports label such a pass "Assessed", never a
   * green "Pass" beside a failed state.
   */
  readonly reportsAnAssessment?: boolean;
  /**
   * How to fix a failing or unevaluated subject, taken from a Microsoft Learn page (its URL in
   * `source`); `command` only where that page gives one. src/checks/remediation.ts fills it per finding.
   */
  readonly remediation: RemediationAdvice;
  evaluate(input: CheckInput): CheckOutcome[];
}

/** Every dataset a check reads, required or not. */
export function readsOf(check: CheckDefinition): readonly DatasetDefinition[] {
  return [...check.requires, ...(check.alsoReads ?? [])];
}

export function defineCheck<const Definition extends CheckDefinition>(definition: Definition): Definition {
  return definition;
}

type ReadMap = Record<string, DatasetDefinition>;
type ReadResult<Datasets extends ReadMap> =
  | {
      ok: true;
      data: { [K in keyof Datasets]: Located<z.infer<Datasets[K]["item"]>>[] };
      /** Each dataset's file and the calls that supplied it, for evidence pointers and error findings. */
      sources: { [K in keyof Datasets]: { file: string; calls: string[] } };
    }
  | { ok: false; dataset: DatasetDefinition; failure: Extract<DatasetRead<unknown>, { ok: false }> };

/** Reads several datasets at one scope; the first that is missing decides the failure. */
export function readAll<Datasets extends ReadMap>(evidence: EvidenceReader, scope: string, datasets: Datasets): ReadResult<Datasets> {
  const data: Record<string, unknown> = {};
  const sources: Record<string, { file: string; calls: string[] }> = {};
  for (const [name, dataset] of Object.entries(datasets)) {
    const read = evidence.read(dataset, scope);
    if (!read.ok) return { ok: false, dataset, failure: read };
    data[name] = read.items;
    sources[name] = { file: read.file, calls: read.calls };
  }
  return {
    ok: true,
    data: data as { [K in keyof Datasets]: Located<z.infer<Datasets[K]["item"]>>[] },
    sources: sources as { [K in keyof Datasets]: { file: string; calls: string[] } },
  };
}

function explainError(error: CallError): string {
  const status = error.status ? `returned HTTP ${error.status}` : "got no response";
  switch (error.reason) {
    case "permission":
      return `${error.call} ${status}; the collecting identity lacks ${error.missingPermission ?? "a required permission"}`;
    case "licence":
      return `${error.call} ${status}; the tenant lacks the licence this API needs (${error.message})`;
    case "throttled":
      // Either the retries ran out, or the service asked for a longer wait than the run allows.
      return `${error.call} was throttled and not retried further (${error.message})`;
    case "not-recorded":
      return `${error.call} has no recorded response in the replayed recording`;
    case "not-collected":
      return error.message;
    case "foreign-link":
    case "paging-loop":
    case "limit-reached":
      return `collection stopped at ${error.call}: ${error.message}`;
    case "unreadable-body":
      return `${error.call} ${status} with a body that could not be read: ${error.message}`;
    default:
      return `${error.call} ${status} (${error.message})`;
  }
}

/** The outcome for a resource whose evidence is missing: `error`, naming the call and the permission. */
export function notEvaluated(
  subject: { resourceId: string; resourceName: string },
  what: string,
  dataset: DatasetDefinition,
  failure: { error: CallError; file: string | undefined; pointer: string | undefined },
): CheckOutcome {
  const message = `${what} could not be evaluated because the evidence "${dataset.title}" is unavailable: ${explainError(failure.error)}.`;
  return {
    status: "error",
    ...subject,
    message,
    evidence: failure.file && failure.pointer ? [{ file: failure.file, pointer: failure.pointer }] : [],
    error: failure.error,
  };
}

export function subscriptionSubject(subscription: SubscriptionInScope): { resourceId: string; resourceName: string } {
  return { resourceId: subscription.scope, resourceName: subscription.displayName };
}
