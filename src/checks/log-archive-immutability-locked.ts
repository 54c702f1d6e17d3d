import { resourceName } from "../datasets/resource-id.js";
import {
  immutabilityPoliciesDataset,
  logContainersDataset,
  storageAccountsDataset,
  type BlobContainer,
  type PolicyProperties,
  type StorageAccount,
} from "../datasets/storage.js";
import type { CallError } from "../model/call-error.js";
import type { EvidenceRef, EvidenceReader, Located } from "../model/evidence.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome, type CheckSettings } from "./check.js";
import { inWords } from "./support/diagnostic-settings.js";
import { logDestinations, logSourceDatasets, type LogDestination } from "./support/log-routes.js";

/** A container's protection: its own policy wins over the account's default (Azure's precedence). */
type Protection =
  | { kind: "policy"; level: "container" | "account"; state: string; days: number | undefined; ref?: EvidenceRef }
  | { kind: "none" }
  | { kind: "unknown"; failure: { error: CallError; file: string | undefined; pointer: string | undefined } };

function days(policy: PolicyProperties): number | undefined {
  const value = policy.immutabilityPeriodSinceCreationInDays;
  return value === null || value === undefined ? undefined : Number(value);
}

function accountPolicy(account: StorageAccount): Protection {
  const versioning = account.properties.immutableStorageWithVersioning;
  const policy = versioning?.immutabilityPolicy;
  if (versioning?.enabled !== true || !policy?.state || policy.state.toLowerCase() === "disabled") return { kind: "none" };
  return { kind: "policy", level: "account", state: policy.state, days: days(policy) };
}

function protectionOf(evidence: EvidenceReader, container: BlobContainer, account: StorageAccount): Protection {
  if (container.properties.hasImmutabilityPolicy !== false) {
    const read = evidence.read(immutabilityPoliciesDataset, container.id);
    if (!read.ok) return { kind: "unknown", failure: read };
    const policy = read.items[0];
    if (policy?.value.properties.state)
      return { kind: "policy", level: "container", state: policy.value.properties.state, days: days(policy.value.properties), ref: policy.ref };
  }
  return accountPolicy(account);
}

/** What is wrong with a protection, or undefined when it is a locked policy long enough. */
function shortfall(name: string, protection: Protection, settings: CheckSettings): string | undefined {
  if (protection.kind === "none") return `${name} has no immutability policy, so its logs can be deleted`;
  if (protection.kind !== "policy") return undefined;
  const period = protection.days === undefined ? "an unreported period" : `${protection.days} days`;
  const state = protection.state.toLowerCase();
  const whose = protection.level === "account" ? "the account's" : /^[aeiou]/.test(state) ? "an" : "a";
  if (state !== "locked") return `${name} has ${whose} ${state} policy of ${period}, which can be shortened or deleted`;
  if (protection.days === undefined || protection.days < settings.auditLogRetentionDays)
    return `${name} is locked for ${period} (${settings.auditLogRetentionDays} configured)`;
  return undefined;
}

