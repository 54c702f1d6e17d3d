import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Assessment } from "../model/assessment.js";
import { callout, headerRow, requirementStatusLabel, tableLayout } from "./page-frame.js";

function table(widths: (number | string)[], header: string[], rows: TableCell[][]): Content {
  return { table: { headerRows: 1, dontBreakRows: true, widths, body: [headerRow(...header), ...rows] }, layout: tableLayout, style: "table" };
}

const stateColour = { valid: "#1b5e20", expired: "#8d5b00", "not yet valid": "#8d5b00" } as const;
const exceptionColour = { applied: "#4a148c", expired: "#8d5b00", "matches nothing": "#8d5b00", "too broad": "#b71c1c" } as const;

/**
 * What people recorded and what is still asked of them: the attestations with their state, the rows
 * closed by a decision or as not applicable, the request list (each row with its template), and the
 * accepted risks with what became of each.
 */
export function attestationsSection(assessment: Assessment, heading: string): Content[] {
  const { attestations, exceptions, coverage } = assessment;
  const section: Content[] = [{ text: heading, style: "h1", headlineLevel: 1, pageBreak: "before" }];
  const valid = attestations.recorded.filter((attestation) => attestation.state === "valid").length;
  section.push({
    text: `${attestations.recorded.length} attestation(s) recorded, ${valid} valid on the collection day. ${coverage.byStatus.attested} requirement(s) ${requirementStatusLabel.attested.toLowerCase()}, ${coverage.byStatus.documented_decision} closed by a documented decision (164.306(d)(3)), ${coverage.byStatus.not_applicable} not applicable as attested. Each attestation is copied into this archive with its attachments under attestations/, covered by the signed manifest; the tool records it and the person named answers for it.`,
    style: "paragraph",
  });
  if (attestations.recorded.length > 0) {
    section.push(
      table(
        [110, 90, "*", 52, 52, 44],
        ["Attestation", "Covers", "Attributed to", "Dated", "Valid until", "State"],
        attestations.recorded.map((attestation): TableCell[] => [
          { text: attestation.id, style: "mono" },
          { text: attestation.requirements.join("\n"), style: "small" },
          {
            text: `${attestation.owner.name}, ${attestation.owner.role}${attestation.decision ? `\ndecision: ${attestation.decision}` : ""}${attestation.notApplicable ? "\nnot applicable" : ""}`,
            style: "small",
          },
          { text: attestation.date },
          { text: attestation.expiresOn },
          { text: attestation.state, color: stateColour[attestation.state], bold: true },
        ]),
      ),
    );
  }

  section.push({ text: "Requested: rows only an attestation can close", style: "h2", headlineLevel: 2 });
  if (attestations.requests.length === 0) {
    section.push({ text: "None: every row is evidenced, attested, decided, not applicable, or waits on its failing findings.", style: "paragraph" });
  } else {
    section.push({
      text: `${attestations.requests.length} row(s). "hipaa-evidence attest init DIR" writes each template into DIR/templates/ with what an auditor asks; copy it into the attestations folder and fill it in. Rows that fail or could not be evaluated are not listed here: their findings and remediation come first.`,
      style: "paragraph",
    });
    section.push(
      table(
        [82, "*", 60, 170],
        ["Requirement", "Title", "Attestation", "Template"],
        attestations.requests.map((request): TableCell[] => [
          { text: request.requirement, noWrap: true },
          { text: request.title },
          { text: request.state === "expired" ? `expired ${request.expiredOn ?? ""}` : "missing", color: request.state === "expired" ? "#8d5b00" : "#0d47a1" },
          { text: request.template, style: "mono" },
        ]),
      ),
    );
  }

  section.push({ text: "Accepted risks", style: "h2", headlineLevel: 2 });
  if (exceptions.length === 0) {
    section.push({ text: "No exceptions file was given.", style: "paragraph" });
  } else {
    section.push({
      text: "An accepted finding keeps its status and its row stays as the checks decide it; it shows who accepted the risk until when, and it does not count toward --fail-on. An expired exception no longer applies; one that matches nothing, or more than 25 resources without broad: true, applies to nothing.",
      style: "paragraph",
    });
    section.push(
      table(
        [96, "*", 90, 52, 40, 56],
        ["Exception", "Check and resources", "Approved by", "Until", "Matched", "State"],
        exceptions.map((exception): TableCell[] => [
          { text: exception.id, style: "mono" },
          {
            stack: [
              { text: exception.check, style: "mono" },
              { text: exception.resource, style: "mono" },
              { text: `Why: ${exception.rationale} Compensating control: ${exception.compensatingControl} Owner: ${exception.owner}.`, style: "small" },
            ],
          },
          { text: exception.approver, style: "small" },
          { text: exception.expiresOn },
          { text: String(exception.matched), alignment: "right" },
          { text: exception.state, color: exceptionColour[exception.state], bold: true },
        ]),
      ),
    );
    const flagged = exceptions.filter((exception) => exception.state !== "applied");
    if (flagged.length > 0)
      section.push(
        callout(
          {
            text: [
              { text: "Exceptions that apply to nothing: ", bold: true },
              flagged.map((exception) => `${exception.id} (${exception.state})`).join(", "),
              ".",
            ],
          },
          "#fff4e5",
        ),
      );
  }
  return section;
}
