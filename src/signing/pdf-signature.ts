import { SigningError } from "../errors.js";

/**
 * PAdES signatures on the PDFs the reports are rendered to. The report stage adds the signature
 * field while PDFKit writes the file (so the file is saved exactly once); signing fills the reserved
 * /ByteRange and /Contents in place: nothing is re-saved after signing.
 */

/**
 * The signature field the report stage leaves in every PDF: a /ByteRange of three ten-character
 * placeholder names (PDFKit writes a JS string as a PDF name) and a zeroed /Contents to fill.
 */
const placeholderText = `/ByteRange [0 /${"*".repeat(10)} /${"*".repeat(10)} /${"*".repeat(10)}]`;

/** Fills the placeholder: the byte range, then the CMS over everything but /Contents. */
export async function fillSignature(pdf: Buffer, signRanges: (ranges: Buffer[]) => Promise<Buffer>): Promise<Buffer> {
  const at = pdf.indexOf(placeholderText, 0, "latin1");
  if (at < 0 || pdf.indexOf(placeholderText, at + 1, "latin1") >= 0) throw new Error("expected exactly one signature placeholder in the rendered PDF");
  const contentsKey = pdf.indexOf("/Contents <", at, "latin1");
  const contentsStart = contentsKey + "/Contents ".length;
  const contentsEnd = pdf.indexOf(">", contentsStart, "latin1") + 1;
  if (contentsKey < 0 || contentsEnd <= contentsStart) throw new Error("the signature dictionary has no /Contents placeholder");
  const byteRange = `/ByteRange [0 ${contentsStart} ${contentsEnd} ${pdf.length - contentsEnd}]`;
  const signed = Buffer.from(pdf);
  signed.write(byteRange.padEnd(placeholderText.length, " "), at, "latin1");
  const cms = await signRanges([signed.subarray(0, contentsStart), signed.subarray(contentsEnd)]);
  const hex = cms.toString("hex");
  const room = contentsEnd - contentsStart - 2;
  if (hex.length > room) throw new SigningError(`the signature (${cms.length} bytes) is larger than the ${room / 2} bytes reserved in the PDF`);
  signed.write(hex, contentsStart + 1, "latin1");
  return signed;
}

/** One signature found in a PDF, located by its /ByteRange. */
export interface PdfSignatureLocation {
  byteRange: [number, number, number, number];
  /** The hole must be exactly the hex string of /Contents, and the ranges must reach the end of file. */
  problems: string[];
  coversWholeFile: boolean;
  signedBytes: Buffer[];
  cms: Buffer | undefined;
  subFilter: string | undefined;
}

export function locatePdfSignatures(pdf: Buffer): { signatures: PdfSignatureLocation[]; signatureDictionaries: number } {
  const text = pdf.toString("latin1");
  const signatures: PdfSignatureLocation[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = [match[1], match[2], match[3], match[4]].map(Number) as [number, number, number, number];
    const [start, firstLength, secondStart, secondLength] = byteRange;
    const problems: string[] = [];
    const end = secondStart + secondLength;
    if (start !== 0) problems.push("the signed range does not start at the first byte");
    if (end > pdf.length || secondStart < firstLength) problems.push("the byte range points outside the file");
    let cms: Buffer | undefined;
    if (text[firstLength] !== "<" || text[secondStart - 1] !== ">") {
      problems.push("the unsigned hole is not the signature's /Contents");
    } else {
      const hex = text.slice(firstLength + 1, secondStart - 1);
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) problems.push("/Contents is not a hex string");
      else cms = Buffer.from(hex, "hex");
    }
    const objectEnd = text.indexOf("endobj", match.index);
    const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(text.slice(text.lastIndexOf("obj", match.index), objectEnd))?.[1];
    signatures.push({
      byteRange,
      problems,
      coversWholeFile: start === 0 && end === pdf.length,
      signedBytes: problems.length ? [] : [pdf.subarray(0, firstLength), pdf.subarray(secondStart, end)],
      cms,
      subFilter,
    });
  }
  return { signatures, signatureDictionaries: (text.match(/\/Type\s*\/Sig\b/g) ?? []).length };
}
