import { describe, expect, it } from "vitest";
import { notEvaluated } from "../../src/checks/check.js";
import { roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import type { CallError } from "../../src/model/call-error.js";

/**
 * What an `error` outcome says for each reason evidence can be missing: the call, what came back, and
 * the permission, licence or bound behind it, in words an auditor can act on.
 */
const call = "GET https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleAssignments";
const subject = { resourceId: "/subscriptions/s", resourceName: "Clinic-Prod" };
const lead = 'Standing assignments could not be evaluated because the evidence "Azure role assignments" is unavailable: ';

describe("notEvaluated", () => {
  it.each([
    [
      { status: 403, message: "denied", missingPermission: "Microsoft.Authorization/roleAssignments/read", reason: "permission" },
      `${call} returned HTTP 403; the collecting identity lacks Microsoft.Authorization/roleAssignments/read`,
    ],
    [{ status: 403, message: "denied", reason: "permission" }, `${call} returned HTTP 403; the collecting identity lacks a required permission`],
    [{ status: 0, message: "socket hang up", reason: "permission" }, `${call} got no response; the collecting identity lacks a required permission`],
    [
      { status: 403, message: "AAD Premium P2 needed", reason: "licence" },
      `${call} returned HTTP 403; the tenant lacks the licence this API needs (AAD Premium P2 needed)`,
    ],
    [
      { status: 429, message: "throttled after 4 attempt(s): busy", reason: "throttled" },
      `${call} was throttled and not retried further (throttled after 4 attempt(s): busy)`,
    ],
    [{ status: 0, message: "no recorded response", reason: "not-recorded" }, `${call} has no recorded response in the replayed recording`],
    [
      { status: 0, message: "breakGlassAccounts is not set in the configuration", reason: "not-collected" },
      "breakGlassAccounts is not set in the configuration",
    ],
    [
      { status: 200, message: "nextLink leaves management.azure.com", reason: "foreign-link" },
      `collection stopped at ${call}: nextLink leaves management.azure.com`,
    ],
    [{ status: 200, message: "the same page came back twice", reason: "paging-loop" }, `collection stopped at ${call}: the same page came back twice`],
    [{ status: 200, message: "more than 1000 pages", reason: "limit-reached" }, `collection stopped at ${call}: more than 1000 pages`],
    [{ status: 200, message: "not UTF-8", reason: "unreadable-body" }, `${call} returned HTTP 200 with a body that could not be read: not UTF-8`],
    [{ status: 503, message: "Service Unavailable", reason: "service" }, `${call} returned HTTP 503 (Service Unavailable)`],
    [{ status: 0, message: "ECONNRESET", reason: "network" }, `${call} got no response (ECONNRESET)`],
  ] as [Omit<CallError, "call">, string][])("%j", (error, words) => {
    const failure = { error: { call, ...error }, file: "raw/rbac/s/role-assignments.json", pointer: "/error" };
    expect(notEvaluated(subject, "Standing assignments", roleAssignmentsDataset, failure)).toEqual({
      status: "error",
      ...subject,
      message: `${lead}${words}.`,
      evidence: [{ file: "raw/rbac/s/role-assignments.json", pointer: "/error" }],
      error: { call, ...error },
    });
  });

  it("cites the raw file only when both the file and the place in it are known", () => {
    const error: CallError = { call, status: 0, message: "ECONNRESET", reason: "network" };
    expect(notEvaluated(subject, "Standing assignments", roleAssignmentsDataset, { error, file: "raw/x.json", pointer: undefined }).evidence).toEqual([]);
    expect(notEvaluated(subject, "Standing assignments", roleAssignmentsDataset, { error, file: undefined, pointer: "/error" }).evidence).toEqual([]);
  });
});
