import { describe, expect, it } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { exchangesToHar, type HarFile } from "../../src/azure/har.js";
import { replayKey } from "../../src/azure/replay.js";
import { fixedClock } from "../../src/clock.js";
import { armGet, armList, collectDataset, defineCollector, drain } from "../../src/collectors/collector.js";
import { principalsDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { sqlAuditingDataset } from "../../src/datasets/sql.js";
import { blobDiagnosticSettingsDataset } from "../../src/datasets/storage.js";
import { har, type Answer } from "../support/har.js";
import { firstExampleItem } from "../support/official-examples.js";

const arm = "https://management.azure.com";
const subscriptionId = "291bba3f-e0a5-47bc-a099-3bdcb2a50a05";
const listUrl = `${arm}/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`;

/** Replays a recording as the main job does, `source` naming it in errors. */
function replayHar(recording: HarFile, source = "test.har"): AzureAccess {
  return new AzureAccess({ kind: "replay", har: recording, source }, resolveEndpoints("AzurePublic"), fixedClock("2026-11-24T09:30:00Z"));
}

function replay(answers: readonly Answer[]): AzureAccess {
  return replayHar(har(answers));
}

/** The SQL collector's single-object GET (a server's auditing policy), as it sends it. */
const serverId = `/subscriptions/${subscriptionId}/resourceGroups/data/providers/Microsoft.Sql/servers/sql-records`;
const auditingUrl = `${arm}${serverId}/auditingSettings/default?api-version=2023-08-01`;
function collectAuditing(access: AzureAccess) {
  return collectDataset("sql", {
    dataset: sqlAuditingDataset,
    scope: serverId,
    fetch: async () => [await armGet(access, subscriptionId, `${serverId}/auditingSettings/default?api-version=2023-08-01`)],
  });
}

/** The storage collector's ARM list of a blob service's diagnostic settings, as it sends it. */
const blobService = `/subscriptions/${subscriptionId}/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/stauditarchive/blobServices/default`;
const blobSettingsPath = `${blobService}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`;
function collectBlobSettings(access: AzureAccess) {
  return collectDataset("storage", {
    dataset: blobDiagnosticSettingsDataset,
    scope: blobService,
    fetch: () => armList(access, subscriptionId, blobSettingsPath),
  });
}

function assignmentItem(name: string) {
  const item = firstExampleItem("arm-role-assignments-list-for-scope.json");
  item.name = name;
  return item;
}

function collectAssignments(access: AzureAccess) {
  const client = access.authorization(subscriptionId);
  return collectDataset("rbac", {
    dataset: roleAssignmentsDataset,
    scope: `/subscriptions/${subscriptionId}`,
    fetch: () => drain(client.roleAssignments.listForSubscription()),
  });
}

describe("replay matching (docs/archive-layout.md, replay recordings)", () => {
  it("ignores the order of query parameters and nothing else", () => {
    expect(replayKey("get", `${arm}/x?b=2&a=1`)).toBe(replayKey("GET", `${arm}/x?a=1&b=2`));
    expect(replayKey("GET", `${arm}/x?a=1`)).not.toBe(replayKey("GET", `${arm}/x?a=2`));
    expect(replayKey("GET", `${arm}/x?a=1`)).not.toBe(replayKey("POST", `${arm}/x?a=1`));
    expect(replayKey("GET", `${arm}/x`)).not.toBe(replayKey("GET", `${arm}/y`));
  });

  it("a parameter given twice matches in either order, and parameters with equal values keep their names", () => {
    expect(replayKey("GET", `${arm}/x?a=2&a=1`)).toBe(replayKey("GET", `${arm}/x?a=1&a=2`));
    expect(replayKey("GET", `${arm}/x?a=1&a=2`)).not.toBe(replayKey("GET", `${arm}/x?a=1&a=3`));
    expect(replayKey("GET", `${arm}/x?b=1&a=1`)).toBe(replayKey("GET", `${arm}/x?a=1&b=1`));
  });

  it("parameters stay apart: a=1&bc=2 is not a=1b&c=2", () => {
    expect(replayKey("GET", `${arm}/x?a=1&bc=2`)).not.toBe(replayKey("GET", `${arm}/x?a=1b&c=2`));
  });
});

describe("a collector's datasets", () => {
  it("a collector that declares a dataset of another collector is refused when it is defined", () => {
    expect(() => defineCollector({ id: "sql", title: "SQL", datasets: [sqlAuditingDataset, roleAssignmentsDataset], collect: async () => {} })).toThrow(
      new Error("collector sql declares dataset rbac/role-assignments of collector rbac"),
    );
  });
});

describe("collection through the real SDK clients and the replay seam", () => {
  it("follows nextLink across pages and keeps the raw items exactly as sent", async () => {
    const next = `${listUrl}&$skiptoken=abc`;
    const access = replay([
      { url: listUrl, body: { value: [assignmentItem("one"), assignmentItem("two")], nextLink: next } },
      { url: next, body: { value: [assignmentItem("three")] } },
    ]);
    const record = await collectAssignments(access);
    expect(record.status).toBe("ok");
    if (record.status !== "ok") return;
    expect(record.value.map((item) => (item as { name: string }).name)).toEqual(["one", "two", "three"]);
    expect(record.value[0]).toEqual(assignmentItem("one"));
    expect(record.calls).toEqual([`GET ${listUrl}`, `GET ${next}`]);
  });

  it("retries a 429 that carries Retry-After, as the SDK does live", async () => {
    const access = replay([
      { url: listUrl, status: 429, headers: { "retry-after": "0" }, body: { error: { code: "TooManyRequests", message: "slow down" } } },
      { url: listUrl, body: { value: [assignmentItem("one")] } },
    ]);
    const record = await collectAssignments(access);
    expect(record.status).toBe("ok");
    expect(access.ledger.exchanges.map((exchange) => exchange.response?.status)).toEqual([429, 200]);
  });

  it("a throttle that outlives the retries is an error that says so", async () => {
    const access = replay([{ url: listUrl, status: 429, headers: { "retry-after": "0" }, body: { error: { code: "TooManyRequests", message: "slow down" } } }]);
    const record = await collectAssignments(access);
    expect(record).toMatchObject({ status: "error", error: { reason: "throttled", status: 429, code: "TooManyRequests", call: `GET ${listUrl}` } });
    // The first attempt and the SDK's three retries.
    expect(access.ledger.exchanges).toHaveLength(4);
    if (record.status === "error") expect(record.error.message).toContain("throttled after 4 attempt(s)");
  });

  it("a 429 without Retry-After is not retried by the Azure pipeline, and is still an error", async () => {
    const access = replay([{ url: listUrl, status: 429, body: { error: { code: "TooManyRequests", message: "slow down" } } }]);
    const record = await collectAssignments(access);
    expect(record).toMatchObject({ status: "error", error: { reason: "throttled", status: 429 } });
    expect(access.ledger.exchanges).toHaveLength(1);
  });

  // A 403 names the action ARM says is missing; a 401 says nothing of it, so the dataset's declared permission is named.
  it.each([
    {
      status: 403,
      code: "AuthorizationFailed",
      message:
        "The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/s' or the scope is invalid.",
      missingPermission: "Microsoft.Authorization/roleAssignments/read",
    },
    { status: 401, code: "InvalidAuthenticationToken", message: "The access token is invalid.", missingPermission: roleAssignmentsDataset.permission },
  ])("a $status is a permission failure naming $missingPermission", async ({ status, code, message, missingPermission }) => {
    const access = replay([{ url: listUrl, status, body: { error: { code, message } } }]);
    const record = await collectAssignments(access);
    expect(record).toEqual({
      dataset: "rbac/role-assignments",
      scope: `/subscriptions/${subscriptionId}`,
      file: `raw/rbac/${subscriptionId}/role-assignments.json`,
      status: "error",
      error: { call: `GET ${listUrl}`, status, code, message, reason: "permission", missingPermission },
    });
  });

  it("an SDK that yields another number of items than the responses held is an error: neither is trusted", async () => {
    const next = `${listUrl}&$skiptoken=abc`;
    const access = replay([
      { url: listUrl, body: { value: [assignmentItem("one"), assignmentItem("two")], nextLink: next } },
      { url: next, body: { value: [assignmentItem("three")] } },
    ]);
    const client = access.authorization(subscriptionId);
    // As if the SDK dropped an item it had read: the raw pages still hold three.
    const record = await collectDataset("rbac", {
      dataset: roleAssignmentsDataset,
      scope: `/subscriptions/${subscriptionId}`,
      fetch: async () => (await drain(client.roleAssignments.listForSubscription())).slice(1),
    });
    expect(record).toEqual({
      dataset: "rbac/role-assignments",
      scope: `/subscriptions/${subscriptionId}`,
      file: `raw/rbac/${subscriptionId}/role-assignments.json`,
      status: "error",
      error: { call: `GET ${next}`, status: 200, message: "the SDK yielded 2 item(s) but the responses held 3", reason: "invalid-response" },
    });
  });

  it("a request nobody recorded fails like a network error and invents nothing", async () => {
    const access = replay([]);
    const record = await collectAssignments(access);
    expect(record).toMatchObject({ status: "error", error: { reason: "not-recorded", status: 0, call: `GET ${listUrl}` } });
    if (record.status === "error") expect(record.error.message).toBe(`no recorded response for GET ${listUrl} in test.har`);
  });

  it("a recorded call that got no response fails again as a network error, inventing nothing", async () => {
    const access = replay([{ url: listUrl, status: 0 }]);
    const record = await collectAssignments(access);
    expect(record).toMatchObject({ status: "error", error: { call: `GET ${listUrl}`, status: 0, reason: "network" } });
    if (record.status === "error") expect(record.error.message).toBe(`recorded call to ${listUrl} received no response`);
  });

  it("a recorded call that got no response replays the error text it recorded, under the replay's own code", async () => {
    const recording = har([{ url: listUrl, status: 0 }]);
    recording.log.entries[0]!._error = "socket hang up";
    const access = replayHar(recording, "calls.har");
    const record = await collectAssignments(access);
    expect(record).toEqual({
      dataset: "rbac/role-assignments",
      scope: `/subscriptions/${subscriptionId}`,
      file: `raw/rbac/${subscriptionId}/role-assignments.json`,
      status: "error",
      error: { call: `GET ${listUrl}`, status: 0, code: "REPLAY_RECORDED_FAILURE", message: "socket hang up", reason: "network" },
    });
  });

  // HAR 1.2 leaves content.text out when the body is not available: the answer replays as an empty body.
  it.each([
    { encoding: undefined, kind: "text" },
    { encoding: "base64", kind: "base64" },
  ])("a recorded 200 without its body ($kind) is an empty body, which the single GET cannot read", async ({ encoding }) => {
    const recording = har([{ url: auditingUrl }]);
    recording.log.entries[0]!.response.content = encoding ? { encoding } : {};
    const access = replayHar(recording, "calls.har");
    const record = await collectAuditing(access);
    expect(record).toEqual({
      dataset: sqlAuditingDataset.id,
      scope: serverId,
      file: sqlAuditingDataset.rawFile(serverId),
      status: "error",
      error: { call: `GET ${auditingUrl}`, status: 200, message: "response could not be read: Unexpected end of JSON input", reason: "invalid-response" },
    });
  });

  it("a single GET answered with a body of null holds no item: the SDK's one item is not trusted", async () => {
    const access = replay([{ url: auditingUrl, body: null }]);
    const record = await collectAuditing(access);
    expect(record).toEqual({
      dataset: sqlAuditingDataset.id,
      scope: serverId,
      file: sqlAuditingDataset.rawFile(serverId),
      status: "error",
      error: { call: `GET ${auditingUrl}`, status: 200, message: "the SDK yielded 1 item(s) but the responses held 0", reason: "invalid-response" },
    });
  });

  it("an ARM list page without value is no empty list: the helper's none and the page's one object disagree", async () => {
    const access = replay([{ url: `${arm}${blobSettingsPath}`, body: {} }]);
    const record = await collectBlobSettings(access);
    expect(record).toEqual({
      dataset: blobDiagnosticSettingsDataset.id,
      scope: blobService,
      file: blobDiagnosticSettingsDataset.rawFile(blobService),
      status: "error",
      error: { call: `GET ${arm}${blobSettingsPath}`, status: 200, message: "the SDK yielded 0 item(s) but the responses held 1", reason: "invalid-response" },
    });
  });

  it("items the SDK yielded without any successful response are not trusted, and no call is named", async () => {
    const record = await collectDataset("rbac", {
      dataset: roleAssignmentsDataset,
      scope: `/subscriptions/${subscriptionId}`,
      fetch: async () => [assignmentItem("one")],
    });
    expect(record).toEqual({
      dataset: "rbac/role-assignments",
      scope: `/subscriptions/${subscriptionId}`,
      file: `raw/rbac/${subscriptionId}/role-assignments.json`,
      status: "error",
      error: { call: "(no successful response)", status: 0, message: "the SDK yielded 1 item(s) but the responses held 0", reason: "invalid-response" },
    });
  });

  it("a payload that breaks the documented shape is an error, attributed to its call", async () => {
    const broken = assignmentItem("one");
    delete broken.properties.principalId;
    const access = replay([{ url: listUrl, body: { value: [broken] } }]);
    const record = await collectAssignments(access);
    expect(record).toMatchObject({ status: "error", error: { reason: "invalid-response", status: 200, call: `GET ${listUrl}` } });
  });
});

describe("the Graph client's middleware chain", () => {
  const getByIds = "https://graph.microsoft.com/v1.0/directoryObjects/getByIds";
  const collectPrincipals = (access: AzureAccess) =>
    collectDataset("rbac", {
      dataset: principalsDataset,
      scope: "/tenants/t",
      fetch: async () =>
        (
          (await access
            .graph()
            .api("/directoryObjects/getByIds")
            .post({ ids: ["u1"] })) as { value: unknown[] }
        ).value,
    });
  const person = { "@odata.type": "#microsoft.graph.user", id: "u1", displayName: "Avery", userType: "Member" };

  it("retries a 429 through RetryHandler, even without Retry-After, and records both attempts", async () => {
    const access = replay([
      { method: "POST", url: getByIds, status: 429, body: { error: { code: "TooManyRequests", message: "throttled" } } },
      { method: "POST", url: getByIds, body: { value: [person] } },
    ]);
    const record = await collectPrincipals(access);
    expect(record).toMatchObject({ status: "ok", value: [person] });
    expect(access.ledger.exchanges.map((exchange) => exchange.response?.status)).toEqual([429, 200]);
    expect(access.ledger.exchanges[1]?.request.headers["retry-attempt"]).toBe("1");
  });

  // A proxy's sign-in page, say: the Graph client hands a text/html body over as text, so the SDK "succeeds".
  it("a 200 whose body is an HTML page is an error naming its call, even when the SDK took it as text", async () => {
    const page = "<html><body>Sign in to the proxy</body></html>";
    const access = replay([{ method: "POST", url: getByIds, raw: Buffer.from(page), headers: { "content-type": "text/html" } }]);
    const record = await collectPrincipals(access);
    expect(record).toEqual({
      dataset: principalsDataset.id,
      scope: "/tenants/t",
      file: principalsDataset.rawFile("/tenants/t"),
      status: "error",
      error: {
        call: `POST ${getByIds}`,
        status: 200,
        message: `response could not be read: Unexpected token '<', "<html><bod"... is not valid JSON`,
        reason: "invalid-response",
      },
    });
  });

  it("a Graph 403 names the permission the dataset needs", async () => {
    const access = replay([
      {
        method: "POST",
        url: getByIds,
        status: 403,
        body: { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } },
      },
    ]);
    const record = await collectPrincipals(access);
    expect(record).toMatchObject({
      status: "error",
      error: {
        status: 403,
        code: "Authorization_RequestDenied",
        reason: "permission",
        missingPermission: "Microsoft Graph application permission Directory.Read.All",
        call: `POST ${getByIds}`,
      },
    });
  });
});

