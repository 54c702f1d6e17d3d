import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { RequirementRow } from "../mapping/mapping.js";
import type { CheckSummary, RemediationAdvice } from "../model/assessment.js";
import type { Finding, RequirementResult } from "../model/findings.js";
import { attestationBlock } from "./attestation-words.js";
import { paragraphs } from "./narrative.js";
import { callout, findingStatusLabel, headerRow, pageFrame, requirementStatusLabel, statusCell, statusColourOf, tableLayout } from "./page-frame.js";
import type { ReportInput } from "./report-model.js";

/**
 * Exceptions (fail, not evaluated) are always listed; passing and not-applicable findings beyond
 * this many per check are counted and left to findings.csv, so a tenant with thousands of resources
 * still gets a readable report.
 */
const routineFindingLimit = 25;

const statusOrder: Record<Finding["status"], number> = { fail: 0, error: 1, manual: 2, pass: 3, not_applicable: 4 };

const evidenceModeText = {
  auto: "automated checks decide it",
  partial: "automated checks decide part of it; an attestation completes it",
  attest: "only an attestation or document can show it",
} as const;

const columnWidths = [90, "*", 56];
const innerLayout = { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 4, paddingRight: () => 4, paddingTop: () => 3, paddingBottom: () => 2 };

/**
 * One finding is one unbreakable row: what was observed, then its evidence pointers across the full
 * width, one per line, so a pointer never wraps (a reader copying it must get it exactly) and never
 * lands on another page than its finding.
 */
/** A pass of a check that only reports an assessment is "Assessed", in the colour of information, never a green "Pass". */
function statusOf(finding: Finding, check: CheckSummary | undefined): TableCell {
  if (check?.reportsAnAssessment && finding.status === "pass") return { text: "Assessed", color: statusColourOf("manual"), bold: true };
  return statusCell(finding.status, findingStatusLabel[finding.status]);
}

/** How to fix it, right under a failing or not-evaluated finding: what to change, where, the page it comes from, and a command only where that page gives one. */
function remediationRow(remediation: RemediationAdvice): TableCell[] {
  return [
    {
      colSpan: 3,
      stack: [
        { text: [{ text: "How to fix: ", bold: true }, remediation.text] },
        { text: [{ text: "Where: ", bold: true }, remediation.portal] },
        ...(remediation.command
          ? [
              {
                text: [
                  { text: "Command (never run by this tool): ", bold: true },
                  { text: remediation.command, style: "mono" },
                ],
              },
            ]
          : []),
        {
          text: [
            { text: "Source: ", bold: true },
            { text: remediation.source, link: remediation.source, color: "#0d47a1" },
          ],
        },
      ],
      style: "small",
      margin: [8, 0, 0, 3],
    },
    {},
    {},
  ];
}

/** A failing finding the organisation accepted: it stays failing, and says who accepted it until when. */
function acceptedRiskRow(accepted: NonNullable<Finding["acceptedRisk"]>): TableCell[] {
  return [
    {
      colSpan: 3,
      text: [
        { text: "Risk accepted ", bold: true },
        `by ${accepted.approver} until ${accepted.expiresOn} (exception ${accepted.exception}); the finding stays failing.`,
      ],
      style: "small",
      color: "#4a148c",
      margin: [8, 0, 0, 2],
    },
    {},
    {},
  ];
}

function findingRow(finding: Finding, check: CheckSummary | undefined): TableCell[] {
  return [
    {
      table: {
        widths: columnWidths,
        body: [
          [
            { text: [finding.resourceName, ...(finding.ephiScope === "unclassified" ? [{ text: "\nunclassified: counted as ePHI", style: "small" }] : [])] },
            { text: finding.message },
            statusOf(finding, check),
          ],
          [
            {
              colSpan: 3,
              columns: [
                { text: "Evidence", bold: true, width: 36 },
                { text: finding.evidence.map((ref) => `${ref.file}#${ref.pointer}`).join("\n"), width: "*" },
              ],
              style: "mono",
              margin: [8, 0, 0, 2],
            },
            {},
            {},
          ],
          ...(finding.acceptedRisk ? [acceptedRiskRow(finding.acceptedRisk)] : []),
          ...(finding.remediation ? [remediationRow(finding.remediation)] : []),
        ],
      },
      layout: innerLayout,
    },
  ];
}

