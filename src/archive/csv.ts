import type { Finding, RequirementResult } from "../model/findings.js";

/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at its start)
 * is prefixed with an apostrophe: names and messages come from the tenant, and an auditor opening
 * the file must not execute them.
 */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function findingsCsv(findings: readonly Finding[]): string {
  return table(
    [
      "id",
      "checkId",
      "status",
      "severity",
      "resourceId",
      "resourceName",
      "ephiScope",
      "message",
      "hipaa",
      "evidence",
      "errorCall",
      "errorStatus",
      "missingPermission",
      "remediation",
      "portal",
      "source",
      "command",
    ],
    findings.map((finding) => [
      finding.id,
      finding.checkId,
      finding.status,
      finding.severity,
      finding.resourceId,
      finding.resourceName,
      finding.ephiScope,
      finding.message,
      finding.hipaa.join("; "),
      finding.evidence.map((ref) => `${ref.file}#${ref.pointer}`).join("; "),
      finding.error?.call ?? "",
      finding.error ? finding.error.status : "",
      finding.error?.missingPermission ?? "",
      finding.remediation?.text ?? "",
      finding.remediation?.portal ?? "",
      finding.remediation?.source ?? "",
      finding.remediation?.command ?? "",
    ]),
  );
}

export function requirementsCsv(requirements: readonly RequirementResult[], findings: readonly Finding[]): string {
  return table(
    [
      "id",
      "title",
      "safeguard",
      "designation",
      "evidence",
      "status",
      "checks",
      "supportingChecks",
      "concerns",
      "attestations",
      "fail",
      "pass",
      "error",
      "manual",
      "notApplicable",
    ],
    requirements.map((requirement) => {
      // The findings that decide the row: out of the ePHI scope, a failure is a concern, counted there.
      const own = findings.filter((finding) => requirement.checks.includes(finding.checkId) && finding.ephiScope !== "out of scope");
      const count = (status: Finding["status"]) => own.filter((finding) => finding.status === status).length;
      return [
        requirement.id,
        requirement.title,
        requirement.safeguard,
        requirement.designation,
        requirement.evidence,
        requirement.status,
        requirement.checks.join("; "),
        requirement.supportingChecks.join("; "),
        requirement.concerns.length,
        requirement.attestations.join("; "),
        count("fail"),
        count("pass"),
        count("error"),
        count("manual"),
        count("not_applicable"),
      ];
    }),
  );
}
