import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { collectDataset, type Collector } from "../../src/collectors/collector.js";
import type { SubscriptionInScope } from "../../src/model/evidence.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { har, type Answer } from "./har.js";
import { firstExampleItem, officialExample } from "./official-examples.js";
import { sample, sampleClock, silent } from "./sample.js";

/**
 * Runs one collector against a small recording through the real AzureAccess (replay mode) and the
 * real SDK clients, with a context whose collect() is collectDataset, as runCollectors builds it.
 */
export const arm = "https://management.azure.com";

export const prodSubscription: SubscriptionInScope = { subscriptionId: sample.prod.split("/").pop()!, displayName: "Clinic-Prod", scope: sample.prod };
export const devSubscription: SubscriptionInScope = { subscriptionId: sample.dev.split("/").pop()!, displayName: "Clinic-Dev", scope: sample.dev };

export async function runCollector(
  collector: Collector,
  answers: readonly Answer[],
  subscriptions: readonly SubscriptionInScope[] = [prodSubscription],
  scopeManagementGroups: readonly string[] = [],
  earlierRecords: readonly EvidenceRecord[] = [],
): Promise<{ records: EvidenceRecord[]; access: AzureAccess }> {
  const access = new AzureAccess({ kind: "replay", har: har(answers), source: "test.har" }, resolveEndpoints("AzurePublic"), sampleClock);
  const records: EvidenceRecord[] = [];
  await collector.collect({
    access,
    tenantId: sample.tenantId,
    subscriptions,
    progress: silent,
    signInLogsWorkspaces: [],
    scopeManagementGroups,
    earlierRecords,
    async collect(request) {
      const record = await collectDataset(collector.id, request);
      records.push(record);
      return record;
    },
  });
  return { records, access };
}

/** Every request the run sent, in order, as "METHOD url" (from the ledger, so retries would show). */
export const requested = (access: AzureAccess): string[] => access.ledger.exchanges.map((exchange) => `${exchange.request.method} ${exchange.request.url}`);

/** [dataset, scope, status, item count or error reason] per record, in order. */
export const outcomes = (records: readonly EvidenceRecord[]) =>
  records.map((record) => [record.dataset, record.scope, record.status, record.status === "error" ? record.error.reason : record.value.length]);

/** An ARM 403 as ARM words it: the denied action is named in the message. */
export function armRefusal(action: string, scope: string): { status: number; body: unknown } {
  return {
    status: 403,
    body: {
      error: {
        code: "AuthorizationFailed",
        message: `The client 'a1b2c3d4-0000-4000-8000-000000000001' with object id 'a1b2c3d4-0000-4000-8000-000000000001' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    },
  };
}

/**
 * The official diagnostic setting (allLogs to a storage account and an event hub, metrics, retention
 * policies) moved to `resourceId`, with `logs` replaced when given.
 */
export function diagnosticSetting(resourceId: string, logs?: unknown[]): Record<string, any> {
  const item = firstExampleItem("arm-monitor-diagnostic-settings-list.json");
  return {
    ...item,
    id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/${item.name}`,
    properties: { ...item.properties, ...(logs ? { logs } : {}) },
  };
}

/** The official diagnosticSettingsCategories list (a logs category in allLogs, a metrics one) moved to `resourceId`. */
export function diagnosticCategories(resourceId: string): { value: Record<string, any>[] } {
  const example = officialExample("arm-monitor-diagnostic-settings-categories-list.json");
  return {
    value: (example.value as Record<string, any>[]).map((item) => ({
      ...item,
      id: `${resourceId}/providers/microsoft.insights/diagnosticSettingsCategories/${item.name}`,
    })),
  };
}

/** ARM URLs of a resource's diagnostic settings and categories, at the version that knows category groups. */
export const diagnosticSettingsUrl = (resourceId: string) =>
  `${arm}${resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
export const diagnosticCategoriesUrl = (resourceId: string) =>
  `${arm}${resourceId}/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`;

/** Log selections and whether each makes the collector ask the resource's categories (only a group other than allLogs does). */
export const categorySelections = [
  { selection: "categoryGroup audit", logs: [{ categoryGroup: "audit", enabled: true }], asked: true },
  {
    selection: "allLogs and audit",
    logs: [
      { categoryGroup: "allLogs", enabled: true },
      { categoryGroup: "audit", enabled: true },
    ],
    asked: true,
  },
  { selection: "categoryGroup allLogs", logs: [{ categoryGroup: "allLogs", enabled: true }], asked: false },
  {
    selection: "named categories",
    logs: [
      { category: "AuditEvent", enabled: true },
      { category: "Errors", enabled: true },
    ],
    asked: false,
  },
  { selection: "categoryGroup audit, disabled", logs: [{ categoryGroup: "audit", enabled: false }], asked: false },
];

/** The items of an ok record (undefined for an error record). */
export const itemsOf = (record: EvidenceRecord | undefined): unknown[] | undefined => (record?.status === "ok" ? record.value : undefined);
