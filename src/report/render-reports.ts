import { standardsOf } from "../mapping/mapping.js";
import type { RenderedDocuments, RenderedReport } from "../model/documents.js";
import { archiveReadme } from "./archive-readme.js";
import { renderPdf } from "./render-pdf.js";
import type { ReportInput } from "./report-model.js";
import { buildStandardReport } from "./standard-report.js";
import { buildSummaryReport } from "./summary-report.js";

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The render stage: the summary first (00-), then one PDF per standard in the rule's order; and README.txt. */
export async function renderDocuments(input: ReportInput): Promise<RenderedDocuments> {
  const standards = standardsOf(input.mapping);
  const width = Math.max(2, String(standards.length).length);
  const jobs = [
    { path: "reports/00-summary.pdf", definition: buildSummaryReport(input) },
    ...standards.map(({ standard, rows }, index) => ({
      path: `reports/${String(index + 1).padStart(width, "0")}-${slug(standard.citation)}-${slug(standard.title)}.pdf`,
      definition: buildStandardReport(standard, rows, input),
    })),
  ];
  const signature = {
    signingTime: input.run.generatedAt,
    reason: `HIPAA Security Rule evidence, archive ${input.run.archiveId}`,
    signerName: input.run.signature.subject,
    application: `${input.run.tool.name} ${input.run.tool.version}`,
  };
  const reports: RenderedReport[] = [];
  for (const job of jobs) reports.push({ path: job.path, content: await renderPdf(job.definition, signature) });
  return { reports, readme: archiveReadme(input.run) };
}
