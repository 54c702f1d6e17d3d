import { readFileSync } from "node:fs";
import { createServer as createHttpsServer, type Server } from "node:https";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { TokenCredential } from "@azure/core-auth";
import { createDefaultHttpClient, type HttpClient } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { resolveLimits, type CollectionLimits } from "../../src/azure/limits.js";
import { replayKey } from "../../src/azure/replay.js";
import type { CallError } from "../../src/model/call-error.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import type { Answer } from "../support/har.js";
import { hostileCases, type Expected, type Origins } from "../support/hostile-answers.js";
import { pagedLists, type PagedList } from "../support/paged-lists.js";
import { sampleClock, temporaryFolder } from "../support/sample.js";
import { run } from "../support/tools.js";

/**
 * Issue 11 in live mode: the same table of hostile answers, served by an HTTPS server on loopback
 * to the real SDK clients, the Graph client and the SDK's own HTTPS transport. The server's
 * certificate is valid for 127.0.0.1 and for "localhost", and it notes the Authorization header of
 * every request under the origin it was sent to, so "no token went to the other host" is what the
 * other host saw, not what the tool says. The endpoint is https://127.0.0.1:<port>; the other host
 * is https://localhost:<same port>, the other port a second server with the same certificate.
 */
const token = "loopback-token-6f1d2c";
const credential: TokenCredential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };

interface Seen {
  origin: string;
  request: string;
  authorization: string;
}

let folder: string;
let ca: Buffer;
let main: Server;
let second: Server;
let silentTls: TcpServer;
let origins: Origins;
let silentOrigin: string;
const seen: Seen[] = [];
const sockets = new Set<Socket>();
/** What the servers answer now: recorded answers in order per request, the last one repeating, as replay serves them. */
let queues = new Map<string, Answer[]>();
/** Requests (by key) that get headers and half a body, then nothing; or nothing at all. */
let stalled = new Map<string, "no answer" | "half a body">();

function serve(answers: readonly Answer[]): void {
  queues = new Map();
  for (const answer of answers) {
    const key = replayKey(answer.method ?? "GET", answer.url);
    queues.set(key, [...(queues.get(key) ?? []), answer]);
  }
  stalled = new Map();
}

function handler(port: () => number) {
  return (request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => {
    const origin = `https://${request.headers.host ?? `127.0.0.1:${port()}`}`;
    const key = replayKey(request.method ?? "GET", `${origin}${request.url ?? "/"}`);
    seen.push({ origin, request: `${request.method} ${origin}${request.url}`, authorization: request.headers.authorization ?? "(none)" });
    request.resume();
    request.on("end", () => {
      const stall = stalled.get(key);
      if (stall === "no answer") return;
      if (stall === "half a body") {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" }).write('{"value":[');
        return;
      }
      const queue = queues.get(key);
      const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!answer) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: key } }));
        return;
      }
      const body = answer.raw ?? Buffer.from(answer.body === undefined ? "" : JSON.stringify(answer.body));
      response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers }).end(body);
    });
  };
}

async function listen(server: Server | TcpServer): Promise<number> {
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  folder = temporaryFolder("bounded-live");
  const made = run("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", join(folder, "key.pem"), "-out", join(folder, "cert.pem"),
  ]);
  expect(made.status, made.stderr).toBe(0);
  ca = readFileSync(join(folder, "cert.pem"));
  const tls = { key: readFileSync(join(folder, "key.pem")), cert: ca };
  let mainPort = 0;
  let secondPort = 0;
  main = createHttpsServer(tls, handler(() => mainPort));
  second = createHttpsServer(tls, handler(() => secondPort));
  mainPort = await listen(main);
  secondPort = await listen(second);
  // Accepts TCP connections and never says a word: TLS never completes.
  silentTls = createTcpServer(() => {});
  silentOrigin = `https://127.0.0.1:${await listen(silentTls)}`;
  origins = {
    own: `https://127.0.0.1:${mainPort}`,
    otherHost: `https://localhost:${mainPort}`,
    otherScheme: `http://127.0.0.1:${mainPort}`,
    otherPort: `https://127.0.0.1:${secondPort}`,
  };
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([main, second, silentTls].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

beforeEach(() => {
  seen.length = 0;
});

/** The SDK's own HTTPS transport, told to trust the loopback certificate (an option of every request it sends). */
const trustingTransport: HttpClient = (() => {
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request) {
      request.requestOverrides = { ...request.requestOverrides, ca };
      return inner.sendRequest(request);
    },
  };
})();

function liveAccess(endpoint: string, limits: Partial<CollectionLimits> = {}): AzureAccess {
  return new AzureAccess(
    { kind: "live", credential, transport: trustingTransport, retryDelayMs: 5 },
    resolveEndpoints("AzurePublic", { arm: endpoint, graph: endpoint, logAnalytics: `${endpoint}/v1` }),
    sampleClock,
    resolveLimits(limits),
  );
}

