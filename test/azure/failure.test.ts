import { RestError } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/azure/exchange.js";
import { describeFailure, IncompleteDataError } from "../../src/azure/failure.js";
import { notRecordedCode } from "../../src/azure/replay.js";
import type { CallError } from "../../src/model/call-error.js";

/**
 * How a failed call becomes the CallError a finding names: one refused ARM list as the good case,
 * one change per case, the whole CallError compared.
 */
const url = "https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01";
const declared = "Microsoft.Authorization/roleAssignments/read (declared)";
const denied =
  "The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/s'.";

const exchange = (status: number | undefined, body?: unknown, failure?: Exchange["failure"], at = url): Exchange => ({
  startedAt: new Date("2026-11-24T09:30:00Z"),
  durationMs: 1,
  collector: "rbac",
  request: { method: "GET", url: at, headers: {} },
  ...(status === undefined
    ? {}
    : { response: { status, headers: {}, body: Buffer.from(body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body)) } }),
  ...(failure ? { failure } : {}),
});
const armError = (code: unknown, message: unknown) => ({ error: { code, message } });
const thrownBy = (status: number) => new RestError("thrown by the SDK", { statusCode: status });

interface FailureCase {
  name: string;
  error: unknown;
  exchanges: Exchange[];
  expected: CallError;
}

