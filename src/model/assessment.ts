import type { CallError } from "./call-error.js";
import type { CollectingIdentity } from "./identity.js";
import type { SubscriptionInScope } from "./evidence.js";
import type { Finding, FindingStatus, RemediationAdvice, RequirementResult, RequirementStatus } from "./findings.js";
import type { CheckSettings } from "./settings.js";
import type { EphiInventory, ScopedResource } from "./ephi-scope.js";
import type { RecordedAttestation } from "./attestations.js";
import type { SignerDescription } from "./signer.js";

/**
 * What the evaluation stage makes of the evidence, computed once: the findings, the status of every
 * requirement, and every derived view the reports show. The reports render this object and read
 * nothing else, so what a PDF says is what findings.json and this assessment say.
 */
export interface Assessment {
  /** Where ePHI lives, as declared and as the inventory shows it: the summary opens with it. */
  ephi: EphiView;
  findings: Finding[];
  requirements: RequirementResult[];
  coverage: Coverage;
  gaps: CollectionGap[];
  /** The checks that ran, as the reports describe them. */
  checks: CheckSummary[];
  privilegedMfa: PrivilegedMfaTable;
  auditLogs: AuditLogView;
  defender: DefenderRow[];
  /** The collecting identity's own Azure role assignments, as the RBAC evidence shows them. */
  identityAzureRoles: { role: string; scope: string }[];
  /** The thresholds the checks applied (the manifest records them). */
  settings: CheckSettings;
  /** What people recorded: attestations with their state, and the rows still waiting for one. */
  attestations: AttestationsView;
  /** Each accepted risk of the exceptions file and what became of it. */
  exceptions: ExceptionRow[];
}

export interface AttestationsView {
  recorded: (RecordedAttestation & { state: "valid" | "expired" | "not yet valid" })[];
  /** Rows that only an attestation can close and have none valid: each with the template to fill. */
  requests: { requirement: string; title: string; state: "missing" | "expired"; expiredOn?: string; template: string }[];
}

export interface ExceptionRow {
  id: string;
  check: string;
  resource: string;
  rationale: string;
  compensatingControl: string;
  owner: string;
  approver: string;
  expiresOn: string;
  /** Failing findings of the check whose resource the pattern matches. */
  matched: number;
  /** applied; expired (applies to nothing); matches nothing; too broad (more than 25 without broad: true). */
  state: "applied" | "expired" | "matches nothing" | "too broad";
}

export type { RemediationAdvice };

/** The ePHI inventory as the summary shows it: how the scope was decided and what it holds. */
export interface EphiView {
  declared: EphiInventory["declared"];
  rules: EphiInventory["rules"];
  exclusions: EphiInventory["exclusions"];
  unreadable: EphiInventory["unreadable"];
  /** Resource types that hold ePHI (in scope or unclassified), with how many and where, and the BAA's word on each. */
  byType: { type: string; inScope: number; unclassified: number; locations: string[]; baa: string }[];
  /** Locations of resources that hold ePHI, against the organisation's allowed regions. */
  byLocation: { location: string; inScope: number; unclassified: number; allowed: "allowed" | "not allowed" | "no regions declared" | "not a region" }[];
  /** Data stores nobody has decided on: the organisation must mark them in or out. */
  unclassified: ScopedResource[];
  /** Why the resources in scope are in it (the rule or audit trail in words, with its count). */
  inScopeReasons: { why: string; count: number }[];
  /** How many resources are out of scope, and for which reasons (the reason in words, with its count). */
  outOfScope: { count: number; reasons: { why: string; count: number }[] };
  /** The BAA list the types were compared with. */
  baaSource: { title: string; url: string; hipaaPage: string; retrieved: string };
  allowedRegions: string[] | undefined;
}

export interface CheckSummary {
  id: string;
  title: string;
  severity: "low" | "medium" | "high" | "critical";
  rationale: string;
  /** How to fix what it finds, as a Microsoft Learn page documents it; the command is a template. */
  remediation: RemediationAdvice;
  /** Its pass says only that an assessment exists: reports label it "Assessed", not "Pass". */
  reportsAnAssessment: boolean;
}

export interface Coverage {
  total: number;
  /** Rows whose status rests on at least one automated pass or fail. */
  automated: number;
  attested: number;
  /** Rows still waiting on something: attestation, or evidence that could not be collected. */
  open: number;
  byStatus: Record<RequirementStatus, number>;
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

/** Whether MFA is required of a privileged user, as the evidence decides it. */
export type PrivilegedMfaVerdict = "enforced" | "enforced by security defaults" | "emergency access" | "conditional" | "not-enforced" | "unknown";

export interface PrivilegedMfaRow {
  userId: string;
  name: string;
  roles: string[];
  verdict: PrivilegedMfaVerdict;
  /** The policies (and exclusions, report-only and disabled ones, and unknowns) that decide it, one sentence each. */
  decidedBy: string[];
  /** Graph's method names (fido2, microsoftAuthenticatorPush, ...); undefined when unknown. */
  registeredMethods: string[] | undefined;
}

/** Enforced versus registered MFA for each privileged user, or why it could not be read. */
export type PrivilegedMfaTable = { ok: true; rows: PrivilegedMfaRow[] } | { ok: false; reason: string };

/** For one log source (the activity log, Entra ID, a resource): what it sends and where. */
export interface LogRouteRow {
  source: string;
  subscription: string;
  /** The categories or groups sent, "none", or why it is unknown. */
  sent: string;
  destinations: string;
  /** The worst status of the findings that judge this source's logging. */
  status: FindingStatus | undefined;
}

/** For one log destination and one of its tables or containers: how long logs are kept, configured and observed. */
export interface RetentionRow {
  /** "Log Analytics workspace law-x", "storage account st-x", ... */
  destination: string;
  subscription: string;
  /** The table or container the row is about. */
  part: string;
  configured: string;
  observed: string;
  status: FindingStatus | undefined;
}

export interface AuditLogView {
  routes: LogRouteRow[];
  retention: RetentionRow[];
}

/** Defender for Cloud coverage of one subscription: the facts; the verdicts are the Defender findings. */
export interface DefenderRow {
  subscription: string;
  plansOn: string;
  plansOff: string;
  secureScore: string;
  healthcareStandard: string;
  contacts: string;
  activeAlerts: string;
  autoProvisioning: string;
}

/** Facts about one run that every report, README.txt and the manifest state. */
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
  subscriptions: readonly SubscriptionInScope[];
  /** Subscriptions named with --subscriptions that the identity could not see. */
  subscriptionsNotVisible: readonly string[];
  sections: readonly string[] | undefined;
  /** Who signs the PDFs and the manifest: every report says so, and says when it is not to be trusted. */
  signature: SignerDescription;
}