export const check = defineCheck({
  id: "log-archive-immutability-locked",
  title: "Storage accounts that receive exported logs keep them under a locked immutability policy for the configured period",
  severity: "medium",
  requires: [storageAccountsDataset, logContainersDataset],
  alsoReads: [immutabilityPoliciesDataset, ...logSourceDatasets.map(({ dataset }) => dataset)],
  rationale:
    "Logs in an ordinary storage account can be deleted or rewritten by anyone with write access, including an intruder covering their tracks; only a locked time-based immutability policy (write once, read many) guarantees the audit trail survives for the period, and an unlocked one can still be removed.",
  remediation: {
    text: "Put a time-based retention policy of at least the configured period on each insights-* container (or a version-level policy on the account), and lock it once verified.",
    portal:
      "Storage accounts > (account) > Containers > (insights-* container) > More > Access policy > Immutable blob storage > Add policy (Time-based retention); then More > Lock policy",
    source: "https://learn.microsoft.com/azure/storage/blobs/immutable-policy-configure-container-scope",
  },
  evaluate({ evidence, subscriptions, settings }) {
    const archives = logDestinations(evidence, subscriptions).filter(({ destination }) => destination.kind === "storage");
    const inScope = new Set(subscriptions.map((subscription) => subscription.subscriptionId.toLowerCase()));
    return [
      ...subscriptions.flatMap((subscription): CheckOutcome[] => {
        const listing = readAll(evidence, subscription.scope, { accounts: storageAccountsDataset });
        if (!listing.ok) {
          return [
            notEvaluated(
              subscriptionSubject(subscription),
              `Immutability of the log archives of subscription ${subscription.displayName}`,
              listing.dataset,
              listing.failure,
            ),
          ];
        }
        // Storage accounts of this subscription that settings send logs to, with the sources that send them.
        const named = new Map(
          archives
            .filter(({ subscriptionId }) => subscriptionId === subscription.subscriptionId.toLowerCase())
            .map((entry) => [entry.destination.id.toLowerCase(), entry]),
        );
        const outcomes: CheckOutcome[] = [];
        for (const { value: account, ref } of listing.data.accounts) {
          const subject = { resourceId: account.id, resourceName: account.name };
          const sources = named.get(account.id.toLowerCase())?.sources;
          named.delete(account.id.toLowerCase());
          const containers = evidence.read(logContainersDataset, account.id);
          if (!containers.ok) {
            if (sources) outcomes.push(notEvaluated(subject, `Immutability of the logs in storage account ${account.name}`, logContainersDataset, containers));
            continue;
          }
          if (!sources && containers.items.length === 0) continue;
          outcomes.push(
            archiveOutcome(evidence, settings, {
              account,
              ref,
              subscriptionName: subscription.displayName,
              sources: [...(sources ?? [])],
              containers: containers.items,
              file: containers.file,
            }),
          );
        }
        // Destinations named by a setting but absent from the subscription's listing.
        for (const { destination, sources } of named.values()) {
          const name = resourceName(destination.id);
          outcomes.push({
            status: "error",
            resourceId: destination.id,
            resourceName: name,
            message: `Storage account ${name}, which receives logs from ${inWords([...sources])}, is not in the storage accounts listed for subscription ${subscription.displayName}, so its immutability could not be examined.`,
            evidence: [{ file: listing.sources.accounts.file, pointer: "/value" }],
            error: {
              call: listing.sources.accounts.calls[0] ?? listing.sources.accounts.file,
              status: 200,
              message: `${destination.id} is not in the listing`,
              reason: "incomplete-data",
            },
          });
        }
        if (outcomes.length === 0) {
          return [
            {
              status: "not_applicable",
              ...subscriptionSubject(subscription),
              message: `No storage account in subscription ${subscription.displayName} receives exported logs.`,
              evidence: [{ file: listing.sources.accounts.file, pointer: "/value" }],
            },
          ];
        }
        return outcomes;
      }),
      ...archives.filter(({ subscriptionId }) => subscriptionId === undefined || !inScope.has(subscriptionId)).map(outsideScope),
    ];
  },
});

/** A log archive in a subscription the run does not cover: named, but its containers were never read. */
function outsideScope({ destination, sources, refs }: LogDestination): CheckOutcome {
  const name = resourceName(destination.id);
  return {
    status: "error",
    resourceId: destination.id,
    resourceName: name,
    message: `Storage account ${name}, which receives logs from ${inWords([...sources])}, is outside the subscriptions in scope, so its immutability was not examined.`,
    evidence: refs,
    error: { call: `(storage account ${destination.id})`, status: 0, message: "the account's subscription is not in the run's scope", reason: "not-collected" },
  };
}

function archiveOutcome(
  evidence: EvidenceReader,
  settings: CheckSettings,
  input: { account: StorageAccount; ref: EvidenceRef; subscriptionName: string; sources: string[]; containers: Located<BlobContainer>[]; file: string },
): CheckOutcome {
  const { account } = input;
  const subject = { resourceId: account.id, resourceName: account.name };
  const label = `Storage account ${account.name} in subscription ${input.subscriptionName}`;
  const from = input.sources.length > 0 ? `, which receives logs from ${inWords(input.sources)},` : "";
  const refs: EvidenceRef[] = [
    input.ref,
    ...(input.containers.length ? input.containers.map((container) => container.ref) : [{ file: input.file, pointer: "/value" }]),
  ];
  if (input.containers.length === 0) {
    const problem = shortfall("a future log container", accountPolicy(account), settings);
    if (problem) return { status: "fail", ...subject, message: `${label}${from} holds no log container yet, and ${problem}.`, evidence: refs };
    return {
      status: "pass",
      ...subject,
      message: `${label}${from} holds no log container yet; the account's locked immutability policy will protect the logs it receives.`,
      evidence: refs,
    };
  }
  const problems: string[] = [];
  const protectedOnes: string[] = [];
  for (const { value: container } of input.containers) {
    const protection = protectionOf(evidence, container, account);
    if (protection.kind === "unknown")
      return notEvaluated(
        subject,
        `Immutability of log container ${container.name} in storage account ${account.name}`,
        immutabilityPoliciesDataset,
        protection.failure,
      );
    if (protection.kind === "policy" && protection.ref) refs.push(protection.ref);
    const problem = shortfall(container.name, protection, settings);
    if (problem) problems.push(problem);
    else if (protection.kind === "policy")
      protectedOnes.push(`${container.name} (${protection.days} days${protection.level === "account" ? ", account policy" : ""})`);
  }
  if (problems.length > 0)
    return { status: "fail", ...subject, message: `${label}${from} does not keep its logs immutable: ${problems.join("; ")}.`, evidence: refs };
  return {
    status: "pass",
    ...subject,
    message: `${label}${from} keeps its exported logs under locked immutability policies: ${protectedOnes.join(", ")}.`,
    evidence: refs,
  };
}
