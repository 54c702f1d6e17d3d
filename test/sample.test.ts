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

const arm = "https://management.azure.com/";
const graph = "https://graph.microsoft.com/v1.0/";

function itemsFrom(urlPart: string, host = arm): Record<string, any>[] {
  return entries
    .filter((entry) => entry.request.url.startsWith(host) && entry.request.url.includes(urlPart) && entry.response.status === 200)
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
    // Vault diagnostic settings; subscription (activity log) settings have no metrics, unlike the example.
    ["/vaults/kv", "arm-monitor-diagnostic-settings-list.json", []],
    ["/identity/conditionalAccess/policies", "graph-conditional-access-policies-list.json", []],
    ["/reports/authenticationMethods/userRegistrationDetails", "graph-user-registration-details-list.json", []],
    ["/privilegedAccess/group/eligibilityScheduleInstances", "graph-pim-group-eligibility-schedule-instances-list.json", []],
    ["/privilegedAccess/group/assignmentScheduleInstances", "graph-pim-group-assignment-schedule-instances-list.json", []],
    ["/resourcegroups?", "arm-resource-group-get.json", []],
    ["/Microsoft.SecurityInsights/onboardingStates?", "arm-sentinel-onboarding-states-list.json", []],
    ["/Microsoft.SecurityInsights/alertRules?", "arm-sentinel-alert-rules-list.json", []],
  ] as const)("items of %s carry every field of %s", (urlPart, exampleFile, omitted) => {
    const example = officialExample(exampleFile);
    const shape = (Array.isArray(example.value) ? example.value[0] : example) as Record<string, any>;
    const items = itemsFrom(urlPart, exampleFile.startsWith("graph-") ? graph : arm);
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
    expect(assignments).toHaveLength(16);
    const guests = itemsFrom("/directoryObjects/getByIds", graph)
      .filter((object) => object.userType === "Guest")
      .map((object) => object.id);
    const guestOwners = assignments.filter(
      (assignment) =>
        guests.includes(assignment.properties.principalId) && assignment.properties.roleDefinitionId.endsWith("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
    );
    expect(guestOwners).toHaveLength(1);
    expect(itemsFrom("/roleEligibilityScheduleInstances?").length).toBeGreaterThan(0);
    expect(itemsFrom("/Microsoft.KeyVault/vaults?")).toHaveLength(3);
    expect(entries.some((entry) => (JSON.parse(entry.response.content.text || "{}") as { nextLink?: string }).nextLink)).toBe(true);
    expect(entries.filter((entry) => entry.response.status === 403).map((entry) => entry.request.url)).toEqual([
      "https://management.azure.com/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01",
    ]);
  });

  it("plants the identity problems issue 4 asks for", () => {
    const policies = itemsFrom("/identity/conditionalAccess/policies", graph);
    const owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    const users = itemsFrom("/users?$select=id,displayName", graph);
    const byName = (name: string) => users.find((user) => user.displayName === name)!;
    const holdsOwner = (id: string) =>
      itemsFrom("/roleAssignments?").some((assignment) => assignment.properties.principalId === id && assignment.properties.roleDefinitionId.endsWith(owner));

    // An excluded group hides a privileged user, through a nested group.
    const allUsers = policies.find((policy) => policy.displayName === "CA001 Require MFA for all users")!;
    const [excludedGroup] = allUsers.conditions.users.excludeGroups as string[];
    const members = itemsFrom(`/groups/${excludedGroup}/transitiveMembers`, graph);
    expect(members.map((member) => member["@odata.type"])).toContain("#microsoft.graph.group");
    expect(members.map((member) => member.id)).toContain(byName("Dana Whitfield").id);
    expect(holdsOwner(byName("Dana Whitfield").id)).toBe(true);

    // A report-only MFA policy.
    expect(policies.filter((policy) => policy.state === "enabledForReportingButNotEnforced").map((policy) => policy.displayName)).toEqual([
      "CA002 Require phishing-resistant MFA for administrators",
    ]);

    // A guest Global Administrator.
    const guestIds = users.filter((user) => user.userType === "Guest").map((user) => user.id);
    const globalAdmins = itemsFrom("/roleManagement/directory/roleAssignments", graph).filter(
      (assignment) => assignment.roleDefinitionId === globalAdministrator,
    );
    expect(globalAdmins.filter((assignment) => guestIds.includes(assignment.principalId))).toHaveLength(1);

    // A stale account holding Owner.
    const chris = byName("Chris Okafor");
    const activity = itemsFrom("signInActivity", graph).find((user) => user.id === chris.id)!;
    expect(activity.signInActivity.lastSignInDateTime < "2026-08-20").toBe(true);
    expect(holdsOwner(chris.id)).toBe(true);
  });
});
