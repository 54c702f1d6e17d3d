import type { CollectionLimits } from "../../src/azure/limits.js";
import type { CallError } from "../../src/model/call-error.js";
import type { Answer } from "./har.js";
import { laterPage, moved, type PagedList } from "./paged-lists.js";

/**
 * Hostile answers to a paged list, and what collecting the list must give for each: the same table
 * runs over a HAR replay and over an HTTPS server on loopback. The pages a hostile link points at
 * are served too, so following one would put its items into the evidence, not just fail.
 */
export interface Origins {
  /** The service's endpoint, the only origin its token is for. */
  own: string;
  otherHost: string;
  otherScheme: string;
  otherPort: string;
}

export interface Expected {
  /** ["ok", item count] or ["error", the CallError exactly]. */
  outcome: ["ok", number] | ["error", CallError];
  /** Every request sent, in order, as "GET url". */
  requested: string[];
}

export interface HostileCase {
  name: string;
  limits?: Partial<CollectionLimits>;
  answers(list: PagedList, origins: Origins): Answer[];
  expected(list: PagedList, origins: Origins): Expected;
}

const notSent = (url: string, own: string): CallError => ({
  call: `GET ${url}`,
  status: 0,
  message: `not sent, because it leads outside ${own}, the endpoint the token is for: no request and no token went there`,
  reason: "foreign-link",
});

const loop = (url: string): CallError => ({
  call: `GET ${url}`,
  status: 0,
  message: "not sent again: this list already received that page, so its paging goes round in a circle",
  reason: "paging-loop",
});

