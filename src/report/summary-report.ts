import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Coverage, PrivilegedMfaVerdict } from "../model/assessment.js";
import type { Finding, FindingStatus } from "../model/findings.js";
import { attestationsSection } from "./attestations-section.js";
import { ephiSection } from "./ephi-section.js";
import { paragraphs } from "./narrative.js";
import { callout, findingStatusLabel, headerRow, pageFrame, requirementStatusLabel, statusCell, tableLayout, utc } from "./page-frame.js";
import type { ReportInput } from "./report-model.js";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";

export const summaryTitle = "Summary";

/** Failing findings shown in the summary; the rest are in the per-standard reports and findings.csv. */
const summaryFailLimit = 40;

function keyValueTable(rows: [string, string | Content][]): Content {
  return {
    table: {
      widths: [130, "*"],
      body: rows.map(([key, value]): TableCell[] => [{ text: key, bold: true, color: "#334e68" }, typeof value === "string" ? { text: value } : value]),
    },
    layout: tableLayout,
    style: "table",
  };
}

function identityLines(input: ReportInput): string {
  const { identity } = input.run;
  if (!identity) return "Not recorded: the identity could not be read from the credential's tokens or the recording.";
  const kind = { user: "User", servicePrincipal: "Service principal", managedIdentity: "Managed identity", unknown: "Identity" }[identity.kind];
  const lines = [
    `${kind} ${identity.displayName ?? ""}`.trim(),
    identity.objectId ? `Object id ${identity.objectId}` : "",
    identity.appId ? `Application id ${identity.appId}` : "",
  ];
  return lines.filter(Boolean).join("\n");
}

function permissionLines(input: ReportInput): string {
  const { identity } = input.run;
  const { identityAzureRoles } = input.assessment;
  const azure =
    identityAzureRoles.length > 0
      ? identityAzureRoles.map(({ role, scope }) => `Azure: ${role} at ${scope}`)
      : ["Azure: no role assignment of the collecting identity appears in the collected role assignments"];
  const graph = identity?.graphAppRoles?.length
    ? [`Microsoft Graph: ${identity.graphAppRoles.join(", ")}`]
    : ["Microsoft Graph: application permissions not recorded (delegated sign-in, or a replay of a recording without them)"];
  return [...azure, ...graph].join("\n");
}

function countBy(findings: readonly Finding[], status: Finding["status"]): number {
  return findings.filter((finding) => finding.status === status).length;
}

const verdictLabel: Record<PrivilegedMfaVerdict, { text: string; status: "pass" | "fail" | "error" }> = {
  enforced: { text: "Enforced", status: "pass" },
  "enforced by security defaults": { text: "Enforced (security defaults)", status: "pass" },
  "emergency access": { text: "Emergency access", status: "pass" },
  conditional: { text: "Only under conditions", status: "fail" },
  "not-enforced": { text: "Not enforced", status: "fail" },
  unknown: { text: "Unknown", status: "error" },
};

/** Most severe first, for the summary's list of failing findings. */
const severityOrder: Finding["severity"][] = ["critical", "high", "medium", "low"];

/** Graph's method names (userRegistrationDetails.methodsRegistered), as an auditor reads them. */
const methodNames: Record<string, string> = {
  fido2: "FIDO2 security key",
  windowsHelloForBusiness: "Windows Hello for Business",
  microsoftAuthenticatorPush: "Authenticator (push)",
  microsoftAuthenticatorPasswordless: "Authenticator (passwordless)",
  softwareOneTimePasscode: "Software OTP",
  hardwareOneTimePasscode: "Hardware OTP",
  mobilePhone: "Mobile phone (SMS, voice)",
  alternateMobilePhone: "Alternate phone",
  officePhone: "Office phone",
  email: "Email",
  temporaryAccessPass: "Temporary Access Pass",
  passKeyDeviceBound: "Passkey (device-bound)",
  passKeyDeviceBoundAuthenticator: "Passkey (Authenticator)",
  passKeyDeviceBoundWindowsHello: "Passkey (Windows Hello)",
  securityQuestion: "Security questions",
};