function findingsTable(findings: readonly Finding[], check: CheckSummary | undefined): Content[] {
  const ordered = [...findings].sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  const exceptions = ordered.filter((finding) => finding.status === "fail" || finding.status === "error");
  const routine = ordered.filter((finding) => finding.status !== "fail" && finding.status !== "error");
  const shown = [...exceptions, ...routine.slice(0, routineFindingLimit)];
  const content: Content[] = [
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ["*"],
        body: [
          [{ table: { widths: columnWidths, body: [headerRow("Resource", "Observed", "Status")] }, layout: innerLayout, fillColor: "#e4e7eb" }],
          ...shown.map((finding) => findingRow(finding, check)),
        ],
      },
      layout: { ...tableLayout, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
      style: "table",
    },
  ];
  if (routine.length > routineFindingLimit) {
    content.push({
      text: `${routine.length - routineFindingLimit} further passing or not-applicable finding(s) for this check are listed in findings/findings.csv.`,
      style: "small",
      margin: [0, 0, 0, 6],
    });
  }
  return content;
}

/** Findings on resources declared out of the ePHI scope: listed when any fails or could not be judged, otherwise counted. */
function outOfScopeBlock(findings: readonly Finding[], check: CheckSummary | undefined): Content[] {
  if (findings.length === 0) return [];
  const exceptions = findings.filter((finding) => finding.status === "fail" || finding.status === "error").length;
  const note: Content = {
    text: [
      { text: "Out of the ePHI scope. ", bold: true },
      exceptions > 0
        ? `${findings.length} finding(s) on resources the organisation declared out of scope: a failure among them is a concern for the risk analysis and never decides the requirement.`
        : `${findings.length} finding(s) on resources the organisation declared out of scope, none failing; they are in findings/findings.csv.`,
    ],
    style: "small",
    margin: [0, 2, 0, 2],
  };
  return exceptions > 0 ? [note, ...findingsTable(findings, check)] : [note];
}

/** Each check's title, rationale and findings. */
function checkSections(checkIds: readonly string[], input: ReportInput): Content[] {
  return checkIds.flatMap((checkId): Content[] => {
    const check = input.assessment.checks.find((candidate) => candidate.id === checkId);
    const own = input.assessment.findings.filter((finding) => finding.checkId === checkId);
    // Findings on resources declared out of the ePHI scope are shown apart: they decide nothing.
    const findings = own.filter((finding) => finding.ephiScope !== "out of scope");
    const outOfScope = own.filter((finding) => finding.ephiScope === "out of scope");
    return [
      { text: check ? check.title : checkId, style: "h3", headlineLevel: 3 },
      { text: [{ text: `${checkId} · ${check?.severity ?? ""} · `, style: "mono" }, check?.rationale ?? ""], style: "small", margin: [0, 0, 0, 4] },
      ...(findings.length === 0
        ? [
            {
              text:
                outOfScope.length > 0
                  ? "No finding of this check is on a resource in the ePHI scope."
                  : "This check produced no finding: there was nothing in scope for it to examine.",
              style: "paragraph",
            },
          ]
        : findingsTable(findings, check)),
      ...outOfScopeBlock(outOfScope, check),
    ];
  });
}

