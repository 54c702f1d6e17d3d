import { queryRows } from "../datasets/log-query-rows.js";
import { entraDiagnosticSettingsDataset, signInArrivalDataset, signInWorkspaceDataset, signInWorkspaces } from "../datasets/entra-sign-ins.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { tenantScope, tenantSubject, type Failure } from "./support/entra-identity.js";

/** Sign-in records stream in within minutes; two days without one means the export stopped. */
const freshHours = 48;

export const check = defineCheck({
  id: "entra-sign-in-logs-exported",
  title: "Entra ID sign-in logs reach a Log Analytics workspace, and recent records are there",
  severity: "high",
  requires: [signInArrivalDataset],
  alsoReads: [entraDiagnosticSettingsDataset, signInWorkspaceDataset],
  rationale:
    "Entra ID keeps sign-in logs for 30 days at most; monitoring log-in attempts and keeping the record needs them exported, and only records in the workspace prove the export works.",
  remediation: {
    text: "Send SignInLogs (and NonInteractiveUserSignInLogs) to a Log Analytics workspace with a Microsoft Entra diagnostic setting, and alert when their ingestion stops.",
    portal: "Microsoft Entra admin center > Identity > Monitoring & health > Diagnostic settings > Add diagnostic setting > Send to Log Analytics workspace",
    source: "https://learn.microsoft.com/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs",
  },
  evaluate({ evidence, tenantId, collectedAt }) {
    const subject = tenantSubject(tenantId);
    const what = "Export of Entra ID sign-in logs";
    const settings = evidence.read(entraDiagnosticSettingsDataset, tenantScope(tenantId));
    const workspaces = evidence.scopesOf(signInArrivalDataset);
    const gaps: Failure[] = [];
    const stale: string[] = [];
    const refs: EvidenceRef[] = [];
    for (const workspace of workspaces) {
      const name = workspace.split("/").pop() ?? workspace;
      const arrival = evidence.read(signInArrivalDataset, workspace);
      if (!arrival.ok) {
        gaps.push({ dataset: signInArrivalDataset, scope: workspace, failure: arrival });
        continue;
      }
      const row = arrival.items[0] ? queryRows(arrival.items[0].value)[0] : undefined;
      const newest = typeof row?.newest === "string" ? new Date(row.newest) : undefined;
      const ref = arrival.items[0]?.ref ?? { file: arrival.file, pointer: "/value" };
      refs.push(ref);
      if (newest && collectedAt.getTime() - newest.getTime() <= freshHours * 3600 * 1000) {
        const oldest = typeof row?.oldest === "string" ? ` and the oldest of the last 30 days ${new Date(row.oldest).toISOString()}` : "";
        const fromSettings =
          settings.ok && signInWorkspaces(settings.items.map(({ value }) => value)).some((id) => id.toLowerCase() === workspace.toLowerCase());
        return [
          {
            status: "pass",
            ...subject,
            message: `Entra ID sign-in logs reach workspace ${name}${fromSettings ? " through an Entra ID diagnostic setting" : " (named in the configuration)"}: ${String(row?.signIns ?? "an unreported number of")} sign-in records in the last 30 days, the newest ${newest.toISOString()}${oldest}.`,
            evidence: [ref, ...(settings.ok ? settings.items.map((item) => item.ref) : [])],
          },
        ];
      }
      stale.push(
        newest
          ? `workspace ${name} holds no sign-in record newer than ${newest.toISOString()}`
          : `workspace ${name} holds no sign-in record in the last 30 days`,
      );
    }
    const gap = gaps[0];
    if (gap) return [notEvaluated(subject, what, gap.dataset, gap.failure)];
    if (stale.length > 0) return [{ status: "fail", ...subject, message: `Entra ID sign-in logs are not arriving: ${stale.join("; ")}.`, evidence: refs }];
    if (!settings.ok) return [notEvaluated(subject, `${what} (no workspace is named in the configuration either)`, entraDiagnosticSettingsDataset, settings)];
    const outcome: CheckOutcome = {
      status: "fail",
      ...subject,
      message: `No Entra ID diagnostic setting sends SignInLogs to a Log Analytics workspace (${settings.items.length} setting(s) examined), so sign-ins are kept only as long as Entra ID keeps them (30 days at most).`,
      evidence: settings.items.length ? settings.items.map((item) => item.ref) : [{ file: settings.file, pointer: "/value" }],
    };
    return [outcome];
  },
});
