import { queryRows } from "../datasets/log-query-rows.js";
import { analyticsDays, recordsByTable, totalDays } from "../checks/support/log-analytics.js";
import { describeDestination, destinationsOf } from "../checks/support/diagnostic-settings.js";
import { logDestinations } from "../checks/support/log-routes.js";
import { siteDiagnosticSettingsDataset, webSitesDataset } from "../datasets/app-service.js";
import { entraDiagnosticSettingsDataset } from "../datasets/entra-sign-ins.js";
import { vaultDiagnosticSettingsDataset, vaultsDataset } from "../datasets/key-vault.js";
import { activityLogSettingsDataset, auditRecordsDataset, auditTables, logTablesDataset, logWorkspacesDataset } from "../datasets/log-analytics.js";
import type { DiagnosticSetting, DiagnosticSettingSchema } from "../datasets/diagnostic-settings.js";
import { auditStorageAccount, masterDatabaseId, masterDiagnosticSettingsDataset, sqlAuditingDataset, sqlServersDataset } from "../datasets/sql.js";
import {
  blobDiagnosticSettingsDataset,
  blobServiceId,
  immutabilityPoliciesDataset,
  logContainersDataset,
  storageAccountsDataset,
} from "../datasets/storage.js";
import type { DatasetDefinition, DatasetRead, EvidenceReader, SubscriptionInScope } from "../model/evidence.js";
import { notCollected } from "./view-words.js";
import type { AuditLogView, LogRouteRow, RetentionRow } from "../model/assessment.js";
import type { Finding, FindingStatus } from "../model/findings.js";

/**
 * The summary's audit-log tables, read from the evidence and the findings: for every source (the
 * activity log, Entra ID, each in-scope resource) where its logs go, and for every destination how
 * long it keeps them, configured and observed. The verdicts are the findings' own; nothing here
 * judges anything.
 */

/** The statuses of the findings that judge the routing of one source: the worst one speaks for the row. */
const statusOrder: FindingStatus[] = ["fail", "error", "pass", "manual", "not_applicable"];
function worst(findings: readonly Finding[], checkIds: readonly string[], resourceId: string): FindingStatus | undefined {
  const own = findings.filter((finding) => checkIds.includes(finding.checkId) && finding.resourceId.toLowerCase() === resourceId.toLowerCase());
  return statusOrder.find((status) => own.some((finding) => finding.status === status));
}

/** What a resource's settings send and where, in the report's words. */
function routing(settings: readonly DiagnosticSetting[]): { sent: string; destinations: string } {
  const active = settings.filter((setting) => destinationsOf(setting).length > 0 && (setting.properties.logs ?? []).some((log) => log.enabled));
  const sent = new Set(
    active.flatMap((setting) =>
      (setting.properties.logs ?? []).filter((log) => log.enabled).map((log) => (log.categoryGroup ? `${log.categoryGroup} (group)` : (log.category ?? "?"))),
    ),
  );
  const destinations = new Set(active.flatMap((setting) => destinationsOf(setting).map(describeDestination)));
  return { sent: sent.size ? [...sent].join(", ") : "none", destinations: destinations.size ? [...destinations].join("\n") : "none" };
}

function settingsRow(evidence: EvidenceReader, dataset: DatasetDefinition<typeof DiagnosticSettingSchema>, scope: string) {
  const read = evidence.read(dataset, scope);
  return read.ok ? routing(read.items.map(({ value }) => value)) : { sent: notCollected(read), destinations: "unknown" };
}

