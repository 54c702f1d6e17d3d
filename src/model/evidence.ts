import { z } from "zod";
import { CallErrorSchema, type CallError } from "./call-error.js";
import type { CollectingIdentity } from "./identity.js";

/**
 * Evidence is a set of records. A record is one dataset (e.g. "key-vault/vaults") at one scope
 * (a subscription, a resource, or the tenant): either the items exactly as the service returned them,
 * merged across pages, or the error that prevented collecting them. Each record is one file under
 * raw/, so an archive can be evaluated again years later without credentials.
 */

export type ScopeKind = "tenant" | "subscription" | "resource";

/** A subscription the run covers, as the subscriptions listing found it. */
export interface SubscriptionInScope {
  subscriptionId: string;
  displayName: string;
  /** "/subscriptions/<id>", the scope string records use. */
  scope: string;
}

export interface DatasetDefinition<Item extends z.ZodType = z.ZodType> {
  /** "<collector>/<name>", e.g. "key-vault/vaults". */
  readonly id: string;
  readonly collector: string;
  readonly title: string;
  readonly scope: ScopeKind;
  /** One item as the REST API returns it. Fields checks rely on are optional, never defaulted. */
  readonly item: Item;
  /** What the collecting identity needs for this call: an Azure action and role, or a Graph permission. */
  readonly permission: string;
  /** The Entra ID licence the API needs, so a refusal in a tenant without it is reported as a licence gap. */
  readonly licence?: EntraLicence;
  /** Where the record of one scope is kept in the archive ("raw/<collector>/..."). */
  rawFile(scope: string): string;
}

export type EntraLicence = "Entra ID P1" | "Entra ID P2";

export function defineDataset<Item extends z.ZodType>(definition: DatasetDefinition<Item>): DatasetDefinition<Item> {
  if (!definition.id.startsWith(`${definition.collector}/`)) {
    throw new Error(`dataset ${definition.id} must be named after its collector ${definition.collector}`);
  }
  return definition;
}

export const EvidenceRecordSchema = z.discriminatedUnion("status", [
  z.object({
    dataset: z.string(),
    scope: z.string(),
    file: z.string(),
    status: z.literal("ok"),
    /** Every request whose response supplied items, in order ("GET https://..."). */
    calls: z.array(z.string()),
    value: z.array(z.unknown()),
  }),
  z.object({
    dataset: z.string(),
    scope: z.string(),
    file: z.string(),
    status: z.literal("error"),
    error: CallErrorSchema,
  }),
]);
export type EvidenceRecord = z.infer<typeof EvidenceRecordSchema>;

/**
 * What the collect stage hands on: every record, the scope it covered, who collected and when, and
 * every call made. It is also what an archive's raw/ folder and manifest give back, so an archive
 * can be evaluated again without Azure.
 */
export interface CollectedEvidence {
  tenantId: string;
  subscriptions: SubscriptionInScope[];
  /** Subscriptions asked for that the identity could not see. */
  subscriptionsNotVisible: string[];
  records: EvidenceRecord[];
  /** Collectors that stopped with an unexpected error, and why (their missing datasets read as `error`). */
  collectorFailures: ReadonlyMap<string, string>;
  identity: CollectingIdentity | undefined;
  collection: {
    mode: "live" | "replay";
    cloud: string;
    /** The recording a replay read, with its hash. */
    source?: { file: string; sha256: string } | undefined;
    /** When the evidence was gathered: the live run, or the calls in the recording. */
    window: { start: string; end: string };
  };
  /** Every HTTP call made, failures and retries included, as a HAR 1.2 document (raw/calls.har). */
  calls: object;
}

/** Where in the archive a statement comes from: a file and an RFC 6901 JSON pointer into it. */
export interface EvidenceRef {
  file: string;
  pointer: string;
}

export interface Located<T> {
  value: T;
  ref: EvidenceRef;
}

export type DatasetRead<T> =
  | { ok: true; items: Located<T>[]; file: string; calls: string[] }
  | {
      ok: false;
      error: CallError;
      file: string | undefined;
      /** Where in that file the failure shows: the recorded error, or the first item of the wrong shape. */
      pointer: string | undefined;
    };

/**
 * Validates raw items against a dataset's schema: at collection (so a malformed payload is blamed
 * on its call) and again when an archive's evidence is read back.
 */
