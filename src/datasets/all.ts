import type { DatasetDefinition } from "../model/evidence.js";
import * as alertRules from "./alert-rules.js";
import * as appService from "./app-service.js";
import * as defender from "./defender.js";
import * as entraSignIns from "./entra-sign-ins.js";
import * as entra from "./entra.js";
import * as inventory from "./inventory.js";
import * as keyVault from "./key-vault.js";
import * as logAnalytics from "./log-analytics.js";
import * as rbac from "./rbac.js";
import * as sql from "./sql.js";
import * as storage from "./storage.js";
import * as subscriptions from "./subscriptions.js";

/**
 * Every dataset the tool knows, for the stages that name evidence without collecting it (titles in
 * the collection gaps, reading an archive back). The catalog test keeps this list and the
 * collectors' declarations in step.
 */
const modules: readonly Record<string, unknown>[] = [
  subscriptions,
  inventory,
  rbac,
  keyVault,
  storage,
  sql,
  appService,
  entra,
  entraSignIns,
  alertRules,
  defender,
  logAnalytics,
];

function isDataset(value: unknown): value is DatasetDefinition {
  return typeof value === "object" && value !== null && "id" in value && "item" in value && "rawFile" in value;
}

export const allDatasets: readonly DatasetDefinition[] = modules.flatMap((module) => Object.values(module).filter(isDataset));
