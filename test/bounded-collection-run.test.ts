import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { readZip } from "../src/archive/read-zip.js";
import { verifyArchive } from "../src/archive/verify-archive.js";
import type { CollectionLimits } from "../src/azure/limits.js";
import { readsOf } from "../src/checks/check.js";
import { checks } from "../src/checks/registry.js";
import type { CallError } from "../src/model/call-error.js";
import type { Finding } from "../src/model/findings.js";
import { collect, type CollectResult } from "../src/pipeline.js";
import { deeplyNested, notUtf8 } from "./support/hostile-answers.js";
import { startLoopbackServers } from "./support/loopback-servers.js";
import { assessSample, collectSample, sample, sampleClock, sampleConfig, sampleDir, sampleRecording, silent, temporaryFolder } from "./support/sample.js";
import { scopedSampleSections } from "./support/build-sample-archive.js";
import { scopedSampleArchive } from "./support/sample-archive.js";

/**
 * Whole runs on the sample tenant with one hostile answer planted in a copy of its recording: the
 * run completes, exactly the evidence the answer was for becomes `error` (with the reason and the
 * call), every finding that changed is `error` and belongs to a check reading that evidence, and
 * the archive verifies intact. Each run reports on the standard whose checks read the planted
 * evidence; the baseline is the same sample, scoped the same way, unharmed.
 */
interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; headers: { name: string; value: string }[]; content: { text?: string; encoding?: string; size?: number } };
}
type Har = { log: { entries: HarEntry[] } };

const arm = "https://management.azure.com";
const graph = "https://graph.microsoft.com";
const attacker = "https://collector.attacker.example";
const prodId = sample.prod.split("/").pop()!;
const roleAssignments = `${arm}${sample.prod}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`;
const roleAssignmentsPage2 = `${roleAssignments}&$skiptoken=cGFnZS0yLW9mLXJvbGUtYXNzaWdubWVudHM`;
const users = `${graph}/v1.0/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999`;
const vaults = `${arm}${sample.prod}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`;
const storageAccounts = `${arm}${sample.prod}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01`;
const sqlServers = `${arm}${sample.prod}/providers/Microsoft.Sql/servers?api-version=2023-08-01`;
const sites = `${arm}${sample.prod}/providers/Microsoft.Web/sites?api-version=2024-04-01`;

interface RunCase {
  name: string;
  /** The part of the rule the run reports on: the standard whose checks read the planted evidence. */
  sections: string[];
  /** Changes the copy of the sample recording in place. */
  plant(har: Har): void;
  limits?: Partial<CollectionLimits>;
  /** YAML added to the sample's configuration file. */
  config?: string;
  /** The one record that must become error, as the archive holds it under raw/. */
  record: { dataset: string; scope: string; file: string; error: CallError };
  /** One finding that became error, and the sentence it says. */
  finding: [checkId: string, resourceId: string, message: string];
  /** What else the archive must hold. */
  archived?: (files: ReadonlyMap<string, Buffer>) => void;
}

function entry(har: Har, url: string): HarEntry {
  const found = har.log.entries.find((candidate) => candidate.request.url === url);
  if (!found) throw new Error(`the sample recording has no ${url}`);
  return found;
}

function setBody(target: HarEntry, bytes: Buffer, encoding?: "base64"): void {
  target.response.content = {
    ...target.response.content,
    size: bytes.length,
    text: encoding ? bytes.toString("base64") : bytes.toString("utf8"),
    ...(encoding ? { encoding } : {}),
  };
}

/** Rewrites the JSON body of an entry. */
function editBody(target: HarEntry, edit: (body: Record<string, unknown>) => void): void {
  const body = JSON.parse(target.response.content.text ?? "{}") as Record<string, unknown>;
  edit(body);
  setBody(target, Buffer.from(JSON.stringify(body)));
}

const foreignPage = `${attacker}${new URL(roleAssignmentsPage2).pathname}${new URL(roleAssignmentsPage2).search}`;

