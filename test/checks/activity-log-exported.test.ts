import { check } from "../../src/checks/activity-log-exported.js";
import * as logs from "../../src/datasets/log-analytics.js";
import { checkTable } from "../support/check-table.js";
import type { Tenant } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          'Diagnostic setting "activity-to-law-security" exports the activity log of subscription Example Subscription (Administrative and Security) to Log Analytics workspace law-security.',
      },
    ],
  },
  {
    name: "security category off",
    change: (tenant: Tenant) => {
      tenant.items(logs.activityLogSettingsDataset)[0]!.properties.logs[1].enabled = false;
    },
    expected: [
      {
        status: "fail",
        message:
          "No diagnostic setting of subscription Example Subscription exports both the Administrative and Security activity-log categories to a destination (1 setting(s) examined).",
      },
    ],
  },
  {
    name: "all logs through the category group",
    change: (tenant: Tenant) => {
      tenant.items(logs.activityLogSettingsDataset)[0]!.properties.logs = [{ categoryGroup: "allLogs", enabled: true }];
    },
    expected: [
      {
        status: "pass",
        message:
          'Diagnostic setting "activity-to-law-security" exports the activity log of subscription Example Subscription (all categories) to Log Analytics workspace law-security.',
      },
    ],
  },
  {
    name: "no destination",
    change: (tenant: Tenant) => {
      delete tenant.items(logs.activityLogSettingsDataset)[0]!.properties.workspaceId;
    },
    expected: [
      {
        status: "fail",
        message:
          "No diagnostic setting of subscription Example Subscription exports both the Administrative and Security activity-log categories to a destination (1 setting(s) examined).",
      },
    ],
  },
  {
    name: "an empty workspace id beside a storage account (as in Azure's own examples) still exports",
    change: (tenant: Tenant) => {
      const properties = tenant.items(logs.activityLogSettingsDataset)[0]!.properties;
      properties.workspaceId = "";
      properties.storageAccountId = `${tenant.subscriptions[0]!.scope}/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/stauditarchive`;
    },
    expected: [
      {
        status: "pass",
        message:
          'Diagnostic setting "activity-to-law-security" exports the activity log of subscription Example Subscription (Administrative and Security) to storage account stauditarchive.',
      },
    ],
  },
  {
    name: "no setting",
    change: (tenant: Tenant) => {
      tenant.items(logs.activityLogSettingsDataset).splice(0, 1);
    },
    expected: [
      {
        status: "fail",
        message: "Subscription Example Subscription has no activity-log diagnostic setting: its activity log is kept 90 days by Azure and nowhere else.",
      },
    ],
  },
  {
    name: "logs list absent",
    change: (tenant: Tenant) => {
      delete tenant.items(logs.activityLogSettingsDataset)[0]!.properties.logs;
    },
    expected: [
      {
        status: "fail",
        message:
          "No diagnostic setting of subscription Example Subscription exports both the Administrative and Security activity-log categories to a destination (1 setting(s) examined).",
      },
    ],
  },
]);
