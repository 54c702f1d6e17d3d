import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AzureAccess } from "../../src/azure/access.js";
import { resolveEndpoints } from "../../src/azure/clouds.js";
import { HarFileSchema, type HarFile } from "../../src/azure/har.js";
import { collectDataset } from "../../src/collectors/collector.js";
import { entraCollector, groupExpansionBound, groupsHoldingAzureRoles } from "../../src/collectors/entra.js";
import { rbacCollector } from "../../src/collectors/rbac.js";
import type { EvidenceRecord } from "../../src/model/evidence.js";
import { devSubscription, prodSubscription } from "../support/collector-run.js";
import { har, type Answer } from "../support/har.js";
import { sample, sampleClock, sampleRecording, silent } from "../support/sample.js";

/**
 * The entra collector through the real Microsoft Graph client and the replay seam: the Contoso
 * Clinic sample as recorded, and variations of it that exercise refusals, licences, throttling,
 * paging and the group expansion bound.
 */
const graph = "https://graph.microsoft.com/v1.0";
const tenant = `/tenants/${sample.tenantId}`;
const url = {
  organization: `${graph}/organization?$select=id,displayName`,
  skus: `${graph}/subscribedSkus`,
  policies: `${graph}/identity/conditionalAccess/policies`,
  namedLocations: `${graph}/identity/conditionalAccess/namedLocations`,
  securityDefaults: `${graph}/policies/identitySecurityDefaultsEnforcementPolicy`,
  authenticationMethods: `${graph}/policies/authenticationMethodsPolicy`,
  users: `${graph}/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999`,
  signIns: `${graph}/users?$select=id,userPrincipalName,signInActivity&$top=999`,
  registration: `${graph}/reports/authenticationMethods/userRegistrationDetails`,
  roleDefinitions: `${graph}/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn`,
  roleAssignments: `${graph}/roleManagement/directory/roleAssignments?$expand=principal`,
  eligibility: `${graph}/roleManagement/directory/roleEligibilitySchedules?$expand=principal`,
  assignmentSchedules: `${graph}/roleManagement/directory/roleAssignmentSchedules`,
  members: (groupId: string) => `${graph}/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`,
  groupEligibility: (groupId: string) =>
    `${graph}/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq '${groupId}'&$expand=principal`,
  groupAssignments: (groupId: string) =>
    `${graph}/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?$filter=groupId eq '${groupId}'&$expand=principal`,
};
const appTeam = "b2f6d1ef-0001-4b7c-9d0e-1f2a3b4c5d6e";
const developers = "b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e";
const caExclusion = "b2f6d1ef-0003-4b7c-9d0e-1f2a3b4c5d6e";

const recording = HarFileSchema.parse(JSON.parse(readFileSync(sampleRecording, "utf8")));
const bodyOf = (entryUrl: string): Record<string, any> => {
  const entry = recording.log.entries.find((candidate) => candidate.request.url === entryUrl);
  if (!entry) throw new Error(`the sample recording has no ${entryUrl}`);
  return JSON.parse(entry.response.content.text ?? "") as Record<string, any>;
};

/** The sample's Graph answers, as the compact answers test/support/har.ts builds recordings from. */
const sampleGraphAnswers: Answer[] = recording.log.entries
  .filter((entry) => entry.request.url.startsWith(graph) && entry.request.method === "GET")
  .map((entry) => ({ url: entry.request.url, status: entry.response.status, body: JSON.parse(entry.response.content.text ?? "") }));

/** The sample's Graph answers with the ones for `target` replaced (in place, so the call order stays). */
function sampleWith(replacements: Record<string, Answer[]>): HarFile {
  return har(sampleGraphAnswers.flatMap((answer) => replacements[answer.url] ?? [answer]));
}

function replay(recorded: HarFile): AzureAccess {
  return new AzureAccess({ kind: "replay", har: recorded, source: "test.har" }, resolveEndpoints("AzurePublic"), sampleClock);
}

