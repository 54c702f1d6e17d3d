import type { Content } from "pdfmake/interfaces.js";
import type { AttestationsView } from "../model/assessment.js";
import type { RunFacts } from "../model/assessment.js";
import { utc } from "./page-frame.js";

type Recorded = AttestationsView["recorded"][number];

/** "recorded by <the collecting identity>, attributed to <owner>": the tool copied it; the owner answers for it. */
export function recordedBy(run: RunFacts): string {
  const identity = run.identity?.displayName ?? run.identity?.objectId ?? "the operator of this run";
  return `recorded by ${identity} (the collecting identity) on ${utc(run.generatedAt)}`;
}

const decisionWords = { implemented: "implemented", alternative: "an alternative measure instead", not_reasonable: "not reasonable and appropriate" } as const;

/** One attestation, in full: who says what, when, until when, and the documents with their hashes and signatures. */
export function attestationBlock(attestation: Recorded, run: RunFacts): Content[] {
  const lines: Content[] = [
    {
      text: [
        { text: `${attestation.id} `, bold: true },
        { text: `(${attestation.path})`, style: "mono" },
      ],
    },
    { text: attestation.statement },
    {
      text: `${recordedBy(run)}, attributed to ${attestation.owner.name}, ${attestation.owner.role}, dated ${attestation.date}; reviewed by ${attestation.reviewer.name}, ${attestation.reviewer.role}; ${attestation.state === "expired" ? `expired on ${attestation.expiresOn}` : `valid until ${attestation.expiresOn}`}.`,
      style: "small",
    },
  ];
  if (attestation.decision)
    lines.push({
      text: [
        { text: "Decision (164.306(d)(3)): ", bold: true },
        decisionWords[attestation.decision],
        attestation.rationale ? `. ${attestation.rationale}` : "",
      ],
    });
  if (attestation.notApplicable) lines.push({ text: [{ text: "Not applicable: ", bold: true }, attestation.notApplicable.reason] });
  if (attestation.inherited)
    lines.push({ text: [{ text: `Inherited from ${attestation.inherited.from}: `, bold: true }, attestation.inherited.evidence], style: "small" });
  for (const attachment of attestation.attachments) {
    const signatures = attachment.signatures.map((signature) =>
      signature.valid
        ? `signed by ${signature.signer ?? "an unnamed signer"}, signature valid`
        : `its signature does not verify (${signature.problems.join("; ")})`,
    );
    lines.push({
      text: [
        { text: "Attached: ", bold: true },
        `${attachment.title}, `,
        { text: attachment.path, style: "mono" },
        `, SHA-256 ${attachment.sha256}${signatures.length ? `; ${signatures.join("; ")}` : ""}`,
      ],
      style: "small",
    });
  }
  return lines;
}
