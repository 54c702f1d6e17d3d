import { SigningError } from "../errors.js";

/**
 * PAdES signatures on the PDFs pdfmake renders. The signature dictionary is added to the live PDFKit
 * document before it is written (so the file is saved exactly once), then the reserved /ByteRange
 * and /Contents are filled in place: nothing is re-saved after signing.
 */

/** Room for the DER signature: chain, attributes and an RFC 3161 token with its own chain (B-T ~6 KB). */
export const reservedSignatureBytes = 12288;

/** PDFKit writes a JS string as a PDF name, so the placeholder is "/**********": ten digits of room. */
const byteRangePlaceholder = "**********";
const placeholderText = `/ByteRange [0 /${byteRangePlaceholder} /${byteRangePlaceholder} /${byteRangePlaceholder}]`;

/** The few PDFKit internals the signature field needs (pdfmake's PDFKit 0.19, as of pdfmake 0.3). */
interface PdfKitReference {
  data: Record<string, unknown> & { Fields?: unknown[] };
  end(): void;
}
interface PdfKitDocument {
  ref(data: Record<string, unknown>): PdfKitReference;
  initForm(): void;
  _acroform?: unknown;
  _root: { data: { AcroForm?: PdfKitReference } };
  page: { dictionary: PdfKitReference; annotations: PdfKitReference[] };
}

export interface SignatureDictionary {
  /** The claimed signing time (/M); only an RFC 3161 token makes a time trustworthy. */
  signingTime: Date;
  reason: string;
  signerName: string;
  application: string;
}

/** Adds an invisible signature field on the last page with room for the signature. */
export function addSignaturePlaceholder(document: unknown, dictionary: SignatureDictionary): void {
  const pdf = document as PdfKitDocument;
  const signature = pdf.ref({
    Type: "Sig",
    Filter: "Adobe.PPKLite",
    SubFilter: "ETSI.CAdES.detached",
    ByteRange: [0, byteRangePlaceholder, byteRangePlaceholder, byteRangePlaceholder],
    Contents: Buffer.alloc(reservedSignatureBytes),
    M: dictionary.signingTime,
    Reason: new String(dictionary.reason),
    Name: new String(dictionary.signerName),
    Prop_Build: { App: { Name: new String(dictionary.application) } },
  });
  if (!pdf._acroform) pdf.initForm();
  const form = pdf._root.data.AcroForm;
  if (!form) throw new Error("PDFKit did not create an AcroForm");
  const fields = form.data.Fields ?? [];
  // SigFlags 3: signatures exist, and the file may only be appended to.
  form.data = { Type: "AcroForm", SigFlags: 3, Fields: fields, DR: form.data.DR };
  const widget = pdf.ref({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    Rect: [0, 0, 0, 0],
    F: 4,
    V: signature,
    T: new String(`Signature${fields.length + 1}`),
    P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  fields.push(widget);
  signature.end();
  widget.end();
}

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
