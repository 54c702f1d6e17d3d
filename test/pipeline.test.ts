import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { reachesFailOn, type CollectResult } from "../src/pipeline.js";
import { checks } from "../src/checks/registry.js";
import { defaultMappingFile, loadMapping } from "../src/mapping/mapping.js";
import { FindingsDocumentSchema, type Finding } from "../src/model/findings.js";
import { assessSample, collectSample, sample, sampleRecording, temporaryFolder } from "./support/sample.js";
import { sharedSampleArchive } from "./support/sample-archive.js";

/**
 * The whole pipeline on the Contoso Clinic sample, through the real SDK clients: every planted
 * problem is found, the planted 403 is `error` naming the permission, and nothing else is claimed.
 */
const { prod, dev } = sample;
const assignmentId = (scope: string, name: string) => `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
const mg = "/providers/Microsoft.Management/managementGroups/mg-clinic-production";
const vault = (subscription: string, group: string, name: string) => `${subscription}/resourceGroups/${group}/providers/Microsoft.KeyVault/vaults/${name}`;
const phi = vault(prod, "rg-ehr-data", "kv-phi-prod-01");
const app = vault(prod, "rg-ehr-app", "kv-clinic-app-02");
const sandbox = vault(dev, "rg-dev-sandbox", "kv-dev-sandbox-03");
const scans = `${prod}/resourceGroups/rg-ehr-data/providers/Microsoft.Storage/storageAccounts/stclinicscans01`;
const auditArchive = `${prod}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/stclinicauditarchive`;
const securityWorkspace = `${prod}/resourceGroups/rg-security-logs/providers/Microsoft.OperationalInsights/workspaces/law-clinic-security`;
const sandboxWorkspace = `${dev}/resourceGroups/rg-dev-sandbox/providers/Microsoft.OperationalInsights/workspaces/law-dev-sandbox`;
const exportsAccount = `${prod}/resourceGroups/rg-clinic-ops/providers/Microsoft.Storage/storageAccounts/stclinicexports01`;
const sqlServer = `${prod}/resourceGroups/rg-ehr-data/providers/Microsoft.Sql/servers/sql-ehr-prod`;
const portal = `${prod}/resourceGroups/rg-ehr-app/providers/Microsoft.Web/sites/app-ehr-portal`;
/** Every resource of Clinic-Prod, in Azure's listing order. */
const prodResources = [
  phi,
  app,
  scans,
  `${prod}/resourceGroups/rg-ehr-app/providers/Microsoft.Compute/virtualMachines/vm-ehr-app-01`,
  `${prod}/resourceGroups/rg-ehr-app/providers/Microsoft.Network/virtualNetworks/vnet-ehr`,
  securityWorkspace,
  auditArchive,
  exportsAccount,
  sqlServer,
  `${sqlServer}/databases/ehr-records`,
  portal,
  `${prod}/resourceGroups/rg-ehr-app/providers/Microsoft.Web/serverfarms/asp-ehr-portal`,
];
const tenant = `/tenants/${sample.tenantId}`;
/** The sample's people have ids a1e5c0de-NNNN-4a6b-8c9d-0e1f2a3b4c5d. */
const user = (number: string) => `${tenant}/users/a1e5c0de-${number}-4a6b-8c9d-0e1f2a3b4c5d`;
const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

/** Every finding of the sample: check, resource, status. */
const expectedFindings: [string, string, string][] = [
  ["rbac-subscription-owner-count", prod, "fail"],
  ["rbac-subscription-owner-count", dev, "pass"],
  ["rbac-guest-privileged-role", assignmentId(prod, "e0a1b2c3-0004-4000-8000-000000000004"), "fail"],
  ["rbac-guest-privileged-role", dev, "error"],
  ["rbac-service-principal-owner", assignmentId(prod, "e0a1b2c3-0005-4000-8000-000000000005"), "fail"],
  ["rbac-service-principal-owner", dev, "pass"],
  ["rbac-custom-role-wildcard", `${prod}/providers/Microsoft.Authorization/roleDefinitions/6c1d4e2f-3a5b-4c7d-8e9f-0a1b2c3d4e5f`, "fail"],
  ["rbac-custom-role-wildcard", dev, "pass"],
  ["rbac-standing-privileged-assignment", assignmentId(mg, "e0a1b2c3-0001-4000-8000-000000000001"), "fail"],
  ["rbac-standing-privileged-assignment", assignmentId(prod, "e0a1b2c3-0003-4000-8000-000000000003"), "fail"],
  ["rbac-standing-privileged-assignment", assignmentId(prod, "e0a1b2c3-0004-4000-8000-000000000004"), "fail"],
  // EHR App Team's Contributor reaches its members only through PIM for Groups: just-in-time access.
  ["rbac-standing-privileged-assignment", assignmentId(prod, "e0a1b2c3-0016-4000-8000-000000000016"), "fail"],
  ["rbac-standing-privileged-assignment", assignmentId(dev, "e0a1b2c3-0011-4000-8000-000000000011"), "fail"],
  ["rbac-standing-privileged-assignment", assignmentId(dev, "e0a1b2c3-0012-4000-8000-000000000012"), "fail"],
  ["rbac-standing-privileged-assignment", assignmentId(dev, "e0a1b2c3-0013-4000-8000-000000000013"), "fail"],
  ["key-vault-purge-protection-enabled", phi, "pass"],
  ["key-vault-purge-protection-enabled", app, "fail"],
  ["key-vault-purge-protection-enabled", sandbox, "fail"],
  ["key-vault-public-network-restricted", phi, "pass"],
  ["key-vault-public-network-restricted", app, "fail"],
  ["key-vault-public-network-restricted", sandbox, "pass"],
  ["key-vault-rbac-authorization", phi, "pass"],
  ["key-vault-rbac-authorization", app, "fail"],
  ["key-vault-rbac-authorization", sandbox, "pass"],
  ["key-vault-audit-logging", phi, "pass"],
  ["key-vault-audit-logging", app, "pass"],
  ["key-vault-audit-logging", sandbox, "fail"],
  ["storage-blob-audit-logging", scans, "pass"],
  ["storage-blob-audit-logging", auditArchive, "pass"],
  ["storage-blob-audit-logging", exportsAccount, "fail"],
  ["storage-blob-audit-logging", dev, "not_applicable"],
  ["sql-server-auditing", sqlServer, "pass"],
  ["sql-server-auditing", dev, "not_applicable"],
  ["app-service-audit-logging", portal, "pass"],
  ["app-service-audit-logging", dev, "not_applicable"],
  ["entra-mfa-all-users", tenant, "fail"],
  ["entra-mfa-privileged-users", user("0001"), "pass"],
  ["entra-mfa-privileged-users", user("0009"), "not_applicable"],
  ["entra-mfa-privileged-users", user("0010"), "not_applicable"],
  ["entra-mfa-privileged-users", user("0006"), "pass"],
  ["entra-mfa-privileged-users", user("0002"), "fail"],
  ["entra-mfa-privileged-users", user("0007"), "pass"],
  ["entra-mfa-privileged-users", user("0003"), "pass"],
  ["entra-mfa-privileged-users", user("0004"), "pass"],
  // Riley Chen, disabled, is still a member of Clinic Developers, which holds Contributor on Clinic-Dev.
  ["entra-mfa-privileged-users", user("0008"), "pass"],
  ["entra-mfa-privileged-users", user("0005"), "pass"],
  ["entra-mfa-privileged-users", `${dev}/rbac/role-eligibility-schedule-instances`, "error"],
  ["entra-mfa-azure-management", tenant, "fail"],
  ["entra-legacy-authentication-blocked", tenant, "pass"],
  ["entra-mfa-policy-not-enforcing", `${tenant}/conditionalAccessPolicies/ca5e1d00-0002-4c1a-8b2d-3e4f5a6b7c8d`, "fail"],
  ["entra-mfa-policy-not-enforcing", `${tenant}/conditionalAccessPolicies/ca5e1d00-0005-4c1a-8b2d-3e4f5a6b7c8d`, "fail"],
  ["entra-security-defaults-consistency", tenant, "pass"],
  ["entra-break-glass-accounts", user("0009"), "pass"],
  ["entra-break-glass-accounts", user("0010"), "pass"],
  ["entra-global-administrator-count", tenant, "pass"],
  ["entra-standing-privileged-role", `${user("0001")}/roles/${globalAdministrator}`, "fail"],
  ["entra-standing-privileged-role", `${user("0003")}/roles/${globalAdministrator}`, "fail"],
  ["entra-guest-privileged-role", `${user("0003")}/roles/${globalAdministrator}`, "fail"],
  ...["0001", "0002", "0003", "0004", "0005"].map((id): [string, string, string] => ["entra-stale-account-with-role", user(id), "pass"]),
  ["entra-stale-account-with-role", user("0006"), "fail"],
  ["entra-stale-account-with-role", user("0007"), "pass"],
  ["entra-stale-account-with-role", user("0008"), "fail"],
  ...["0009", "0010"].map((id): [string, string, string] => ["entra-stale-account-with-role", user(id), "pass"]),
  ["entra-stale-account-with-role", `${dev}/rbac/role-eligibility-schedule-instances`, "error"],
  ["entra-sign-in-frequency", tenant, "pass"],
  ["entra-sign-in-logs-exported", tenant, "pass"],
  ["entra-audit-logs-exported", tenant, "pass"],
  ...["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010"].map((id): [string, string, string] => [
    "entra-privileged-single-factor-sign-ins",
    `${user(id)}/sign-ins`,
    id === "0002" ? "fail" : ["0006", "0008", "0009", "0010"].includes(id) ? "not_applicable" : "pass",
  ]),
  ["entra-privileged-single-factor-sign-ins", `${dev}/rbac/role-eligibility-schedule-instances`, "error"],
  ["defender-plans-for-resources-in-use", prod, "fail"],
  ["defender-plans-for-resources-in-use", dev, "pass"],
  ["defender-storage-malware-scanning", scans, "fail"],
  ["defender-storage-malware-scanning", auditArchive, "fail"],
  ["defender-storage-malware-scanning", exportsAccount, "fail"],
  ["defender-storage-malware-scanning", dev, "not_applicable"],
  ["defender-security-contact-notifications", prod, "pass"],
  ["defender-security-contact-notifications", dev, "pass"],
  ["defender-high-alerts-handled", prod, "pass"],
  ["defender-high-alerts-handled", dev, "pass"],
  ["defender-healthcare-standard-assessed", prod, "pass"],
  ["defender-healthcare-standard-assessed", dev, "pass"],
  ["activity-log-exported", prod, "pass"],
  ["activity-log-exported", dev, "pass"],
  ["activity-log-alert-role-changes", prod, "pass"],
  ["activity-log-alert-role-changes", dev, "fail"],
  ["log-analytics-retention", securityWorkspace, "pass"],
  ["log-analytics-retention", sandboxWorkspace, "fail"],
  ["log-analytics-effective-retention", securityWorkspace, "pass"],
  ["log-analytics-effective-retention", sandboxWorkspace, "error"],
  ["log-archive-immutability-locked", auditArchive, "fail"],
  ["log-archive-immutability-locked", dev, "not_applicable"],
  // Clinic-Dev is excluded from the ePHI scope, so neither check judges its resources.
  ...prodResources.map((id): [string, string, string] => ["baa-covered-services", id, "pass"]),
  ["baa-covered-services", dev, "not_applicable"],
  ...prodResources.map((id): [string, string, string] => ["resource-location-allowed", id, id === exportsAccount ? "fail" : "pass"]),
  ["resource-location-allowed", dev, "not_applicable"],
];

/**
 * Where each finding stands against the sample's ePHI scope (hipaa-evidence.yaml): Clinic-Dev is
 * excluded by a recorded decision; finance's export account is an unmarked data store, unclassified;
 * identity and the management group are tenant-wide; the rest of Clinic-Prod is in scope (its EHR
 * groups by their tag, the security workspace and archive as the audit trail of what is).
 */
function expectedStanding(resourceId: string): string {
  if (resourceId.startsWith(dev)) return "out of scope";
  if (resourceId === exportsAccount) return "unclassified";
  if (resourceId.startsWith(tenant) || resourceId.startsWith(mg)) return "tenant-wide";
  return "in scope";
}

let result: CollectResult;
beforeAll(() => {
  ({ result } = sharedSampleArchive());
});

describe("the sample tenant, replayed end to end", () => {
  it("names the archive after the tenant and the generation time", () => {
    expect(result.archivePath.endsWith(`hipaa-evidence-${sample.tenantId}-20261124T093000Z.zip`)).toBe(true);
  });

  it("finds exactly the planted results", () => {
    const found = result.document.findings.map((finding) => [finding.checkId, finding.resourceId, finding.status]);
    expect(found).toEqual(expectedFindings);
  });

  it("places every finding against the declared ePHI scope: the sandbox's findings decide nothing", () => {
    expect(result.document.findings.map((finding) => [finding.id, finding.ephiScope])).toEqual(
      result.document.findings.map((finding) => [finding.id, expectedStanding(finding.resourceId)]),
    );
    // The sandbox vault fails purge protection and logging, but 164.312(b) is decided by Clinic-Prod alone; its failures are concerns.
    const audit = result.document.requirements.find((requirement) => requirement.id === "164.312(b)")!;
    const sandboxFailures = result.document.findings
      .filter((finding) => finding.status === "fail" && finding.ephiScope === "out of scope" && finding.hipaa.includes("164.312(b)"))
      .map((finding) => finding.id);
    expect(sandboxFailures.length).toBeGreaterThan(0);
    expect(audit.concerns).toEqual(expect.arrayContaining(sandboxFailures));
  });

  it("reports the planted guest Owner, custom wildcard role and unlogged vault in full sentences", () => {
    const messages = result.document.findings.filter((finding) => finding.status === "fail").map((finding) => finding.message);
    expect(messages).toContain(
      "Guest user Morgan Lee (Northwind IT) (morgan.lee_northwindit.com#EXT#@contosoclinic.onmicrosoft.com) holds an active Owner assignment at subscription Clinic-Prod.",
    );
    expect(messages).toContain(
      'Custom role "Clinic Operations Superuser", assignable at subscription Clinic-Prod, grants "*" in its actions, minus 1 excluded action(s).',
    );
    expect(messages).toContain("Key Vault kv-dev-sandbox-03 in subscription Clinic-Dev has no diagnostic setting, so its audit logs are not kept.");
  });

  it("turns the planted 403 into error, naming the call and the missing permission", () => {
    const refused = result.document.findings.find((finding) => finding.checkId === "rbac-guest-privileged-role" && finding.resourceId === dev);
    expect(refused?.error).toEqual({
      call: `GET https://management.azure.com${dev}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01`,
      status: 403,
      code: "AuthorizationFailed",
      message: expect.stringContaining("does not have authorization to perform action"),
      missingPermission: "Microsoft.Authorization/roleEligibilityScheduleInstances/read",
      reason: "permission",
    });
    expect(refused?.evidence).toEqual([{ file: "raw/rbac/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/role-eligibility-schedule-instances.json", pointer: "/error" }]);
    expect(result.gaps).toHaveLength(2);
    expect(result.gaps[0]).toMatchObject({
      dataset: "rbac/role-eligibility-schedule-instances",
      scopeName: "subscription Clinic-Dev",
      affectedChecks: [
        "rbac-subscription-owner-count",
        "rbac-guest-privileged-role",
        "entra-mfa-privileged-users",
        "entra-stale-account-with-role",
        "entra-privileged-single-factor-sign-ins",
      ],
    });
  });

  it("turns the planted partial query result into error, never a shorter truth", () => {
    const partial = result.document.findings.find(
      (finding) => finding.checkId === "log-analytics-effective-retention" && finding.resourceId === sandboxWorkspace,
    );
    expect(partial?.error).toEqual({
      call: "POST https://api.loganalytics.io/v1/workspaces/d3e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5f/query",
      status: 200,
      code: "PartialError",
      message:
        "the query returned a partial result: There were some errors when processing your query. Something went wrong processing your query on the server.",
      reason: "incomplete-data",
    });
    expect(partial?.evidence).toEqual([
      { file: "raw/log-analytics/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/law-dev-sandbox-e9c6a97e/audit-records.json", pointer: "/error" },
    ]);
    expect(result.gaps[1]).toMatchObject({
      dataset: "log-analytics/audit-records",
      scopeName: "law-dev-sandbox in Clinic-Dev",
      affectedChecks: ["log-analytics-effective-retention"],
    });
  });

  it("catches the unlocked log archive and the role changes nobody hears of, with their citations", () => {
    const archive = result.document.findings.find((finding) => finding.checkId === "log-archive-immutability-locked" && finding.resourceId === auditArchive);
    expect(archive?.message).toBe(
      "Storage account stclinicauditarchive in subscription Clinic-Prod, which receives logs from Key Vault kv-clinic-app-02, does not keep its logs immutable: insights-logs-auditevent has an unlocked policy of 2192 days, which can be shortened or deleted.",
    );
    // Log archive immutability supports audit controls; keeping documentation six years is the signed archive's job.
    expect(archive?.hipaa).toEqual(["164.312(b)"]);
    expect(archive?.evidence).toContainEqual({
      file: "raw/storage/4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3/stclinicauditarchive-default-insights-logs-audit-a44ea962/immutability-policy.json",
      pointer: "/value/0",
    });
    const alerting = result.document.findings.find((finding) => finding.checkId === "activity-log-alert-role-changes" && finding.resourceId === dev);
    expect(alerting?.hipaa).toEqual(["164.308(a)(1)(ii)(D)", "164.308(a)(4)(ii)(C)"]);
    const plans = result.document.findings.find((finding) => finding.checkId === "defender-plans-for-resources-in-use" && finding.resourceId === prod);
    expect(plans?.message).toBe("Subscription Clinic-Prod holds resources whose Defender plan is off: StorageAccounts (3 resource(s); plan Free).");
    expect(plans?.hipaa).toEqual(["164.308(a)(5)(ii)(B)"]);
  });

  it("tags each finding with the citations the mapping gives its check", async () => {
    const mapping = await loadMapping(defaultMappingFile, new Set(checks.map((check) => check.id)));
    for (const finding of result.document.findings) {
      const expected = mapping.requirements
        .filter((row) => [...row.checks.primary, ...row.checks.supporting].includes(finding.checkId))
        .map((row) => row.citation);
      expect(expected.length, finding.checkId).toBeGreaterThan(0);
      expect(finding.hipaa, finding.id).toEqual(expected);
    }
    const audit = result.document.findings.find((finding) => finding.checkId === "key-vault-audit-logging");
    expect(audit?.hipaa).toEqual(["164.308(a)(1)(ii)(D)", "164.312(b)"]);
  });

  it("derives requirement statuses from the primary checks only, failing supporting checks being concerns", () => {
    const decided = result.document.requirements.filter((requirement) => requirement.status !== "attestation_required").map(({ id, status }) => [id, status]);
    expect(decided).toEqual([
      // The sample's attestations (samples/contoso-clinic/attestations) close these.
      ["164.308(a)(1)(ii)(A)", "attested"],
      ["164.308(a)(1)(ii)(B)", "attested"],
      ["164.308(a)(3)(ii)(A)", "not_satisfied"],
      ["164.308(a)(3)(ii)(C)", "not_satisfied"],
      ["164.308(a)(4)(ii)(B)", "not_satisfied"],
      // Its Defender plan fails, but an alternative measure is documented (164.306(d)(3)).
      ["164.308(a)(5)(ii)(B)", "documented_decision"],
      ["164.308(b)(1)", "attested"],
      ["164.308(b)(3)", "attested"],
      ["164.310(a)(1)", "attested"],
      ["164.312(a)(1)", "not_satisfied"],
      ["164.312(b)", "not_satisfied"],
      ["164.312(d)", "not_satisfied"],
      ["164.314(a)(1)", "attested"],
      ["164.314(a)(2)(i)", "attested"],
      ["164.314(a)(2)(ii)", "not_applicable"],
      ["164.314(b)(1)", "not_applicable"],
      ["164.314(b)(2)", "not_applicable"],
    ]);
    expect(result.document.requirements).toHaveLength(65);
    expect(result.coverage).toEqual({
      total: 65,
      automated: 13,
      attested: 7,
      open: 48,
      byStatus: { satisfied: 0, not_satisfied: 6, incomplete: 0, attestation_required: 48, attested: 7, documented_decision: 1, not_applicable: 3 },
    });
    const row = (id: string) => result.document.requirements.find((requirement) => requirement.id === id);
    // Log retention is audit control, not the six-year documentation rule: that row rests on attestation.
    expect(row("164.316(b)(2)(i)")).toMatchObject({ evidence: "attest", status: "attestation_required", checks: [], supportingChecks: [], concerns: [] });
    // An open Key Vault firewall is access control (a concern of 164.312(a)(1)), not transmission security.
    expect(row("164.312(e)(1)")).toMatchObject({ evidence: "attest", status: "attestation_required", checks: [] });
    expect(row("164.312(a)(1)")?.concerns).toContain(`key-vault-public-network-restricted:${app.toLowerCase()}`);
    // A report-only MFA policy is a concern of 164.312(d), never its deciding fail: the row fails because Dana Whitfield is excluded.
    expect(row("164.312(d)")?.concerns).toEqual([
      "entra-mfa-policy-not-enforcing:/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47/conditionalaccesspolicies/ca5e1d00-0002-4c1a-8b2d-3e4f5a6b7c8d",
      "entra-mfa-policy-not-enforcing:/tenants/7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47/conditionalaccesspolicies/ca5e1d00-0005-4c1a-8b2d-3e4f5a6b7c8d",
    ]);
    // Purge protection supports backup, disaster recovery and integrity; it no longer decides the emergency access procedure.
    expect(["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.312(c)(1)"].map((id) => row(id)?.supportingChecks)).toEqual([
      ["key-vault-purge-protection-enabled"],
      ["key-vault-purge-protection-enabled"],
      ["key-vault-purge-protection-enabled"],
    ]);
    expect(row("164.312(a)(2)(ii)")).toMatchObject({ checks: ["entra-break-glass-accounts"], supportingChecks: [] });
  });

  it("ends every row in a state a compliance officer can act on", () => {
    const { requirements, findings } = result.document;
    const requests = new Map(result.assessment.attestations.requests.map((request) => [request.requirement, request]));
    for (const row of requirements) {
      const deciding = findings.filter((finding) => row.checks.includes(finding.checkId) && finding.ephiScope !== "out of scope");
      switch (row.status) {
        case "not_satisfied":
          // Its failing findings, each with what to change.
          expect(
            deciding.filter((finding) => finding.status === "fail").every((finding) => finding.remediation !== undefined),
            row.id,
          ).toBe(true);
          expect(
            deciding.some((finding) => finding.status === "fail"),
            row.id,
          ).toBe(true);
          break;
        case "attested":
        case "documented_decision":
          expect(row.attestationState, row.id).toBe("valid");
          expect(row.attestation?.file, row.id).toMatch(/^attestations\/.+\.yaml$/);
          if (row.status === "documented_decision") expect(row.attestation?.rationale, row.id).toBeDefined();
          break;
        case "not_applicable":
          expect(row.attestation?.notApplicableReason, row.id).toBeDefined();
          break;
        case "attestation_required":
          // In the request list, with the template attest init writes.
          expect(requests.get(row.id)?.template, row.id).toBe(`templates/${row.attestations[0]}.yaml`);
          break;
        default:
          throw new Error(`${row.id}: ${row.status} is not expected in the sample`);
      }
    }
    // The expired training record leaves its row open and is listed as expired.
    expect(requests.get("164.308(a)(5)(i)")).toEqual({
      requirement: "164.308(a)(5)(i)",
      title: "Security awareness and training",
      state: "expired",
      expiredOn: "2026-06-30",
      template: "templates/security-awareness-and-training.yaml",
    });
  });

  it("keeps an accepted risk failing, says who accepted it until when, and leaves it out of --fail-on", () => {
    const accepted = result.document.findings.filter((finding) => finding.acceptedRisk);
    expect(accepted.map(({ checkId, resourceId, status, acceptedRisk }) => ({ checkId, resourceId, status, acceptedRisk }))).toEqual([
      {
        checkId: "key-vault-rbac-authorization",
        resourceId: app,
        status: "fail",
        acceptedRisk: { exception: "kv-clinic-app-02-access-policies", approver: "Dana Whitfield, Security Official", expiresOn: "2027-03-31" },
      },
    ]);
    expect(result.assessment.exceptions.map(({ id, state, matched }) => ({ id, state, matched }))).toEqual([
      { id: "kv-clinic-app-02-access-policies", state: "applied", matched: 1 },
    ]);
    // The row it supports stays not satisfied.
    expect(result.document.requirements.find((requirement) => requirement.id === "164.312(a)(1)")?.status).toBe("not_satisfied");
    expect(reachesFailOn(accepted, "low")).toBe(false);
    expect(
      reachesFailOn(
        accepted.map(({ acceptedRisk: _accepted, ...finding }) => finding),
        "low",
      ),
    ).toBe(true);
  });

  it("gives every failing or not-evaluated finding its fix, where to make it and the Microsoft page it comes from", () => {
    const needingFix = result.document.findings.filter((finding) => finding.status === "fail" || finding.status === "error");
    expect(
      needingFix.filter(
        (finding) => !finding.remediation?.text || !finding.remediation.portal || !finding.remediation.source.startsWith("https://learn.microsoft.com/"),
      ),
    ).toEqual([]);
    expect(result.document.findings.filter((finding) => (finding.status === "pass" || finding.status === "not_applicable") && finding.remediation)).toEqual([]);
    // A command only where Microsoft's page gives one, filled from the resource id.
    const purge = result.document.findings.find((finding) => finding.checkId === "key-vault-purge-protection-enabled" && finding.resourceId === app);
    expect(purge?.remediation?.command).toBe(
      "az keyvault update --subscription 4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3 -g rg-ehr-app -n kv-clinic-app-02 --enable-purge-protection true",
    );
  });

  it("writes a findings document that follows docs/findings-json.md", () => {
    expect(FindingsDocumentSchema.safeParse(result.document).success).toBe(true);
    expect(result.document).toMatchObject({
      schemaVersion: 2,
      tenantId: sample.tenantId,
      collectedAt: "2026-11-20T14:02:11.000Z",
      mapping: { id: "hipaa-security-rule" },
    });
    expect(new Set(result.document.findings.map((finding) => finding.id)).size).toBe(result.document.findings.length);
  });
});

