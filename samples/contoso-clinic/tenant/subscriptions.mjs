// The subscriptions the collector can see: Clinic-Prod and Clinic-Dev.
import { dev, prod, tenantId } from "./clinic.mjs";
import { arm } from "./recording.mjs";

// Shape: arm-subscriptions-list.json
function subscription({ id, name }) {
  return {
    id: `/subscriptions/${id}`,
    subscriptionId: id,
    tenantId,
    displayName: name,
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
    authorizationSource: "RoleBased",
    managedByTenants: [],
    // Where ePHI lives is marked on resource groups (inventory.mjs), not on the subscriptions.
    tags: { environment: name === "Clinic-Prod" ? "production" : "development" },
  };
}

export function recordSubscriptions({ record }) {
  record("GET", `${arm}/subscriptions?api-version=2022-12-01`, 200, { value: [subscription(prod), subscription(dev)] });
}
