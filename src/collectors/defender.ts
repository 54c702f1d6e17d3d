import {
  autoProvisioningDataset,
  complianceStandardsDataset,
  pricingsDataset,
  ResourceSchema,
  resourcesDataset,
  secureScoresDataset,
  securityAlertsDataset,
  securityContactsDataset,
  storageSettingsDataset,
} from "../datasets/defender.js";
import { armGet, armList, defineCollector } from "./collector.js";

/**
 * Microsoft Defender for Cloud per subscription: plans, security contacts, alerts, the resources the
 * plans are set against, the secure score, regulatory compliance standards and auto-provisioning.
 * The installed arm-security reads pricings and contacts at outdated api-versions (contacts with an
 * obsolete schema), so every call goes through an SDK pipeline at the current version.
 */

export const defenderCollector = defineCollector({
  id: "defender",
  title: "Microsoft Defender for Cloud",
  datasets: [
    resourcesDataset,
    pricingsDataset,
    securityContactsDataset,
    securityAlertsDataset,
    secureScoresDataset,
    complianceStandardsDataset,
    autoProvisioningDataset,
    storageSettingsDataset,
  ],
  async collect(context) {
    for (const subscription of context.subscriptions) {
      context.progress.step(`defender: plans, contacts, alerts, secure score and compliance in ${subscription.displayName}`);
      const list = (path: string) => () => armList(context.access, subscription.subscriptionId, `${subscription.scope}${path}`);
      const resources = await context.collect({ dataset: resourcesDataset, scope: subscription.scope, fetch: list("/resources?api-version=2021-04-01") });
      // One list per Defender dataset, each at the api-version its schema was written for, in this order.
      const defenderLists = [
        [pricingsDataset, "/providers/Microsoft.Security/pricings?api-version=2024-01-01"],
        [securityContactsDataset, "/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview"],
        [securityAlertsDataset, "/providers/Microsoft.Security/alerts?api-version=2022-01-01"],
        [secureScoresDataset, "/providers/Microsoft.Security/secureScores?api-version=2020-01-01"],
        [complianceStandardsDataset, "/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview"],
        [autoProvisioningDataset, "/providers/Microsoft.Security/autoProvisioningSettings?api-version=2017-08-01-preview"],
      ] as const;
      for (const [dataset, path] of defenderLists) await context.collect({ dataset, scope: subscription.scope, fetch: list(path) });
      // A storage account may override its subscription's Defender for Storage plan (on, off, or
      // without on-upload malware scanning): each account's own settings are read.
      const accounts =
        resources.status === "ok"
          ? resources.value.map((item) => ResourceSchema.parse(item)).filter((resource) => resource.type.toLowerCase() === "microsoft.storage/storageaccounts")
          : [];
      for (const account of accounts) {
        await context.collect({
          dataset: storageSettingsDataset,
          scope: account.id,
          fetch: async () => [
            await armGet(
              context.access,
              subscription.subscriptionId,
              `${account.id}/providers/Microsoft.Security/defenderForStorageSettings/current?api-version=2022-12-01-preview`,
            ),
          ],
        });
      }
    }
  },
});
