#!/usr/bin/env node
// npm run bench: how long the main job takes and how much memory it needs, on the sample tenant and
// on a tenant scaled up from it (many role assignments and vaults), in-process on the built code.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { collect } from "../dist/pipeline.js";
import { systemClock } from "../dist/clock.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const sample = join(root, "samples/contoso-clinic/recording.har");
const config = join(root, "samples/contoso-clinic/hipaa-evidence.yaml");
const silent = { step() {}, warn() {}, done() {} };
// The development key is made once per machine; the bench makes it before timing anything.
const developmentKeyFile = join(mkdtempSync(join(tmpdir(), "hipaa-evidence-bench-key-")), "development-signing-key.pem");

/** The sample with its Clinic-Prod role assignments, vaults and storage accounts multiplied, to see how the job scales. */
function scaled(assignments, vaults, storageAccounts) {
  const har = JSON.parse(readFileSync(sample, "utf8"));
  for (const entry of har.log.entries) {
    const url = entry.request.url;
    const body = entry.response.content.text ? JSON.parse(entry.response.content.text) : undefined;
    if (!body?.value) continue;
    if (url.includes("4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/providers/Microsoft.Authorization/roleAssignments") && !url.includes("skiptoken")) {
      const template = body.value[1]; // a Reader assignment: not privileged, so it scales the lists, not the failures
      for (let index = 0; index < assignments; index++) {
        const copy = structuredClone(template);
        copy.name = `bench-${String(index).padStart(6, "0")}`;
        copy.id = copy.id.replace(/[^/]+$/, copy.name);
        copy.properties.principalId = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
        copy.properties.principalType = "User";
        body.value.push(copy);
      }
    }
    if (url.includes("4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/providers/Microsoft.KeyVault/vaults?")) {
      const template = body.value[1];
      for (let index = 0; index < vaults; index++) {
        const copy = structuredClone(template);
        copy.name = `kv-bench-${index}`;
        copy.id = copy.id.replace(/[^/]+$/, copy.name);
        body.value.push(copy);
        har.log.entries.push({
          request: {
            method: "GET",
            url: `https://management.azure.com${copy.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
          },
          response: { status: 200, headers: [], content: { text: JSON.stringify({ value: [] }) } },
        });
      }
    }
    if (url.includes("4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/providers/Microsoft.Storage/storageAccounts?")) {
      // Scanned-records accounts: blob access logged to the workspace, no log container.
      const template = body.value[0];
      const settings = har.log.entries.find((candidate) =>
        candidate.request.url.startsWith(`https://management.azure.com${template.id}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings`),
      );
      for (let index = 0; index < storageAccounts; index++) {
        const copy = structuredClone(template);
        copy.name = `stbench${String(index).padStart(4, "0")}`;
        copy.id = copy.id.replace(/[^/]+$/, copy.name);
        body.value.push(copy);
        const blob = `https://management.azure.com${copy.id}/blobServices/default`;
        har.log.entries.push(
          {
            request: { method: "GET", url: `${blob}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview` },
            response: { ...settings.response },
          },
          {
            request: { method: "GET", url: `${blob}/containers?api-version=2023-05-01&$filter=insights-` },
            response: { status: 200, headers: [], content: { text: JSON.stringify({ value: [] }) } },
          },
        );
      }
    }
    entry.response.content.text = JSON.stringify(body);
  }
  const file = join(mkdtempSync(join(tmpdir(), "hipaa-evidence-bench-")), "scaled.har");
  writeFileSync(file, JSON.stringify(har));
  return file;
}

async function measure(label, replay, runs) {
  const times = [];
  const signing = [];
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = await collect({
      replay,
      configFile: config,
      outDir: mkdtempSync(join(tmpdir(), "hipaa-evidence-bench-out-")),
      clock: systemClock,
      progress: silent,
      signing: { developmentKeyFile },
    });
    times.push(performance.now() - started);
    signing.push(result.signing.milliseconds);
    if (run === runs - 1) {
      const total = median(times);
      const signed = median(signing);
      console.log(
        `${label}: median ${(total / 1000).toFixed(2)} s over ${runs} run(s), ${result.document.findings.length} findings, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
          `signing ${signed.toFixed(0)} ms for ${result.signing.signatures} signatures (${((100 * signed) / total).toFixed(1)}% of the job)`,
      );
    }
  }
}

await collect({
  replay: sample,
  configFile: config,
  outDir: mkdtempSync(join(tmpdir(), "hipaa-evidence-bench-out-")),
  clock: systemClock,
  progress: silent,
  signing: { developmentKeyFile },
});
await measure(`sample tenant (${JSON.parse(readFileSync(sample, "utf8")).log.entries.length} recorded calls)`, sample, 5);
await measure("scaled tenant (+5,000 assignments, +200 vaults, +200 storage accounts)", scaled(5000, 200, 200), 2);
