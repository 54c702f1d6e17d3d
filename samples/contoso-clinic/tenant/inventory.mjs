// Resource groups and their tags, for the ePHI scope. The clinic marks where ePHI lives with the tag
// data-classification = ephi on its two EHR resource groups; its security logs and operations groups
// carry no marking, and the developers' sandbox is left out by a recorded exclusion (hipaa-evidence.yaml).
// Planted: rg-clinic-ops holds a storage account nobody has classified (stclinicexports01).
import { dev, prod } from "./clinic.mjs";
import { arm } from "./recording.mjs";

// Shape: arm-resource-groups-list.json
const resourceGroup = (subscriptionId, name, tags, location = "eastus2") => ({
  id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
  name,
  type: "Microsoft.Resources/resourceGroups",
  location,
  properties: { provisioningState: "Succeeded" },
  ...(tags ? { tags } : {}),
});

const groups = {
  [prod.id]: [
    resourceGroup(prod.id, "rg-ehr-app", { "data-classification": "ephi", owner: "ehr-team" }),
    resourceGroup(prod.id, "rg-ehr-data", { "data-classification": "ephi", owner: "ehr-team" }),
    resourceGroup(prod.id, "rg-security-logs", { owner: "security" }),
    resourceGroup(prod.id, "rg-clinic-ops"),
  ],
  [dev.id]: [resourceGroup(dev.id, "rg-dev-sandbox", { environment: "sandbox" })],
};

export function recordInventory({ record }) {
  for (const subscription of [prod, dev]) {
    record("GET", `${arm}/subscriptions/${subscription.id}/resourcegroups?api-version=2021-04-01`, 200, { value: groups[subscription.id] });
  }
}
