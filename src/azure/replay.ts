import { createHttpHeaders, RestError, type HttpClient, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { setBody } from "./body.js";
import type { HarEntry, HarFile } from "./har.js";

/**
 * Serves recorded responses to the real SDK clients (docs/archive-layout.md). Requests match on method and full
 * URL, query parameters compared without regard to order. Several entries for one request are served
 * in recorded order (a 429 then a 200 replays a retry); the last one keeps answering after that. A
 * request nobody recorded fails as a network error would: replay never invents data.
 */
export const notRecordedCode = "REPLAY_NOT_RECORDED";

export function replayKey(method: string, url: string): string {
  const parsed = new URL(url);
  const query = [...parsed.searchParams.entries()]
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  return `${method.toUpperCase()} ${parsed.protocol}//${parsed.host.toLowerCase()}${decodeURIComponent(parsed.pathname)}?${query}`;
}

interface Queue {
  entries: HarEntry[];
  next: number;
}

export class HarReplayHttpClient implements HttpClient {
  private readonly queues = new Map<string, Queue>();

  /** @param source the recording's file name, quoted in "not recorded" errors */
  constructor(
    har: HarFile,
    private readonly source: string,
  ) {
    for (const entry of har.log.entries) {
      const key = replayKey(entry.request.method, entry.request.url);
      const queue = this.queues.get(key) ?? { entries: [], next: 0 };
      queue.entries.push(entry);
      this.queues.set(key, queue);
    }
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const queue = this.queues.get(replayKey(request.method, request.url));
    const entry = queue?.entries[Math.min(queue.next, queue.entries.length - 1)];
    if (!queue || !entry) {
      throw new RestError(`no recorded response for ${request.method} ${request.url} in ${this.source}`, {
        code: notRecordedCode,
        request,
      });
    }
    queue.next++;
    if (entry.response.status === 0) {
      // The recording holds a call that got no response (it came from an archive's calls.har).
      throw new RestError(entry._error ?? `recorded call to ${request.url} received no response`, {
        code: "REPLAY_RECORDED_FAILURE",
        request,
      });
    }
    const content = entry.response.content;
    // The bytes as recorded: a base64 body that is not UTF-8 reaches the checks as it was, not repaired.
    const bytes = content.encoding === "base64" ? Buffer.from(content.text ?? "", "base64") : Buffer.from(content.text ?? "", "utf8");
    const headers = createHttpHeaders();
    for (const { name, value } of entry.response.headers) headers.set(name, value);
    return setBody({ request, status: entry.response.status, headers }, bytes);
  }
}