const requested = (access: AzureAccess) => access.ledger.exchanges.map((exchange) => `${exchange.request.method} ${exchange.request.url}`);
const outcomeOf = (record: EvidenceRecord): Expected["outcome"] => (record.status === "ok" ? ["ok", record.value.length] : ["error", record.error]);
/** What the servers saw: every request on the endpoint, with the token; and on any other origin, nothing. */
const withToken = (requests: readonly string[]) => requests.map((request) => ({ origin: origins.own, request, authorization: `Bearer ${token}` }));

describe.each(pagedLists)("$name over HTTPS on loopback", (list: PagedList) => {
  it.each(hostileCases)("$name", async (hostile) => {
    serve(hostile.answers(list, origins));
    const access = liveAccess(origins.own, hostile.limits);
    const record = await list.collect(access);
    const expected = hostile.expected(list, origins);
    expect({ outcome: outcomeOf(record), requested: requested(access) }).toEqual(expected);
    expect(seen).toEqual(withToken(expected.requested));
  });
});

describe("the other host name is a real second host", () => {
  it.each(pagedLists)("$name: with https://localhost as its endpoint, the list is read there, token and all", async (list) => {
    serve([{ url: list.firstPage(origins.otherHost), body: list.page(1, 2, undefined) }]);
    const record = await list.collect(liveAccess(origins.otherHost));
    expect(outcomeOf(record)).toEqual(["ok", 2]);
    expect(seen).toEqual([{ origin: origins.otherHost, request: `GET ${list.firstPage(origins.otherHost)}`, authorization: `Bearer ${token}` }]);
  });
});

describe("waiting that ends", () => {
  const armPager = pagedLists[0]!;
  const graphPager = pagedLists[3]!;
  const network = (call: string, message: string, code: string): CallError => ({ call, status: 0, code, message, reason: "network" });

  // The Azure pipeline retries a network failure three times; Graph's RetryHandler retries statuses only.
  it.each([
    { list: armPager, attempts: 4, code: "ETIMEDOUT" },
    { list: graphPager, attempts: 1, code: "ETIMEDOUT" },
  ])("$list.name: a server that takes the request and never answers is left after the idle timeout", async ({ list, attempts, code }) => {
    const first = list.firstPage(origins.own);
    serve([]);
    stalled.set(replayKey("GET", first), "no answer");
    const started = performance.now();
    const record = await list.collect(liveAccess(origins.own, { idleTimeoutMs: 100 }));
    expect(outcomeOf(record)).toEqual(["error", network(`GET ${first}`, "no answer within 0.1 s (limits.idleTimeoutSeconds)", code)]);
    expect(seen).toEqual(withToken(Array(attempts).fill(`GET ${first}`)));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.each([
    { list: armPager, attempts: 4, code: "ETIMEDOUT" },
    { list: graphPager, attempts: 1, code: "ETIMEDOUT" },
  ])("$list.name: an answer that stops halfway is left after the idle timeout, and nothing of it is kept", async ({ list, attempts, code }) => {
    const first = list.firstPage(origins.own);
    serve([]);
    stalled.set(replayKey("GET", first), "half a body");
    const access = liveAccess(origins.own, { idleTimeoutMs: 100 });
    const record = await list.collect(access);
    expect(outcomeOf(record)).toEqual(["error", network(`GET ${first}`, "the answer stalled: no data for 0.1 s (limits.idleTimeoutSeconds)", code)]);
    expect(seen).toEqual(withToken(Array(attempts).fill(`GET ${first}`)));
    expect(access.ledger.exchanges.map((exchange) => [exchange.response, exchange.failure?.message])).toEqual(
      Array(attempts).fill([undefined, "the answer stalled: no data for 0.1 s (limits.idleTimeoutSeconds)"]),
    );
  });

  it.each([
    { list: armPager, attempts: 4, code: "ETIMEDOUT" },
    { list: graphPager, attempts: 1, code: "ETIMEDOUT" },
  ])("$list.name: a connection that never completes TLS is given up after the connect timeout", async ({ list, attempts, code }) => {
    const first = list.firstPage(silentOrigin);
    const access = liveAccess(silentOrigin, { connectTimeoutMs: 100, idleTimeoutMs: 10_000 });
    const started = performance.now();
    const record = await list.collect(access);
    const message = `no connection to 127.0.0.1:${new URL(silentOrigin).port} within 0.1 s (limits.connectTimeoutSeconds)`;
    expect(outcomeOf(record)).toEqual(["error", network(`GET ${first}`, message, code)]);
    expect(requested(access)).toEqual(Array(attempts).fill(`GET ${first}`));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
