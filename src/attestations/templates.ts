import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { InputError } from "../errors.js";
import type { Mapping, RequirementRow } from "../mapping/mapping.js";
import { notApplicableAllowed } from "../model/attestations.js";
import type { AttestationGuidance } from "./guidance.js";
import { templatesFolder } from "./read-records.js";

/**
 * `attest init DIR`: one template per attestation of the mapping, in DIR/templates/, never read as an
 * attestation. To record one, copy it into DIR, fill it in and give it a name of its own. Every
 * template says what the attestation must show, what an auditor asks (NIST SP 800-66r2's key
 * activities) and where the evidence usually is; the physical safeguards are split between what
 * Microsoft's datacentres provide and what the organisation must show for its own sites.
 */

const comment = (text: string, width = 98): string[] => {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "#";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line.length + word.length + 1 > width && line !== "#") {
        lines.push(line);
        line = "#  ";
      }
      line += ` ${word}`;
    }
    lines.push(line);
  }
  return lines;
};

function template(row: RequirementRow, shows: string, guidance: AttestationGuidance["attestations"][string] | undefined, sourceTitle: string): string {
  const lines: string[] = [`# Attestation template: ${row.citation} ${row.title} (${row.designation}).`, ...comment(`What it must show: ${shows}`), "#"];
  if (guidance) {
    lines.push(`# What an auditor asks (from ${sourceTitle}, key activities):`);
    for (const question of guidance.questions) lines.push(...comment(`- ${question}`));
    if (guidance.pointers.length > 0) {
      lines.push("# Where the evidence usually is:");
      for (const pointer of guidance.pointers) lines.push(...comment(`- ${pointer}`));
    }
    if (guidance.own?.length) {
      lines.push("# What the organisation itself must show (Microsoft does not cover its own sites, workstations and media):");
      for (const item of guidance.own) lines.push(...comment(`- ${item}`));
    }
    lines.push("#");
  }
  lines.push(
    "# To record it: copy this file out of templates/ into the attestations folder, fill in every field,",
    "# list each document under attachments with its SHA-256 (sha256sum FILE), and delete what does not apply.",
  );
  if (row.designation === "addressable") {
    lines.push(
      "# This specification is addressable (164.306(d)(3)): record decision: implemented, alternative (an",
      "# equivalent measure) or not_reasonable, with the rationale for the last two.",
    );
  }
  if ((notApplicableAllowed as readonly string[]).includes(row.citation)) {
    lines.push(
      "# The rule lets this one not apply to every organisation: where it does not, add notApplicable: {reason: ...}",
      "# and say why in the statement.",
    );
  }
  const body: Record<string, unknown> = {
    requirements: [row.citation],
    statement: "",
    owner: { name: "", role: "" },
    reviewer: { name: "", role: "" },
    date: "YYYY-MM-DD",
    expiresOn: "YYYY-MM-DD",
    ...(row.designation === "addressable" ? { decision: "implemented", rationale: "" } : {}),
    ...(guidance?.inherited ? { inherited: { from: guidance.inherited.from, evidence: guidance.inherited.evidence } } : {}),
    attachments: [{ file: "documents/EXAMPLE.pdf", title: "", sha256: "" }],
  };
  return `${lines.join("\n")}\n${stringify(body, { lineWidth: 0 })}`;
}

/** Writes every template; refuses to overwrite one that is there (someone may have started filling it). */
export async function writeAttestationTemplates(folder: string, mapping: Mapping, guidance: AttestationGuidance): Promise<string[]> {
  const target = join(folder, templatesFolder);
  await mkdir(target, { recursive: true }).catch((error: Error) => {
    throw new InputError(folder, undefined, `cannot create the templates folder (${error.message})`);
  });
  const written: string[] = [];
  for (const row of mapping.requirements) {
    if (!row.attestation) continue;
    const file = join(target, `${row.attestation.id}.yaml`);
    await writeFile(file, template(row, row.attestation.shows, guidance.attestations[row.attestation.id], guidance.source.title), { flag: "wx" }).catch(
      (error: NodeJS.ErrnoException) => {
        throw new InputError(
          file,
          undefined,
          error.code === "EEXIST" ? "already exists; templates are never overwritten (delete it to write it again)" : `cannot be written (${error.message})`,
        );
      },
    );
    written.push(file);
  }
  return written;
}