export function auditLogView(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  tenantId: string,
  findings: readonly Finding[],
): AuditLogView {
  const routes: LogRouteRow[] = [];
  const tenant = `/tenants/${tenantId}`;
  routes.push({
    source: "Entra ID sign-in and audit logs",
    subscription: "tenant",
    ...settingsRow(evidence, entraDiagnosticSettingsDataset, tenant),
    status: worst(findings, ["entra-sign-in-logs-exported", "entra-audit-logs-exported"], tenant),
  });

  for (const subscription of subscriptions) {
    const name = subscription.displayName;
    routes.push({
      source: "Activity log",
      subscription: name,
      ...settingsRow(evidence, activityLogSettingsDataset, subscription.scope),
      status: worst(findings, ["activity-log-exported"], subscription.scope),
    });
    const resources: {
      kind: string;
      listing: DatasetDefinition;
      checkId: string;
      settingsAt: (id: string) => string;
      settings: typeof vaultDiagnosticSettingsDataset;
    }[] = [
      { kind: "Key Vault", listing: vaultsDataset, checkId: "key-vault-audit-logging", settingsAt: (id) => id, settings: vaultDiagnosticSettingsDataset },
      {
        kind: "Storage account (blobs)",
        listing: storageAccountsDataset,
        checkId: "storage-blob-audit-logging",
        settingsAt: blobServiceId,
        settings: blobDiagnosticSettingsDataset,
      },
      { kind: "Web app", listing: webSitesDataset, checkId: "app-service-audit-logging", settingsAt: (id) => id, settings: siteDiagnosticSettingsDataset },
    ];
    for (const { kind, listing, checkId, settingsAt, settings } of resources) {
      const read = evidence.read(listing, subscription.scope) as DatasetRead<{ id: string; name: string }>;
      if (!read.ok) {
        routes.push({
          source: `${kind}s`,
          subscription: name,
          sent: notCollected(read),
          destinations: "unknown",
          status: worst(findings, [checkId], subscription.scope),
        });
        continue;
      }
      for (const { value } of read.items)
        routes.push({
          source: `${kind} ${value.name}`,
          subscription: name,
          ...settingsRow(evidence, settings, settingsAt(value.id)),
          status: worst(findings, [checkId], value.id),
        });
    }
    const servers = evidence.read(sqlServersDataset, subscription.scope);
    if (!servers.ok)
      routes.push({
        source: "SQL servers",
        subscription: name,
        sent: notCollected(servers),
        destinations: "unknown",
        status: worst(findings, ["sql-server-auditing"], subscription.scope),
      });
    else {
      for (const { value: server } of servers.items) {
        const auditing = evidence.read(sqlAuditingDataset, server.id);
        const policy = auditing.ok ? auditing.items[0]?.value.properties : undefined;
        const master = settingsRow(evidence, masterDiagnosticSettingsDataset, masterDatabaseId(server.id));
        const storage = policy?.storageEndpoint ? [`storage account ${auditStorageAccount(policy.storageEndpoint)}`] : [];
        const monitor = policy?.isAzureMonitorTargetEnabled === true && master.destinations !== "none" ? master.destinations.split("\n") : [];
        routes.push({
          source: `SQL server ${server.name}`,
          subscription: name,
          sent: auditing.ok
            ? `server auditing ${policy?.state ?? "state unknown"}${policy?.isAzureMonitorTargetEnabled ? `; master database: ${master.sent}` : ""}`
            : notCollected(auditing),
          destinations: [...storage, ...monitor].join("\n") || "none",
          status: worst(findings, ["sql-server-auditing"], server.id),
        });
      }
    }
  }
  return { routes, retention: retentionRows(evidence, subscriptions, findings) };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function retentionRows(evidence: EvidenceReader, subscriptions: readonly SubscriptionInScope[], findings: readonly Finding[]): RetentionRow[] {
  const rows: RetentionRow[] = [];
  const retentionChecks = ["log-analytics-retention", "log-analytics-effective-retention"];
  for (const subscription of subscriptions) {
    const workspaces = evidence.read(logWorkspacesDataset, subscription.scope);
    if (!workspaces.ok) {
      rows.push({
        destination: "Log Analytics workspaces",
        subscription: subscription.displayName,
        part: "",
        configured: notCollected(workspaces),
        observed: "",
        status: worst(findings, retentionChecks, subscription.scope),
      });
      continue;
    }
    for (const { value: workspace } of workspaces.items) {
      const destination = `Log Analytics workspace ${workspace.name}`;
      const status = worst(findings, retentionChecks, workspace.id);
      const tables = evidence.read(logTablesDataset, workspace.id);
      if (!tables.ok) {
        rows.push({ destination, subscription: subscription.displayName, part: "tables", configured: notCollected(tables), observed: "", status });
        continue;
      }
      const records = evidence.read(auditRecordsDataset, workspace.id);
      const held = records.ok ? recordsByTable(records.items.flatMap(({ value }) => queryRows(value))).byTable : undefined;
      const audit = tables.items.filter(({ value }) => auditTables.includes(value.name));
      if (audit.length === 0)
        rows.push({
          destination,
          subscription: subscription.displayName,
          part: "no audit table",
          configured: `workspace ${workspace.properties.retentionInDays ?? "?"} days`,
          observed: "",
          status,
        });
      for (const { value: table } of audit) {
        const found = held?.get(table.name);
        rows.push({
          destination,
          subscription: subscription.displayName,
          part: table.name,
          configured: `${analyticsDays(table, workspace) ?? "?"} days interactive, ${totalDays(table, workspace) ?? "?"} in total`,
          observed: !records.ok
            ? records.error.reason === "incomplete-data"
              ? "query incomplete (partial result)"
              : notCollected(records)
            : found && found.records > 0
              ? `${isoDay(found.oldest)} to ${isoDay(found.newest)} (${found.records} records)`
              : "no records",
          status,
        });
      }
    }
    const accounts = evidence.read(storageAccountsDataset, subscription.scope);
    if (!accounts.ok) continue;
    for (const { value: account } of accounts.items) {
      const status = worst(findings, ["log-archive-immutability-locked"], account.id);
      if (status === undefined || status === "not_applicable") continue;
      const containers = evidence.read(logContainersDataset, account.id);
      if (!containers.ok) {
        rows.push({
          destination: `storage account ${account.name}`,
          subscription: subscription.displayName,
          part: "log containers",
          configured: notCollected(containers),
          observed: "",
          status,
        });
        continue;
      }
      const versioning = account.properties.immutableStorageWithVersioning;
      const accountPolicy = versioning?.enabled ? versioning.immutabilityPolicy : undefined;
      if (containers.items.length === 0) {
        rows.push({
          destination: `storage account ${account.name}`,
          subscription: subscription.displayName,
          part: "no log container yet",
          configured: accountPolicy
            ? `account policy ${accountPolicy.state ?? "?"}, ${accountPolicy.immutabilityPeriodSinceCreationInDays ?? "?"} days`
            : "no immutability policy",
          observed: "",
          status,
        });
      }
      for (const { value: container } of containers.items) {
        const policy = container.properties.hasImmutabilityPolicy === false ? undefined : evidence.read(immutabilityPoliciesDataset, container.id);
        const own = policy?.ok ? policy.items[0]?.value.properties : undefined;
        const configured = own
          ? `immutability ${own.state ?? "?"}, ${own.immutabilityPeriodSinceCreationInDays ?? "?"} days`
          : policy && !policy.ok
            ? notCollected(policy)
            : accountPolicy
              ? `account policy ${accountPolicy.state ?? "?"}, ${accountPolicy.immutabilityPeriodSinceCreationInDays ?? "?"} days`
              : "no immutability policy";
        rows.push({
          destination: `storage account ${account.name}`,
          subscription: subscription.displayName,
          part: container.name,
          configured,
          observed: "not queried (blob contents are not read)",
          status,
        });
      }
    }
  }
  // Destinations the settings name that no in-scope listing holds: their retention was not examined.
  const known = new Set(rows.map((row) => row.destination.toLowerCase()));
  for (const { destination, subscriptionId } of logDestinations(evidence, subscriptions)) {
    // Rows are per destination as described: two authorization rules of one event hub namespace are one row.
    const label = describeDestination(destination);
    if (known.has(label.toLowerCase())) continue;
    known.add(label.toLowerCase());
    const subscription = subscriptions.find((candidate) => candidate.subscriptionId.toLowerCase() === subscriptionId);
    const configured =
      destination.kind === "event-hub"
        ? "kept by the system that reads the event hub (a SIEM); not examined"
        : destination.kind === "partner"
          ? "kept by the partner solution; not examined"
          : subscription
            ? "not in the collected listings; not examined"
            : "outside the subscriptions in scope; not examined";
    rows.push({
      destination: label,
      subscription: subscription?.displayName ?? "not in scope",
      part: "",
      configured,
      observed: "",
      status: worst(findings, ["log-archive-immutability-locked"], destination.id),
    });
  }
  return rows;
}