const runCases: RunCase[] = [
  {
    name: "a nextLink to another host (the other host's page recorded too)",
    sections: ["164.312(a)(1)"],
    plant: (har) => {
      editBody(entry(har, roleAssignments), (body) => (body.nextLink = foreignPage));
      // If it were followed, this page would be served and its assignments merged.
      har.log.entries.push({ ...structuredClone(entry(har, roleAssignmentsPage2)), request: { method: "GET", url: foreignPage } });
    },
    finding: [
      "rbac-subscription-owner-count",
      sample.prod,
      `The number of Owners of subscription Clinic-Prod could not be evaluated because the evidence "Azure role assignments" is unavailable: collection stopped at GET ${foreignPage}: not sent, because it leads outside ${arm}, the endpoint the token is for: no request and no token went there.`,
    ],
    record: {
      dataset: "rbac/role-assignments",
      scope: sample.prod,
      file: `raw/rbac/${prodId}/role-assignments.json`,
      error: {
        call: `GET ${foreignPage}`,
        status: 0,
        message: `not sent, because it leads outside ${arm}, the endpoint the token is for: no request and no token went there`,
        reason: "foreign-link",
      },
    },
  },
  {
    name: "a Graph nextLink back to the page it is on",
    sections: ["164.312(d)"],
    plant: (har) => editBody(entry(har, users), (body) => (body["@odata.nextLink"] = users)),
    finding: [
      "entra-mfa-all-users",
      `/tenants/${sample.tenantId}`,
      `MFA for every user on all cloud apps could not be evaluated because the evidence "Users (enabled and disabled, members and guests)" is unavailable: collection stopped at GET ${users}: not sent again: this list already received that page, so its paging goes round in a circle.`,
    ],
    record: {
      dataset: "entra/users",
      scope: `/tenants/${sample.tenantId}`,
      file: "raw/entra/users.json",
      error: {
        call: `GET ${users}`,
        status: 0,
        message: "not sent again: this list already received that page, so its paging goes round in a circle",
        reason: "paging-loop",
      },
    },
  },
  {
    name: "a Retry-After of 100000 s",
    sections: ["164.312(c)(1)"],
    plant: (har) => {
      const throttled: HarEntry = {
        request: { method: "GET", url: vaults },
        response: {
          status: 429,
          headers: [{ name: "retry-after", value: "100000" }],
          content: { text: '{"error":{"code":"TooManyRequests","message":"slow down"}}' },
        },
      };
      har.log.entries.splice(har.log.entries.indexOf(entry(har, vaults)), 0, throttled);
    },
    finding: [
      "key-vault-purge-protection-enabled",
      sample.prod,
      `Purge protection for the Key Vaults of subscription Clinic-Prod could not be evaluated because the evidence "Key Vaults" is unavailable: GET ${vaults} was throttled and not retried further (the service asked to wait 100000 s before a retry, longer than the 300 s limits.retryAfterSeconds allows).`,
    ],
    record: {
      dataset: "key-vault/vaults",
      scope: sample.prod,
      file: `raw/key-vault/${prodId}/vaults.json`,
      error: {
        call: `GET ${vaults}`,
        status: 429,
        message: "the service asked to wait 100000 s before a retry, longer than the 300 s limits.retryAfterSeconds allows",
        reason: "throttled",
      },
    },
  },
  {
    name: "a body nested 100,000 levels",
    sections: ["164.312(b)"],
    plant: (har) => setBody(entry(har, storageAccounts), deeplyNested),
    finding: [
      "storage-blob-audit-logging",
      sample.prod,
      `Blob logging of the storage accounts of subscription Clinic-Prod could not be evaluated because the evidence "Storage accounts" is unavailable: GET ${storageAccounts} returned HTTP 200 with a body that could not be read: the answer nests JSON deeper than 512 levels (limits.jsonDepth); it is kept in raw/calls.har and was not parsed.`,
    ],
    record: {
      dataset: "storage/accounts",
      scope: sample.prod,
      file: `raw/storage/${prodId}/storage-accounts.json`,
      error: {
        call: `GET ${storageAccounts}`,
        status: 200,
        message: "the answer nests JSON deeper than 512 levels (limits.jsonDepth); it is kept in raw/calls.har and was not parsed",
        reason: "unreadable-body",
      },
    },
  },
  {
    name: "a body that is not UTF-8",
    sections: ["164.312(b)"],
    plant: (har) => setBody(entry(har, sqlServers), notUtf8, "base64"),
    finding: [
      "sql-server-auditing",
      sample.prod,
      `Auditing of the SQL servers of subscription Clinic-Prod could not be evaluated because the evidence "Azure SQL servers" is unavailable: GET ${sqlServers} returned HTTP 200 with a body that could not be read: the answer is not valid UTF-8; its exact bytes are kept base64-encoded in raw/calls.har, and it was not read.`,
    ],
    record: {
      dataset: "sql/servers",
      scope: sample.prod,
      file: `raw/sql/${prodId}/servers.json`,
      error: {
        call: `GET ${sqlServers}`,
        status: 200,
        message: "the answer is not valid UTF-8; its exact bytes are kept base64-encoded in raw/calls.har, and it was not read",
        reason: "unreadable-body",
      },
    },
    archived: (files) => {
      const calls = JSON.parse(files.get("raw/calls.har")!.toString("utf8")) as Har;
      expect(calls.log.entries.filter((call) => call.request.url === sqlServers).map((call) => call.response.content)).toEqual([
        { size: notUtf8.length, mimeType: "application/json; charset=utf-8", text: notUtf8.toString("base64"), encoding: "base64" },
      ]);
    },
  },
  {
    name: "a redirect to another host",
    sections: ["164.312(b)"],
    plant: (har) => {
      const redirected = entry(har, sites);
      redirected.response = { status: 302, headers: [{ name: "location", value: `${attacker}/sites` }], content: { text: "" } };
    },
    finding: [
      "app-service-audit-logging",
      sample.prod,
      `Logging of the App Service apps of subscription Clinic-Prod could not be evaluated because the evidence "App Service apps" is unavailable: collection stopped at GET ${sites}: answered 302 with a redirect to ${attacker}/sites, outside ${arm}: not followed, and no token went there.`,
    ],
    record: {
      dataset: "app-service/sites",
      scope: sample.prod,
      file: `raw/app-service/${prodId}/sites.json`,
      error: {
        call: `GET ${sites}`,
        status: 302,
        message: `answered 302 with a redirect to ${attacker}/sites, outside ${arm}: not followed, and no token went there`,
        reason: "foreign-link",
      },
    },
  },
  {
    name: "a list longer than limits.pagesPerList in the configuration file",
    sections: ["164.312(a)(1)"],
    plant: () => {},
    config: "limits:\n  pagesPerList: 1\n",
    finding: [
      "rbac-subscription-owner-count",
      sample.prod,
      `The number of Owners of subscription Clinic-Prod could not be evaluated because the evidence "Azure role assignments" is unavailable: collection stopped at GET ${roleAssignmentsPage2}: not sent: the list already has 1 page(s), the most limits.pagesPerList allows.`,
    ],
    record: {
      dataset: "rbac/role-assignments",
      scope: sample.prod,
      file: `raw/rbac/${prodId}/role-assignments.json`,
      error: {
        call: `GET ${roleAssignmentsPage2}`,
        status: 0,
        message: "not sent: the list already has 1 page(s), the most limits.pagesPerList allows",
        reason: "limit-reached",
      },
    },
  },
];

