import {
  auditStorageAccount,
  masterDatabaseId,
  masterDiagnosticCategoriesDataset,
  masterDiagnosticSettingsDataset,
  sqlAuditingDataset,
  sqlServersDataset,
} from "../datasets/sql.js";
import { defineCheck, notEvaluated, readAll, type CheckOutcome } from "./check.js";
import { forEachListed } from "./support/listing.js";
import { inWords, routeCategories, routedDestinations } from "./support/diagnostic-settings.js";

/** The master database's category that carries the server's audit records to Azure Monitor. */
const auditCategory = "SQLSecurityAuditEvents";

export const check = defineCheck({
  id: "sql-server-auditing",
  title: "Azure SQL servers audit database activity and send the audit records to a destination",
  severity: "high",
  requires: [sqlServersDataset, sqlAuditingDataset],
  alsoReads: [masterDiagnosticSettingsDataset, masterDiagnosticCategoriesDataset],
  rationale:
    "Server auditing records logins, queries and changes in every database of the server, the record of who read or altered ePHI there; it is off unless enabled, and audit records meant for Azure Monitor are dropped unless a diagnostic setting of the master database sends SQLSecurityAuditEvents somewhere.",
  remediation: {
    text: "Turn on auditing for the server and choose where its records go: a storage account, or a Log Analytics workspace or event hub, for which the portal creates the master database's diagnostic setting sending SQLSecurityAuditEvents.",
    portal: "SQL servers > (server) > Security > Auditing > Enable Azure SQL Auditing; audit log destination: Storage, Log Analytics or Event Hub",
    source: "https://learn.microsoft.com/azure/azure-sql/database/auditing-setup",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachListed(
      evidence,
      subscriptions,
      sqlServersDataset,
      {
        unavailable: (subscription) => `Auditing of the SQL servers of subscription ${subscription.displayName}`,
        none: (subscription) => `Subscription ${subscription.displayName} holds no Azure SQL server.`,
      },
      ({ value: server, ref }, subscription): CheckOutcome => {
        const subject = { resourceId: server.id, resourceName: server.name };
        const label = `SQL server ${server.name} in subscription ${subscription.displayName}`;
        const auditing = readAll(evidence, server.id, { policy: sqlAuditingDataset });
        if (!auditing.ok) return notEvaluated(subject, `Auditing of ${label}`, auditing.dataset, auditing.failure);
        const policy = auditing.data.policy[0];
        const refs = [ref, ...(policy ? [policy.ref] : [])];
        const state = policy?.value.properties.state;
        if (!policy || !state) {
          return {
            status: "error",
            ...subject,
            message: `Whether ${label} audits is unknown: its auditing policy reports no state.`,
            evidence: refs,
            error: {
              call: auditing.sources.policy.calls[0] ?? auditing.sources.policy.file,
              status: 200,
              message: "no auditing state",
              reason: "incomplete-data",
            },
          };
        }
        if (state.toLowerCase() !== "enabled")
          return {
            status: "fail",
            ...subject,
            message: `${label} has server auditing ${state.toLowerCase()}, so no record of database access is kept.`,
            evidence: refs,
          };
        const { storageEndpoint, isAzureMonitorTargetEnabled, retentionDays } = policy.value.properties;
        const destinations: string[] = [];
        if (storageEndpoint)
          destinations.push(`storage account ${auditStorageAccount(storageEndpoint)} (${retentionDays ? `kept ${retentionDays} days` : "kept without limit"})`);
        if (isAzureMonitorTargetEnabled === true) {
          const master = masterDatabaseId(server.id);
          const settings = evidence.read(masterDiagnosticSettingsDataset, master);
          if (!settings.ok) {
            if (destinations.length === 0) return notEvaluated(subject, `Where ${label} sends its audit records`, masterDiagnosticSettingsDataset, settings);
          } else {
            const listing = evidence.read(masterDiagnosticCategoriesDataset, master);
            const routing = routeCategories(settings.items, [auditCategory], listing.ok ? listing.items.map(({ value }) => value) : undefined);
            refs.push(...settings.items.map((item) => item.ref));
            if (routing.unknown.length > 0 && !listing.ok && destinations.length === 0) {
              return notEvaluated(
                subject,
                `Where ${label} sends its audit records (whether the master database's category group includes ${auditCategory})`,
                masterDiagnosticCategoriesDataset,
                listing,
              );
            }
            destinations.push(...routedDestinations(routing).map((destination) => `${destination} (through the master database)`));
            if (destinations.length === 0) {
              return {
                status: "fail",
                ...subject,
                message: `${label} audits to Azure Monitor, but no diagnostic setting of its master database sends ${auditCategory} anywhere (${settings.items.length} setting(s) examined), so the audit records are dropped.`,
                evidence: refs,
              };
            }
          }
        }
        if (destinations.length === 0 && (isAzureMonitorTargetEnabled === undefined || isAzureMonitorTargetEnabled === null)) {
          return {
            status: "error",
            ...subject,
            message: `Where ${label} sends its audit records is unknown: its auditing policy names no storage account and does not say whether Azure Monitor receives them.`,
            evidence: refs,
            error: {
              call: auditing.sources.policy.calls[0] ?? auditing.sources.policy.file,
              status: 200,
              message: "isAzureMonitorTargetEnabled not reported",
              reason: "incomplete-data",
            },
          };
        }
        if (destinations.length === 0) {
          return {
            status: "fail",
            ...subject,
            message: `${label} has server auditing enabled with no destination: neither a storage account nor Azure Monitor receives the records.`,
            evidence: refs,
          };
        }
        return { status: "pass", ...subject, message: `${label} audits database activity to ${inWords(destinations)}.`, evidence: refs };
      },
    );
  },
});