describe("the Log Analytics query client shares the seam", () => {
  it("sends its query through the recorder and reads the recorded table", async () => {
    const workspace = "b5e1c0de-0000-4000-8000-000000000001";
    const access = replay([
      {
        method: "POST",
        url: `https://api.loganalytics.io/v1/workspaces/${workspace}/query`,
        body: { tables: [{ name: "PrimaryResult", columns: [{ name: "newest", type: "datetime" }], rows: [["2026-11-20T09:59:00Z"]] }] },
      },
    ]);
    const result = await access.logs().queryWorkspace(workspace, "AzureActivity | summarize newest = max(TimeGenerated)", { duration: "P1D" });
    expect(result.status).toBe("Success");
    expect(access.ledger.exchanges).toHaveLength(1);
    expect(access.ledger.exchanges[0]?.request.body).toContain("AzureActivity");
  });
});

describe("the ledger as raw/calls.har", () => {
  it("records every attempt without any credential, and replays as it was recorded", async () => {
    const access = replay([
      {
        url: listUrl,
        status: 429,
        headers: { "retry-after": "0", "x-ms-ratelimit-remaining-subscription-reads": "0" },
        body: { error: { code: "TooManyRequests", message: "x" } },
      },
      { url: listUrl, headers: { "x-ms-request-id": "req-1" }, body: { value: [assignmentItem("one")] } },
    ]);
    await collectAssignments(access);
    const written = JSON.stringify(exchangesToHar(access.ledger.exchanges, { tool: { name: "hipaa-evidence", version: "test" } }));
    expect(written).not.toContain("replay-placeholder-not-a-token");
    expect(written).not.toMatch(/Bearer /i);
    const parsed = JSON.parse(written) as {
      log: { entries: { request: { headers: { name: string }[] }; _throttling?: object; _requestId?: string; _collector?: string }[] };
    };
    const headerNames = parsed.log.entries.flatMap((entry) => entry.request.headers.map((header) => header.name));
    expect(headerNames).toContain("user-agent");
    expect(headerNames).not.toContain("authorization");
    expect(parsed.log.entries).toHaveLength(2);
    expect(parsed.log.entries[0]?._throttling).toEqual({ "retry-after": "0", "x-ms-ratelimit-remaining-subscription-reads": "0" });
    expect(parsed.log.entries[1]?._requestId).toBe("req-1");
    expect(parsed.log.entries[1]?._collector).toBe("rbac");

    // The written HAR is itself a valid replay input.
    const again = replayHar(JSON.parse(written), "calls.har");
    expect(await collectAssignments(again)).toMatchObject({ status: "ok", value: [assignmentItem("one")] });
  });
});
