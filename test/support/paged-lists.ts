import type { AzureAccess } from "../../src/azure/access.js";
import { armList, collectDataset, drain } from "../../src/collectors/collector.js";
import { graphList } from "../../src/collectors/entra.js";
import { usersDataset } from "../../src/datasets/entra.js";
import { vaultsDataset, vaultDiagnosticSettingsDataset } from "../../src/datasets/key-vault.js";
import { roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { diagnosticSetting } from "./collector-run.js";
import { firstExampleItem } from "./official-examples.js";

/**
 * The four ways this tool pages through a list, each driven through the real client: an HLC ARM
 * SDK pager, a modular (TypeSpec) ARM SDK pager, our own ARM nextLink loop (armList, over an SDK
 * client's pipeline) and our own Graph loop (graphList, over the Graph client). Tests serve them
 * pages on any origin (the replay's Azure hosts, or an HTTPS server on loopback).
 */
export interface PagedList {
  name: string;
  /** The service whose endpoint serves the list. */
  service: "arm" | "graph";
  /** The URL of the first page, on the service's endpoint `origin`. */
  firstPage(origin: string): string;
  /** The body of one page holding `count` items numbered from `from`, with a link to the next page, if any. */
  page(from: number, count: number, next: string | undefined): unknown;
  /** Collects the list through its real client, as the collectors do. */
  collect(access: AzureAccess): Promise<EvidenceRecord>;
}

const subscriptionId = "291bba3f-e0a5-47bc-a099-3bdcb2a50a05";
const scope = `/subscriptions/${subscriptionId}`;
const vaultId = `${scope}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-paging`;
const usersPath = "/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999";

const numbered = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

function assignment(number: number) {
  const item = firstExampleItem("arm-role-assignments-list-for-scope.json");
  item.name = `b24988ac-6180-42a0-ab88-${String(number).padStart(12, "0")}`;
  item.id = `${scope}/providers/Microsoft.Authorization/roleAssignments/${item.name}`;
  return item;
}

function vault(number: number) {
  const item = firstExampleItem("arm-key-vault-vaults-list-by-subscription.json");
  item.name = `kv-paging-${number}`;
  item.id = `${scope}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/${item.name}`;
  return item;
}

function user(number: number) {
  const id = `a1e5c0de-${String(number).padStart(4, "0")}-4a6b-8c9d-0e1f2a3b4c5d`;
  return {
    id,
    displayName: `Person ${number}`,
    userPrincipalName: `person${number}@contoso.example`,
    userType: "Member",
    accountEnabled: true,
    createdDateTime: "2025-01-01T00:00:00Z",
  };
}

const armPage = (items: unknown[], next: string | undefined) => ({ value: items, ...(next ? { nextLink: next } : {}) });

const record = (collector: string, dataset: Parameters<typeof collectDataset>[1]["dataset"], fetch: () => Promise<readonly unknown[]>) =>
  collectDataset(collector, { dataset, scope, fetch });

export const pagedLists: PagedList[] = [
  {
    name: "HLC ARM SDK pager (arm-authorization role assignments)",
    service: "arm",
    firstPage: (origin) => `${origin}${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
    page: (from, count, next) => armPage(numbered(from, count).map(assignment), next),
    collect: (access) => record("rbac", roleAssignmentsDataset, () => drain(access.authorization(subscriptionId).roleAssignments.listForSubscription())),
  },
  {
    name: "modular ARM SDK pager (arm-keyvault vaults)",
    service: "arm",
    firstPage: (origin) => `${origin}${scope}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`,
    page: (from, count, next) => armPage(numbered(from, count).map(vault), next),
    collect: (access) => record("key-vault", vaultsDataset, () => drain(access.keyVault(subscriptionId).vaults.listBySubscription())),
  },
  {
    name: "armList over an SDK client's pipeline (diagnostic settings)",
    service: "arm",
    firstPage: (origin) => `${origin}${vaultId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
    page: (from, count, next) =>
      armPage(
        numbered(from, count).map((number) => ({ ...diagnosticSetting(vaultId), name: `setting-${number}` })),
        next,
      ),
    collect: (access) =>
      record("key-vault", vaultDiagnosticSettingsDataset, () =>
        armList(access, subscriptionId, `${vaultId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`),
      ),
  },
  {
    name: "graphList over the Graph client (users)",
    service: "graph",
    firstPage: (origin) => `${origin}/v1.0${usersPath}`,
    page: (from, count, next) => ({ value: numbered(from, count).map(user), ...(next ? { "@odata.nextLink": next } : {}) }),
    collect: (access) => record("entra", usersDataset, () => graphList(access.graph(), usersPath)),
  },
];

/** A later page of a list: the first page's URL with a skip token, as ARM and Graph write them. */
export const laterPage = (firstPage: string, token: string) => `${firstPage}&$skiptoken=${token}`;

/** The same URL on another origin (scheme, host and port), path and query unchanged. */
export function moved(url: string, origin: string): string {
  const parsed = new URL(url);
  return `${origin}${parsed.pathname}${parsed.search}`;
}
