import { createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import type { AzureAccess } from "../azure/access.js";
import { describeFailure } from "../azure/failure.js";
import { withExchangeCapture } from "../azure/ledger.js";
import type { Exchange } from "../azure/exchange.js";
import type { CallError } from "../model/call-error.js";
import { validateItems, type DatasetDefinition, type EvidenceRecord, type SubscriptionInScope } from "../model/evidence.js";
import type { Progress } from "../progress.js";

export interface CollectorContext {
  readonly access: AzureAccess;
  readonly tenantId: string;
  readonly subscriptions: readonly SubscriptionInScope[];
  readonly progress: Progress;
  /** Log Analytics workspaces (ARM ids) the configuration names as receiving Entra ID sign-in logs. */
  readonly signInLogsWorkspaces: readonly string[];
  /** Management groups (names) the ePHI scope includes: their subscriptions are looked up. */
  readonly scopeManagementGroups: readonly string[];
  /**
   * What the collectors that ran before this one recorded, so one may ask about what another found
   * (the entra collector expands the groups that hold Azure roles); never a reason to judge it.
   */
  readonly earlierRecords: readonly EvidenceRecord[];
  /**
   * Runs one logical call (all its pages and retries) through an SDK and records the dataset: the
   * items exactly as the service sent them, or the error that stopped it.
   */
  collect(request: CollectRequest): Promise<EvidenceRecord>;
}

export interface CollectRequest {
  dataset: DatasetDefinition;
  /** The scope the record is about; the dataset decides from it where the record is kept. */
  scope: string;
  /** Drives the SDK and returns what it yielded, so the raw pages can be checked against it. */
  fetch: () => Promise<readonly unknown[]>;
  /** Whether the tenant holds the dataset's licence (from subscribedSkus); undefined when unknown. */
  licenceHeld?: boolean | undefined;
}

export interface Collector {
  readonly id: string;
  readonly title: string;
  readonly datasets: readonly DatasetDefinition[];
  collect(context: CollectorContext): Promise<void>;
}

export function defineCollector(collector: Collector): Collector {
  for (const dataset of collector.datasets) {
    if (dataset.collector !== collector.id) {
      throw new Error(`collector ${collector.id} declares dataset ${dataset.id} of collector ${dataset.collector}`);
    }
  }
  return collector;
}

/** Drains an SDK pager into an array (the pager itself fetches every page). */
export async function drain<T>(pager: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pager) items.push(item);
  return items;
}

/** Items of one response body: `value` for list responses (ARM and Graph), else the object itself. */
function itemsOf(body: unknown): unknown[] {
  const list = (body as { value?: unknown } | null)?.value;
  if (Array.isArray(list)) return list;
  // JSON.parse never gives undefined; a body of `null` holds no item.
  return body === null ? [] : [body];
}

/** The successful responses of a logical call: every 2xx exchange, in order (failed retries dropped). */
function successfulPages(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter((exchange) => Math.floor((exchange.response?.status ?? 0) / 100) === 2);
}

/**
 * Graph answers a tenant without the licence with a 403 (or 400) that often reads like a missing
 * permission. When the tenant's own subscribed SKUs show the licence is absent, say so instead.
 */
function licenceGap(error: CallError, request: CollectRequest): CallError {
  const licence = request.dataset.licence;
  if (!licence || request.licenceHeld !== false || error.reason === "licence") return error;
  if (error.status !== 400 && error.status !== 401 && error.status !== 403) return error;
  const { missingPermission: _ignored, ...rest } = error;
  return { ...rest, reason: "licence", message: `${error.message} (the tenant's subscribed SKUs include no ${licence} service plan, which this API needs)` };
}

export async function collectDataset(collectorId: string, request: CollectRequest): Promise<EvidenceRecord> {
  const { dataset, scope } = request;
  const file = dataset.rawFile(scope);
  const failed = (error: CallError): EvidenceRecord => ({ dataset: dataset.id, scope, file, status: "error", error });
  const { outcome, exchanges, stoppedBy } = await withExchangeCapture(collectorId, request.fetch);
  // A call stopped at a bound (foreign link, loop, limits, unreadable body) is that error, whatever
  // the SDK made of it; none of its pages enter the evidence.
  if (stoppedBy) return failed(describeFailure(stoppedBy, exchanges, dataset.permission));
  if (!outcome.ok) return failed(licenceGap(describeFailure(outcome.error, exchanges, dataset.permission), request));

  const pages = successfulPages(exchanges);
  const value: unknown[] = [];
  for (const page of pages) {
    try {
      value.push(...itemsOf(JSON.parse(page.response?.body.toString("utf8") ?? "")));
    } catch (error) {
      return failed(describeFailure(error, [page], dataset.permission));
    }
  }
  const calls = pages.map((page) => `${page.request.method} ${page.request.url}`);
  const invalid = (call: string | undefined, status: number, message: string) =>
    failed({ call: call ?? "(no successful response)", status, message, reason: "invalid-response" });

  if (value.length !== outcome.value.length) {
    // The SDK and the wire disagree; trusting either would hide something.
    return invalid(
      calls[calls.length - 1],
      pages[pages.length - 1]?.response?.status ?? 0,
      `the SDK yielded ${outcome.value.length} item(s) but the responses held ${value.length}`,
    );
  }
  // Validate at the boundary, so a malformed payload is attributed to its call now, not to a check later.
  const validated = validateItems(dataset, value);
  if (!validated.ok) return invalid(calls[0], 200, validated.message);
  return { dataset: dataset.id, scope, file, status: "ok", calls, value };
}

/**
 * An ARM list at an api-version the installed SDK does not offer, sent through an SDK client's own
 * pipeline (same credential, retries and recorder), following nextLink to the end.
 */
export async function armList(access: AzureAccess, subscriptionId: string, pathAndQuery: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let url: string | undefined = access.armUrl(pathAndQuery);
  while (url) {
    const body = (await armSend(access, subscriptionId, url)) as { value?: unknown[]; nextLink?: string };
    items.push(...(body.value ?? []));
    url = body.nextLink;
  }
  return items;
}

/** One ARM GET through an SDK client's pipeline; an error status throws as the SDK's operations would. */
export async function armGet(access: AzureAccess, subscriptionId: string, pathAndQuery: string): Promise<unknown> {
  return armSend(access, subscriptionId, access.armUrl(pathAndQuery));
}

async function armSend(access: AzureAccess, subscriptionId: string, url: string): Promise<unknown> {
  const response = await access.monitor(subscriptionId).sendRequest(createPipelineRequest({ url, method: "GET" }));
  if (response.status !== 200) throw new RestError(`GET ${url}: HTTP ${response.status}`, { statusCode: response.status, request: response.request, response });
  return JSON.parse(response.bodyAsText ?? "{}");
}