const findingKey = (finding: Finding) => `${finding.checkId} ${finding.resourceId}`;
const gapKey = (gap: CollectResult["gaps"][number]) => JSON.stringify([gap.dataset, gap.scope, gap.error]);

describe("a run with one hostile answer in its recording", () => {
  it.each(runCases)("$name: completes, only that evidence is error, the archive verifies intact", async (hostile) => {
    const baseline = (await assessSample({ sections: hostile.sections })).assessment;
    const har = JSON.parse(readFileSync(sampleRecording, "utf8")) as Har;
    hostile.plant(har);
    const folder = temporaryFolder("hostile");
    const recording = join(folder, "recording.har");
    writeFileSync(recording, JSON.stringify(har));
    const configFile = join(folder, "hipaa-evidence.yaml");
    writeFileSync(configFile, `${readFileSync(sampleConfig, "utf8")}${hostile.config ?? ""}`);

    const started = performance.now();
    // The copied configuration names its attestations relative to itself: they stay the sample's.
    const records = { attestationsFolder: join(sampleDir, "attestations"), exceptionsFile: join(sampleDir, "exceptions.yaml") };
    const result = await collectSample({ replay: recording, configFile, sections: hostile.sections, limits: hostile.limits, ...records });
    expect(performance.now() - started).toBeLessThan(30_000);

    // Exactly one more gap than the sample's own, and it is the planted one.
    const gap = result.gaps.find((candidate) => candidate.dataset === hostile.record.dataset && candidate.scope === hostile.record.scope);
    expect(gap?.error).toEqual(hostile.record.error);
    expect(result.gaps.map(gapKey).sort()).toEqual([...baseline.gaps.map(gapKey), gapKey(gap!)].sort());

    // A finding whose verdict moved went to error; anything else that differs (a verdict standing on
    // other evidence, told with less context) comes from a check that reads that evidence, or what
    // its collector reads next from it (no vaults listed, no vault's diagnostic settings read).
    const before = new Map(baseline.findings.map((finding) => [findingKey(finding), finding]));
    const after = new Map(result.document.findings.map((finding) => [findingKey(finding), finding]));
    expect([before.size, after.size]).toEqual([baseline.findings.length, result.document.findings.length]);
    const moved = result.document.findings.filter((finding) => before.get(findingKey(finding))?.status !== finding.status);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.filter((finding) => finding.status !== "error")).toEqual([]);
    const [checkId, resourceId, message] = hostile.finding;
    expect(moved.filter((finding) => finding.checkId === checkId && finding.resourceId === resourceId).map((finding) => finding.message)).toEqual([message]);
    const differing = [
      ...result.document.findings.filter((finding) => !isDeepStrictEqual(before.get(findingKey(finding)), finding)),
      ...baseline.findings.filter((finding) => !after.has(findingKey(finding))),
    ];
    expect(moved.filter((finding) => !gap!.affectedChecks.includes(finding.checkId))).toEqual([]);
    const collector = hostile.record.dataset.split("/")[0];
    const readers = checks.filter((check) => readsOf(check).some((dataset) => dataset.collector === collector)).map((check) => check.id);
    expect([...new Set(differing.map((finding) => finding.checkId))].filter((checkId) => !readers.includes(checkId))).toEqual([]);

    const verified = await verifyArchive(result.archivePath);
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);

    const { files } = await readZip(result.archivePath, readFileSync(result.archivePath));
    expect(JSON.parse(files.get(hostile.record.file)!.toString("utf8"))).toEqual({ ...hostile.record, status: "error" });
    const calls = JSON.parse(files.get("raw/calls.har")!.toString("utf8")) as Har;
    // Nothing was sent off the endpoints: every call went to Azure's or Graph's own hosts.
    expect([...new Set(calls.log.entries.map((call) => new URL(call.request.url).origin))].sort()).toEqual(["https://api.loganalytics.io", graph, arm]);
    hostile.archived?.(files);
  });
});

