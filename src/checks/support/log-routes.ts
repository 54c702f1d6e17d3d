import { nameAfter, parseResourceId, resourceName } from "../../datasets/resource-id.js";
import type { SubscriptionInScope } from "../../model/evidence.js";
import { siteDiagnosticSettingsDataset } from "../../datasets/app-service.js";
import { entraDiagnosticSettingsDataset } from "../../datasets/entra-sign-ins.js";
import { vaultDiagnosticSettingsDataset } from "../../datasets/key-vault.js";
import { activityLogSettingsDataset } from "../../datasets/log-analytics.js";
import type { DiagnosticSetting, DiagnosticSettingSchema } from "../../datasets/diagnostic-settings.js";
import { masterDiagnosticSettingsDataset } from "../../datasets/sql.js";
import { blobDiagnosticSettingsDataset } from "../../datasets/storage.js";
import type { DatasetDefinition, EvidenceRef, EvidenceReader, Located } from "../../model/evidence.js";
import { destinationsOf, type Destination } from "./diagnostic-settings.js";

/**
 * Every diagnostic setting the evidence holds, whatever sends it: the activity log, Entra ID and each
 * in-scope resource. This is where audit logs go, the one map both the log-archive check and the
 * report's audit-log table read.
 */
export interface LogSource {
  /** "the activity log of subscription Clinic-Prod", "Key Vault kv-phi-01", ... */
  label: string;
  /** The scope the settings were read at: the subscription, the tenant, the resource or its sub-resource. */
  scope: string;
  /** The subscription the source belongs to, when it belongs to one. */
  subscriptionId: string | undefined;
}

const subscriptionName = (scope: string, subscriptions: readonly SubscriptionInScope[]) =>
  subscriptions.find((subscription) => subscription.scope.toLowerCase() === scope.toLowerCase())?.displayName ?? scope;

/** A resource id's name segment at `type` ("storageAccounts", "servers"), for sub-resource scopes. */
const nameAt = (scope: string, type: string) => nameAfter(scope, type) ?? resourceName(scope);

export const logSourceDatasets: readonly {
  dataset: DatasetDefinition<typeof DiagnosticSettingSchema>;
  label: (scope: string, subscriptions: readonly SubscriptionInScope[]) => string;
}[] = [
  { dataset: activityLogSettingsDataset, label: (scope, subscriptions) => `the activity log of subscription ${subscriptionName(scope, subscriptions)}` },
  { dataset: entraDiagnosticSettingsDataset, label: () => "Entra ID" },
  { dataset: vaultDiagnosticSettingsDataset, label: (scope) => `Key Vault ${resourceName(scope)}` },
  { dataset: blobDiagnosticSettingsDataset, label: (scope) => `the blobs of storage account ${nameAt(scope, "storageAccounts")}` },
  { dataset: masterDiagnosticSettingsDataset, label: (scope) => `SQL server ${nameAt(scope, "servers")}` },
  { dataset: siteDiagnosticSettingsDataset, label: (scope) => `web app ${resourceName(scope)}` },
];

/** Each collected diagnostic setting with its source; sources whose settings could not be read are left out (their own checks say so). */
export function loggedSettings(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
): { source: LogSource; setting: Located<DiagnosticSetting> }[] {
  return logSourceDatasets.flatMap(({ dataset, label }) =>
    evidence.scopesOf(dataset).flatMap((scope) => {
      const read = evidence.read(dataset, scope);
      if (!read.ok) return [];
      const source: LogSource = { label: label(scope, subscriptions), scope, subscriptionId: parseResourceId(scope)?.subscriptionId };
      return read.items.map((setting) => ({ source, setting }));
    }),
  );
}

/** A destination some settings send logs to, with the sources that send them and the settings that say so. */
export interface LogDestination {
  destination: Destination;
  /** Lower-cased subscription id of the destination, when its id names one. */
  subscriptionId: string | undefined;
  sources: Set<string>;
  refs: EvidenceRef[];
}

/** Every destination the collected settings name, once each (ARM ids compared without regard to case). */
export function logDestinations(evidence: EvidenceReader, subscriptions: readonly SubscriptionInScope[]): LogDestination[] {
  const byId = new Map<string, LogDestination>();
  for (const { source, setting } of loggedSettings(evidence, subscriptions)) {
    for (const destination of destinationsOf(setting.value)) {
      const key = `${destination.kind}|${destination.id.toLowerCase()}`;
      const entry = byId.get(key) ?? {
        destination,
        subscriptionId: parseResourceId(destination.id)?.subscriptionId.toLowerCase(),
        sources: new Set<string>(),
        refs: [],
      };
      entry.sources.add(source.label);
      entry.refs.push(setting.ref);
      byId.set(key, entry);
    }
  }
  return [...byId.values()];
}
