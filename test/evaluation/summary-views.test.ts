import { describe, expect, it } from "vitest";
import { checks } from "../../src/checks/registry.js";
import { immutabilityPoliciesDataset, logContainersDataset } from "../../src/datasets/storage.js";
import { defaultMappingFile, loadMapping } from "../../src/mapping/mapping.js";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { archiveAccountId, baaServices, forbidden, goodTenant, subscription, type Tenant } from "../support/good-tenant.js";

/**
 * The summary's audit-log and Defender tables state what the evidence holds and carry the checks'
 * verdicts; on the known-good tenant every row is known, and a change shows in its row.
 */
async function views(tenant: Tenant) {
  const mapping = await loadMapping(defaultMappingFile, new Set(checks.map((check) => check.id)));
  const assessment = evaluate({ evidence: tenant.collected(), mapping, settings: tenant.settings, baa: baaServices });
  return { audit: assessment.auditLogs, defender: assessment.defender };
}

const workspace = "Log Analytics workspace law-security";

describe("where audit logs go", () => {
  it("lists every source of the good tenant with what it sends, where, and its check's verdict", async () => {
    const { audit } = await views(goodTenant());
    expect(audit.routes.map(({ source, sent, destinations, status }) => [source, sent, destinations, status])).toEqual([
      ["Entra ID sign-in and audit logs", "SignInLogs, AuditLogs", workspace, "pass"],
      ["Activity log", "Administrative, Security, Policy", workspace, "pass"],
      ["Key Vault sample-vault", "audit (group)", `${workspace}\nstorage account stauditarchive\nevent hub namespace andy1101`, "pass"],
      ["Storage account (blobs) stauditarchive", "audit (group)", workspace, "pass"],
      ["Web app app-portal", "AppServiceHTTPLogs, audit (group)", workspace, "pass"],
      ["SQL server sql-records", "server auditing Enabled; master database: audit (group)", workspace, "pass"],
    ]);
    expect(new Set(audit.routes.map((row) => row.subscription))).toEqual(new Set(["tenant", subscription.displayName]));
  });

  it("says a listing was not collected instead of leaving its resources out", async () => {
    const tenant = goodTenant();
    tenant.fail(logContainersDataset, forbidden);
    const { audit } = await views(tenant);
    expect(audit.retention.find((row) => row.destination === "storage account stauditarchive")).toMatchObject({
      part: "log containers",
      configured: "not collected (HTTP 403)",
      status: "error",
    });
  });
});

describe("how long logs are kept", () => {
  it("gives each audit table's configured retention and observed records, and each log container's policy", async () => {
    const { audit } = await views(goodTenant());
    expect(audit.retention.map(({ destination, part, configured, observed, status }) => [destination, part, configured, observed, status])).toEqual([
      [workspace, "AzureActivity", "90 days interactive, 2191 in total", "2026-08-22 to 2026-11-20 (48210 records)", "pass"],
      [workspace, "SigninLogs", "90 days interactive, 2191 in total", "2026-08-22 to 2026-11-20 (3811 records)", "pass"],
      [workspace, "AuditLogs", "90 days interactive, 2191 in total", "2026-08-23 to 2026-11-19 (902 records)", "pass"],
      [workspace, "AKVAuditLogs", "90 days interactive, 2191 in total", "2026-08-22 to 2026-11-20 (12044 records)", "pass"],
      ["storage account stauditarchive", "insights-logs-auditevent", "immutability Locked, 2192 days", "not queried (blob contents are not read)", "pass"],
      ["event hub namespace andy1101", "", "kept by the system that reads the event hub (a SIEM); not examined", "", undefined],
    ]);
  });

  it("shows an unlocked policy with the failing verdict", async () => {
    const tenant = goodTenant();
    tenant.items(immutabilityPoliciesDataset, `${archiveAccountId}/blobServices/default/containers/insights-logs-auditevent`)[0]!.properties.state = "Unlocked";
    const { audit } = await views(tenant);
    expect(audit.retention.find((row) => row.part === "insights-logs-auditevent")).toMatchObject({
      configured: "immutability Unlocked, 2192 days",
      status: "fail",
    });
  });
});

describe("Defender for Cloud coverage", () => {
  it("states plans, secure score (a fraction shown as a percentage), the healthcare assessment, contacts, alerts and auto-provisioning", async () => {
    const { defender } = await views(goodTenant());
    expect(defender).toEqual([
      {
        subscription: subscription.displayName,
        plansOn: "KeyVaults (1)\nStorageAccounts (1)",
        plansOff: "none",
        secureScore: "60% (23.53 of 39)",
        healthcareStandard: "HIPAA-HITRUST-9-2: Failed, 12 controls failed of 43",
        contacts: "security@example.com\nalerts from Medium",
        activeAlerts: "none",
        autoProvisioning: "On",
      },
    ]);
  });
});
