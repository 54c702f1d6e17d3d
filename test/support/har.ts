import type { HarFile } from "../../src/azure/har.js";

/** A compact way to write small HAR recordings in tests. */
export interface Answer {
  method?: string;
  url: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
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
          content: { text: answer.body === undefined ? "" : JSON.stringify(answer.body) },
        },
      })),
    },
  };
}
