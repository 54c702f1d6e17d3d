import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { officialExample } from "./support/official-examples.js";
import { sampleDir, sampleRecording, temporaryFolder } from "./support/sample.js";

/** The sample tenant is data built by a script; both must agree, and its payloads must have the official shapes. */
interface Entry {
  request: { method: string; url: string };
  response: { status: number; content: { text: string } };
}
const entries = (JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: Entry[] } }).log.entries;

function itemsFrom(urlPart: string): Record<string, any>[] {
  return entries
    .filter((entry) => entry.request.url.includes(urlPart) && entry.response.status === 200)
    .flatMap((entry) => (JSON.parse(entry.response.content.text) as { value: Record<string, any>[] }).value);
}

describe("the Contoso Clinic sample", () => {
  it("is exactly what build-recording.mjs writes", () => {
    const rebuilt = join(temporaryFolder("sample"), "recording.har");
    const built = spawnSync(process.execPath, [join(sampleDir, "build-recording.mjs"), rebuilt], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    expect(readFileSync(rebuilt, "utf8")).toBe(readFileSync(sampleRecording, "utf8"));
  });

  it.each([
    ["/subscriptions?", "arm-subscriptions-list.json", []],
    ["/roleAssignments?", "arm-role-assignments-list-for-scope.json", []],
    ["/roleDefinitions?", "arm-role-definition-get.json", []],
    ["/roleEligibilityScheduleInstances?", "arm-role-eligibility-schedule-instances-list.json", []],
    // hsmPoolResourceId is absent from real standard-SKU vaults; enablePurgeProtection is planted absent.
    ["/Microsoft.KeyVault/vaults?", "arm-key-vault-vaults-list-by-subscription.json", ["hsmPoolResourceId"]],
    ["/diagnosticSettings?", "arm-monitor-diagnostic-settings-list.json", []],
  ] as const)("items of %s carry every field of %s", (urlPart, exampleFile, omitted) => {
    const example = officialExample(exampleFile);
    const shape = (Array.isArray(example.value) ? example.value[0] : example) as Record<string, any>;
    const items = itemsFrom(urlPart);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      for (const key of Object.keys(shape)) expect(Object.keys(item), `${urlPart} ${key}`).toContain(key);
      for (const key of Object.keys(shape.properties ?? {})) {
        if (!(omitted as readonly string[]).includes(key)) expect(Object.keys(item.properties), `${urlPart} properties.${key}`).toContain(key);
      }
    }
  });

  it("plants what the issue asks for: two subscriptions, about 15 assignments, a guest Owner, PIM eligibility, three vaults, paging and a 403", () => {
    expect(itemsFrom("/subscriptions?")).toHaveLength(2);
    const assignments = itemsFrom("/roleAssignments?");
    expect(assignments).toHaveLength(15);
    const guests = itemsFrom("/directoryObjects/getByIds").filter((object) => object.userType === "Guest").map((object) => object.id);
    const guestOwners = assignments.filter((assignment) => guests.includes(assignment.properties.principalId) && assignment.properties.roleDefinitionId.endsWith("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));
    expect(guestOwners).toHaveLength(1);
    expect(itemsFrom("/roleEligibilityScheduleInstances?").length).toBeGreaterThan(0);
    expect(itemsFrom("/Microsoft.KeyVault/vaults?")).toHaveLength(3);
    expect(entries.some((entry) => (JSON.parse(entry.response.content.text || "{}") as { nextLink?: string }).nextLink)).toBe(true);
    expect(entries.filter((entry) => entry.response.status === 403).map((entry) => entry.request.url)).toEqual([
      "https://management.azure.com/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01",
    ]);
  });
});
