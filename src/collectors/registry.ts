import type { Collector } from "./collector.js";
import { entraCollector } from "./entra.js";
import { entraSignInsCollector } from "./entra-sign-ins.js";
import { alertRulesCollector } from "./alert-rules.js";
import { defenderCollector } from "./defender.js";
import { logAnalyticsCollector } from "./log-analytics.js";
import { keyVaultCollector } from "./key-vault.js";
import { storageCollector } from "./storage.js";
import { sqlCollector } from "./sql.js";
import { appServiceCollector } from "./app-service.js";
import { rbacCollector } from "./rbac.js";
import { subscriptionsCollector } from "./subscriptions.js";
import { inventoryCollector } from "./inventory.js";

/**
 * Every collector, in the order they run. `subscriptions` comes first because it decides the scope
 * of the others. The catalog test keeps this list and src/collectors/ in step.
 */
export const collectors: readonly Collector[] = [
  subscriptionsCollector,
  inventoryCollector,
  rbacCollector,
  keyVaultCollector,
  storageCollector,
  sqlCollector,
  appServiceCollector,
  entraCollector,
  entraSignInsCollector,
  alertRulesCollector,
  defenderCollector,
  // After entra-sign-ins: both can query one workspace, and a recording serves those answers in order.
  logAnalyticsCollector,
];