describe("scoped to a regulator's request", () => {
  it("--sections 164.312 reports the technical safeguards only, with their own coverage", async () => {
    const scoped = await collectSample({ sections: ["164.312"] });
    expect(scoped.document.requirements.map((requirement) => requirement.id)).toEqual([
      "164.312(a)(1)",
      "164.312(a)(2)(i)",
      "164.312(a)(2)(ii)",
      "164.312(a)(2)(iii)",
      "164.312(a)(2)(iv)",
      "164.312(b)",
      "164.312(c)(1)",
      "164.312(c)(2)",
      "164.312(d)",
      "164.312(e)(1)",
      "164.312(e)(2)(i)",
      "164.312(e)(2)(ii)",
    ]);
    expect(scoped.coverage).toMatchObject({ total: 12, automated: 5 });
    // Only the checks on the chosen rows run, so every finding cites a chosen row; none is left over from elsewhere.
    expect(scoped.document.findings.filter((finding) => !finding.hipaa.some((citation) => citation.startsWith("164.312(")))).toEqual([]);
    expect(scoped.document.findings.find((finding) => finding.checkId === "key-vault-audit-logging")?.hipaa).toEqual(["164.312(b)"]);
    expect(new Set(scoped.document.findings.map((finding) => finding.checkId)).has("defender-plans-for-resources-in-use")).toBe(false);
    // The summary counts what the run reports on: twelve rows, and their findings.
    expect(scoped.document.findings.length).toBeLessThan(result.document.findings.length);
  });
});

