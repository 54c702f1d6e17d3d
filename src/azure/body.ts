import { isUtf8 } from "node:buffer";
import type { PipelineResponse } from "@azure/core-rest-pipeline";

/**
 * Response bodies as bytes. The SDKs read `bodyAsText`; the evidence keeps the bytes that arrived,
 * so a body that is not UTF-8 is stored exactly (base64 in raw/calls.har) instead of being silently
 * repaired by a decoder. The transports that produce bodies (live and replay) attach the bytes here.
 */
const bodies = new WeakMap<PipelineResponse, Buffer>();

/** Gives the response its exact bytes, and the text the SDKs read. */
export function setBody(response: PipelineResponse, bytes: Buffer): PipelineResponse {
  bodies.set(response, bytes);
  response.bodyAsText = bytes.toString("utf8");
  response.readableStreamBody = undefined;
  return response;
}

/** The exact bytes of a response; for one from a transport that only gave text, that text's UTF-8. */
export function bodyOf(response: PipelineResponse): Buffer {
  return bodies.get(response) ?? Buffer.from(response.bodyAsText ?? "", "utf8");
}

export function isUtf8Body(bytes: Buffer): boolean {
  return isUtf8(bytes);
}

const quote = 0x22;
const backslash = 0x5c;
const [openArray, closeArray, openObject, closeObject] = [0x5b, 0x5d, 0x7b, 0x7d];

/**
 * Whether JSON nests arrays and objects deeper than `limit`, found without parsing: the parsers and
 * serialisers downstream recurse, and a hostile body nested 100,000 levels would exhaust the stack.
 * Scans bytes: in UTF-8 every byte of a multi-byte character is above 0x7f, so none is mistaken
 * for a bracket or a quote.
 */
export function nestsDeeperThan(bytes: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    // readUInt8 within bounds: a number, where indexing a Buffer types as possibly undefined.
    const byte = bytes.readUInt8(index);
    if (inString) {
      if (byte === backslash) index += 1;
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (byte === openArray || byte === openObject) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === closeArray || byte === closeObject) {
      depth -= 1;
    }
  }
  return false;
}

/** The body as JSON when it is UTF-8 and within the depth limit; undefined when it is not JSON or not safe to parse. */
export function parseJsonBody(bytes: Buffer, maxDepth: number): { ok: true; value: unknown } | { ok: false } {
  if (!isUtf8(bytes) || nestsDeeperThan(bytes, maxDepth)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}
