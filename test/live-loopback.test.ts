import { spawn } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManifestSchema } from "../src/archive/manifest.js";
import type { Finding, FindingsDocument } from "../src/model/findings.js";
import { sampleConfig, sampleRecording, temporaryFolder } from "./support/sample.js";
import { sharedSampleArchive } from "./support/sample-archive.js";
import { run } from "./support/tools.js";

/**
 * Live mode end to end, with nothing replaced inside the tool: DefaultAzureCredential (narrowed to
 * AzureCliCredential, which runs a stand-in `az` on PATH), the SDKs' default HTTPS transport, and
 * the endpoint overrides, against an HTTPS server on loopback that answers with the sample tenant's
 * recorded responses. Collection is what is under test, so the reports are scoped to one standard.
 */
const bin = fileURLToPath(new URL("../bin/hipaa-evidence.js", import.meta.url));
const claims = {
  tid: "7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47",
  oid: "c3a7e2f0-0003-4c8d-a0e1-2f3a4b5c6d7e",
  appid: "d4b8f3a1-0003-4d9e-b1f2-3a4b5c6d7e8f",
  app_displayname: "hipaa-evidence-collector",
  idtyp: "app",
  roles: ["Directory.Read.All"],
};
const token = `${[{ alg: "none", typ: "JWT" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".")}.c2lnbmF0dXJl`;

interface Recorded {
  request: { method: string; url: string };
  response: { status: number; headers: { name: string; value: string }[]; content: { text?: string } };
}

let server: Server;
let origin: string;
let folder: string;
const seenAuthorization: string[] = [];

beforeAll(async () => {
  folder = temporaryFolder("loopback");
  const made = run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    join(folder, "key.pem"),
    "-out",
    join(folder, "cert.pem"),
  ]);
  expect(made.status, made.stderr).toBe(0);

  const entries = (JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: Recorded[] } }).log.entries;
  // Answers in recorded order per request line: the two Log Analytics queries share one URL.
  const answers = new Map<string, Recorded["response"][]>();
  for (const entry of entries) {
    const key = `${entry.request.method} ${new URL(entry.request.url).pathname}${new URL(entry.request.url).search}`;
    answers.set(key, [...(answers.get(key) ?? []), entry.response]);
  }
  const next = (key: string) => {
    const queue = answers.get(key);
    return queue && queue.length > 1 ? queue.shift() : queue?.[0];
  };
  server = createServer({ key: readFileSync(join(folder, "key.pem")), cert: readFileSync(join(folder, "cert.pem")) }, (request, response) => {
    seenAuthorization.push(request.headers.authorization ?? "(none)");
    request.resume();
    request.on("end", () => {
      const answer = next(`${request.method} ${decodeURIComponent(request.url ?? "")}`) ?? next(`${request.method} ${request.url}`);
      if (!answer) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: request.url } }));
        return;
      }
      const headers = Object.fromEntries(answer.headers.filter((header) => header.name !== "content-length").map((header) => [header.name, header.value]));
      // nextLinks point at the server that answered, as they would behind any endpoint.
      response.writeHead(answer.status, headers).end((answer.content.text ?? "").replaceAll("https://management.azure.com", origin));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The stand-in Azure CLI: what `az account get-access-token --output json` prints.
  const az = join(folder, "az");
  writeFileSync(
    az,
    `#!/bin/sh\necho '${JSON.stringify({ accessToken: token, expiresOn: "2099-01-01 00:00:00.000000", expires_on: 4070908800, tenant: claims.tid, tokenType: "Bearer" })}'\n`,
  );
  chmodSync(az, 0o755);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function collectLive(out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        bin,
        "collect",
        "--config",
        sampleConfig,
        "--out",
        out,
        "--arm-endpoint",
        origin,
        "--graph-endpoint",
        origin,
        "--log-analytics-endpoint",
        `${origin}/v1`,
        "--quiet",
        "--sections",
        "164.312(b)",
      ],
      {
        env: {
          ...process.env,
          PATH: `${folder}:${process.env.PATH ?? ""}`,
          AZURE_TOKEN_CREDENTIALS: "AzureCliCredential",
          NODE_EXTRA_CA_CERTS: join(folder, "cert.pem"),
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("live collection against an HTTPS server on loopback", () => {
  it("collects through the real credential chain and transport, and records no token", async () => {
    const result = await collectLive(join(folder, "out"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const archive = result.stdout.trim();
    const unzipped = join(folder, "unzipped");
    expect(run("unzip", ["-q", archive, "-d", unzipped]).status).toBe(0);

    // Every call reached the overridden endpoints with the credential's token (ARM and Graph alike).
    expect(seenAuthorization).toHaveLength((JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: unknown[] } }).log.entries.length);
    expect(new Set(seenAuthorization)).toEqual(new Set([`Bearer ${token}`]));

    const document = JSON.parse(readFileSync(join(unzipped, "findings/findings.json"), "utf8")) as FindingsDocument;
    // A live run measures ages from today, not from the recording's dates: the checks that judge
    // "how long ago" (stale accounts, fresh sign-in records, how far back audit records reach) are
    // left out of the comparison.
    const timeless = (findings: readonly Finding[]) =>
      findings
        .filter((finding) => !["entra-stale-account-with-role", "entra-sign-in-logs-exported", "log-analytics-effective-retention"].includes(finding.checkId))
        .map(({ id, status }) => [id, status]);
    // The same verdicts as the replay of the same answers, on the standard the run was scoped to.
    const replayed = sharedSampleArchive().result.document.findings.filter((finding) => finding.hipaa.includes("164.312(b)"));
    expect(timeless(document.findings)).toEqual(timeless(replayed));
    expect(timeless(document.findings).map(([, status]) => status)).toContain("fail");

    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(unzipped, "manifest.json"), "utf8")));
    expect(manifest.collection.mode).toBe("live");
    expect(manifest.collection.identity).toEqual({
      tenantId: claims.tid,
      kind: "servicePrincipal",
      objectId: claims.oid,
      appId: claims.appid,
      displayName: "hipaa-evidence-collector",
      graphAppRoles: ["Directory.Read.All"],
    });
    const calls = readFileSync(join(unzipped, "raw/calls.har"), "utf8");
    expect(calls).not.toContain(token.split(".")[1]);
    expect(calls).not.toMatch(/"authorization"/i);
    expect(calls).toContain(`${origin}/subscriptions?api-version=2022-12-01`);
  });

  it("exits 3 when no credential is available", async () => {
    const out = join(folder, "no-credential");
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, "collect", "--out", out, "--arm-endpoint", origin, "--quiet"], {
        env: { ...process.env, PATH: "/nonexistent", AZURE_TOKEN_CREDENTIALS: "AzureCliCredential" },
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^hipaa-evidence: no usable Azure credential: /);
  });
});
