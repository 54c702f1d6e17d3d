import type { TokenCredential } from "@azure/core-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { resolveLimits, type CollectionLimits } from "../../src/azure/limits.js";
import type { CallError } from "../../src/model/call-error.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { hostileCases, type Expected } from "../support/hostile-answers.js";
import { startLoopbackServers, type LoopbackServers } from "../support/loopback-servers.js";
import { pagedLists, type PagedList } from "../support/paged-lists.js";
import { sampleClock } from "../support/sample.js";

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

let servers: LoopbackServers;

beforeAll(async () => {
  servers = await startLoopbackServers();
});

afterAll(() => servers.close());

beforeEach(() => {
  servers.seen.length = 0;
});

function liveAccess(endpoint: string, limits: Partial<CollectionLimits> = {}): AzureAccess {
  return new AzureAccess(
    { kind: "live", credential, transport: servers.transport, retryDelayMs: 5 },
    resolveEndpoints("AzurePublic", { arm: endpoint, graph: endpoint, logAnalytics: `${endpoint}/v1` }),
    sampleClock,
    resolveLimits(limits),
  );
}

const requested = (access: AzureAccess) => access.ledger.exchanges.map((exchange) => `${exchange.request.method} ${exchange.request.url}`);
const outcomeOf = (record: EvidenceRecord): Expected["outcome"] => (record.status === "ok" ? ["ok", record.value.length] : ["error", record.error]);
/** What the servers saw: every request on the endpoint, with the token; and on any other origin, nothing. */
const withToken = (requests: readonly string[]) => requests.map((request) => ({ origin: servers.origins.own, request, authorization: `Bearer ${token}` }));

describe.each(pagedLists)("$name over HTTPS on loopback", (list: PagedList) => {
  it.each(hostileCases)("$name", async (hostile) => {
    const { origins } = servers;
    servers.serve(hostile.answers(list, origins));
    const access = liveAccess(origins.own, hostile.limits);
    const record = await list.collect(access);
    const expected = hostile.expected(list, origins);
    expect({ outcome: outcomeOf(record), requested: requested(access) }).toEqual(expected);
    expect(servers.seen).toEqual(withToken(expected.requested));
  });
});

describe("the other host name is a real second host", () => {
  it.each(pagedLists)("$name: with https://localhost as its endpoint, the list is read there, token and all", async (list) => {
    const { otherHost } = servers.origins;
    servers.serve([{ url: list.firstPage(otherHost), body: list.page(1, 2, undefined) }]);
    const record = await list.collect(liveAccess(otherHost));
    expect(outcomeOf(record)).toEqual(["ok", 2]);
    expect(servers.seen).toEqual([{ origin: otherHost, request: `GET ${list.firstPage(otherHost)}`, authorization: `Bearer ${token}` }]);
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
    const first = list.firstPage(servers.origins.own);
    servers.serve([]);
    servers.stall("GET", first, "no answer");
    const started = performance.now();
    const record = await list.collect(liveAccess(servers.origins.own, { idleTimeoutMs: 100 }));
    expect(outcomeOf(record)).toEqual(["error", network(`GET ${first}`, "no answer within 0.1 s (limits.idleTimeoutSeconds)", code)]);
    expect(servers.seen).toEqual(withToken(Array(attempts).fill(`GET ${first}`)));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.each([
    { list: armPager, attempts: 4, code: "ETIMEDOUT" },
    { list: graphPager, attempts: 1, code: "ETIMEDOUT" },
  ])("$list.name: an answer that stops halfway is left after the idle timeout, and nothing of it is kept", async ({ list, attempts, code }) => {
    const first = list.firstPage(servers.origins.own);
    servers.serve([]);
    servers.stall("GET", first, "half a body");
    const access = liveAccess(servers.origins.own, { idleTimeoutMs: 100 });
    const record = await list.collect(access);
    expect(outcomeOf(record)).toEqual(["error", network(`GET ${first}`, "the answer stalled: no data for 0.1 s (limits.idleTimeoutSeconds)", code)]);
    expect(servers.seen).toEqual(withToken(Array(attempts).fill(`GET ${first}`)));
    expect(access.ledger.exchanges.map((exchange) => [exchange.response, exchange.failure?.message])).toEqual(
      Array(attempts).fill([undefined, "the answer stalled: no data for 0.1 s (limits.idleTimeoutSeconds)"]),
    );
  });

  it.each([
    { list: armPager, attempts: 4, code: "ETIMEDOUT" },
    { list: graphPager, attempts: 1, code: "ETIMEDOUT" },
  ])("$list.name: a connection that never completes TLS is given up after the connect timeout", async ({ list, attempts, code }) => {
    const { silentOrigin } = servers;
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