describe("a resource whose name would climb out of the archive", () => {
  it("is kept under a name the tool made, and the archive verifies intact", async () => {
    const hostileName = "../../kv\nphi prod";
    const har = JSON.parse(readFileSync(sampleRecording, "utf8")) as Har;
    editBody(entry(har, vaults), (body) => {
      for (const vault of body.value as { name: string }[]) vault.name = hostileName;
    });
    const folder = temporaryFolder("hostile-name");
    const recording = join(folder, "recording.har");
    writeFileSync(recording, JSON.stringify(har));
    const result = await collectSample({ replay: recording, sections: ["164.312(b)"] });
    const { files, unsafeNames } = await readZip(result.archivePath, readFileSync(result.archivePath));
    expect(unsafeNames).toEqual([]);
    const names = [...files.keys()];
    expect(names.filter((name) => !/^[A-Za-z0-9._/-]+$/.test(name) || name.split("/").includes(".."))).toEqual([]);
    // The vaults' diagnostic settings are still read and kept, one file per vault, named after its id.
    const settings = result.assessment.findings
      .filter((finding) => finding.checkId === "key-vault-audit-logging")
      .flatMap((finding) => finding.evidence.map((ref) => ref.file));
    expect(settings.length).toBeGreaterThan(0);
    expect(settings.every((file) => files.has(file))).toBe(true);
    const verified = await verifyArchive(result.archivePath);
    expect(verified.problems).toEqual([]);
    expect(verified.intact).toBe(true);
  });
});

