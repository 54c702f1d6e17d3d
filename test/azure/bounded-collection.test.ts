import { describe, expect, it, vi } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { exchangesToHar } from "../../src/azure/har.js";
import { resolveLimits } from "../../src/azure/limits.js";
import { collectDataset } from "../../src/collectors/collector.js";
import { usersDataset } from "../../src/datasets/entra.js";
import { auditRecordsDataset } from "../../src/datasets/log-analytics.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { har, type Answer } from "../support/har.js";
import { hostileCases, notUtf8, type Expected, type Origins } from "../support/hostile-answers.js";
import { pagedLists, type PagedList } from "../support/paged-lists.js";
import { sampleClock } from "../support/sample.js";

/**
 * Issue 11 over HAR replay: every hostile answer in the table, for each of the four ways the tool
 * pages, through the real SDK clients and the Graph client. Replay serves whatever is recorded, the
 * foreign pages included, so only the boundary keeps them out of the evidence.
 */
const endpoints = resolveEndpoints("AzurePublic");

function originsOf(list: PagedList): Origins {
  const own = list.service === "arm" ? endpoints.arm.url : endpoints.graph.url;
  const host = new URL(own).host;
  return { own, otherHost: "https://collector.attacker.example", otherScheme: `http://${host}`, otherPort: `https://${host}:8443` };
}

function replay(answers: readonly Answer[], limits = resolveLimits()): AzureAccess {
  return new AzureAccess({ kind: "replay", har: har(answers), source: "test.har" }, endpoints, sampleClock, limits);
}

const requested = (access: AzureAccess) => access.ledger.exchanges.map((exchange) => `${exchange.request.method} ${exchange.request.url}`);

function outcomeOf(record: EvidenceRecord): Expected["outcome"] {
  return record.status === "ok" ? ["ok", record.value.length] : ["error", record.error];
}

describe.each(pagedLists)("$name over replay", (list) => {
  it.each(hostileCases)("$name", async (hostile) => {
    const origins = originsOf(list);
    const access = replay(hostile.answers(list, origins), resolveLimits(hostile.limits));
    const started = performance.now();
    const record = await list.collect(access);
    expect({ outcome: outcomeOf(record), requested: requested(access) }).toEqual(hostile.expected(list, origins));
    // Nothing here waits: a refused Retry-After, a loop and a foreign link all end at once.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("what the boundary keeps", () => {
  const list = pagedLists[0]!;
  const first = list.firstPage(endpoints.arm.url);

  it("stores a body that is not UTF-8 base64-encoded in the HAR, byte for byte", async () => {
    const access = replay([{ url: first, raw: notUtf8, headers: { "content-type": "application/json; charset=utf-8" } }]);
    await list.collect(access);
    const calls = exchangesToHar(access.ledger.exchanges, {}) as { log: { entries: { response: { content: unknown; bodySize: number } }[] } };
    expect(calls.log.entries.map((entry) => entry.response.content)).toEqual([
      { size: notUtf8.length, mimeType: "application/json; charset=utf-8", text: notUtf8.toString("base64"), encoding: "base64" },
    ]);
    expect(Buffer.from(notUtf8.toString("base64"), "base64").equals(notUtf8)).toBe(true);
  });

  it("replays that HAR to the same unreadable record, the bytes reaching the check unrepaired", async () => {
    const recorded = replay([{ url: first, raw: notUtf8 }]);
    const original = await list.collect(recorded);
    const again = new AzureAccess({ kind: "replay", har: exchangesToHar(recorded.ledger.exchanges, {}) as never, source: "calls.har" }, endpoints, sampleClock);
    expect(await list.collect(again)).toEqual(original);
    expect(original).toMatchObject({ status: "error", error: { reason: "unreadable-body" } });
  });

  it("refuses a request of the Graph client to another host at its transport, whoever built the URL", async () => {
    const foreign = "https://graph.attacker.example/v1.0/users?$top=999";
    const access = replay([{ url: foreign, body: { value: [{ id: "u1" }] } }]);
    const record = await collectDataset("entra", {
      dataset: usersDataset,
      scope: "/tenants/t",
      fetch: async () => ((await access.graph().api(foreign).get()) as { value: unknown[] }).value,
    });
    expect(record).toEqual({
      dataset: "entra/users",
      scope: "/tenants/t",
      file: "raw/entra/users.json",
      status: "error",
      error: {
        call: `GET ${foreign}`,
        status: 0,
        message: "not sent, because it leads outside https://graph.microsoft.com, the endpoint the token is for: no request and no token went there",
        reason: "foreign-link",
      },
    });
    expect(requested(access)).toEqual([]);
  });

  // Graph's RetryHandler cuts every wait to 180 s of its own; the Azure pipeline has no ceiling.
  it.each([pagedLists[0]!, pagedLists[3]!])("$name waits a Retry-After of 240 s in full, within the limit, then retries", async (list) => {
    const first = list.firstPage(originsOf(list).own);
    const access = replay([
      { url: first, status: 429, headers: { "retry-after": "240" }, body: { error: { code: "TooManyRequests", message: "slow down" } } },
      { url: first, body: list.page(1, 1, undefined) },
    ]);
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const collected = list.collect(access);
      await vi.advanceTimersByTimeAsync(200_000);
      expect(requested(access)).toEqual([`GET ${first}`]);
      await vi.advanceTimersByTimeAsync(41_000);
      expect(outcomeOf(await collected)).toEqual(["ok", 1]);
      expect(requested(access)).toEqual([`GET ${first}`, `GET ${first}`]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the Log Analytics query client to its endpoint and its Retry-After within the limit", async () => {
    const workspace = "b5e1c0de-0000-4000-8000-000000000001";
    const query = `https://api.loganalytics.io/v1/workspaces/${workspace}/query`;
    const access = replay([
      {
        method: "POST",
        url: query,
        status: 429,
        headers: { "retry-after": "100000" },
        body: { error: { code: "ThrottledError", message: "too many queries" } },
      },
    ]);
    const record = await collectDataset("log-analytics", {
      dataset: auditRecordsDataset,
      scope: "/subscriptions/s/workspaces/w",
      fetch: async () => [await access.logs().queryWorkspace(workspace, "AzureActivity | count", { duration: "P1D" })],
    });
    expect(record.status === "error" ? record.error : record).toEqual({
      call: `POST ${query}`,
      status: 429,
      message: "the service asked to wait 100000 s before a retry, longer than the 300 s limits.retryAfterSeconds allows",
      reason: "throttled",
    });
    expect(requested(access)).toEqual([`POST ${query}`]);
  });
});
