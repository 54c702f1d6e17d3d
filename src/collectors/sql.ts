import {
  masterDatabaseId,
  masterDiagnosticCategoriesDataset,
  masterDiagnosticSettingsDataset,
  sqlAuditingDataset,
  SqlServerSchema,
  sqlServersDataset,
} from "../datasets/sql.js";
import { armGet, armList, defineCollector } from "./collector.js";
import { collectDiagnostics } from "./shared/diagnostic-settings.js";

/**
 * Azure SQL logical servers per subscription and how they audit: the server auditing policy, and the
 * diagnostic settings of the master database, which is where server audit records are routed to Log
 * Analytics or an event hub (a server itself has no log categories). `@azure/arm-sql` is a 36 MB
 * client for three GETs, so the calls go through an installed SDK client's pipeline instead.
 */

const sqlApiVersion = "2023-08-01";

export const sqlCollector = defineCollector({
  id: "sql",
  title: "Azure SQL",
  datasets: [sqlServersDataset, sqlAuditingDataset, masterDiagnosticSettingsDataset, masterDiagnosticCategoriesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`sql: servers and their auditing in ${subscription.displayName}`);
      const servers = await context.collect({
        dataset: sqlServersDataset,
        scope: subscription.scope,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Sql/servers?api-version=${sqlApiVersion}`),
      });
      if (servers.status !== "ok") continue;
      for (const server of servers.value.map((item) => SqlServerSchema.parse(item))) {
        await context.collect({
          dataset: sqlAuditingDataset,
          scope: server.id,
          fetch: async () => [await armGet(context.access, subscription.subscriptionId, `${server.id}/auditingSettings/default?api-version=${sqlApiVersion}`)],
        });
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: masterDatabaseId(server.id),
          settings: masterDiagnosticSettingsDataset,
          categories: masterDiagnosticCategoriesDataset,
        });
      }
    }
  },
});