/** Who holds privileged roles, whether an enabled policy makes them pass MFA, and what they registered. */
function privilegedMfaSection(input: ReportInput): Content[] {
  // A page of its own: the table is the answer to the first question auditors ask about sign-in.
  const section: Content[] = [{ text: "6. MFA for privileged users: enforced versus registered", style: "h1", headlineLevel: 1, pageBreak: "before" }];
  section.push({
    text: 'Every user holding a privileged Entra ID role or a privileged Azure role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator), active or PIM-eligible. "Enforced" means an enabled Conditional Access policy covering all cloud apps requires MFA of them without conditions; a registered method alone does not make Entra ID ask for it, and report-only policies enforce nothing.',
    style: "paragraph",
  });
  const table = input.assessment.privilegedMfa;
  if (!table.ok) {
    section.push(callout({ text: `Not evaluated: ${table.reason}.` }, "#fff4e5"));
    return section;
  }
  if (table.rows.length === 0) {
    section.push({ text: "No user holds a privileged role.", style: "paragraph" });
    return section;
  }
  section.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [96, 96, 46, "*", 84],
      body: [
        headerRow("User", "Privileged roles", "MFA", "Decided by", "Registered methods"),
        ...table.rows.map((row): TableCell[] => {
          const verdict = verdictLabel[row.verdict];
          return [
            { text: row.name },
            { text: row.roles.join("\n") },
            statusCell(verdict.status, verdict.text),
            { text: row.decidedBy.join("\n") || "No enabled policy requires MFA of this user", style: "small" },
            {
              text:
                row.registeredMethods === undefined
                  ? "unknown"
                  : row.registeredMethods.length
                    ? row.registeredMethods.map((method) => methodNames[method] ?? method).join("\n")
                    : "none",
              style: "small",
            },
          ];
        }),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  return section;
}

/** Rows shown in a summary table before the rest is left to findings.csv. */
const summaryRowLimit = 60;

/** At most `summaryRowLimit` rows, the ones that need attention first; and how many were left out. */
function capRows<Row extends { status: FindingStatus | undefined }>(rows: readonly Row[]): { shown: Row[]; omitted: number } {
  if (rows.length <= summaryRowLimit) return { shown: [...rows], omitted: 0 };
  const attention = rows.filter((row) => row.status !== "pass" && row.status !== "not_applicable");
  const rest = rows.filter((row) => !attention.includes(row));
  return { shown: [...attention, ...rest].slice(0, summaryRowLimit), omitted: rows.length - summaryRowLimit };
}

function verdictCell(status: FindingStatus | undefined): TableCell {
  return status ? statusCell(status, findingStatusLabel[status]) : { text: "no verdict", color: "#616161" };
}

/** Where every source's audit logs go, and how long each destination keeps them, configured and observed. */
function auditLogSection(input: ReportInput): Content[] {
  const section: Content[] = [{ text: "7. Audit logs: where they go and how long they are kept", style: "h1", headlineLevel: 1, pageBreak: "before" }];
  section.push({
    text: "Every log source the collected evidence covers: the activity log of each subscription, Entra ID, and each Key Vault, storage account, SQL server and web app in scope, with the logs its diagnostic settings send and where. The status is that of the source's logging check (its finding gives the full sentence and the evidence pointer).",
    style: "paragraph",
  });
  const routes = capRows(input.assessment.auditLogs.routes);
  section.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [110, 62, "*", 120, 50],
      body: [
        headerRow("Source", "Subscription", "Logs sent", "Destinations", "Status"),
        ...routes.shown.map((row): TableCell[] => [
          { text: row.source },
          { text: row.subscription },
          { text: row.sent, style: "small" },
          { text: row.destinations, style: "small" },
          verdictCell(row.status),
        ]),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  if (routes.omitted > 0) section.push({ text: `${routes.omitted} further sources, all passing, are listed in findings/findings.csv.`, style: "small" });

  section.push({ text: "How long they are kept: configured and observed", style: "h2", headlineLevel: 2 });
  section.push({
    text: "For each Log Analytics workspace, the retention each audit table is set to and the oldest and newest record it really holds (one query over the workspace; records in long-term retention cannot be queried, so only the interactive part is observed). For each storage account that receives exported logs, the immutability policy of each log container. The status is that of the destination's retention and immutability checks.",
    style: "paragraph",
  });
  const retention = capRows(input.assessment.auditLogs.retention);
  section.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [100, 58, 72, "*", 100, 50],
      body: [
        headerRow("Destination", "Subscription", "Table or container", "Configured", "Observed", "Status"),
        ...retention.shown.map((row): TableCell[] => [
          { text: row.destination },
          { text: row.subscription },
          { text: row.part, style: "small" },
          { text: row.configured, style: "small" },
          { text: row.observed, style: "small" },
          verdictCell(row.status),
        ]),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  if (retention.omitted > 0) section.push({ text: `${retention.omitted} further rows, all passing, are in findings/findings.csv.`, style: "small" });
  return section;
}

/** Defender for Cloud coverage per subscription: the facts; the verdicts are the Defender findings. */
function defenderSection(input: ReportInput): Content[] {
  const section: Content[] = [{ text: "8. Microsoft Defender for Cloud coverage", style: "h1" }];
  section.push({
    text: "Per subscription: the Defender plans for the resource types the subscription holds (with the number of resources), the secure score, the healthcare (HIPAA HITRUST) assessment, who is emailed about alerts, the alerts still active, and auto-provisioning (which deployed the Log Analytics agent retired in 2024, so it is shown without a verdict). The secure score and the assessment are inputs to the risk analysis, not measures of compliance.",
    style: "paragraph",
  });
  section.push({
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [56, "*", 48, 88, 118, 40],
      body: [
        headerRow("Subscription", "Plans for resources in use", "Secure score", "Healthcare assessment", "Alert notifications", "Active alerts"),
        ...input.assessment.defender.map((row): TableCell[] => [
          { text: row.subscription },
          {
            text: [
              { text: "On: ", bold: true },
              `${row.plansOn}\n`,
              { text: "Off: ", bold: true },
              `${row.plansOff}\n`,
              { text: "Auto-provisioning: ", bold: true },
              row.autoProvisioning,
            ],
            style: "small",
          },
          { text: row.secureScore },
          { text: row.healthcareStandard, style: "small" },
          { text: row.contacts, style: "small" },
          { text: row.activeAlerts, style: "small" },
        ]),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  // A heading, a paragraph and a few rows read as one block; a long list of subscriptions may break.
  return input.assessment.defender.length <= 8 ? [{ stack: section, unbreakable: true }] : section;
}

/** One status per row, adding up to the number of rows: "65 requirements: 0 evidenced, 9 not satisfied, ...". */
export function coverageSentence(coverage: Coverage): string {
  const parts = (Object.keys(requirementStatusLabel) as (keyof typeof requirementStatusLabel)[]).map(
    (status) => `${coverage.byStatus[status]} ${requirementStatusLabel[status].toLowerCase()}`,
  );
  return `${coverage.total} requirements: ${parts.join(", ")}.`;
}

export function buildSummaryReport(input: ReportInput): TDocumentDefinitions {
  const { run } = input;
  const { coverage, requirements, findings, gaps } = input.assessment;
  // Findings out of the ePHI scope never decide a row: counted apart, their failures shown as concerns.
  const deciding = findings.filter((finding) => finding.ephiScope !== "out of scope");
  const outOfScope = findings.filter((finding) => finding.ephiScope === "out of scope");
  const content: Content[] = [];
  content.push({ text: "HIPAA Security Rule evidence", style: "title" });
  content.push({ text: `${run.organization} · ${summaryTitle} · generated ${utc(run.generatedAt)}`, style: "subtitle" });

  for (const text of paragraphs("summary-introduction", {
    organization: run.organization,
    tenantId: run.tenantId,
    replay: run.collection.mode === "replay",
    sourceFile: run.collection.source?.file ?? "",
    sourceSha256: run.collection.source?.sha256 ?? "",
    windowStart: utc(run.collection.window.start),
    windowEnd: utc(run.collection.window.end),
  })) {
    content.push({ text, style: "paragraph" });
  }

  content.push(...ephiSection(input.assessment.ephi, "1. Where ePHI lives"));

  content.push({ text: "2. Scope and collection", style: "h1", headlineLevel: 1 });
  const subscriptions = run.subscriptions.map((subscription) => `${subscription.displayName} (${subscription.subscriptionId})`).join("\n");
  content.push(
    keyValueTable([
      ["Organisation", run.organization],
      ["Entra ID tenant", run.tenantId],
      ["Cloud", run.collection.cloud],
      ["Subscriptions in scope", subscriptions || "none"],
      ...(run.subscriptionsNotVisible.length > 0 ? ([["Requested, not visible", run.subscriptionsNotVisible.join("\n")]] as [string, string][]) : []),
      ["HIPAA sections", run.sections?.length ? run.sections.join(", ") : "All of 45 CFR 164.308, .310, .312, .314 and .316"],
      ["Collected by", identityLines(input)],
      ["Its permissions", permissionLines(input)],
      ["Collection", run.collection.mode === "replay" ? `Replay of ${run.collection.source?.file ?? "a recording"}` : "Live, through the Azure SDKs"],
      ["Collection window", `${utc(run.collection.window.start)} to ${utc(run.collection.window.end)}`],
      ["Tool", `${run.tool.name} ${run.tool.version}`],
      ["Mapping", `${run.mapping.title}, ${run.mapping.id} version ${run.mapping.version}`],
      ["Archive", run.archiveId],
      ["Signed by", `${run.signature.subject}\nSHA-256 fingerprint ${run.signature.sha256Fingerprint}`],
      [
        "Signature",
        `${run.signature.development ? "Development key (not trusted)" : run.signature.source === "azure-key-vault" ? "Azure Key Vault key" : "Key from a PFX file"}; ` +
          (run.signature.timestampAuthority
            ? `timestamps requested from ${run.signature.timestampAuthority}`
            : "no timestamp authority, so the signing time is the tool's own claim"),
      ],
    ]),
  );
  if (run.signature.development) {
    content.push(
      callout(
        {
          text: [
            { text: "Development signature. ", bold: true },
            "This report and the archive it belongs to were signed with a development key that the tool created itself. The signature shows that the files were not changed after signing; it does not show who produced them, and it should not be trusted as the organisation's signature. Sign with --sign-pfx or --sign-key-vault-key for evidence meant for an auditor.",
          ],
        },
        "#fdecea",
      ),
    );
  }

  content.push({ text: "3. Coverage", style: "h1", headlineLevel: 1 });
  content.push({
    text: [{ text: coverageSentence(coverage), bold: true }, ` Automated checks reached a verdict on ${coverage.automated} of them.`],
    style: "paragraph",
  });
  content.push({
    // Seven rows: split across a page they read as two unrelated tables.
    unbreakable: true,
    table: {
      widths: ["*", 60],
      body: [
        headerRow("Requirement status", "Count"),
        ...(Object.keys(requirementStatusLabel) as (keyof typeof requirementStatusLabel)[]).map((status): TableCell[] => [
          statusCell(status, requirementStatusLabel[status]),
          { text: String(coverage.byStatus[status]), alignment: "right" },
        ]),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  content.push({
    text: `Findings: ${findings.length} in all; ${countBy(findings, "fail")} fail, ${countBy(findings, "pass")} pass, ${countBy(findings, "error")} not evaluated, ${countBy(findings, "manual")} for manual review, ${countBy(findings, "not_applicable")} not applicable. ${outOfScope.length} of them are on resources out of the ePHI scope and decide nothing.`,
    style: "paragraph",
  });

  content.push({ text: "4. Status of every requirement", style: "h1", headlineLevel: 1 });
  content.push({
    table: {
      headerRows: 1,
      widths: [82, "*", 58, 84, 26, 26, 26],
      body: [
        headerRow("Citation", "Title", "Designation", "Status", "Fail", "Pass", "N/E"),
        ...requirements.map((requirement): TableCell[] => {
          const own = deciding.filter((finding) => requirement.checks.includes(finding.checkId));
          return [
            { text: requirement.id, noWrap: true },
            requirement.title,
            requirement.designation,
            statusCell(requirement.status, requirementStatusLabel[requirement.status]),
            { text: String(countBy(own, "fail")), alignment: "right" },
            { text: String(countBy(own, "pass")), alignment: "right" },
            { text: String(countBy(own, "error")), alignment: "right" },
          ];
        }),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  content.push({
    text: "Counts are of the primary checks' findings that decide the row (in scope, unclassified or tenant-wide). N/E: findings not evaluated because evidence could not be collected.",
    style: "small",
  });

  content.push(...attestationsSection(input.assessment, "5. Attestations, decisions and accepted risks"));
  content.push(...privilegedMfaSection(input));
  content.push(...auditLogSection(input));
  content.push(...defenderSection(input));

  content.push({ text: "9. Failing findings", style: "h1", headlineLevel: 1, pageBreak: "before" });
  const failing = deciding
    .filter((finding) => finding.status === "fail")
    .sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) || a.checkId.localeCompare(b.checkId));
  if (failing.length === 0) {
    content.push({ text: "No check failed on the collected evidence.", style: "paragraph" });
  } else {
    content.push({
      table: {
        headerRows: 1,
        widths: [44, "*", 90],
        body: [
          headerRow("Severity", "Observation", "Supports"),
          ...failing.slice(0, summaryFailLimit).map((finding): TableCell[] => [
            finding.severity,
            {
              text: [
                { text: `${finding.checkId}${finding.ephiScope === "unclassified" ? " · unclassified resource" : ""}\n`, style: "mono" },
                finding.message,
                ...(finding.acceptedRisk
                  ? [{ text: ` Risk accepted by ${finding.acceptedRisk.approver} until ${finding.acceptedRisk.expiresOn}.`, color: "#4a148c" }]
                  : []),
              ],
            },
            finding.hipaa.join("\n"),
          ]),
        ],
      },
      layout: tableLayout,
      style: "table",
    });
    if (failing.length > summaryFailLimit) {
      content.push({
        text: `${failing.length - summaryFailLimit} further failing findings are listed in the per-standard reports and in findings/findings.csv.`,
        style: "paragraph",
      });
    }
  }
  const concerns = outOfScope.filter((finding) => finding.status === "fail");
  if (concerns.length > 0) {
    content.push({ text: "Out of the ePHI scope: concerns only", style: "h2", headlineLevel: 2 });
    content.push({
      text: `${concerns.length} failing finding(s) are on resources the organisation declared out of scope. They decide no requirement; they are listed as concerns beside the rows they support, for the risk analysis.`,
      style: "paragraph",
    });
    content.push({
      table: {
        headerRows: 1,
        widths: [44, "*", 90],
        body: [
          headerRow("Severity", "Observation", "Concern under"),
          ...concerns
            .slice(0, summaryFailLimit)
            .map((finding): TableCell[] => [
              finding.severity,
              { text: [{ text: `${finding.checkId}\n`, style: "mono" }, finding.message] },
              finding.hipaa.join("\n"),
            ]),
        ],
      },
      layout: tableLayout,
      style: "table",
    });
  }

  content.push({ text: "10. Collection gaps", style: "h1", headlineLevel: 1 });
  if (gaps.length === 0) {
    content.push({ text: "Every call needed by the checks succeeded.", style: "paragraph" });
  } else {
    content.push({
      text: `${gaps.length} piece(s) of evidence could not be collected. Findings that depend on them are "Not evaluated", never pass or fail.`,
      style: "paragraph",
    });
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [120, 36, "*"],
        body: [
          headerRow("Evidence and scope", "HTTP", "Missing permission or reason, and what it affects"),
          ...gaps.flatMap((gap): TableCell[][] => [
            [
              { text: [{ text: `${gap.datasetTitle}\n`, bold: true }, gap.scopeName] },
              gap.error.status ? String(gap.error.status) : "none",
              {
                text: [
                  { text: gap.error.missingPermission ?? gap.error.reason, bold: true },
                  gap.affectedChecks.length ? `\nChecks not evaluated there: ${gap.affectedChecks.join(", ")}` : "",
                ],
              },
            ],
            // The call and the service's answer across the full width, so the URL is not broken up.
            [
              {
                colSpan: 3,
                stack: [
                  { text: gap.error.call, style: "mono" },
                  { text: gap.error.message, style: "small" },
                ],
                margin: [8, 0, 0, 2],
              },
              {},
              {},
            ],
          ]),
        ],
      },
      layout: tableLayout,
      style: "table",
    });
  }

  content.push({ text: "11. What this report does not show", style: "h1", headlineLevel: 1 });
  content.push(
    callout({
      stack: paragraphs("summary-limits", { organization: run.organization, checkCount: input.assessment.checks.length }).map((text) => ({
        text,
        margin: [0, 0, 0, 5],
      })),
    }),
  );

  content.push({ text: "12. Checks applied", style: "h1", headlineLevel: 1 });
  content.push({
    table: {
      headerRows: 1,
      widths: [150, "*", 44],
      body: [
        headerRow("Check", "What it examines", "Severity"),
        ...input.assessment.checks.map((check): TableCell[] => [
          { text: check.id, style: "mono" },
          { text: [{ text: `${check.title}. `, bold: true }, check.rationale] },
          check.severity,
        ]),
      ],
    },
    layout: tableLayout,
    style: "table",
  });
  content.push({
    text: `Finding statuses: ${Object.values(findingStatusLabel).join(", ")}. Every finding's evidence pointer is listed in the per-standard reports and in findings/findings.json.`,
    style: "small",
  });

  return pageFrame(run, summaryTitle, content);
}