describe("a live run against a server that takes one request and never answers", () => {
  it("completes after the idle timeout and the usual retries, only that evidence is error, the archive verifies intact", async () => {
    const servers = await startLoopbackServers();
    try {
      const { own } = servers.origins;
      const here = (text: string) => text.replaceAll(arm, own).replaceAll(graph, own).replaceAll("https://api.loganalytics.io", own);
      const har = JSON.parse(readFileSync(sampleRecording, "utf8")) as Har;
      servers.serve(
        har.log.entries.map((recorded) => ({
          method: recorded.request.method,
          url: here(recorded.request.url),
          status: recorded.response.status,
          headers: Object.fromEntries(
            recorded.response.headers.filter((header) => header.name !== "content-length").map((header) => [header.name, header.value]),
          ),
          raw: Buffer.from(here(recorded.response.content.text ?? "")),
        })),
      );
      const hanging = here(vaults);
      servers.stall("GET", hanging, "no answer");
      const credential = { getToken: async () => ({ token: "loopback-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };

      const started = performance.now();
      const result = await collect({
        configFile: sampleConfig,
        outDir: temporaryFolder("live-hang"),
        clock: sampleClock,
        progress: silent,
        sections: scopedSampleSections,
        tenant: sample.tenantId,
        endpoints: { arm: own, graph: own, logAnalytics: `${own}/v1` },
        live: { credential, transport: servers.transport, retryDelayMs: 5 },
        limits: { idleTimeoutMs: 200 },
      });
      expect(performance.now() - started).toBeLessThan(30_000);

      // The first attempt and the Azure pipeline's three retries, each left after 0.2 s.
      expect(servers.seen.filter((seen) => seen.request === `GET ${hanging}`)).toHaveLength(4);
      const triple = (gap: CollectResult["gaps"][number]) => JSON.stringify([gap.dataset, gap.scope, gap.error.reason]);
      const hung = result.gaps.find((gap) => gap.dataset === "key-vault/vaults" && gap.scope === sample.prod);
      expect(hung?.error).toEqual({
        call: `GET ${hanging}`,
        status: 0,
        code: "ETIMEDOUT",
        message: "no answer within 0.2 s (limits.idleTimeoutSeconds)",
        reason: "network",
      });
      expect(result.gaps.map(triple).sort()).toEqual([...scopedSampleArchive().result.gaps.map(triple), triple(hung!)].sort());

      const verified = await verifyArchive(result.archivePath);
      expect(verified.problems).toEqual([]);
      expect(verified.intact).toBe(true);
    } finally {
      await servers.close();
    }
  });
});