describe("replay inputs", () => {
  // Findings are what these compare: the runs collect and evaluate, and render nothing.
  it("an earlier archive replays to the same findings", async () => {
    const again = await assessSample({ replay: result.archivePath });
    const summary = (findings: readonly Finding[]) => findings.map(({ id, status, message }) => ({ id, status, message }));
    expect(summary(again.assessment.findings)).toEqual(summary(result.document.findings));
  });

  it("a request with no recording becomes error for what depended on it, and nothing is invented", async () => {
    const recording = JSON.parse(readFileSync(sampleRecording, "utf8")) as { log: { entries: { request: { url: string } }[] } };
    const devVaults = `https://management.azure.com${dev}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`;
    recording.log.entries = recording.log.entries.filter((entry) => entry.request.url !== devVaults);
    const trimmed = join(temporaryFolder("har"), "without-dev-vaults.har");
    writeFileSync(trimmed, JSON.stringify(recording));

    const partial = (await assessSample({ replay: trimmed })).assessment;
    const devVaultFindings = partial.findings.filter((finding) => finding.checkId.startsWith("key-vault-") && finding.resourceId === dev);
    expect(devVaultFindings.map((finding) => finding.status)).toEqual(["error", "error", "error", "error"]);
    expect(devVaultFindings[0]?.error).toMatchObject({ reason: "not-recorded", status: 0, call: `GET ${devVaults}` });
    expect(partial.findings.some((finding) => finding.resourceId === sandbox)).toBe(false);
    // Everything else is unchanged.
    const others = (findings: readonly Finding[]) =>
      findings.filter((finding) => finding.resourceId !== sandbox && (!finding.resourceId.startsWith(dev) || !finding.checkId.startsWith("key-vault-")));
    expect(others(partial.findings)).toEqual(others(result.document.findings));
  });
});
