// Storage: the accounts of each subscription, the diagnostic settings of their blob services, and
// the log containers ("insights-*") with their immutability policies.
// Clinic-Prod keeps scanned records in stclinicscans01 (blob reads, writes and deletes logged to the
// security workspace) and archives Key Vault audit events in stclinicauditarchive. Planted: the
// archive's log container is under an immutability policy that was never locked; stclinicexports01
// (finance's exports, in West US 2) logs nothing and carries no ePHI marking. Clinic-Dev holds none.
import { archiveStorage, dev, exportsStorage, prod, scansStorage, securityWorkspace } from "./clinic.mjs";
import { arm } from "./recording.mjs";
import { diagnosticSetting } from "./shared-payloads.mjs";

const storageApi = "2023-05-01";

// Shape: arm-storage-accounts-list.json
function storageAccount(id, { location = "eastus2", secondaryLocation = "centralus" } = {}) {
  const name = id.split("/").pop();
  return {
    id,
    kind: "StorageV2",
    location,
    name,
    properties: {
      creationTime: "2024-02-12T16:20:41.2145811Z",
      primaryEndpoints: {
        blob: `https://${name}.blob.core.windows.net/`,
        file: `https://${name}.file.core.windows.net/`,
        queue: `https://${name}.queue.core.windows.net/`,
        table: `https://${name}.table.core.windows.net/`,
      },
      primaryLocation: location,
      provisioningState: "Succeeded",
      encryption: { services: { file: { keyType: "Account", enabled: true }, blob: { keyType: "Account", enabled: true } }, keySource: "Microsoft.Storage" },
      secondaryLocation,
      statusOfPrimary: "available",
      statusOfSecondary: "available",
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
    },
    sku: { name: "Standard_GRS", tier: "Standard" },
    tags: {},
    type: "Microsoft.Storage/storageAccounts",
  };
}

const storageAnswers = {
  [prod.id]: [
    {
      account: storageAccount(scansStorage),
      blobSettings: (blob) => [
        diagnosticSetting(blob, "blob-access-to-security-workspace", { workspaceId: securityWorkspace }, [
          { category: "StorageRead", categoryGroup: null, enabled: true },
          { category: "StorageWrite", categoryGroup: null, enabled: true },
          { category: "StorageDelete", categoryGroup: null, enabled: true },
        ]),
      ],
      containers: [],
    },
    {
      account: storageAccount(archiveStorage),
      blobSettings: (blob) => [
        diagnosticSetting(blob, "archive-access-to-security-workspace", { workspaceId: securityWorkspace }, [
          { category: null, categoryGroup: "allLogs", enabled: true },
        ]),
      ],
      // Shape: arm-storage-blob-containers-list.json; the policy: arm-storage-immutability-policy-get.json
      containers: [
        { name: "insights-logs-auditevent", policy: { immutabilityPeriodSinceCreationInDays: 2192, allowProtectedAppendWrites: true, state: "Unlocked" } },
      ],
    },
    {
      account: storageAccount(exportsStorage, { location: "westus2", secondaryLocation: "westcentralus" }),
      blobSettings: () => [],
      containers: [],
    },
  ],
  [dev.id]: [],
};

export function recordStorage({ record }) {
  for (const subscriptionEntry of [prod, dev]) {
    const answers = storageAnswers[subscriptionEntry.id];
    record("GET", `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.Storage/storageAccounts?api-version=${storageApi}`, 200, {
      value: answers.map(({ account }) => account),
    });
    for (const { account, blobSettings, containers } of answers) {
      const blob = `${account.id}/blobServices/default`;
      record("GET", `${arm}${blob}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, { value: blobSettings(blob) });
      const listed = containers.map(({ name }) => ({
        id: `${blob}/containers/${name}`,
        name,
        type: "Microsoft.Storage/storageAccounts/blobServices/containers",
        etag: '"0x8DC5A2F4B1E7C3D"',
        properties: {
          publicAccess: "None",
          leaseStatus: "Unlocked",
          leaseState: "Available",
          lastModifiedTime: "2024-03-02T11:07:19Z",
          hasImmutabilityPolicy: true,
          hasLegalHold: false,
        },
      }));
      record("GET", `${arm}${blob}/containers?api-version=${storageApi}&$filter=insights-`, 200, { value: listed });
      for (const { name, policy } of containers) {
        record("GET", `${arm}${blob}/containers/${name}/immutabilityPolicies/default?api-version=${storageApi}`, 200, {
          id: `${blob}/containers/${name}/immutabilityPolicies/default`,
          name: "default",
          type: "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies",
          etag: '"8dc5a2f4b3d9e11"',
          properties: policy,
        });
      }
    }
  }
}