/** Runs the collector with a context built the way runCollectors builds it (`earlierRecords`: what ran before it). */
async function collectEntra(access: AzureAccess, earlierRecords: readonly EvidenceRecord[] = []): Promise<EvidenceRecord[]> {
  const records: EvidenceRecord[] = [];
  await entraCollector.collect({
    access,
    tenantId: sample.tenantId,
    subscriptions: [],
    progress: silent,
    signInLogsWorkspaces: [],
    scopeManagementGroups: [],
    earlierRecords,
    async collect(request) {
      const record = await collectDataset(entraCollector.id, request);
      records.push(record);
      return record;
    },
  });
  return records;
}

/** The rbac collector's records on the sample, as runCollectors hands them to the entra collector. */
async function sampleRbac(): Promise<EvidenceRecord[]> {
  const records: EvidenceRecord[] = [];
  await rbacCollector.collect({
    access: replay(recording),
    tenantId: sample.tenantId,
    subscriptions: [prodSubscription, devSubscription],
    progress: silent,
    signInLogsWorkspaces: [],
    scopeManagementGroups: [],
    earlierRecords: [],
    async collect(request) {
      const record = await collectDataset(rbacCollector.id, request);
      records.push(record);
      return record;
    },
  });
  return records;
}
const recordOf = (records: readonly EvidenceRecord[], dataset: string, scope = tenant) =>
  records.find((record) => record.dataset === dataset && record.scope === scope);

const denied = {
  error: {
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
    innerError: {
      date: "2026-11-20T14:02:14",
      "request-id": "0b1c2d3e-0001-4f5a-8b6c-7d8e9f0a1b2c",
      "client-request-id": "0b1c2d3e-0001-4f5a-8b6c-7d8e9f0a1b2c",
    },
  },
};

describe("the entra collector on the Contoso Clinic sample", () => {
  // dataset, file under raw/entra/, URL, number of items.
  const expected: [string, string, string, number][] = [
    ["entra/organization", "organization.json", url.organization, 1],
    ["entra/subscribed-skus", "subscribed-skus.json", url.skus, 1],
    ["entra/conditional-access-policies", "conditional-access-policies.json", url.policies, 5],
    ["entra/named-locations", "named-locations.json", url.namedLocations, 2],
    ["entra/security-defaults", "security-defaults.json", url.securityDefaults, 1],
    ["entra/authentication-methods-policy", "authentication-methods-policy.json", url.authenticationMethods, 1],
    ["entra/users", "users.json", url.users, 10],
    ["entra/user-sign-in-activity", "user-sign-in-activity.json", url.signIns, 10],
    ["entra/user-registration-details", "user-registration-details.json", url.registration, 10],
    ["entra/directory-role-definitions", "directory-role-definitions.json", url.roleDefinitions, 8],
    ["entra/directory-role-assignments", "directory-role-assignments.json", url.roleAssignments, 5],
    ["entra/directory-role-eligibility-schedules", "directory-role-eligibility-schedules.json", url.eligibility, 2],
    ["entra/directory-role-assignment-schedules", "directory-role-assignment-schedules.json", url.assignmentSchedules, 5],
  ];

  it("collects every dataset, with the items exactly as Graph sent them", async () => {
    const access = replay(recording);
    const records = await collectEntra(access, await sampleRbac());
    const expectedRecords = [
      ...expected.map(([dataset, file, call]) => {
        const body = bodyOf(call);
        return {
          dataset,
          scope: tenant,
          file: `raw/entra/${file}`,
          status: "ok",
          calls: [`GET ${call}`],
          value: Array.isArray(body.value) ? body.value : [body],
        };
      }),
      // The groups that hold Azure roles (EHR App Team, Clinic Developers) and that Conditional Access
      // includes (Clinic Developers) and excludes (the scanner exclusion group), by id.
      ...[appTeam, developers, caExclusion].map((groupId) => ({
        dataset: "entra/group-members",
        scope: `${tenant}/groups/${groupId}`,
        file: `raw/entra/groups/${groupId}/transitive-members.json`,
        status: "ok",
        calls: [`GET ${url.members(groupId)}`],
        value: bodyOf(url.members(groupId)).value,
      })),
      // PIM for Groups, for the groups that hold Azure roles.
      ...[appTeam, developers].flatMap((groupId) =>
        (
          [
            ["entra/group-eligibility-schedule-instances", "pim-eligibility-schedule-instances.json", url.groupEligibility(groupId)],
            ["entra/group-assignment-schedule-instances", "pim-assignment-schedule-instances.json", url.groupAssignments(groupId)],
          ] as const
        ).map(([dataset, file, call]) => ({
          dataset,
          scope: `${tenant}/groups/${groupId}`,
          file: `raw/entra/groups/${groupId}/${file}`,
          status: "ok",
          calls: [`GET ${call}`],
          value: bodyOf(call).value,
        })),
      ),
    ];
    expect(records).toEqual(expectedRecords);
    for (const [dataset, , , count] of expected) {
      const record = recordOf(records, dataset);
      expect(record?.status === "ok" ? record.value.length : undefined, dataset).toBe(count);
    }
    // Every dataset the collector declares was collected.
    expect(new Set(records.map((record) => record.dataset))).toEqual(new Set(entraCollector.datasets.map((dataset) => dataset.id)));
    // One request per call, all answered, in the documented order.
    expect(access.ledger.exchanges.map((exchange) => `${exchange.response?.status} ${exchange.request.url}`)).toEqual([
      ...expected.map(([, , call]) => `200 ${call}`),
      ...[appTeam, developers, caExclusion].map((groupId) => `200 ${url.members(groupId)}`),
      ...[appTeam, developers].flatMap((groupId) => [`200 ${url.groupEligibility(groupId)}`, `200 ${url.groupAssignments(groupId)}`]),
    ]);
  });

  it("expands the excluded group transitively: the nested group and the Owner it hides", async () => {
    const records = await collectEntra(replay(recording));
    const members = recordOf(records, "entra/group-members", `${tenant}/groups/${caExclusion}`);
    expect(members).toMatchObject({
      status: "ok",
      value: [
        { "@odata.type": "#microsoft.graph.group", id: "b2f6d1ef-0004-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Scanner operators" },
        {
          "@odata.type": "#microsoft.graph.user",
          id: "a1e5c0de-0002-4a6b-8c9d-0e1f2a3b4c5d",
          displayName: "Dana Whitfield",
          userPrincipalName: "dana.whitfield@contosoclinic.com",
        },
      ],
    });
  });
});