/** A body nested 100,000 levels deep, as JSON: about 200 KB. */
export const deeplyNested = Buffer.from(`{"value":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);

/** A list body with two bytes in a name that are not UTF-8 (0xff 0xfe). */
export const notUtf8 = Buffer.concat([Buffer.from('{"value":[{"id":"x","name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]}')]);

/** A nextLink to `origin`: the list's second page, moved there. */
const elsewhere = (list: PagedList, own: string, origin: string) => moved(laterPage(list.firstPage(own), "2"), origin);

const get = (url: string) => `GET ${url}`;

export const hostileCases: HostileCase[] = [
  {
    name: "follows a nextLink on its own endpoint to the end (control)",
    answers: (list, { own }) => {
      const first = list.firstPage(own);
      return [
        { url: first, body: list.page(1, 2, laterPage(first, "2")) },
        { url: laterPage(first, "2"), body: list.page(3, 1, undefined) },
      ];
    },
    expected: (list, { own }) => ({ outcome: ["ok", 3], requested: [get(list.firstPage(own)), get(laterPage(list.firstPage(own), "2"))] }),
  },
  ...(["otherHost", "otherScheme", "otherPort"] as const).map(
    (where): HostileCase => ({
      name: `stops at a nextLink to ${{ otherHost: "another host", otherScheme: "another scheme", otherPort: "another port" }[where]}, sends nothing there`,
      answers: (list, origins) => [
        { url: list.firstPage(origins.own), body: list.page(1, 2, elsewhere(list, origins.own, origins[where])) },
        { url: elsewhere(list, origins.own, origins[where]), body: list.page(3, 1, undefined) },
      ],
      expected: (list, origins) => ({
        outcome: ["error", notSent(elsewhere(list, origins.own, origins[where]), origins.own)],
        requested: [get(list.firstPage(origins.own))],
      }),
    }),
  ),
  {
    name: "stops at a nextLink back to the page it is on",
    answers: (list, { own }) => [{ url: list.firstPage(own), body: list.page(1, 2, list.firstPage(own)) }],
    expected: (list, { own }) => ({ outcome: ["error", loop(list.firstPage(own))], requested: [get(list.firstPage(own))] }),
  },
  {
    name: "stops at a nextLink back to an earlier page",
    answers: (list, { own }) => {
      const first = list.firstPage(own);
      return [
        { url: first, body: list.page(1, 2, laterPage(first, "2")) },
        { url: laterPage(first, "2"), body: list.page(3, 1, first) },
      ];
    },
    expected: (list, { own }) => ({
      outcome: ["error", loop(list.firstPage(own))],
      requested: [get(list.firstPage(own)), get(laterPage(list.firstPage(own), "2"))],
    }),
  },
  {
    name: "stops at a redirect to another host, sends nothing there",
    answers: (list, origins) => {
      const first = list.firstPage(origins.own);
      return [
        { url: first, body: list.page(1, 2, laterPage(first, "2")) },
        { url: laterPage(first, "2"), status: 302, headers: { location: elsewhere(list, origins.own, origins.otherHost) } },
        { url: elsewhere(list, origins.own, origins.otherHost), body: list.page(3, 1, undefined) },
      ];
    },
    expected: (list, origins) => {
      const second = laterPage(list.firstPage(origins.own), "2");
      const target = elsewhere(list, origins.own, origins.otherHost);
      return {
        outcome: [
          "error",
          {
            call: get(second),
            status: 302,
            message: `answered 302 with a redirect to ${target}, outside ${origins.own}: not followed, and no token went there`,
            reason: "foreign-link",
          },
        ],
        requested: [get(list.firstPage(origins.own)), get(second)],
      };
    },
  },
  {
    name: "stops before a page beyond the page limit",
    limits: { maxPagesPerList: 2 },
    answers: (list, { own }) => {
      const first = list.firstPage(own);
      return [
        { url: first, body: list.page(1, 1, laterPage(first, "2")) },
        { url: laterPage(first, "2"), body: list.page(2, 1, laterPage(first, "3")) },
        { url: laterPage(first, "3"), body: list.page(3, 1, undefined) },
      ];
    },
    expected: (list, { own }) => {
      const first = list.firstPage(own);
      return {
        outcome: [
          "error",
          {
            call: get(laterPage(first, "3")),
            status: 0,
            message: "not sent: the list already has 2 page(s), the most limits.pagesPerList allows",
            reason: "limit-reached",
          },
        ],
        requested: [get(first), get(laterPage(first, "2"))],
      };
    },
  },
  {
    name: "reads a list of exactly as many pages as the limit (control)",
    limits: { maxPagesPerList: 2 },
    answers: (list, { own }) => {
      const first = list.firstPage(own);
      return [
        { url: first, body: list.page(1, 1, laterPage(first, "2")) },
        { url: laterPage(first, "2"), body: list.page(2, 1, undefined) },
      ];
    },
    expected: (list, { own }) => ({ outcome: ["ok", 2], requested: [get(list.firstPage(own)), get(laterPage(list.firstPage(own), "2"))] }),
  },
  {
    name: "does not wait a Retry-After of 100000 s: throttled at once",
    answers: (list, { own }) => [
      { url: list.firstPage(own), status: 429, headers: { "retry-after": "100000" }, body: { error: { code: "TooManyRequests", message: "slow down" } } },
      { url: list.firstPage(own), body: list.page(1, 1, undefined) },
    ],
    expected: (list, { own }) => ({
      outcome: [
        "error",
        {
          call: get(list.firstPage(own)),
          status: 429,
          message: "the service asked to wait 100000 s before a retry, longer than the 300 s limits.retryAfterSeconds allows",
          reason: "throttled",
        },
      ],
      requested: [get(list.firstPage(own))],
    }),
  },
  {
    name: "does not wait an x-ms-retry-after-ms beyond a lowered limit",
    limits: { maxRetryAfterMs: 1000 },
    answers: (list, { own }) => [
      { url: list.firstPage(own), status: 429, headers: { "x-ms-retry-after-ms": "1500" }, body: { error: { code: "TooManyRequests", message: "slow down" } } },
      { url: list.firstPage(own), body: list.page(1, 1, undefined) },
    ],
    expected: (list, { own }) => ({
      outcome: [
        "error",
        {
          call: get(list.firstPage(own)),
          status: 429,
          message: "the service asked to wait 1.5 s before a retry, longer than the 1 s limits.retryAfterSeconds allows",
          reason: "throttled",
        },
      ],
      requested: [get(list.firstPage(own))],
    }),
  },
  {
    name: "honours a Retry-After within the limit, retries the same page and keeps it",
    answers: (list, { own }) => [
      { url: list.firstPage(own), status: 429, headers: { "retry-after": "0" }, body: { error: { code: "TooManyRequests", message: "slow down" } } },
      { url: list.firstPage(own), body: list.page(1, 2, undefined) },
    ],
    expected: (list, { own }) => ({ outcome: ["ok", 2], requested: [get(list.firstPage(own)), get(list.firstPage(own))] }),
  },
  {
    name: "keeps a body nested 100,000 levels out of the parsers: unreadable",
    answers: (list, { own }) => [{ url: list.firstPage(own), raw: deeplyNested }],
    expected: (list, { own }) => ({
      outcome: [
        "error",
        {
          call: get(list.firstPage(own)),
          status: 200,
          message: "the answer nests JSON deeper than 512 levels (limits.jsonDepth); it is kept in raw/calls.har and was not parsed",
          reason: "unreadable-body",
        },
      ],
      requested: [get(list.firstPage(own))],
    }),
  },
  {
    name: "reports a body that is not UTF-8 as unreadable",
    answers: (list, { own }) => [{ url: list.firstPage(own), raw: notUtf8 }],
    expected: (list, { own }) => ({
      outcome: [
        "error",
        {
          call: get(list.firstPage(own)),
          status: 200,
          message: "the answer is not valid UTF-8; its exact bytes are kept base64-encoded in raw/calls.har, and it was not read",
          reason: "unreadable-body",
        },
      ],
      requested: [get(list.firstPage(own))],
    }),
  },
  {
    name: "stops reading a body beyond the byte limit",
    limits: { maxResponseBytes: 2000 },
    answers: (list, { own }) => [{ url: list.firstPage(own), body: list.page(1, 40, undefined) }],
    expected: (list, { own }) => ({
      outcome: [
        "error",
        {
          call: get(list.firstPage(own)),
          status: 200,
          message: "the answer is larger than the 2000 bytes limits.responseBytes allows; it was not read",
          reason: "limit-reached",
        },
      ],
      requested: [get(list.firstPage(own))],
    }),
  },
];
