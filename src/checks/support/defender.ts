/** Resource types and the Defender plan that protects them (plan names as the pricings API gives them). */
export const planFor: Readonly<Record<string, string>> = {
  "microsoft.compute/virtualmachines": "VirtualMachines",
  "microsoft.compute/virtualmachinescalesets": "VirtualMachines",
  // Azure Arc-enabled servers are protected by Defender for Servers, like Azure VMs.
  "microsoft.hybridcompute/machines": "VirtualMachines",
  // SQL Server on a virtual machine (the SQL IaaS extension's resource) has a plan of its own.
  "microsoft.sqlvirtualmachine/sqlvirtualmachines": "SqlServerVirtualMachines",
  "microsoft.storage/storageaccounts": "StorageAccounts",
  "microsoft.sql/servers": "SqlServers",
  "microsoft.sql/managedinstances": "SqlServers",
  "microsoft.keyvault/vaults": "KeyVaults",
  "microsoft.web/sites": "AppServices",
  "microsoft.containerservice/managedclusters": "Containers",
  "microsoft.containerregistry/registries": "Containers",
  "microsoft.documentdb/databaseaccounts": "CosmosDbs",
  "microsoft.dbforpostgresql/flexibleservers": "OpenSourceRelationalDatabases",
  "microsoft.dbformysql/flexibleservers": "OpenSourceRelationalDatabases",
};

/** Defender's standards for the healthcare rule are named after it (e.g. "HIPAA-HITRUST-9-2", "HITRUST-CSF-v11.3"). */
export const healthcareStandardName = /hipaa|hitrust/i;

/** Whether uploads to a storage account are scanned for malware, and why (not). */
export type UploadScanning = { scanned: true; how: string } | { scanned: false; why: string } | { scanned: undefined; why: string };

const enabled = (value: string | boolean | null | undefined): boolean | undefined =>
  value === true || (typeof value === "string" && value.toLowerCase() === "true")
    ? true
    : value === false || (typeof value === "string" && value.toLowerCase() === "false")
      ? false
      : undefined;

/**
 * On-upload malware scanning of one storage account: its own Defender for Storage settings when it
 * overrides the subscription, else the subscription's StorageAccounts plan, which scans uploads
 * only as DefenderForStorageV2 with the OnUploadMalwareScanning extension on. `account` is
 * undefined when the account's settings could not be read (whether it overrides is then unknown).
 */
export function uploadScanning(
  plan:
    | {
        properties: {
          pricingTier: string;
          subPlan?: string | null | undefined;
          extensions?: readonly { name: string; isEnabled?: string | boolean | null | undefined }[] | null | undefined;
        };
      }
    | undefined,
  account:
    | {
        properties: {
          isEnabled?: boolean | null | undefined;
          overrideSubscriptionLevelSettings?: boolean | null | undefined;
          malwareScanning?: { onUpload?: { isEnabled?: boolean | null | undefined } | null | undefined } | null | undefined;
        };
      }
    | undefined,
): UploadScanning {
  if (account?.properties.overrideSubscriptionLevelSettings === true) {
    if (account.properties.isEnabled === false) return { scanned: false, why: "Defender for Storage is off on the account, which overrides its subscription" };
    const onUpload = account.properties.malwareScanning?.onUpload?.isEnabled;
    if (account.properties.isEnabled === true && onUpload === true) return { scanned: true, how: "the account's own settings scan uploads for malware" };
    if (onUpload === false) return { scanned: false, why: "the account overrides its subscription without on-upload malware scanning" };
    return { scanned: undefined, why: "the account overrides its subscription, but its settings do not say whether uploads are scanned" };
  }
  // Without the account's own settings, whether it overrides the plan (either way) is unknown.
  if (account === undefined)
    return { scanned: undefined, why: "the account's Defender for Storage settings are empty, so whether it overrides its subscription's plan cannot be told" };
  if (plan?.properties.pricingTier !== "Standard")
    return { scanned: false, why: `the subscription's Defender for Storage plan is ${plan ? `off (${plan.properties.pricingTier})` : "not listed"}` };
  if (plan.properties.subPlan !== "DefenderForStorageV2")
    return {
      scanned: false,
      why: `the subscription's plan ${plan.properties.subPlan ?? "(no sub-plan: the classic per-transaction plan)"} has no on-upload malware scanning`,
    };
  const extension = (plan.properties.extensions ?? []).find((candidate) => candidate.name === "OnUploadMalwareScanning");
  const on = enabled(extension?.isEnabled);
  if (on === true) return { scanned: true, how: "the subscription's Defender for Storage plan scans uploads for malware" };
  if (on === false) return { scanned: false, why: "the subscription's Defender for Storage plan has on-upload malware scanning off" };
  return { scanned: undefined, why: "the subscription's Defender for Storage plan does not say whether on-upload malware scanning is on" };
}
