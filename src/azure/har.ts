import { z } from "zod";
import { CollectingIdentitySchema } from "../model/identity.js";
import { isUtf8Body } from "./body.js";
import { requestIdOf, throttlingHeaders, type Exchange } from "./exchange.js";

/**
 * HAR 1.2 as docs/archive-layout.md fixes it. Reading is lenient about what HAR tools add and strict about what
 * replay needs; writing produces every field HAR 1.2 requires, plus our own `_`-prefixed fields
 * (allowed by the HAR spec for custom data).
 */
const HarHeaderSchema = z.object({ name: z.string(), value: z.string() });

const HarEntrySchema = z.object({
  startedDateTime: z.string().optional(),
  request: z.object({
    method: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }),
  }),
  response: z.object({
    /** 0 means no response arrived: the archive's own calls.har records failures this way. */
    status: z.number().int().min(0).max(599),
    headers: z.array(HarHeaderSchema),
    content: z.object({
      text: z.string().optional(),
      encoding: z.string().optional(),
      mimeType: z.string().optional(),
    }),
  }),
  _error: z.string().optional(),
  _collector: z.string().optional(),
});

/** Facts about the recording itself, written by this tool into log._hipaaEvidence. */
export const RecordingFactsSchema = z.object({
  tool: z.object({ name: z.string(), version: z.string() }).optional(),
  cloud: z.string().optional(),
  identity: CollectingIdentitySchema.optional(),
});
export type RecordingFacts = z.infer<typeof RecordingFactsSchema>;

export const HarFileSchema = z.object({
  log: z.object({
    version: z.string(),
    creator: z.object({ name: z.string(), version: z.string() }).optional(),
    entries: z.array(HarEntrySchema),
    _hipaaEvidence: RecordingFactsSchema.optional(),
  }),
});
export type HarFile = z.infer<typeof HarFileSchema>;
export type HarEntry = z.infer<typeof HarEntrySchema>;

function headerList(headers: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryStringOf(url: string): { name: string; value: string }[] {
  return [...new URL(url).searchParams.entries()].map(([name, value]) => ({ name, value }));
}

/** The ledger as HAR 1.2: every attempt, failures included, with no credential anywhere. */
export function exchangesToHar(exchanges: readonly Exchange[], facts: RecordingFacts): object {
  return {
    log: {
      version: "1.2",
      creator: { name: facts.tool?.name ?? "hipaa-evidence", version: facts.tool?.version ?? "0" },
      _hipaaEvidence: facts,
      entries: exchanges.map((exchange) => {
        const body = exchange.response?.body ?? Buffer.alloc(0);
        // HAR 1.2 carries binary content as base64 with `encoding`: bytes that are not UTF-8 stay exact.
        const content = isUtf8Body(body) ? { text: body.toString("utf8") } : { text: body.toString("base64"), encoding: "base64" };
        const mimeType = exchange.response?.headers["content-type"] ?? "application/json";
        return {
          startedDateTime: exchange.startedAt.toISOString(),
          time: exchange.durationMs,
          request: {
            method: exchange.request.method,
            url: exchange.request.url,
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: headerList(exchange.request.headers),
            queryString: queryStringOf(exchange.request.url),
            ...(exchange.request.body !== undefined
              ? {
                  postData: {
                    mimeType: exchange.request.headers["content-type"] ?? "application/json",
                    text: exchange.request.body,
                  },
                }
              : {}),
            headersSize: -1,
            bodySize: exchange.request.body === undefined ? 0 : Buffer.byteLength(exchange.request.body),
          },
          response: {
            status: exchange.response?.status ?? 0,
            statusText: "",
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: headerList(exchange.response?.headers ?? {}),
            content: { size: body.length, mimeType, ...content },
            redirectURL: "",
            headersSize: -1,
            bodySize: exchange.response ? body.length : -1,
          },
          cache: {},
          timings: { send: 0, wait: exchange.durationMs, receive: 0 },
          ...(exchange.collector ? { _collector: exchange.collector } : {}),
          ...(requestIdOf(exchange) ? { _requestId: requestIdOf(exchange) } : {}),
          ...(exchange.response && Object.keys(throttlingHeaders(exchange.response.headers)).length > 0
            ? { _throttling: throttlingHeaders(exchange.response.headers) }
            : {}),
          ...(exchange.failure ? { _error: exchange.failure.message } : {}),
        };
      }),
    },
  };
}
