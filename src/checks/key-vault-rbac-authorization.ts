import { vaultsDataset } from "../datasets/key-vault.js";
import { defineCheck } from "./check.js";
import { forEachVault, vaultLabel, vaultSubject } from "./support/key-vault.js";

export const check = defineCheck({
  id: "key-vault-rbac-authorization",
  title: "Key Vaults authorise data access with Azure RBAC, not vault access policies",
  severity: "medium",
  requires: [vaultsDataset],
  rationale:
    "With Azure RBAC, access to keys and secrets is granted, reviewed and made just-in-time (PIM) like every other Azure access; vault access policies sit outside those controls and any vault Contributor can grant themselves access.",
  remediation: {
    text: "Assign the Key Vault built-in roles that match the vault's access policies, check that they took effect, then switch its permission model to Azure role-based access control (enableRbacAuthorization true), which stops the access policies from applying.",
    portal: "Key vaults > (vault) > Access control (IAM) for the role assignments; then the vault's permission model: Azure role-based access control",
    source: "https://learn.microsoft.com/azure/key-vault/general/rbac-migration",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachVault(evidence, subscriptions, "The authorisation model", ({ value: vault, ref }, subscription, source) => {
      const label = vaultLabel(vault, subscription);
      const base = { ...vaultSubject(vault), evidence: [ref] };
      const mode = vault.properties.enableRbacAuthorization;
      if (mode === true) {
        return { status: "pass", ...base, message: `${label} authorises data-plane access with Azure RBAC (enableRbacAuthorization true).` };
      }
      if (mode === false) {
        const policies = vault.properties.accessPolicies?.length ?? 0;
        return {
          status: "fail",
          ...base,
          message: `${label} authorises data-plane access with vault access policies (enableRbacAuthorization false, ${policies} access polic${policies === 1 ? "y" : "ies"}).`,
        };
      }
      // The default for an absent value changed with api-version 2026-02-01; guessing would be a verdict without evidence.
      return {
        status: "error",
        ...base,
        message: `${label} does not report enableRbacAuthorization, so its authorisation model cannot be determined from the response.`,
        error: {
          call: source.calls[0] ?? source.file,
          status: 200,
          message: "enableRbacAuthorization absent from the vault's properties",
          reason: "incomplete-data",
        },
      };
    });
  },
});