describe("refusals and licences", () => {
  it("a 403 on the Conditional Access policies in a tenant with Entra ID P1 is a missing permission, naming Policy.Read.All", async () => {
    const records = await collectEntra(replay(sampleWith({ [url.policies]: [{ url: url.policies, status: 403, body: denied }] })));
    expect(recordOf(records, "entra/conditional-access-policies")).toEqual({
      dataset: "entra/conditional-access-policies",
      scope: tenant,
      file: "raw/entra/conditional-access-policies.json",
      status: "error",
      error: {
        call: `GET ${url.policies}`,
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
        missingPermission: "Microsoft Graph application permission Policy.Read.All",
        reason: "permission",
      },
    });
    // Nothing else is lost; only the groups the policies name are not expanded.
    expect(records.filter((record) => record.status === "error").map((record) => record.dataset)).toEqual(["entra/conditional-access-policies"]);
    expect(records.filter((record) => record.dataset === "entra/group-members")).toEqual([]);
  });

  /** Subscribed SKUs without an Entra ID premium plan: Exchange Online alone. */
  const noPremium = {
    "@odata.context": `${graph}/$metadata#subscribedSkus`,
    value: [
      {
        accountName: "Contoso Clinic",
        accountId: "6c1d2e3f-0001-4c7a-8b8d-9e0f1a2b3c4d",
        appliesTo: "User",
        capabilityStatus: "Enabled",
        consumedUnits: 10,
        id: `${sample.tenantId}_18181a46-0d4e-45cd-891e-60aabd171b4e`,
        prepaidUnits: { enabled: 15, lockedOut: 0, suspended: 0, warning: 0 },
        servicePlans: [
          { servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", servicePlanName: "EXCHANGE_S_STANDARD", provisioningStatus: "Success", appliesTo: "User" },
        ],
        skuId: "18181a46-0d4e-45cd-891e-60aabd171b4e",
        skuPartNumber: "STANDARDPACK",
        subscriptionIds: ["5b0c1d2e-0002-4b6f-9a7c-8d9e0f1a2b3c"],
      },
    ],
  };

  // Graph answers a tenant without the licence with a 400, 401 or 403 that reads like a refusal; any other failure stays what it is.
  it.each([
    { status: 400, reason: "licence" },
    { status: 401, reason: "licence" },
    { status: 403, reason: "licence" },
    { status: 404, reason: "service" },
  ] as const)("a $status in a tenant whose SKUs carry no AAD_PREMIUM plan is a $reason failure", async ({ status, reason }) => {
    const records = await collectEntra(
      replay(sampleWith({ [url.skus]: [{ url: url.skus, body: noPremium }], [url.policies]: [{ url: url.policies, status, body: denied }] })),
    );
    const licenceWords = " (the tenant's subscribed SKUs include no Entra ID P1 service plan, which this API needs)";
    expect(recordOf(records, "entra/conditional-access-policies")).toEqual({
      dataset: "entra/conditional-access-policies",
      scope: tenant,
      file: "raw/entra/conditional-access-policies.json",
      status: "error",
      error: {
        call: `GET ${url.policies}`,
        status,
        code: "Authorization_RequestDenied",
        message: `Insufficient privileges to complete the operation.${reason === "licence" ? licenceWords : ""}`,
        reason,
      },
    });
  });

  it.each([
    { skus: "the sample's SKUs, with Entra ID P2", changes: {} },
    { skus: "SKUs without Entra ID P2 (Graph's own words are kept, not added to)", changes: { [url.skus]: [{ url: url.skus, body: noPremium }] } },
  ])("a 403 AadPremiumLicenseRequired on the PIM eligibility schedules is a licence gap: $skus", async ({ changes }) => {
    const message = "The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.";
    const records = await collectEntra(
      replay(
        sampleWith({ ...changes, [url.eligibility]: [{ url: url.eligibility, status: 403, body: { error: { code: "AadPremiumLicenseRequired", message } } }] }),
      ),
    );
    expect(recordOf(records, "entra/directory-role-eligibility-schedules")).toEqual({
      dataset: "entra/directory-role-eligibility-schedules",
      scope: tenant,
      file: "raw/entra/directory-role-eligibility-schedules.json",
      status: "error",
      error: { call: `GET ${url.eligibility}`, status: 403, code: "AadPremiumLicenseRequired", message, reason: "licence" },
    });
  });
});

describe("throttling and paging", () => {
  it("retries a Conditional Access 429 that has no Retry-After, keeps the data and records both attempts", async () => {
    const throttled = { error: { code: "TooManyRequests", message: "Too many requests. Please retry after some time." } };
    const access = replay(
      sampleWith({
        [url.policies]: [
          { url: url.policies, status: 429, body: throttled },
          { url: url.policies, body: bodyOf(url.policies) },
        ],
      }),
    );
    const records = await collectEntra(access);
    expect(recordOf(records, "entra/conditional-access-policies")).toEqual({
      dataset: "entra/conditional-access-policies",
      scope: tenant,
      file: "raw/entra/conditional-access-policies.json",
      status: "ok",
      calls: [`GET ${url.policies}`],
      value: bodyOf(url.policies).value,
    });
    const attempts = access.ledger.exchanges.filter((exchange) => exchange.request.url === url.policies);
    expect(attempts.map((exchange) => exchange.response?.status)).toEqual([429, 200]);
    expect(attempts[1]?.request.headers["retry-attempt"]).toBe("1");
  });

  it("merges a Conditional Access list that comes in pages joined by @odata.nextLink", async () => {
    const policies = bodyOf(url.policies).value as unknown[];
    const next = `${url.policies}?$skiptoken=${Buffer.from("page-2-of-policies").toString("base64url")}`;
    const access = replay(
      sampleWith({
        [url.policies]: [
          {
            url: url.policies,
            body: { "@odata.context": `${graph}/$metadata#identity/conditionalAccess/policies`, value: policies.slice(0, 3), "@odata.nextLink": next },
          },
          { url: next, body: { "@odata.context": `${graph}/$metadata#identity/conditionalAccess/policies`, value: policies.slice(3) } },
        ],
      }),
    );
    const records = await collectEntra(access);
    expect(recordOf(records, "entra/conditional-access-policies")).toEqual({
      dataset: "entra/conditional-access-policies",
      scope: tenant,
      file: "raw/entra/conditional-access-policies.json",
      status: "ok",
      calls: [`GET ${url.policies}`, `GET ${next}`],
      value: policies,
    });
    // The groups named on both pages are expanded.
    expect(records.filter((record) => record.dataset === "entra/group-members").map((record) => [record.scope, record.status])).toEqual([
      [`${tenant}/groups/${developers}`, "ok"],
      [`${tenant}/groups/${caExclusion}`, "ok"],
    ]);
  });
});

describe("the group expansion bound", () => {
  const pageSize = 999;
  // Reading stops once a page takes the count to the bound and another page remains.
  const maxPages = Math.ceil(groupExpansionBound.membersPerGroup / pageSize);
  const pageUrl = (page: number) =>
    page === 0 ? url.members(caExclusion) : `${url.members(caExclusion)}&$skiptoken=${Buffer.from(`page-${page + 1}`).toString("base64url")}`;

  /** The exclusion group with `count` members, in full pages of 999 joined by nextLink. */
  function hugeGroup(count: number): Answer[] {
    const pages: Answer[] = [];
    for (let page = 0; page * pageSize < count; page++) {
      const value = Array.from({ length: Math.min(pageSize, count - page * pageSize) }, (_, index) => {
        const n = page * pageSize + index + 1;
        return {
          "@odata.type": "#microsoft.graph.user",
          id: `f0e1d2c3-${String(n).padStart(4, "0")}-4b5a-8c7d-9e0f1a2b3c4d`,
          displayName: `Scanner kiosk ${n}`,
          userPrincipalName: `kiosk${n}@contosoclinic.com`,
        };
      });
      const more = (page + 1) * pageSize < count;
      pages.push({
        url: pageUrl(page),
        body: {
          "@odata.context": `${graph}/$metadata#directoryObjects(id,displayName,userPrincipalName)`,
          value,
          ...(more ? { "@odata.nextLink": pageUrl(page + 1) } : {}),
        },
      });
    }
    return pages;
  }

  it("a group with more members than the bound is an incomplete-data error, not a partial list", async () => {
    const access = replay(sampleWith({ [url.members(caExclusion)]: hugeGroup(groupExpansionBound.membersPerGroup + 1000) }));
    const records = await collectEntra(access);
    expect(recordOf(records, "entra/group-members", `${tenant}/groups/${caExclusion}`)).toEqual({
      dataset: "entra/group-members",
      scope: `${tenant}/groups/${caExclusion}`,
      file: `raw/entra/groups/${caExclusion}/transitive-members.json`,
      status: "error",
      error: {
        call: `GET ${pageUrl(maxPages - 1)}`,
        status: 200,
        message: `not read to the end: more than the bound of ${groupExpansionBound.membersPerGroup} members`,
        reason: "incomplete-data",
      },
    });
    // It stops at the bound: the page beyond it is never requested.
    expect(access.ledger.exchanges.filter((exchange) => exchange.request.url.includes(caExclusion)).map((exchange) => exchange.request.url)).toEqual(
      Array.from({ length: maxPages }, (_, page) => pageUrl(page)),
    );
    // The other group is unaffected.
    expect(recordOf(records, "entra/group-members", `${tenant}/groups/${developers}`)?.status).toBe("ok");
  });

  it("a group of exactly the bound is read to the end", async () => {
    const records = await collectEntra(replay(sampleWith({ [url.members(caExclusion)]: hugeGroup(groupExpansionBound.membersPerGroup) })));
    const record = recordOf(records, "entra/group-members", `${tenant}/groups/${caExclusion}`);
    expect(record?.status).toBe("ok");
    expect(record?.status === "ok" ? record.value.length : undefined).toBe(groupExpansionBound.membersPerGroup);
  });
});

describe("groups that hold Azure roles", () => {
  const groupRecords = (records: readonly EvidenceRecord[]) =>
    records
      .filter((record) => record.dataset.startsWith("entra/group"))
      .map((record) => [record.dataset, record.scope.split("/").pop(), record.status, record.status === "ok" ? record.value.length : record.error.reason]);

  it("expands the members of every group holding an Azure role and reads its PIM for Groups schedules, after the groups policies name", async () => {
    const rbac = await sampleRbac();
    // EHR App Team holds Contributor on rg-ehr-app, Clinic Developers Contributor on Clinic-Dev.
    expect(groupsHoldingAzureRoles(rbac)).toEqual([appTeam, developers]);
    const access = replay(recording);
    const records = await collectEntra(access, rbac);
    expect(groupRecords(records)).toEqual([
      ["entra/group-members", appTeam, "ok", 1],
      ["entra/group-members", developers, "ok", 3],
      ["entra/group-members", caExclusion, "ok", 2],
      ["entra/group-eligibility-schedule-instances", appTeam, "ok", 2],
      ["entra/group-assignment-schedule-instances", appTeam, "ok", 2],
      ["entra/group-eligibility-schedule-instances", developers, "ok", 0],
      ["entra/group-assignment-schedule-instances", developers, "ok", 0],
    ]);
    expect(recordOf(records, "entra/group-eligibility-schedule-instances", `${tenant}/groups/${appTeam}`)).toEqual({
      dataset: "entra/group-eligibility-schedule-instances",
      scope: `${tenant}/groups/${appTeam}`,
      file: `raw/entra/groups/${appTeam}/pim-eligibility-schedule-instances.json`,
      status: "ok",
      calls: [`GET ${url.groupEligibility(appTeam)}`],
      value: bodyOf(url.groupEligibility(appTeam)).value,
    });
    expect(recordOf(records, "entra/group-assignment-schedule-instances", `${tenant}/groups/${appTeam}`)).toMatchObject({
      file: `raw/entra/groups/${appTeam}/pim-assignment-schedule-instances.json`,
      status: "ok",
      value: [
        { accessId: "owner", assignmentType: "Assigned", principalId: "a1e5c0de-0001-4a6b-8c9d-0e1f2a3b4c5d" },
        { accessId: "member", assignmentType: "Activated", principalId: "a1e5c0de-0005-4a6b-8c9d-0e1f2a3b4c5d" },
      ],
    });
    // The Graph calls after the directory roles, in order: members by group id, then each role-holding group's schedules.
    const graphCalls = access.ledger.exchanges
      .map((exchange) => exchange.request.url)
      .filter((call) => call.includes("/groups/") || call.includes("/privilegedAccess/"));
    expect(graphCalls).toEqual([
      url.members(appTeam),
      url.members(developers),
      url.members(caExclusion),
      url.groupEligibility(appTeam),
      url.groupAssignments(appTeam),
      url.groupEligibility(developers),
      url.groupAssignments(developers),
    ]);
  });

  it("a group whose type Azure leaves blank is expanded when the directory says it is a group; a foreign group is not", async () => {
    const rbac = (await sampleRbac()).map((record) => structuredClone(record));
    const prodAssignments = rbac.find((record) => record.dataset === "rbac/role-assignments" && record.scope === prodSubscription.scope);
    if (prodAssignments?.status !== "ok") throw new Error("the sample's Clinic-Prod assignments are missing");
    const appTeamAssignment = prodAssignments.value.find((item) => (item as { properties: { principalId: string } }).properties.principalId === appTeam) as {
      properties: { principalType?: string };
    };
    delete appTeamAssignment.properties.principalType;
    const developersAssignment = rbac
      .flatMap((record) => (record.status === "ok" && record.dataset === "rbac/role-assignments" ? record.value : []))
      .find((item) => (item as { properties: { principalId: string } }).properties.principalId === developers) as { properties: { principalType?: string } };
    developersAssignment.properties.principalType = "ForeignGroup";
    expect(groupsHoldingAzureRoles(rbac)).toEqual([appTeam]);
  });

  it("a 403 on PIM for Groups in a tenant with Entra ID P2 names the permission; without the licence it says licence; the members are still read", async () => {
    const rbac = await sampleRbac();
    const refused = (target: string) => ({ [target]: [{ url: target, status: 403, body: denied }] });
    const withP2 = await collectEntra(replay(sampleWith({ ...refused(url.groupEligibility(appTeam)), ...refused(url.groupAssignments(appTeam)) })), rbac);
    expect(recordOf(withP2, "entra/group-eligibility-schedule-instances", `${tenant}/groups/${appTeam}`)).toMatchObject({
      status: "error",
      error: {
        call: `GET ${url.groupEligibility(appTeam)}`,
        status: 403,
        missingPermission: "Microsoft Graph application permission PrivilegedEligibilitySchedule.Read.AzureADGroup",
        reason: "permission",
      },
    });
    expect(recordOf(withP2, "entra/group-assignment-schedule-instances", `${tenant}/groups/${appTeam}`)).toMatchObject({
      status: "error",
      error: { status: 403, missingPermission: "Microsoft Graph application permission PrivilegedAssignmentSchedule.Read.AzureADGroup", reason: "permission" },
    });
    expect(recordOf(withP2, "entra/group-members", `${tenant}/groups/${appTeam}`)?.status).toBe("ok");

    const p1Only = {
      ...bodyOf(url.skus),
      value: [
        {
          ...bodyOf(url.skus).value[0],
          servicePlans: bodyOf(url.skus).value[0].servicePlans.filter((plan: { servicePlanName: string }) => plan.servicePlanName !== "AAD_PREMIUM_P2"),
        },
      ],
    };
    const withoutP2 = await collectEntra(
      replay(sampleWith({ [url.skus]: [{ url: url.skus, body: p1Only }], ...refused(url.groupEligibility(appTeam)) })),
      rbac,
    );
    expect(recordOf(withoutP2, "entra/group-eligibility-schedule-instances", `${tenant}/groups/${appTeam}`)).toMatchObject({
      status: "error",
      error: { status: 403, reason: "licence" },
    });
  });

  it("a group made eligible through PIM for Groups is expanded too: each of its members may activate", async () => {
    const rbac = await sampleRbac();
    const eligibleGroup = { "@odata.type": "#microsoft.graph.group", id: "b2f6d1ef-0009-4b7c-9d0e-1f2a3b4c5d6e", displayName: "EHR on-call" };
    const eligibility = bodyOf(url.groupEligibility(appTeam));
    const withGroup = {
      ...eligibility,
      value: [...eligibility.value, { ...eligibility.value[0], id: `${appTeam}_member_0009`, principalId: eligibleGroup.id, principal: eligibleGroup }],
    };
    const nestedMembers = {
      "@odata.context": `${graph}/$metadata#directoryObjects(id,displayName,userPrincipalName)`,
      value: [
        {
          "@odata.type": "#microsoft.graph.user",
          id: "a1e5c0de-0007-4a6b-8c9d-0e1f2a3b4c5d",
          displayName: "Jordan Kim",
          userPrincipalName: "jordan.kim@contosoclinic.com",
        },
      ],
    };
    const access = replay(
      har([
        ...sampleGraphAnswers.flatMap((answer) => (answer.url === url.groupEligibility(appTeam) ? [{ url: answer.url, body: withGroup }] : [answer])),
        { url: url.members(eligibleGroup.id), body: nestedMembers },
      ]),
    );
    const records = await collectEntra(access, rbac);
    expect(recordOf(records, "entra/group-members", `${tenant}/groups/${eligibleGroup.id}`)).toMatchObject({ status: "ok", value: nestedMembers.value });
    expect(access.ledger.exchanges.at(-1)?.request.url).toBe(url.members(eligibleGroup.id));
  });
});
