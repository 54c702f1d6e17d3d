import { z } from "zod";
import { defineDataset } from "../model/evidence.js";
import { DiagnosticCategorySchema, DiagnosticSettingSchema } from "./diagnostic-settings.js";
import { recordFile } from "./raw-files.js";

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
  rawFile: recordFile("app-service", "sites.json"),
});

export const siteDiagnosticSettingsDataset = defineDataset({
  id: "app-service/diagnostic-settings",
  collector: "app-service",
  title: "App Service diagnostic settings",
  scope: "resource",
  item: DiagnosticSettingSchema,
  permission: "Microsoft.Insights/diagnosticSettings/read (Reader or Monitoring Reader)",
  rawFile: recordFile("app-service", "diagnostic-settings.json"),
});

export const siteDiagnosticCategoriesDataset = defineDataset({
  id: "app-service/diagnostic-categories",
  collector: "app-service",
  title: "App Service log categories and their groups",
  scope: "resource",
  item: DiagnosticCategorySchema,
  permission: "Microsoft.Insights/diagnosticSettingsCategories/read (Reader or Monitoring Reader)",
  rawFile: recordFile("app-service", "diagnostic-categories.json"),
});
