import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkAttachedPdfSignatures, checkPdfSignature, type SignatureCheck } from "../../src/signing/verify-signature.js";

/**
 * PDF signatures read as verify and the attestation reader read them: the sample's signed attachment
 * is the good file, and each case makes one change to its bytes. A report of ours must be PAdES and
 * signed over the whole file; someone else's signed PDF may also use adbe.pkcs7.detached. The profile
 * sits inside the signed range, so renaming it also breaks the digest, as it must.
 */
const signedPdf = readFileSync(fileURLToPath(new URL("../../samples/contoso-clinic/attestations/documents/risk-analysis-2026-summary.pdf", import.meta.url)));
const signer = "CN=hipaa-evidence development signing key, OU=hipaa-evidence development signature (not trusted), O=Contoso Clinic Compliance Office (sample)";

/** The file with `from` replaced by `to` of the same length, so the signed byte ranges still line up. */
function renamed(from: string, to: string): Buffer {
  const at = signedPdf.indexOf(from);
  if (at < 0 || from.length !== to.length) throw new Error(`the sample PDF has no ${from} to rename`);
  return Buffer.concat([signedPdf.subarray(0, at), Buffer.from(to, "latin1"), signedPdf.subarray(at + from.length)]);
}
/** The file with its /ByteRange rewritten in the room the signer left for it. */
function withByteRange(range: [number, number, number, number]): Buffer {
  const found = /\/ByteRange \[[^\]]*\] */.exec(signedPdf.toString("latin1"));
  if (!found) throw new Error("the sample PDF has no /ByteRange");
  const text = `/ByteRange [${range.join(" ")}]`.padEnd(found[0].length, " ");
  return Buffer.concat([signedPdf.subarray(0, found.index), Buffer.from(text, "latin1"), signedPdf.subarray(found.index + found[0].length)]);
}
const appended = Buffer.concat([signedPdf, Buffer.from("\n% added\n")]);
// An incremental update after the signature: a second signature dictionary with no byte range, and a
// second byte range (the first one's) in an object that is no signature dictionary.
const secondSignatureDictionary = Buffer.concat([signedPdf, Buffer.from("\n99 0 obj\n<< /Type /Sig >>\nendobj\n")]);
const secondByteRange = Buffer.concat([signedPdf, Buffer.from("\n99 0 obj\n<< /ByteRange [0 204 24782 21076] >>\nendobj\n")]);
const notFromFirstByte = withByteRange([1, 204, 24782, 21076]);
const holeBesideContents = withByteRange([0, 203, 24782, 21076]);
const unsigned = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const seen = (checks: SignatureCheck[]) => checks.map(({ valid, problems, signer: who }) => ({ valid, problems, signer: who?.subject }));

describe("someone else's signed PDF (an attestation's attachment)", () => {
  it.each([
    { name: "as signed", pdf: signedPdf, expected: [{ valid: true, problems: [], signer }] },
    { name: "bytes added after the signature", pdf: appended, expected: [{ valid: false, problems: ["9 bytes were added after the last signature"], signer }] },
    {
      name: "the adbe.pkcs7.detached profile other signers use is checked (renaming it inside the signed range breaks the digest)",
      pdf: renamed("ETSI.CAdES.detached", "adbe.pkcs7.detached"),
      expected: [{ valid: false, problems: ["digest mismatch: the signed content was changed after signing"], signer }],
    },
    {
      name: "a profile this tool cannot check",
      pdf: renamed("ETSI.CAdES.detached", "ETSI.RFC3161       "),
      expected: [
        {
          valid: false,
          problems: ["signature profile ETSI.RFC3161 is not one this tool can check", "digest mismatch: the signed content was changed after signing"],
          signer,
        },
      ],
    },
    { name: "no signature at all: nothing to show as signed", pdf: unsigned, expected: [] },
    {
      name: "a second byte range added after the signature: the first still holds, the last does not cover what follows it",
      pdf: secondByteRange,
      expected: [
        { valid: true, problems: [], signer },
        {
          valid: false,
          problems: ["54 bytes were added after the last signature", "signature profile unknown is not one this tool can check"],
          signer,
        },
      ],
    },
    {
      name: "a signed range that does not start at the first byte: nothing is checked as signed",
      pdf: notFromFirstByte,
      expected: [{ valid: false, problems: ["the signed range does not start at the first byte"], signer: undefined }],
    },
    {
      name: "an unsigned hole beside /Contents",
      pdf: holeBesideContents,
      expected: [{ valid: false, problems: ["the unsigned hole is not the signature's /Contents"], signer: undefined }],
    },
  ])("$name", ({ pdf, expected }) => {
    const checks = checkAttachedPdfSignatures("attachment.pdf", pdf);
    expect(seen(checks)).toEqual(expected);
    for (const check of checks) expect(check).toMatchObject({ file: "attachment.pdf", kind: "PDF" });
  });
});

describe("a report of ours", () => {
  it.each([
    { name: "as signed", pdf: signedPdf, expected: { valid: true, problems: [], signer } },
    {
      name: "bytes added after the signature",
      pdf: appended,
      expected: { valid: false, problems: ["not total document signed: 9 bytes follow the signed range"], signer },
    },
    {
      name: "a profile that is not PAdES",
      pdf: renamed("ETSI.CAdES.detached", "adbe.pkcs7.detached"),
      expected: {
        valid: false,
        problems: ["signature profile adbe.pkcs7.detached is not PAdES (ETSI.CAdES.detached)", "digest mismatch: the signed content was changed after signing"],
        signer,
      },
    },
    { name: "no signature at all", pdf: unsigned, expected: { valid: false, problems: ["the PDF carries no signature"], signer: undefined } },
    {
      name: "a second signature dictionary added after the signature",
      pdf: secondSignatureDictionary,
      expected: {
        valid: false,
        problems: ["the PDF carries 2 signatures; the tool writes one", "not total document signed: 34 bytes follow the signed range"],
        signer,
      },
    },
    {
      name: "a second byte range added after the signature",
      pdf: secondByteRange,
      expected: {
        valid: false,
        problems: ["the PDF carries 2 signatures; the tool writes one", "not total document signed: 54 bytes follow the signed range"],
        signer,
      },
    },
    {
      name: "a signed range that does not start at the first byte",
      pdf: notFromFirstByte,
      expected: { valid: false, problems: ["the signed range does not start at the first byte"], signer: undefined },
    },
    {
      name: "an unsigned hole beside /Contents",
      pdf: holeBesideContents,
      expected: { valid: false, problems: ["the unsigned hole is not the signature's /Contents"], signer: undefined },
    },
  ])("$name", ({ pdf, expected }) => {
    const check = checkPdfSignature("00-summary.pdf", pdf, undefined);
    expect(seen([check])).toEqual([expected]);
    expect(check).toMatchObject({ file: "00-summary.pdf", kind: "PDF" });
  });
});
