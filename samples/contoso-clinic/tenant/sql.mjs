// Azure SQL: server auditing goes to Azure Monitor, and the master database's diagnostic setting
// sends the audit category group to the security workspace. Clinic-Dev holds no server.
import { dev, prod, securityWorkspace, sqlServer } from "./clinic.mjs";
import { arm } from "./recording.mjs";
import { diagnosticSetting } from "./shared-payloads.mjs";

const sqlApi = "2023-08-01";
const masterDatabase = `${sqlServer}/databases/master`;

export function recordSql({ record }) {
  // Shape: arm-sql-servers-list.json
  record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Sql/servers?api-version=${sqlApi}`, 200, {
    value: [
      {
        id: sqlServer,
        name: "sql-ehr-prod",
        type: "Microsoft.Sql/servers",
        location: "eastus2",
        kind: "v12.0",
        properties: {
          fullyQualifiedDomainName: "sql-ehr-prod.database.windows.net",
          administratorLogin: "ehradmin",
          version: "12.0",
          state: "Ready",
          publicNetworkAccess: "Disabled",
          restrictOutboundNetworkAccess: "Disabled",
          privateEndpointConnections: [],
        },
      },
    ],
  });
  // Shape: arm-sql-server-auditing-settings-create-max.json
  record("GET", `${arm}${sqlServer}/auditingSettings/default?api-version=${sqlApi}`, 200, {
    id: `${sqlServer}/auditingSettings/default`,
    name: "default",
    type: "Microsoft.Sql/servers/auditingSettings",
    properties: {
      state: "Enabled",
      storageEndpoint: "",
      retentionDays: 0,
      storageAccountSubscriptionId: "00000000-0000-0000-0000-000000000000",
      isStorageSecondaryKeyInUse: false,
      auditActionsAndGroups: ["SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP", "BATCH_COMPLETED_GROUP"],
      isAzureMonitorTargetEnabled: true,
      isManagedIdentityInUse: false,
    },
  });
  record("GET", `${arm}${masterDatabase}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
    value: [
      diagnosticSetting(masterDatabase, "sql-audit-to-security-workspace", { workspaceId: securityWorkspace }, [
        { category: null, categoryGroup: "audit", enabled: true },
      ]),
    ],
  });
  // The setting selects a category group, so the collector asks which categories the group holds here.
  // Shape: arm-monitor-diagnostic-settings-categories-list.json
  const sqlCategories = {
    SQLSecurityAuditEvents: ["audit", "allLogs"],
    DevOpsOperationsAudit: ["audit", "allLogs"],
    SQLInsights: ["allLogs"],
    AutomaticTuning: ["allLogs"],
    Errors: ["allLogs"],
    Deadlocks: ["allLogs"],
  };
  record("GET", `${arm}${masterDatabase}/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`, 200, {
    value: [
      ...Object.entries(sqlCategories).map(([name, categoryGroups]) => ({
        id: `${masterDatabase}/providers/microsoft.insights/diagnosticSettingsCategories/${name}`,
        type: "microsoft.insights/diagnosticSettingsCategories",
        name,
        properties: { categoryType: "Logs", categoryGroups },
      })),
      {
        id: `${masterDatabase}/providers/microsoft.insights/diagnosticSettingsCategories/Basic`,
        type: "microsoft.insights/diagnosticSettingsCategories",
        name: "Basic",
        properties: { categoryType: "Metrics" },
      },
    ],
  });
  record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Sql/servers?api-version=${sqlApi}`, 200, { value: [] });
}
