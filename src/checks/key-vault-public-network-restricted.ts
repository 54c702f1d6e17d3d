import { vaultsDataset } from "../datasets/key-vault.js";
import { defineCheck } from "./check.js";
import { forEachVault, vaultLabel, vaultSubject } from "./support/key-vault.js";

/** IP rules that open the firewall to the whole Internet despite a Deny default. */
const openToInternet = new Set(["0.0.0.0/0", "0.0.0.0", "*"]);

export const check = defineCheck({
  id: "key-vault-public-network-restricted",
  title: "Key Vaults are not reachable from every public network",
  severity: "medium",
  requires: [vaultsDataset],
  rationale:
    "A vault holding keys that protect ePHI should be reachable only from known networks; an open endpoint leaves identity as the only barrier against stolen credentials.",
  remediation: {
    text: "Disable public network access and reach the vault through a private endpoint, or allow only named virtual networks, IP ranges and trusted Microsoft services and then set the firewall's default action to Deny.",
    portal: "Key vaults > (vault) > Networking > Firewalls and virtual networks > Allow access from: Selected networks",
    source: "https://learn.microsoft.com/azure/key-vault/general/how-to-azure-key-vault-network-security",
    command: "az keyvault update --resource-group {resourceGroup} --name {name} --default-action Deny",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachVault(evidence, subscriptions, "Public network exposure", ({ value: vault, ref }, subscription, source) => {
      const { publicNetworkAccess, networkAcls } = vault.properties;
      const label = vaultLabel(vault, subscription);
      const base = { ...vaultSubject(vault), evidence: [ref] };
      if (publicNetworkAccess === "Disabled") {
        return { status: "pass", ...base, message: `${label} has public network access disabled.` };
      }
      // Values this check does not know (SecuredByPerimeter, ...) hand control elsewhere: no verdict.
      if (publicNetworkAccess !== undefined && publicNetworkAccess !== null && publicNetworkAccess !== "Enabled") {
        return {
          status: "error",
          ...base,
          message: `${label} reports public network access "${publicNetworkAccess}", a setting this check cannot evaluate.`,
          error: {
            call: source.calls[0] ?? source.file,
            status: 200,
            message: `unrecognised publicNetworkAccess value ${publicNetworkAccess}`,
            reason: "incomplete-data",
          },
        };
      }
      const ipRules = (networkAcls?.ipRules ?? []).map((rule) => rule.value);
      const networks = networkAcls?.virtualNetworkRules?.length ?? 0;
      if (networkAcls?.defaultAction === "Deny") {
        const open = ipRules.filter((rule) => openToInternet.has(rule));
        if (open.length > 0) {
          return {
            status: "fail",
            ...base,
            message: `${label} denies public traffic by default but its firewall allows ${open.join(", ")}, which is every address.`,
          };
        }
        return {
          status: "pass",
          ...base,
          message: `${label} accepts public traffic only from ${ipRules.length} IP rule(s) and ${networks} virtual network rule(s) (firewall default action Deny).`,
        };
      }
      const access = publicNetworkAccess ? `public network access ${publicNetworkAccess}` : "public network access not set";
      const firewall = networkAcls?.defaultAction ? `firewall default action ${networkAcls.defaultAction}` : "no firewall rules (networkAcls absent)";
      return { status: "fail", ...base, message: `${label} is reachable from all networks (${access}, ${firewall}).` };
    });
  },
});
