import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { EphiView } from "../model/assessment.js";
import { callout, headerRow, tableLayout } from "./page-frame.js";

/** Rows of a long list shown in the summary; the full inventory is in the evidence and findings.csv. */
const listLimit = 60;

function table(widths: (number | string)[], header: string[], rows: TableCell[][]): Content {
  return { table: { headerRows: 1, dontBreakRows: true, widths, body: [headerRow(...header), ...rows] }, layout: tableLayout, style: "table" };
}

function shownOf<Row>(rows: readonly Row[]): { shown: Row[]; note: Content[] } {
  return rows.length <= listLimit
    ? { shown: [...rows], note: [] }
    : {
        shown: rows.slice(0, listLimit),
        note: [{ text: `${rows.length - listLimit} further rows are in findings/findings.csv, each finding with its ePHI standing.`, style: "small" }],
      };
}

/**
 * The summary opens with where ePHI lives: how the organisation declared it, the decisions that took
 * things out, what holds ePHI by type and location (with the BAA's word on each type), and the data
 * stores nobody has decided on yet.
 */
export function ephiSection(ephi: EphiView, heading: string): Content[] {
  const section: Content[] = [{ text: heading, style: "h1", headlineLevel: 1 }];
  const holding = ephi.byType.reduce((sum, row) => sum + row.inScope + row.unclassified, 0);
  const unclassified = ephi.unclassified.length;

  if (ephi.declared) {
    section.push({
      text: `The organisation declared where ePHI lives in its configuration (ephiScope, recorded in the archive's manifest). ${holding} resource(s) hold ePHI: ${holding - unclassified} in scope and ${unclassified} unclassified, counted as in scope until decided. ${ephi.outOfScope.count} are out of scope. Requirement statuses are computed over the findings in scope, unclassified or tenant-wide; failures out of scope are shown apart as concerns.`,
      style: "paragraph",
    });
    section.push({ text: "How the scope was decided", style: "h2", headlineLevel: 2 });
    section.push({ ul: ephi.rules.map((rule) => ({ text: rule })), style: "paragraph" });
    if (ephi.inScopeReasons.length > 0) {
      const reasons = shownOf(ephi.inScopeReasons);
      section.push(
        table(
          ["*", 60],
          ["Why in scope", "Resources"],
          reasons.shown.map((row): TableCell[] => [{ text: row.why }, { text: String(row.count), alignment: "right" }]),
        ),
        ...reasons.note,
      );
    }
    section.push({
      text: "A Log Analytics workspace or storage account that receives the diagnostic logs of anything in scope, or of Entra ID, holds the audit trail of the systems with ePHI and is in scope whatever its tags say. A data store without any marking in a subscription that holds ePHI is unclassified.",
      style: "small",
    });
  } else {
    section.push(
      callout(
        {
          text: [
            { text: "No ePHI scope is declared. ", bold: true },
            `Every resource counts as holding ePHI (${holding} in all), so a sandbox weighs as much as the EHR database. Declare ephiScope in the configuration (by tag, resource group, subscription or management group, with exclusions) to judge the systems that hold ePHI.`,
          ],
        },
        "#fff4e5",
      ),
    );
  }
  if (ephi.unreadable.length > 0) {
    section.push(
      callout(
        {
          text: [
            { text: "Inventory incomplete. ", bold: true },
            `The resources or resource groups of ${ephi.unreadable.join(", ")} could not be read: what they hold is unknown, and nothing there was taken out of scope on a guess.`,
          ],
        },
        "#fdecea",
      ),
    );
  }

  if (ephi.exclusions.length > 0) {
    section.push({ text: "Recorded decisions: what was taken out of scope", style: "h2", headlineLevel: 2 });
    section.push(
      table(
        [110, "*", 110, 44],
        ["Excluded", "Reason", "Decided by", "Resources"],
        ephi.exclusions.map((exclusion): TableCell[] => [
          { text: exclusion.target },
          { text: exclusion.reason },
          { text: exclusion.owner },
          { text: String(exclusion.resources), alignment: "right" },
        ]),
      ),
    );
  }

  section.push({ text: "What holds ePHI, by resource type", style: "h2", headlineLevel: 2 });
  section.push({
    text: `Each type is compared with Microsoft's list of services in scope of its HIPAA Business Associate Agreement, kept in the project as data: "${ephi.baaSource.title}" (${ephi.baaSource.url}), as read on ${ephi.baaSource.retrieved}, the list Microsoft's HIPAA page (${ephi.baaSource.hipaaPage}) points to. The BAA is scoped by service, not by region. A type the list does not name is not evaluated, never counted as covered.`,
    style: "small",
  });
  const types = shownOf(ephi.byType);
  section.push(
    table(
      ["*", 40, 52, 80, 130],
      ["Resource type", "In scope", "Unclassified", "Locations", "Microsoft HIPAA BAA"],
      types.shown.map((row): TableCell[] => [
        { text: row.type, style: "mono" },
        { text: String(row.inScope), alignment: "right" },
        { text: String(row.unclassified), alignment: "right" },
        { text: row.locations.join(", "), style: "small" },
        { text: row.baa, style: "small", color: row.baa.startsWith("covered") ? "#1b5e20" : row.baa.startsWith("not in") ? "#b71c1c" : "#0d47a1" },
      ]),
    ),
    ...types.note,
  );

  section.push({ text: "Where it is, by location", style: "h2", headlineLevel: 2 });
  section.push({
    text: ephi.allowedRegions
      ? `Against the regions the organisation allows (allowedRegions: ${ephi.allowedRegions.join(", ")}): an organisational control for the risk analysis, never a HIPAA failure.`
      : "No allowedRegions is configured, so locations are listed without a comparison.",
    style: "small",
  });
  section.push(
    table(
      ["*", 50, 60, 110],
      ["Location", "In scope", "Unclassified", "Allowed regions"],
      ephi.byLocation.map((row): TableCell[] => [
        { text: row.location },
        { text: String(row.inScope), alignment: "right" },
        { text: String(row.unclassified), alignment: "right" },
        { text: row.allowed, color: row.allowed === "not allowed" ? "#b71c1c" : row.allowed === "allowed" ? "#1b5e20" : "#52606d" },
      ]),
    ),
  );

  if (ephi.declared) {
    section.push({ text: "Unclassified: for the organisation to decide", style: "h2", headlineLevel: 2 });
    if (unclassified === 0) {
      section.push({ text: "None: every data store in a subscription that holds ePHI is marked or decided.", style: "paragraph" });
    } else {
      section.push({
        text: "Each of these may hold ePHI and carries no marking. They count as in scope, so their findings decide requirements, until the organisation marks them (the scope's tag, with the value that says ePHI or another) or records an exclusion with its reason and owner.",
        style: "paragraph",
      });
      const rows = shownOf(ephi.unclassified);
      section.push(
        table(
          [120, 120, 60, "*"],
          ["Resource", "Type", "Location", "Why unclassified"],
          rows.shown.map((resource): TableCell[] => [
            {
              text: [
                { text: `${resource.name}\n`, bold: true },
                { text: resource.subscription, style: "small" },
              ],
            },
            { text: resource.type, style: "mono" },
            { text: resource.location ?? "" },
            { text: resource.why, style: "small" },
          ]),
        ),
        ...rows.note,
      );
    }
    if (ephi.outOfScope.count > 0) {
      section.push({ text: "Out of scope", style: "h2", headlineLevel: 2 });
      section.push({
        text: `${ephi.outOfScope.count} resource(s) are out of scope. Their findings are kept in findings.json and the reports, marked out of scope; a failure among them is a concern beside its requirement and never decides it.`,
        style: "paragraph",
      });
      const reasons = shownOf(ephi.outOfScope.reasons);
      section.push(
        table(
          ["*", 60],
          ["Why out of scope", "Resources"],
          reasons.shown.map((row): TableCell[] => [{ text: row.why }, { text: String(row.count), alignment: "right" }]),
        ),
        ...reasons.note,
      );
    }
  }
  return section;
}
