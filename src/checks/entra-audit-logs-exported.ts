import { entraDiagnosticSettingsDataset } from "../datasets/entra-sign-ins.js";
import { defineCheck, notEvaluated } from "./check.js";
import { describeDestination, destinationsOf, inWords, sendsCategory } from "./support/diagnostic-settings.js";
import { tenantScope, tenantSubject } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-audit-logs-exported",
  title: "Entra ID audit logs (changes to users, groups, roles, policies) are exported to a destination",
  severity: "medium",
  requires: [entraDiagnosticSettingsDataset],
  rationale:
    "The directory audit log records who granted roles, changed Conditional Access or reset credentials; Entra ID keeps it 30 days at most, so the record of access changes must be exported to be kept and reviewed.",
  remediation: {
    text: "Include AuditLogs in a Microsoft Entra diagnostic setting whose destination is a Log Analytics workspace or an immutable storage account.",
    portal: "Microsoft Entra admin center > Identity > Monitoring & health > Diagnostic settings > Add diagnostic setting (AuditLogs)",
    source: "https://learn.microsoft.com/entra/identity/monitoring-health/howto-configure-diagnostic-settings",
  },
  evaluate({ evidence, tenantId }) {
    const subject = tenantSubject(tenantId);
    const settings = evidence.read(entraDiagnosticSettingsDataset, tenantScope(tenantId));
    if (!settings.ok) return [notEvaluated(subject, "Export of Entra ID audit logs", entraDiagnosticSettingsDataset, settings)];
    for (const { value, ref } of settings.items) {
      if (sendsCategory(value, "AuditLogs")) {
        return [
          {
            status: "pass",
            ...subject,
            message: `Entra ID diagnostic setting "${value.name}" sends AuditLogs to ${inWords(destinationsOf(value).map(describeDestination))}.`,
            evidence: [ref],
          },
        ];
      }
    }
    return [
      {
        status: "fail",
        ...subject,
        message: `No Entra ID diagnostic setting sends AuditLogs to a destination (${settings.items.length} setting(s) examined), so directory changes are kept only as long as Entra ID keeps them (30 days at most).`,
        evidence: settings.items.length ? settings.items.map(({ ref }) => ref) : [{ file: settings.file, pointer: "/value" }],
      },
    ];
  },
});
