import { siteDiagnosticCategoriesDataset, siteDiagnosticSettingsDataset, WebSiteSchema, webSitesDataset } from "../datasets/app-service.js";
import { armList, defineCollector } from "./collector.js";
import { collectDiagnostics } from "./shared/diagnostic-settings.js";

/**
 * App Service apps per subscription (web apps, API apps, function apps) and their diagnostic
 * settings. `@azure/arm-appservice` is a 27 MB client for two GETs, so the calls go through an
 * installed SDK client's pipeline instead.
 */

const webApiVersion = "2024-04-01";

export const appServiceCollector = defineCollector({
  id: "app-service",
  title: "App Service",
  datasets: [webSitesDataset, siteDiagnosticSettingsDataset, siteDiagnosticCategoriesDataset],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`app-service: apps and their logging in ${subscription.displayName}`);
      const sites = await context.collect({
        dataset: webSitesDataset,
        scope: subscription.scope,
        fetch: () => armList(context.access, subscription.subscriptionId, `${subscription.scope}/providers/Microsoft.Web/sites?api-version=${webApiVersion}`),
      });
      if (sites.status !== "ok") continue;
      for (const site of sites.value.map((item) => WebSiteSchema.parse(item))) {
        await collectDiagnostics(context, {
          subscriptionId: subscription.subscriptionId,
          resourceId: site.id,
          settings: siteDiagnosticSettingsDataset,
          categories: siteDiagnosticCategoriesDataset,
        });
      }
    }
  },
});
