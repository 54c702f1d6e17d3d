import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { addSignatureField, type SignatureDictionary } from "./signature-field.js";

/**
 * pdfmake on Node with the Roboto fonts it ships, embedded (subset) so the PDFs render the same
 * anywhere years from now. No URL is ever fetched and no local file other than the fonts is read.
 */
const require = createRequire(import.meta.url);

interface PdfMakeServer {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getStream(): Promise<unknown>; getBuffer(): Promise<Buffer> };
}

let configured: PdfMakeServer | undefined;

/**
 * PDFKit parses each embedded font anew for every document (fontkit.create on the file's bytes);
 * parsing and the lazy decoding of the layout tables take a third of a report's rendering time. A
 * parsed font is only read by PDFKit (each document makes its own subset), so before PDFKit first
 * loads, the fontkit module it will receive is replaced by one whose `create` hands out one parsed
 * font per file content for the life of the process.
 */
function shareParsedFonts(): void {
  const pdfkitRequire = createRequire(require.resolve("pdfkit"));
  const fontkitPath = pdfkitRequire.resolve("fontkit");
  const fontkit = pdfkitRequire("fontkit") as { create(buffer: Uint8Array, postscriptName?: string): unknown };
  const cached = require.cache[fontkitPath];
  if (!cached) return;
  const parsed = new Map<string, unknown>();
  const create = (buffer: Uint8Array, postscriptName?: string): unknown => {
    const key = `${createHash("sha256").update(buffer).digest("hex")}|${postscriptName ?? ""}`;
    let font = parsed.get(key);
    if (font === undefined) {
      font = fontkit.create(buffer, postscriptName);
      parsed.set(key, font);
    }
    return font;
  };
  cached.exports = new Proxy(fontkit, { get: (target, property, receiver) => (property === "create" ? create : Reflect.get(target, property, receiver)) });
}

function pdfmake(): PdfMakeServer {
  if (configured) return configured;
  const instance = require("pdfmake") as PdfMakeServer;
  shareParsedFonts();
  const fonts = require("pdfmake/fonts/Roboto.js") as { Roboto: Record<string, string> };
  const fontsDir = dirname(fonts.Roboto.normal ?? "");
  instance.setFonts({ Roboto: fonts.Roboto });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => path.startsWith(fontsDir));
  configured = instance;
  return instance;
}

/**
 * Renders one PDF with its signature field: PDFKit writes the file once, with room for the
 * signature that the archive stage fills in.
 */
export async function renderPdf(definition: TDocumentDefinitions, signature: SignatureDictionary): Promise<Buffer> {
  const output = pdfmake().createPdf(definition);
  addSignatureField(await output.getStream(), signature);
  return output.getBuffer();
}
