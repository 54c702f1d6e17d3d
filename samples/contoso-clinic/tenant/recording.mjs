// The recording writer: turns each answer of the tenant into a HAR 1.2 entry, with the headers and
// timings a real call would carry, and assembles the HAR file.
import { collectingIdentity } from "./clinic.mjs";

export const arm = "https://management.azure.com";
export const graph = "https://graph.microsoft.com/v1.0";
export const logAnalytics = "https://api.loganalytics.io/v1";

// Entries are kept in the order they are recorded: replay serves repeated requests in that order.
export function createRecording(startedAt) {
  let clock = Date.parse(startedAt);
  let sequence = 0;
  const entries = [];

  function requestId() {
    sequence++;
    return `5e1c0d2a-${String(sequence).padStart(4, "0")}-4c3b-9a8f-7e6d5c4b3a29`;
  }

  function record(method, url, status, body, { headers = [], requestBody } = {}) {
    const text = body === undefined ? "" : JSON.stringify(body);
    const started = new Date(clock);
    const time = 80 + ((sequence * 37) % 140);
    clock += time + 15;
    const id = requestId();
    const isGraph = url.startsWith(graph);
    const responseHeaders = [
      {
        name: "content-type",
        value: isGraph
          ? "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
          : "application/json; charset=utf-8",
      },
      { name: "date", value: started.toUTCString() },
      ...(isGraph
        ? [
            { name: "request-id", value: id },
            { name: "client-request-id", value: id },
            { name: "x-ms-resource-unit", value: "1" },
          ]
        : [
            { name: "x-ms-request-id", value: id },
            { name: "x-ms-correlation-request-id", value: id },
            { name: "x-ms-ratelimit-remaining-subscription-reads", value: String(249 - sequence) },
          ]),
      ...headers,
    ];
    const parsed = new URL(url);
    entries.push({
      startedDateTime: started.toISOString(),
      time,
      request: {
        method,
        url,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: [{ name: "accept", value: "application/json" }, ...(requestBody ? [{ name: "content-type", value: "application/json" }] : [])],
        queryString: [...parsed.searchParams.entries()].map(([name, value]) => ({ name, value })),
        ...(requestBody ? { postData: { mimeType: "application/json", text: JSON.stringify(requestBody) } } : {}),
        headersSize: -1,
        bodySize: requestBody ? JSON.stringify(requestBody).length : 0,
      },
      response: {
        status,
        statusText: { 200: "OK", 403: "Forbidden" }[status] ?? "",
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: responseHeaders,
        content: { size: Buffer.byteLength(text), mimeType: responseHeaders[0].value, text },
        redirectURL: "",
        headersSize: -1,
        bodySize: Buffer.byteLength(text),
      },
      cache: {},
      timings: { send: 0, wait: time, receive: 0 },
    });
  }

  // Time the collector spends between calls (a throttled API makes it wait).
  function wait(milliseconds) {
    clock += milliseconds;
  }

  return { record, wait, entries };
}

export function toHar(entries) {
  return {
    log: {
      version: "1.2",
      creator: { name: "hipaa-evidence sample builder", version: "1" },
      comment: "Fictional tenant of Contoso Clinic, for demonstrations and tests. Built by build-recording.mjs.",
      _hipaaEvidence: {
        tool: { name: "hipaa-evidence", version: "sample" },
        cloud: "AzurePublic",
        identity: collectingIdentity,
      },
      entries,
    },
  };
}
