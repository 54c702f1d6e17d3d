// App Service: the patient portal logs its HTTP requests and publishing sign-ins to the security
// workspace. Clinic-Dev holds no web app.
import { dev, portal, prod, rgEhrApp, securityWorkspace } from "./clinic.mjs";
import { arm } from "./recording.mjs";
import { diagnosticSetting } from "./shared-payloads.mjs";

const webApi = "2024-04-01";

export function recordAppService({ record }) {
  // Shape: arm-web-sites-list.json
  record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Web/sites?api-version=${webApi}`, 200, {
    value: [
      {
        id: portal,
        name: "app-ehr-portal",
        type: "Microsoft.Web/sites",
        kind: "app,linux",
        location: "East US 2",
        properties: {
          state: "Running",
          hostNames: ["app-ehr-portal.azurewebsites.net"],
          enabled: true,
          availabilityState: "Normal",
          serverFarmId: `${rgEhrApp}/providers/Microsoft.Web/serverfarms/asp-ehr-portal`,
          reserved: true,
          httpsOnly: true,
          siteConfig: { numberOfWorkers: 1, linuxFxVersion: "NODE|20-lts", minTlsVersion: "1.2", ftpsState: "Disabled", http20Enabled: true },
        },
      },
    ],
  });
  record("GET", `${arm}${portal}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
    value: [
      diagnosticSetting(portal, "portal-logs-to-security-workspace", { workspaceId: securityWorkspace }, [
        { category: "AppServiceHTTPLogs", categoryGroup: null, enabled: true },
        { category: "AppServiceAuditLogs", categoryGroup: null, enabled: true },
        { category: "AppServiceConsoleLogs", categoryGroup: null, enabled: false },
        { category: "AppServiceAppLogs", categoryGroup: null, enabled: true },
      ]),
    ],
  });
  record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Web/sites?api-version=${webApi}`, 200, { value: [] });
}
