import { check } from "../../src/checks/log-archive-immutability-locked.js";
import { vaultDiagnosticSettingsDataset } from "../../src/datasets/key-vault.js";
import { activityLogSettingsDataset } from "../../src/datasets/log-analytics.js";
import { blobServiceId, immutabilityPoliciesDataset, logContainersDataset, storageAccountsDataset } from "../../src/datasets/storage.js";
import { checkTable } from "../support/check-table.js";
import { archiveAccountId, forbidden, vaultId, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const container = `${blobServiceId(archiveAccountId)}/containers/insights-logs-auditevent`;
const policy = (tenant: Tenant): Raw => tenant.items(immutabilityPoliciesDataset, container)[0]!.properties;
const containers = (tenant: Tenant): Raw[] => tenant.items(logContainersDataset, archiveAccountId);
const account = (tenant: Tenant): Raw => tenant.items(storageAccountsDataset)[0]!;
const archive = "Storage account stauditarchive in subscription Example Subscription, which receives logs from Key Vault sample-vault,";

checkTable(check, [
  {
    name: "the log container is locked for six years",
    expected: [{ status: "pass", message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2192 days).` }],
  },
  {
    name: "the policy is unlocked",
    change: (tenant) => {
      policy(tenant).state = "Unlocked";
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent has an unlocked policy of 2192 days, which can be shortened or deleted.`,
      },
    ],
  },
  {
    name: "locked for one year while six are configured",
    change: (tenant) => {
      policy(tenant).immutabilityPeriodSinceCreationInDays = 365;
    },
    expected: [
      {
        status: "fail",
        message:
          "Storage account stauditarchive in subscription Example Subscription, which receives logs from Key Vault sample-vault, does not keep its logs immutable: insights-logs-auditevent is locked for 365 days (2191 configured).",
      },
    ],
  },
  {
    name: "locked for exactly the configured period",
    change: (tenant) => {
      policy(tenant).immutabilityPeriodSinceCreationInDays = 2191;
    },
    expected: [{ status: "pass", message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2191 days).` }],
  },
  {
    name: "locked for one day less than the configured period",
    change: (tenant) => {
      policy(tenant).immutabilityPeriodSinceCreationInDays = 2190;
    },
    expected: [
      {
        status: "fail",
        message:
          "Storage account stauditarchive in subscription Example Subscription, which receives logs from Key Vault sample-vault, does not keep its logs immutable: insights-logs-auditevent is locked for 2190 days (2191 configured).",
      },
    ],
  },
  {
    name: "a period written as a string, as in older examples",
    change: (tenant) => {
      policy(tenant).immutabilityPeriodSinceCreationInDays = "2557";
    },
    expected: [{ status: "pass", message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2557 days).` }],
  },
  {
    name: "a second log container without any policy",
    change: (tenant) => {
      containers(tenant).push({
        id: `${blobServiceId(archiveAccountId)}/containers/insights-activity-logs`,
        name: "insights-activity-logs",
        properties: { hasImmutabilityPolicy: false, hasLegalHold: false },
      });
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-activity-logs has no immutability policy, so its logs can be deleted.`,
      },
    ],
  },
  {
    name: "no container policy, but a locked version-level policy on the account",
    change: (tenant) => {
      containers(tenant)[0]!.properties = { hasImmutabilityPolicy: false, hasLegalHold: false, immutableStorageWithVersioning: { enabled: true } };
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Locked", allowProtectedAppendWrites: true },
      };
    },
    expected: [
      {
        status: "pass",
        message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2192 days, account policy).`,
      },
    ],
  },
  {
    name: "the account's version-level policy is still unlocked",
    change: (tenant) => {
      containers(tenant)[0]!.properties = { hasImmutabilityPolicy: false, hasLegalHold: false };
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Unlocked" },
      };
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent has the account's unlocked policy of 2192 days, which can be shortened or deleted.`,
      },
    ],
  },
  {
    name: "a locked account policy, but version-level immutability switched off on the account",
    change: (tenant) => {
      containers(tenant)[0]!.properties = { hasImmutabilityPolicy: false, hasLegalHold: false };
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: false,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Locked" },
      };
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent has no immutability policy, so its logs can be deleted.`,
      },
    ],
  },
  {
    name: "the account's version-level policy disabled",
    change: (tenant) => {
      containers(tenant)[0]!.properties = { hasImmutabilityPolicy: false, hasLegalHold: false };
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Disabled" },
      };
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent has no immutability policy, so its logs can be deleted.`,
      },
    ],
  },
  {
    name: "a locked container policy that does not report its period",
    change: (tenant) => {
      delete policy(tenant).immutabilityPeriodSinceCreationInDays;
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent is locked for an unreported period (2191 configured).`,
      },
    ],
  },
  {
    name: "named as a destination, no log container yet, nothing to protect future ones",
    change: (tenant) => {
      containers(tenant).splice(0);
    },
    expected: [
      { status: "fail", message: `${archive} holds no log container yet, and a future log container has no immutability policy, so its logs can be deleted.` },
    ],
  },
  {
    name: "no log container yet, and a locked account policy long enough to protect future ones",
    change: (tenant) => {
      containers(tenant).splice(0);
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Locked" },
      };
    },
    expected: [
      { status: "pass", message: `${archive} holds no log container yet; the account's locked immutability policy will protect the logs it receives.` },
    ],
  },
  {
    name: "a second log container protected by the account's policy: both are named",
    change: (tenant) => {
      containers(tenant).push({
        id: `${blobServiceId(archiveAccountId)}/containers/insights-activity-logs`,
        name: "insights-activity-logs",
        properties: { hasImmutabilityPolicy: false, hasLegalHold: false },
      });
      account(tenant).properties.immutableStorageWithVersioning = {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2557, state: "Locked" },
      };
    },
    expected: [
      {
        status: "pass",
        message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2192 days), insights-activity-logs (2557 days, account policy).`,
      },
    ],
  },
  {
    name: "two log containers short of protection: both shortfalls are named",
    change: (tenant) => {
      policy(tenant).state = "Unlocked";
      containers(tenant).push({
        id: `${blobServiceId(archiveAccountId)}/containers/insights-activity-logs`,
        name: "insights-activity-logs",
        properties: { hasImmutabilityPolicy: false, hasLegalHold: false },
      });
    },
    expected: [
      {
        status: "fail",
        message: `${archive} does not keep its logs immutable: insights-logs-auditevent has an unlocked policy of 2192 days, which can be shortened or deleted; insights-activity-logs has no immutability policy, so its logs can be deleted.`,
      },
    ],
  },
  {
    name: "log containers written by a source outside the evidence still make an archive",
    change: (tenant) => {
      tenant.items(vaultDiagnosticSettingsDataset, vaultId)[0]!.properties.storageAccountId = null;
    },
    expected: [
      {
        status: "pass",
        message:
          "Storage account stauditarchive in subscription Example Subscription keeps its exported logs under locked immutability policies: insights-logs-auditevent (2192 days).",
      },
    ],
  },
  {
    name: "the activity log goes to an archive in a subscription the run does not cover",
    change: (tenant) => {
      tenant.items(activityLogSettingsDataset)[0]!.properties.storageAccountId =
        "/subscriptions/df602c9c-7aa0-407d-a6fb-eb20c8bd1192/resourceGroups/apptest/providers/Microsoft.Storage/storageAccounts/appteststorage1";
    },
    expected: [
      { status: "pass", message: `${archive} keeps its exported logs under locked immutability policies: insights-logs-auditevent (2192 days).` },
      {
        status: "error",
        message:
          "Storage account appteststorage1, which receives logs from the activity log of subscription Example Subscription, is outside the subscriptions in scope, so its immutability was not examined.",
      },
    ],
  },
  {
    name: "a destination missing from its subscription's storage listing",
    change: (tenant) => {
      account(tenant).id = account(tenant).id.replace("stauditarchive", "stother");
      account(tenant).name = "stother";
    },
    expected: [
      {
        status: "error",
        message:
          "Storage account stauditarchive, which receives logs from Key Vault sample-vault, is not in the storage accounts listed for subscription Example Subscription, so its immutability could not be examined.",
      },
    ],
  },
  {
    name: "the container's policy could not be read",
    change: (tenant) => tenant.fail(immutabilityPoliciesDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Immutability of log container insights-logs-auditevent in storage account stauditarchive could not be evaluated because the evidence "Immutability policies of log containers" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "the containers could not be listed",
    change: (tenant) => tenant.fail(logContainersDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Immutability of the logs in storage account stauditarchive could not be evaluated because the evidence "Containers holding exported Azure Monitor logs (insights-*)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "no storage account receives logs",
    change: (tenant) => {
      tenant.items(vaultDiagnosticSettingsDataset, vaultId)[0]!.properties.storageAccountId = null;
      containers(tenant).splice(0);
    },
    expected: [{ status: "not_applicable", message: "No storage account in subscription Example Subscription receives exported logs." }],
  },
]);
