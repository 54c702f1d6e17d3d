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
