/**
 * The PAdES signature field of every report: added to the live PDFKit document before it is written,
 * with a /ByteRange placeholder and room in /Contents that the archive stage fills when it signs.
 * Nothing is re-saved after signing, so the signature covers the file exactly as rendered.
 */

/** Room for the DER signature: chain, attributes and an RFC 3161 token with its own chain (B-T ~6 KB). */
export const reservedSignatureBytes = 12288;

/** PDFKit writes a JS string as a PDF name, so the placeholder is "/**********": ten digits of room. */
const byteRangePlaceholder = "**********";

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
export function addSignatureField(document: unknown, dictionary: SignatureDictionary): void {
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
