import { check } from "../../src/checks/app-service-audit-logging.js";
import { siteDiagnosticCategoriesDataset, siteDiagnosticSettingsDataset, webSitesDataset } from "../../src/datasets/app-service.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, webAppId, type Tenant } from "../support/good-tenant.js";
import { firstExampleItem } from "../support/official-examples.js";

type Raw = Record<string, any>;
const settings = (tenant: Tenant): Raw[] => tenant.items(siteDiagnosticSettingsDataset, webAppId);
const app = "Web app app-portal in subscription Example Subscription";
const logged = `${app} sends its HTTP requests and publishing sign-ins (AppServiceHTTPLogs and AppServiceAuditLogs) to Log Analytics workspace law-security`;

checkTable(check, [
  {
    name: "HTTP logs named in one setting, the audit group in another",
    expected: [{ status: "pass", message: `${logged} through diagnostic settings "http-logs-to-law-security" and "audit-to-law-security".` }],
  },
  {
    name: "one setting with allLogs",
    change: (tenant) => {
      settings(tenant).splice(0, 2, {
        ...settings(tenant)[0],
        name: "everything",
        properties: { ...settings(tenant)[0]!.properties, logs: [{ categoryGroup: "allLogs", enabled: true }] },
      });
    },
    expected: [{ status: "pass", message: `${logged} through diagnostic setting "everything".` }],
  },
  {
    name: "the audit-group setting removed: publishing sign-ins are not logged",
    change: (tenant) => {
      settings(tenant).splice(1, 1);
    },
    expected: [
      {
        status: "fail",
        message: `${app} does not send AppServiceAuditLogs to any destination (1 diagnostic setting(s) examined), so not all of its HTTP requests and publishing sign-ins are logged.`,
      },
    ],
  },
  {
    name: "the audit group holds no HTTP logs, and HTTP logs are switched off",
    change: (tenant) => {
      settings(tenant)[0]!.properties.logs = [{ category: "AppServiceHTTPLogs", enabled: false }];
    },
    expected: [
      {
        status: "fail",
        message: `${app} does not send AppServiceHTTPLogs to any destination (2 diagnostic setting(s) examined), so not all of its HTTP requests and publishing sign-ins are logged.`,
      },
    ],
  },
  {
    name: "no diagnostic setting",
    change: (tenant) => settings(tenant).splice(0),
    expected: [{ status: "fail", message: `${app} has no diagnostic setting, so its HTTP requests and publishing sign-ins are not logged.` }],
  },
  {
    name: "a function app is not judged by the web app's categories",
    change: (tenant) => {
      tenant.items(webSitesDataset)[0]!.kind = "functionapp,linux";
    },
    expected: [
      {
        status: "not_applicable",
        message: "App app-portal in subscription Example Subscription is a functionapp,linux app, whose logs this check does not judge.",
      },
    ],
  },
  {
    name: "the official example's apps, with no diagnostic settings collected for them",
    change: (tenant) => {
      tenant.items(webSitesDataset).splice(0, 1, firstExampleItem("arm-web-sites-list.json"));
    },
    expected: [
      {
        status: "error",
        message:
          'Logging of Web app sitef6141 in subscription Example Subscription could not be evaluated because the evidence "App Service diagnostic settings" is unavailable: no app-service/diagnostic-settings evidence was collected for /subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123/providers/Microsoft.Web/sites/sitef6141.',
      },
    ],
  },
  {
    name: "the category listing refused: whether the audit group holds publishing sign-ins is unknown",
    change: (tenant) => tenant.fail(siteDiagnosticCategoriesDataset, forbidden),
    expected: [
      {
        status: "error",
        message: `Logging of ${app} (whether its category group includes AppServiceAuditLogs) could not be evaluated because the evidence "App Service log categories and their groups" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.`,
      },
    ],
  },
  {
    name: "the app list refused",
    change: (tenant) => tenant.fail(webSitesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Logging of the App Service apps of subscription Example Subscription could not be evaluated because the evidence "App Service apps" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "no app",
    change: (tenant) => tenant.items(webSitesDataset).splice(0),
    expected: [{ status: "not_applicable", message: "Subscription Example Subscription holds no App Service app." }],
  },
]);
