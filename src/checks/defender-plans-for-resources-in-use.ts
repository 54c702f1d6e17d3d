import { pricingsDataset, resourcesDataset } from "../datasets/defender.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { planFor, uploadScanning } from "./support/defender.js";

export const check = defineCheck({
  id: "defender-plans-for-resources-in-use",
  title: "A Defender for Cloud plan is on for every kind of resource the subscription holds",
  severity: "high",
  requires: [resourcesDataset, pricingsDataset],
  rationale:
    "Defender plans bring malware scanning, threat detection and vulnerability assessment to the resources that hold or process ePHI; a plan left off for a resource type in use leaves those resources unwatched. Azure Arc machines are covered by the servers plan and SQL Server on virtual machines by its own; for storage the finding says whether uploads are scanned for malware, which only the DefenderForStorageV2 plan's on-upload scanning does (https://learn.microsoft.com/azure/defender-for-cloud/tutorial-enable-storage-plan).",
  remediation: {
    text: "Turn on the Defender plan (Standard tier) for each resource type listed, or document which other control protects those resources.",
    portal: "Microsoft Defender for Cloud > Environment settings > (subscription) > turn the plan On (or Enable all) > Save",
    source: "https://learn.microsoft.com/azure/defender-for-cloud/connect-azure-subscription",
  },
  evaluate({ evidence, subscriptions }) {
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const what = `Defender plan coverage in subscription ${subscription.displayName}`;
      const read = readAll(evidence, subscription.scope, { resources: resourcesDataset, pricings: pricingsDataset });
      if (!read.ok) return notEvaluated(subject, what, read.dataset, read.failure);
      const inUse = new Map<string, number>();
      for (const { value } of read.data.resources) {
        const plan = planFor[value.type.toLowerCase()];
        if (plan) inUse.set(plan, (inUse.get(plan) ?? 0) + 1);
      }
      const tiers = new Map(read.data.pricings.map(({ value, ref }) => [value.name.toLowerCase(), { tier: value.properties.pricingTier, ref }]));
      const off = [...inUse].filter(([plan]) => tiers.get(plan.toLowerCase())?.tier !== "Standard").sort(([a], [b]) => a.localeCompare(b));
      const describe = ([plan, count]: [string, number]) => `${plan} (${count} resource(s); plan ${tiers.get(plan.toLowerCase())?.tier ?? "not listed"})`;
      const refs = [
        { file: read.sources.resources.file, pointer: "/value" },
        ...off.map(([plan]) => tiers.get(plan.toLowerCase())?.ref ?? { file: read.sources.pricings.file, pointer: "/value" }),
      ];
      if (off.length > 0) {
        return {
          status: "fail",
          ...subject,
          message: `Subscription ${subscription.displayName} holds resources whose Defender plan is off: ${off.map(describe).join("; ")}.`,
          evidence: refs,
        };
      }
      // Whether a storage plan scans uploads for malware is said, never assumed: without it the plan is no proof for malicious software.
      const storagePlan = read.data.pricings.find(({ value }) => value.name === "StorageAccounts")?.value;
      const scanning = (plan: string) => {
        if (plan !== "StorageAccounts") return "";
        const verdict = uploadScanning(storagePlan, { properties: { overrideSubscriptionLevelSettings: false } });
        return verdict.scanned === true ? "; uploads scanned for malware" : `; uploads not shown to be scanned for malware: ${verdict.why}`;
      };
      const covered = [...inUse]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([plan, count]) => `${plan} (${count}${scanning(plan)})`)
        .join(", ");
      return {
        status: "pass",
        ...subject,
        message: covered
          ? `Every resource type in subscription ${subscription.displayName} that a Defender plan protects has its plan on: ${covered}.`
          : `Subscription ${subscription.displayName} holds no resource type that a Defender plan protects (${read.data.resources.length} resources examined).`,
        evidence: [
          { file: read.sources.resources.file, pointer: "/value" },
          { file: read.sources.pricings.file, pointer: "/value" },
        ],
      };
    });
  },
});
