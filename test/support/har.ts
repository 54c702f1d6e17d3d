import { isUtf8 } from "node:buffer";
import type { HarFile } from "../../src/azure/har.js";

/** A compact way to write small HAR recordings in tests. */
export interface Answer {
  method?: string;
  url: string;
  status?: number;
  body?: unknown;
  /** The body's exact bytes instead of `body` as JSON: base64 in the recording when they are not UTF-8. */
  raw?: Buffer;
  headers?: Record<string, string>;
}

function content(answer: Answer): { text: string; encoding?: string } {
  if (answer.raw) return isUtf8(answer.raw) ? { text: answer.raw.toString("utf8") } : { text: answer.raw.toString("base64"), encoding: "base64" };
  return { text: answer.body === undefined ? "" : JSON.stringify(answer.body) };
}

export function har(answers: readonly Answer[], identity?: { tenantId: string }): HarFile {
  return {
    log: {
      version: "1.2",
      creator: { name: "test", version: "1" },
      ...(identity ? { _hipaaEvidence: { identity: { tenantId: identity.tenantId, kind: "servicePrincipal" as const } } } : {}),
      entries: answers.map((answer) => ({
        startedDateTime: "2026-11-20T10:00:00.000Z",
        request: { method: answer.method ?? "GET", url: answer.url },
        response: {
          status: answer.status ?? 200,
          headers: Object.entries({ "content-type": "application/json", ...answer.headers }).map(([name, value]) => ({ name, value })),
          content: content(answer),
        },
      })),
    },
  };
}
