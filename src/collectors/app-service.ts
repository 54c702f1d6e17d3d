import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { armList, defineCollector } from "./collector.js";
import { collectDiagnostics, DiagnosticCategorySchema, DiagnosticSettingSchema } from "./shared/diagnostic-settings.js";

/**
 * App Service apps per subscription (web apps, API apps, function apps) and their diagnostic
 * settings. `@azure/arm-appservice` is a 27 MB client for two GETs, so the calls go through an
 * installed SDK client's pipeline instead.
 */

const webApiVersion = "2024-04-01";

// GET /subscriptions/{s}/providers/Microsoft.Web/sites?api-version=2024-04-01
export const WebSiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Comma-separated tokens: "app", "app,linux", "functionapp", "functionapp,workflowapp", ... */
  kind: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  properties: z.object({ state: z.string().nullable().optional(), enabled: z.boolean().nullable().optional() }),
});
export type WebSite = z.infer<typeof WebSiteSchema>;

export const webSitesDataset = defineDataset({
  id: "app-service/sites",
  collector: "app-service",
  title: "App Service apps",
  scope: "subscription",
  item: WebSiteSchema,
  permission: "Microsoft.Web/sites/read (Reader)",
});

export const siteDiagnosticSettingsDataset = defineDataset({
  id: "app-service/diagnostic-settings",
  collector: "app-service",
  title: "App Service diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
});

export const siteDiagnosticCategoriesDataset = defineDataset({
  id: "app-service/diagnostic-categories",
  collector: "app-service",
  title: "App Service log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
});

export const appServiceCollector = defineCollector({
  id: "app-service",
  title: "App Service",
  datasets: [webSitesDataset, siteDiagnosticSettingsDataset, siteDiagnosticCategoriesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`app-service: apps and their logging in ${subscription.displayName}`);
      const folder = `raw/app-service/${subscription.subscriptionId}`;
      const sites = await context.collect({
        dataset: webSitesDataset,
        scope: subscription.scope,
        file: `${folder}/sites.json`,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Web/sites?api-version=${webApiVersion}`),
      });
      if (sites.status !== "ok") continue;
      for (const site of sites.value.map((item) => WebSiteSchema.parse(item))) {
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: site.id,
          file: (name) => `${folder}/${site.name}/${name}.json`,
          settings: siteDiagnosticSettingsDataset,
          categories: siteDiagnosticCategoriesDataset,
        });
      }
    }
  },
});
