import { vaultDiagnosticSettingsDataset, vaultsDataset } from "../datasets/key-vault.js";
import type { LogSelection } from "../datasets/diagnostic-settings.js";
import { defineCheck, notEvaluated } from "./check.js";
import { describeDestination, destinationsOf, inWords } from "./support/diagnostic-settings.js";
import { forEachVault, vaultLabel, vaultSubject } from "./support/key-vault.js";

/**
 * Log selections that include Key Vault's AuditEvent category: by name, or through the "audit" or
 * "allLogs" group (AuditEvent is Key Vault's audit category; its only other category is policy
 * evaluation details).
 */
function logsAudit(log: LogSelection): boolean {
  return log.enabled && (log.category === "AuditEvent" || log.categoryGroup === "audit" || log.categoryGroup === "allLogs");
}

export const check = defineCheck({
  id: "key-vault-audit-logging",
  title: "Key Vaults send their audit logs to a destination",
  severity: "high",
  requires: [vaultsDataset, vaultDiagnosticSettingsDataset],
  rationale:
    "Key Vault records who read or used each key and secret only in its AuditEvent logs, and only when a diagnostic setting sends them somewhere; without it there is no record of access to the keys protecting ePHI.",
  remediation: {
    text: "Add a diagnostic setting to the vault that sends the audit category group (or AuditEvent) to a Log Analytics workspace or an immutable storage account.",
    portal: "Key vaults > (vault) > Diagnostic settings > Add diagnostic setting > Category groups: audit",
    source: "https://learn.microsoft.com/azure/key-vault/general/howto-logging",
  },
  evaluate({ evidence, subscriptions }) {
    return forEachVault(evidence, subscriptions, "Audit logging", ({ value: vault, ref }, subscription) => {
      const label = vaultLabel(vault, subscription);
      const settings = evidence.read(vaultDiagnosticSettingsDataset, vault.id);
      if (!settings.ok) return notEvaluated(vaultSubject(vault), `Audit logging of ${label}`, vaultDiagnosticSettingsDataset, settings);
      const sending = settings.items.filter(({ value }) => destinationsOf(value).length > 0 && (value.properties.logs ?? []).some(logsAudit));
      const base = { ...vaultSubject(vault) };
      const first = sending[0];
      if (first) {
        return {
          status: "pass",
          ...base,
          message: `${label} sends its audit logs to ${inWords(destinationsOf(first.value).map(describeDestination))} through diagnostic setting "${first.value.name}".`,
          evidence: [ref, first.ref],
        };
      }
      const observed =
        settings.items.length === 0
          ? "has no diagnostic setting, so its audit logs are not kept"
          : `has ${settings.items.length} diagnostic setting(s), none of which sends AuditEvent or the audit category group to a destination`;
      return {
        status: "fail",
        ...base,
        message: `${label} ${observed}.`,
        evidence: [ref, ...(settings.items.length > 0 ? settings.items.map((item) => item.ref) : [{ file: settings.file, pointer: "/value" }])],
      };
    });
  },
});
