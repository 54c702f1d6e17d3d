import { check } from "../../src/checks/entra-sign-in-logs-exported.js";
import * as signIns from "../../src/datasets/entra-sign-ins.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, signInWorkspace, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const archive = signInWorkspace.replace(/law-security$/, "law-archive");
const arrivalRow = (t: Tenant, workspace = signInWorkspace): unknown[] => (t.items(signIns.signInArrivalDataset, workspace)[0] as Raw).tables[0].rows[0];

/**
 * A second Entra ID diagnostic setting sending SignInLogs to the workspace law-archive, and what the
 * collector then reads there: the workspace and its arrival query (the good tenant's records).
 */
function archiveSetting(t: Tenant): void {
  const settings = t.items(signIns.entraDiagnosticSettingsDataset);
  settings.push({ ...structuredClone(settings[0]), id: "/providers/microsoft.aadiam/diagnosticSettings/to-law-archive", name: "to-law-archive" });
  settings[1]!.properties.workspaceId = archive;
  for (const dataset of [signIns.signInWorkspaceDataset, signIns.signInArrivalDataset]) {
    const record = t.records.find((candidate) => candidate.dataset === dataset.id && candidate.scope === signInWorkspace)!;
    t.records.push({ ...structuredClone(record), scope: archive, file: dataset.rawFile(archive) });
  }
}

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security through an Entra ID diagnostic setting: 420 sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "newest record older than 48 hours",
    change: (t: Tenant) => {
      (t.items(signIns.signInArrivalDataset, signInWorkspace)[0] as Raw).tables[0].rows[0][1] = "2026-11-15T10:00:00Z";
    },
    expected: [
      {
        status: "fail",
        message: "Entra ID sign-in logs are not arriving: workspace law-security holds no sign-in record newer than 2026-11-15T10:00:00.000Z.",
      },
    ],
  },
  {
    name: "no records in 30 days",
    change: (t: Tenant) => {
      (t.items(signIns.signInArrivalDataset, signInWorkspace)[0] as Raw).tables[0].rows[0] = [0, null, null];
    },
    expected: [{ status: "fail", message: "Entra ID sign-in logs are not arriving: workspace law-security holds no sign-in record in the last 30 days." }],
  },
  {
    name: "no workspace and no export",
    change: (t: Tenant) => {
      t.records.splice(
        0,
        t.records.length,
        ...t.records.filter((r) => !["entra-sign-ins/workspace", "entra-sign-ins/arrival", "entra-sign-ins/authentication"].includes(r.dataset)),
      );
      (t.items(signIns.entraDiagnosticSettingsDataset)[0] as Raw).properties.logs = [{ category: "AuditLogs", enabled: true }];
    },
    expected: [
      {
        status: "fail",
        message:
          "No Entra ID diagnostic setting sends SignInLogs to a Log Analytics workspace (1 setting(s) examined), so sign-ins are kept only as long as Entra ID keeps them (30 days at most).",
      },
    ],
  },
  {
    name: "no workspace, settings refused",
    change: (t: Tenant) => {
      t.records.splice(
        0,
        t.records.length,
        ...t.records.filter((r) => !["entra-sign-ins/workspace", "entra-sign-ins/arrival", "entra-sign-ins/authentication"].includes(r.dataset)),
      );
      t.fail(signIns.entraDiagnosticSettingsDataset, forbidden);
    },
    expected: [
      {
        status: "error",
        message:
          'Export of Entra ID sign-in logs (no workspace is named in the configuration either) could not be evaluated because the evidence "Entra ID diagnostic settings (where sign-in and audit logs are sent)" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
  {
    name: "settings refused, configured workspace fresh",
    change: (t: Tenant) => t.fail(signIns.entraDiagnosticSettingsDataset, forbidden),
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security (named in the configuration): 420 sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "partial query result",
    change: (t: Tenant) =>
      t.fail(signIns.signInArrivalDataset, {
        call: "POST https://api.loganalytics.io/v1/workspaces/b5e1c0de-0000-4000-8000-00000000000a/query",
        status: 200,
        message: "the query returned a partial result: PartialError",
        reason: "incomplete-data",
      }),
    expected: [
      {
        status: "error",
        message:
          'Export of Entra ID sign-in logs could not be evaluated because the evidence "Sign-in log records in the workspace (newest, oldest, count over 30 days)" is unavailable: POST https://api.loganalytics.io/v1/workspaces/b5e1c0de-0000-4000-8000-00000000000a/query returned HTTP 200 (the query returned a partial result: PartialError).',
      },
    ],
  },
  {
    name: "the newest record exactly 48 hours before collection is still arriving",
    change: (t: Tenant) => {
      (t.items(signIns.signInArrivalDataset, signInWorkspace)[0] as Raw).tables[0].rows[0][1] = "2026-11-18T14:03:00Z";
    },
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security through an Entra ID diagnostic setting: 420 sign-in records in the last 30 days, the newest 2026-11-18T14:03:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "the newest record a second older than 48 hours",
    change: (t: Tenant) => {
      (t.items(signIns.signInArrivalDataset, signInWorkspace)[0] as Raw).tables[0].rows[0][1] = "2026-11-18T14:02:59Z";
    },
    expected: [
      {
        status: "fail",
        message: "Entra ID sign-in logs are not arriving: workspace law-security holds no sign-in record newer than 2026-11-18T14:02:59.000Z.",
      },
    ],
  },
  {
    // Microsoft Learn, "Integrate Microsoft Entra logs with Azure Monitor logs": a diagnostic setting may send only some log categories.
    name: "the Entra ID diagnostic setting sends only audit logs, the configured workspace is fresh: the records came some other way, not through a setting",
    change: (t: Tenant) => {
      (t.items(signIns.entraDiagnosticSettingsDataset)[0] as Raw).properties.logs = [{ category: "AuditLogs", enabled: true }];
    },
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security (named in the configuration): 420 sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "the Entra ID diagnostic setting sends sign-ins to another workspace only, the configured workspace is fresh: named in the configuration, not reached through the setting",
    change: (t: Tenant) => {
      archiveSetting(t);
      t.items(signIns.entraDiagnosticSettingsDataset).splice(0, 1);
    },
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security (named in the configuration): 420 sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "a second Entra ID diagnostic setting sends sign-ins to another workspace as well: the fresh one is still reached through a setting",
    change: archiveSetting,
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security through an Entra ID diagnostic setting: 420 sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z and the oldest of the last 30 days 2026-10-21T14:10:00.000Z.",
      },
    ],
  },
  {
    name: "two workspaces receive sign-ins and neither has a record in 48 hours: both are named",
    change: (t: Tenant) => {
      archiveSetting(t);
      arrivalRow(t)[1] = "2026-11-15T10:00:00Z";
      arrivalRow(t, archive)[1] = "2026-11-10T10:00:00Z";
    },
    expected: [
      {
        status: "fail",
        message:
          "Entra ID sign-in logs are not arriving: workspace law-security holds no sign-in record newer than 2026-11-15T10:00:00.000Z; workspace law-archive holds no sign-in record newer than 2026-11-10T10:00:00.000Z.",
      },
    ],
  },
  {
    name: "no workspace, and Entra ID has no diagnostic setting at all",
    change: (t: Tenant) => {
      t.records.splice(
        0,
        t.records.length,
        ...t.records.filter((r) => !["entra-sign-ins/workspace", "entra-sign-ins/arrival", "entra-sign-ins/authentication"].includes(r.dataset)),
      );
      t.items(signIns.entraDiagnosticSettingsDataset).splice(0);
    },
    expected: [
      {
        status: "fail",
        message:
          "No Entra ID diagnostic setting sends SignInLogs to a Log Analytics workspace (0 setting(s) examined), so sign-ins are kept only as long as Entra ID keeps them (30 days at most).",
      },
    ],
  },
  {
    name: "fresh records without the oldest or the count",
    change: (t: Tenant) => {
      const row = (t.items(signIns.signInArrivalDataset, signInWorkspace)[0] as Raw).tables[0].rows[0];
      row[0] = null;
      row[2] = null;
    },
    expected: [
      {
        status: "pass",
        message:
          "Entra ID sign-in logs reach workspace law-security through an Entra ID diagnostic setting: an unreported number of sign-in records in the last 30 days, the newest 2026-11-20T13:40:00.000Z.",
      },
    ],
  },
]);