const cases: FailureCase[] = [
  {
    name: "a 403 names the action ARM says is missing, with the service's code and message",
    error: thrownBy(403),
    exchanges: [exchange(403, armError("AuthorizationFailed", denied))],
    expected: {
      call: `GET ${url}`,
      status: 403,
      code: "AuthorizationFailed",
      message: denied,
      reason: "permission",
      missingPermission: "Microsoft.Authorization/roleAssignments/read",
    },
  },
  {
    name: "a 401 that names no action: the permission the dataset declares",
    error: thrownBy(401),
    exchanges: [exchange(401, armError("InvalidAuthenticationToken", "The access token is invalid."))],
    expected: {
      call: `GET ${url}`,
      status: 401,
      code: "InvalidAuthenticationToken",
      message: "The access token is invalid.",
      reason: "permission",
      missingPermission: declared,
    },
  },
  {
    name: "a 403 with a Graph licence code is a missing licence, not a permission",
    error: thrownBy(403),
    exchanges: [
      exchange(403, armError("Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")),
    ],
    expected: {
      call: `GET ${url}`,
      status: 403,
      code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
      message: "Neither tenant is B2C or tenant doesn't have premium license",
      reason: "licence",
    },
  },
  {
    name: "a 429 counts the attempts at that URL only",
    error: thrownBy(429),
    exchanges: [
      exchange(200, { value: [] }, undefined, `${url}&page=0`),
      exchange(429, armError("TooManyRequests", "slow down")),
      exchange(429, armError("TooManyRequests", "slow down")),
    ],
    expected: { call: `GET ${url}`, status: 429, code: "TooManyRequests", message: "throttled after 2 attempt(s): slow down", reason: "throttled" },
  },
  {
    name: "a 500 whose body is not JSON: the SDK's message",
    error: thrownBy(500),
    exchanges: [exchange(500, "<html>Internal Server Error</html>")],
    expected: { call: `GET ${url}`, status: 500, message: "thrown by the SDK", reason: "service" },
  },
  {
    name: "a 404 with an empty body is the service's answer",
    error: Object.assign(new Error("not there"), { code: "ResourceNotFound" }),
    exchanges: [exchange(404)],
    expected: { call: `GET ${url}`, status: 404, code: "ResourceNotFound", message: "not there", reason: "service" },
  },
  {
    name: "an error body whose code and message are not strings: the thrown ones",
    error: Object.assign(new Error("bad gateway"), { code: "BadGateway" }),
    exchanges: [exchange(502, armError(17, { text: "no" }))],
    expected: { call: `GET ${url}`, status: 502, code: "BadGateway", message: "bad gateway", reason: "service" },
  },
  {
    name: "no answer arrived: a network failure, with the ledger's code and message",
    error: thrownBy(500),
    exchanges: [exchange(undefined, undefined, { code: "ECONNRESET", message: "socket hang up" })],
    expected: { call: `GET ${url}`, status: 0, code: "ECONNRESET", message: "socket hang up", reason: "network" },
  },
  {
    name: "no request was sent and Graph's status -1: a network failure",
    error: Object.assign(new Error("fetch failed"), { statusCode: -1, code: "RestError" }),
    exchanges: [],
    expected: { call: "(no request was sent)", status: 0, code: "RestError", message: "fetch failed", reason: "network" },
  },
  {
    name: "no request was sent but the SDK says 404",
    error: thrownBy(404),
    exchanges: [],
    expected: { call: "(no request was sent)", status: 404, message: "thrown by the SDK", reason: "service" },
  },
  {
    name: "a 200 the SDK could not read: the payload is not what the API documents",
    error: new SyntaxError("Unexpected token"),
    exchanges: [exchange(200, "{ not json")],
    expected: { call: `GET ${url}`, status: 200, message: "response could not be read: Unexpected token", reason: "invalid-response" },
  },
  {
    name: "a recording without this call",
    error: new Error("the SDK wraps it"),
    exchanges: [exchange(undefined, undefined, { code: notRecordedCode, message: "no recorded answer" })],
    expected: { call: `GET ${url}`, status: 0, code: notRecordedCode, message: "no recorded answer", reason: "not-recorded" },
  },
  {
    name: "a replay that refused before any exchange was noted",
    error: Object.assign(new Error("no recorded answer"), { code: notRecordedCode }),
    exchanges: [],
    expected: { call: "(no request was sent)", status: 0, code: notRecordedCode, message: "no recorded answer", reason: "not-recorded" },
  },
  {
    name: "a collector that stopped on purpose: incomplete, in its own words",
    error: new IncompleteDataError("the query returned a partial result"),
    exchanges: [exchange(200, { tables: [] })],
    expected: { call: `GET ${url}`, status: 200, message: "the query returned a partial result", reason: "incomplete-data" },
  },
  {
    name: "a 300 is no success, whatever the SDK made of it",
    error: new SyntaxError("Unexpected token"),
    exchanges: [exchange(300, "{ not json")],
    expected: { call: `GET ${url}`, status: 300, message: "Unexpected token", reason: "service" },
  },
  {
    name: "something thrown that is not an Error",
    error: "a bare string",
    exchanges: [exchange(503)],
    expected: { call: `GET ${url}`, status: 503, message: "a bare string", reason: "service" },
  },
  {
    name: "a rejection that carries nothing, before any request: a network failure that says it was given no reason",
    error: undefined,
    exchanges: [],
    expected: { call: "(no request was sent)", status: 0, message: "the call failed without saying why", reason: "network" },
  },
  {
    name: "a rejection with null, before any request: the same",
    error: null,
    exchanges: [],
    expected: { call: "(no request was sent)", status: 0, message: "the call failed without saying why", reason: "network" },
  },
  {
    // The platform's abort (fetch, AbortSignal) is a DOMException, whose legacy code is a number (20).
    name: "an abort reported as a DOMException: its numeric code is no error code",
    error: new DOMException("This operation was aborted", "AbortError"),
    exchanges: [],
    expected: { call: "(no request was sent)", status: 0, message: "This operation was aborted", reason: "network" },
  },
  {
    name: "an error body that is JSON null: the thrown code and message",
    error: Object.assign(new Error("bad gateway"), { code: "BadGateway" }),
    exchanges: [exchange(502, "null")],
    expected: { call: `GET ${url}`, status: 502, code: "BadGateway", message: "bad gateway", reason: "service" },
  },
];

describe("describeFailure", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, { error, exchanges, expected }) => {
    expect(describeFailure(error, exchanges, declared)).toEqual(expected);
  });
});
