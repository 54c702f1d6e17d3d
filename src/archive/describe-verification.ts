import type { VerifyResult } from "./verify-archive.js";

/** `verify`'s answer for a person: the verdict first, then what was checked and who signed. */
export function describeVerification(result: VerifyResult): string {
  const lines = [result.intact ? `INTACT: ${result.archive}` : `NOT INTACT: ${result.archive}`];
  for (const problem of result.problems) lines.push(`  problem: ${problem}`);
  if (result.manifest) lines.push(`  files:      ${result.filesChecked} files listed in manifest.json and SHA256SUMS were re-hashed`);
  const detached = result.signatures.filter((check) => check.kind === "detached CMS");
  const pdfs = result.signatures.filter((check) => check.kind === "PDF");
  if (detached.length) lines.push(`  manifest:   ${detached.map((check) => `${check.file} ${check.valid ? "valid" : "INVALID"}`).join("; ")}`);
  if (pdfs.length) {
    const valid = pdfs.filter((check) => check.valid).length;
    lines.push(
      valid === pdfs.length
        ? `  reports:    all ${pdfs.length} PDF signatures valid, each covering the whole file (PAdES, ETSI.CAdES.detached)`
        : `  reports:    ${valid} of ${pdfs.length} PDF signatures valid; the others are named above`,
    );
  }
  const signer = result.signer;
  if (signer) {
    lines.push(`  signer:     ${signer.subject}`);
    lines.push(`  issuer:     ${signer.issuer}`);
    lines.push(`  SHA-256:    ${signer.sha256Fingerprint}`);
    lines.push(`  key:        ${signer.development ? "DEVELOPMENT KEY, NOT TRUSTED" : `${signer.source} (as manifest.json states it)`}`);
    lines.push(`  trust:      ${signer.trust}: ${signer.trustDetail}`);
    if (signer.timestamps.length === 0) {
      lines.push(`  timestamp:  none; signing time ${signer.claimedSigningTime ?? "unknown"} is the tool's own claim`);
    } else {
      const authorities = [
        ...new Set(
          signer.timestamps.map(
            (stamp) => `${stamp.authority} (${stamp.trusted === "not checked" ? "authority not checked: pass --trust-tsa" : stamp.trusted})`,
          ),
        ),
      ];
      const times = [...new Set(signer.timestamps.map((stamp) => stamp.time))];
      lines.push(
        `  timestamp:  RFC 3161 on ${signer.timestamps.length} of ${result.signatures.length} signatures, by ${authorities.join("; ")}, at ${times.join(", ")}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