export function validateItems<Item extends z.ZodType>(
  dataset: DatasetDefinition<Item>,
  items: readonly unknown[],
): { ok: true; values: z.infer<Item>[] } | { ok: false; message: string; pointer: string } {
  const values: z.infer<Item>[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = dataset.item.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `/${issue.path.map(String).join("/")}` : "";
      return {
        ok: false,
        message: `item /value/${index}${where} does not have the expected shape: ${issue?.message ?? "invalid"}`,
        pointer: `/value/${index}`,
      };
    }
    values.push(parsed.data);
  }
  return { ok: true, values };
}

function recordKey(dataset: string, scope: string): string {
  return `${dataset}\u0000${scope.toLowerCase()}`;
}

/** What a check (or a view) may ask of the evidence: one dataset at one scope, or where a dataset was read. */
export interface EvidenceReader {
  read<Item extends z.ZodType>(dataset: DatasetDefinition<Item>, scope: string): DatasetRead<z.infer<Item>>;
  /** The scopes a dataset was collected at (or failed at), as recorded: e.g. every workspace queried. */
  scopesOf(dataset: DatasetDefinition): string[];
}

/** A read of a dataset that the reader did not declare: a bug in the reader, never a verdict. */
export class UndeclaredReadError extends Error {
  override readonly name = "UndeclaredReadError";
}

/** All evidence of one run, indexed for checks. Items are validated against their dataset's schema on read. */
export class EvidenceSet implements EvidenceReader {
  private readonly byKey = new Map<string, EvidenceRecord>();
  private readonly validated = new Map<string, DatasetRead<unknown>>();

  constructor(
    readonly records: readonly EvidenceRecord[],
    /** Why a dataset was never recorded, when a whole collector failed. */
    readonly collectorFailures: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const record of records) this.byKey.set(recordKey(record.dataset, record.scope), record);
  }

  /** The scopes a dataset was collected at (or failed at), as recorded: e.g. every workspace queried. */
  scopesOf(dataset: DatasetDefinition): string[] {
    return this.records.filter((record) => record.dataset === dataset.id).map((record) => record.scope);
  }

  /**
   * The same evidence, readable only through the datasets a reader declared: a check that reads
   * anything else throws, so a missing dataset can never go unreported as affecting it.
   */
  restrictedTo(declared: readonly DatasetDefinition[], reader: string): EvidenceReader {
    const allowed = new Set(declared.map((dataset) => dataset.id));
    const guard = (dataset: DatasetDefinition) => {
      if (!allowed.has(dataset.id)) throw new UndeclaredReadError(`${reader} reads ${dataset.id}, which it does not declare in requires or alsoReads`);
    };
    return {
      read: (dataset, scope) => {
        guard(dataset);
        return this.read(dataset, scope);
      },
      scopesOf: (dataset) => {
        guard(dataset);
        return this.scopesOf(dataset);
      },
    };
  }

  read<Item extends z.ZodType>(dataset: DatasetDefinition<Item>, scope: string): DatasetRead<z.infer<Item>> {
    const key = recordKey(dataset.id, scope);
    const cached = this.validated.get(key);
    if (cached) return cached as DatasetRead<z.infer<Item>>;
    const result = this.validate(dataset, scope);
    this.validated.set(key, result);
    return result;
  }

  private validate<Item extends z.ZodType>(dataset: DatasetDefinition<Item>, scope: string): DatasetRead<z.infer<Item>> {
    const record = this.byKey.get(recordKey(dataset.id, scope));
    if (!record) {
      const why = this.collectorFailures.get(dataset.collector);
      return {
        ok: false,
        file: undefined,
        pointer: undefined,
        error: {
          call: `(${dataset.title} for ${scope} was not collected)`,
          status: 0,
          message: why ? `collector "${dataset.collector}" failed: ${why}` : `no ${dataset.id} evidence was collected for ${scope}`,
          reason: "not-collected",
        },
      };
    }
    if (record.status === "error") return { ok: false, error: record.error, file: record.file, pointer: "/error" };
    const validated = validateItems(dataset, record.value);
    if (!validated.ok) {
      return {
        ok: false,
        file: record.file,
        pointer: validated.pointer,
        error: { call: record.calls[0] ?? `(${dataset.id})`, status: 200, message: validated.message, reason: "invalid-response" },
      };
    }
    const items = validated.values.map((value, index) => ({ value, ref: { file: record.file, pointer: `/value/${index}` } }));
    return { ok: true, items, file: record.file, calls: record.calls };
  }
}
