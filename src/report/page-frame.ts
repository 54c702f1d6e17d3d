import type { Content, StyleDictionary, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { FindingStatus, RequirementStatus } from "../model/findings.js";
import type { RunFacts } from "../model/assessment.js";

/** Words the reports use for statuses: facts, never "compliant" (docs/findings-json.md#statuses). */
export const requirementStatusLabel: Record<RequirementStatus, string> = {
  satisfied: "Evidenced",
  not_satisfied: "Not satisfied",
  incomplete: "Incomplete",
  attestation_required: "Attestation required",
  attested: "Attested",
  documented_decision: "Documented decision",
  not_applicable: "Not applicable",
};

export const findingStatusLabel: Record<FindingStatus, string> = {
  pass: "Pass",
  fail: "Fail",
  error: "Not evaluated",
  manual: "Manual review",
  not_applicable: "Not applicable",
};

const statusColour: Record<string, string> = {
  satisfied: "#1b5e20",
  pass: "#1b5e20",
  not_satisfied: "#b71c1c",
  fail: "#b71c1c",
  incomplete: "#8d5b00",
  error: "#8d5b00",
  attestation_required: "#0d47a1",
  manual: "#0d47a1",
  attested: "#1b5e20",
  documented_decision: "#4a148c",
  not_applicable: "#616161",
};

export function statusColourOf(status: FindingStatus | RequirementStatus): string {
  return statusColour[status] ?? "#000000";
}

export function statusCell(status: FindingStatus | RequirementStatus, label: string): TableCell {
  return { text: label, color: statusColourOf(status), bold: true };
}

const styles: StyleDictionary = {
  title: { fontSize: 19, bold: true, color: "#102a43", margin: [0, 0, 0, 2] },
  subtitle: { fontSize: 11, color: "#486581", margin: [0, 0, 0, 14] },
  h1: { fontSize: 14, bold: true, color: "#102a43", margin: [0, 16, 0, 6] },
  h2: { fontSize: 11.5, bold: true, color: "#243b53", margin: [0, 12, 0, 4] },
  h3: { fontSize: 10, bold: true, color: "#334e68", margin: [0, 8, 0, 3] },
  paragraph: { margin: [0, 0, 0, 6], lineHeight: 1.2 },
  small: { fontSize: 7.5, color: "#52606d" },
  tableHeader: { bold: true, fontSize: 8, color: "#102a43", fillColor: "#e4e7eb" },
  table: { fontSize: 8, margin: [0, 2, 0, 8] },
  callout: { fontSize: 8.5, margin: [0, 2, 0, 8] },
  mono: { fontSize: 7, color: "#334e68" },
};

/** Light horizontal rules only: the look of an audit workpaper rather than a spreadsheet. */
export const tableLayout = {
  hLineWidth: (index: number, node: { table: { body: unknown[] } }) => (index === 0 || index === 1 || index === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: (index: number) => (index <= 1 ? "#829ab1" : "#d9e2ec"),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export function headerRow(...cells: string[]): TableCell[] {
  return cells.map((text) => ({ text, style: "tableHeader" }));
}

export function utc(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return `${date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "")} UTC`;
}

/** A boxed note (attestation needed, limits), so it stands out from findings. */
export function callout(content: Content, fill = "#f0f4f8"): Content {
  return {
    table: { widths: ["*"], body: [[{ stack: [content], fillColor: fill, margin: [6, 5, 6, 5] }]] },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0 },
    style: "callout",
  };
}

/**
 * Every page carries organisation, tenant, report title, archive id, "Page X of Y" and the generation
 * time in UTC, so a page printed on its own still says where it came from.
 */
export function pageFrame(run: RunFacts, reportTitle: string, content: Content[]): TDocumentDefinitions {
  return {
    pageSize: "A4",
    pageMargins: [44, 60, 44, 62],
    info: {
      title: `${reportTitle} - ${run.organization}`,
      author: "hipaa-evidence",
      subject: `HIPAA Security Rule evidence for tenant ${run.tenantId}`,
      creator: `${run.tool.name} ${run.tool.version}`,
      producer: `${run.tool.name} ${run.tool.version} (pdfmake)`,
      creationDate: run.generatedAt,
    },
    header: () => ({
      margin: [44, 22, 44, 0],
      columns: [
        { text: [{ text: run.organization, bold: true }, `  ·  tenant ${run.tenantId}`], style: "small" },
        { text: reportTitle, style: "small", alignment: "right", bold: true },
      ],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [44, 16, 44, 0],
      columns: [
        {
          text: [
            `Archive ${run.archiveId}\nGenerated ${utc(run.generatedAt)}\n`,
            run.signature.development
              ? { text: "Development signature, not trusted: proves the file is unchanged, not who made it", color: "#b71c1c" }
              : `Digitally signed by ${run.signature.subject}`,
          ],
          style: "small",
          width: "*",
        },
        { text: `Page ${currentPage} of ${pageCount}`, style: "small", alignment: "right", width: 70 },
      ],
    }),
    content,
    // Keep a heading with what follows it: a heading with nothing after it on its page moves on.
    pageBreakBefore: (node, nodes) => node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().length === 0,
    styles,
    defaultStyle: { font: "Roboto", fontSize: 9, color: "#1f2933" },
  };
}