/** The row's attestation: the one that counts, in full; an expired one with its renewal; or what one must show and its template. */
function attestationCallout(
  spec: NonNullable<RequirementRow["attestation"]>,
  row: RequirementRow,
  result: RequirementResult | undefined,
  input: ReportInput,
): Content[] {
  const file = result?.attestation?.file;
  const recorded = file ? input.assessment.attestations.recorded.find((attestation) => attestation.path === file) : undefined;
  const template = `templates/${spec.id}.yaml`;
  if (recorded && result?.attestationState === "valid") {
    const heading =
      result.status === "documented_decision" ? "Documented decision" : result.status === "not_applicable" ? "Not applicable, as attested" : "Attested";
    return [callout({ stack: [{ text: heading, bold: true }, ...attestationBlock(recorded, input.run)] }, "#e8f5e9")];
  }
  const needed = {
    text: [{ text: "What it must show: ", bold: true }, spec.shows, { text: `  (template ${template}, written by attest init)`, style: "small" }],
  };
  if (recorded) {
    return [
      callout(
        {
          stack: [
            { text: `Attestation expired on ${recorded.expiresOn}: renew it`, bold: true, color: "#8d5b00" },
            ...attestationBlock(recorded, input.run),
            needed,
          ],
        },
        "#fff4e5",
      ),
    ];
  }
  return [
    callout({ stack: [{ text: row.evidence === "partial" ? "Attestation needed to complete this requirement" : "Attestation required", bold: true }, needed] }),
  ];
}

function requirementSection(row: RequirementRow, input: ReportInput): Content[] {
  const result = input.assessment.requirements.find((requirement) => requirement.id === row.citation);
  const status = result?.status ?? "attestation_required";
  const content: Content[] = [
    { text: `${row.citation}  ${row.title}`, style: "h2", headlineLevel: 2 },
    {
      columns: [
        { text: [{ text: "Designation: ", bold: true }, row.designation], width: "auto" },
        { text: [{ text: "Evidence: ", bold: true }, evidenceModeText[row.evidence]], width: "*", margin: [14, 0, 0, 0] },
        {
          text: [
            { text: "Status: ", bold: true },
            { text: requirementStatusLabel[status], bold: true, color: statusColourOf(status) },
          ],
          width: "auto",
        },
      ],
      margin: [0, 0, 0, 6],
    },
  ];
  if (row.checks.primary.length === 0) {
    content.push({ text: "No automated check decides this requirement.", style: "paragraph", italics: true });
  }
  content.push(...checkSections(row.checks.primary, input));
  if (row.checks.supporting.length > 0) {
    const concerns = input.assessment.findings.filter((finding) => finding.status === "fail" && row.checks.supporting.includes(finding.checkId)).length;
    content.push({
      text: [
        { text: "Supporting checks. ", bold: true },
        `These inform the risk analysis for this requirement and never decide its status${concerns > 0 ? `; ${concerns} of their findings fail and are listed as concerns` : ""}.`,
      ],
      style: "paragraph",
      margin: [0, 6, 0, 2],
    });
    content.push(...checkSections(row.checks.supporting, input));
  }
  if (row.attestation) content.push(...attestationCallout(row.attestation, row, result, input));
  return content;
}

export function buildStandardReport(standard: RequirementRow, rows: readonly RequirementRow[], input: ReportInput): TDocumentDefinitions {
  const title = `${standard.citation} ${standard.title}`;
  const specifications = rows.filter((row) => row.citation !== standard.citation);
  const content: Content[] = [
    { text: title, style: "title" },
    { text: `${input.run.organization} · ${standard.safeguard} safeguard · ${standard.designation}`, style: "subtitle" },
    ...paragraphs("standard-introduction", {
      citation: standard.citation,
      title: standard.title,
      safeguard: standard.safeguard,
      specificationCount: specifications.length,
      hasAddressable: specifications.some((row) => row.designation === "addressable"),
      organization: input.run.organization,
    }).map((text): Content => ({ text, style: "paragraph" })),
    {
      table: {
        headerRows: 1,
        widths: [90, "*", 64, 90],
        body: [
          headerRow("Citation", "Title", "Designation", "Status"),
          ...rows.map((row): TableCell[] => {
            const status = input.assessment.requirements.find((requirement) => requirement.id === row.citation)?.status ?? "attestation_required";
            return [{ text: row.citation, noWrap: true }, row.title, row.designation, statusCell(status, requirementStatusLabel[status])];
          }),
        ],
      },
      layout: tableLayout,
      style: "table",
    },
  ];
  for (const row of rows) content.push(...requirementSection(row, input));
  return pageFrame(input.run, title, content);
}
