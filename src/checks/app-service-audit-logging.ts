import { siteDiagnosticCategoriesDataset, siteDiagnosticSettingsDataset, webSitesDataset } from "../datasets/app-service.js";
import { defineCheck, type CheckOutcome } from "./check.js";
import { resourceLoggingOutcome } from "./support/diagnostic-settings.js";
import { forEachListed } from "./support/listing.js";

/**
 * A web app's audit trail: every HTTP request it served (client, URL, status, user) and every sign-in
 * to its publishing endpoints (FTP, Kudu), where code that handles ePHI is changed.
 */
const webAppCategories = ["AppServiceHTTPLogs", "AppServiceAuditLogs"];

/** Function apps and Logic Apps (Standard) offer other log categories; their kinds carry these tokens. */
function isWebApp(kind: string | null | undefined): boolean {
  const tokens = (kind ?? "app")
    .toLowerCase()
    .split(",")
    .map((token) => token.trim());
  return !tokens.includes("functionapp") && !tokens.includes("workflowapp");
}

export const check = defineCheck({
  id: "app-service-audit-logging",
  title: "Web apps log their HTTP requests and publishing sign-ins to a destination",
  severity: "medium",
  requires: [webSitesDataset, siteDiagnosticSettingsDataset],
  alsoReads: [siteDiagnosticCategoriesDataset],
  rationale:
    "A web app that serves ePHI records who requested what only in its HTTP logs, and who signed in to change its code only in its publishing audit logs; App Service keeps neither unless a diagnostic setting sends them somewhere.",
  remediation: {
    text: "Give each web app a diagnostic setting that sends AppServiceHTTPLogs and AppServiceAuditLogs (or allLogs) to a Log Analytics workspace or an immutable storage account.",
    portal: "App Services > (app) > Diagnostic settings > Add diagnostic setting",
    source: "https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachListed(
      evidence,
      subscriptions,
      webSitesDataset,
      {
        unavailable: (subscription) => `Logging of the App Service apps of subscription ${subscription.displayName}`,
        none: (subscription) => `Subscription ${subscription.displayName} holds no App Service app.`,
      },
      ({ value: site, ref }, subscription): CheckOutcome => {
        const subject = { resourceId: site.id, resourceName: site.name };
        if (!isWebApp(site.kind)) {
          return {
            status: "not_applicable",
            ...subject,
            message: `App ${site.name} in subscription ${subscription.displayName} is a ${site.kind} app, whose logs this check does not judge.`,
            evidence: [ref],
          };
        }
        return resourceLoggingOutcome({
          evidence,
          subject,
          label: `Web app ${site.name} in subscription ${subscription.displayName}`,
          records: "HTTP requests and publishing sign-ins",
          settingsScope: site.id,
          settings: siteDiagnosticSettingsDataset,
          categories: siteDiagnosticCategoriesDataset,
          required: webAppCategories,
          refs: [ref],
        });
      },
    );
  },
});
