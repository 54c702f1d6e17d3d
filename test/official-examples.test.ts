import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ActivityLogAlertSchema, ScheduledQueryRuleSchema } from "../src/datasets/alert-rules.js";
import { WebSiteSchema } from "../src/datasets/app-service.js";
import {
  ConditionalAccessPolicySchema,
  GroupAssignmentScheduleInstanceSchema,
  GroupEligibilityScheduleInstanceSchema,
  GroupMemberSchema,
  UserRegistrationDetailsSchema,
} from "../src/datasets/entra.js";
import {
  AutoProvisioningSchema,
  ComplianceStandardSchema,
  DefenderForStorageSettingSchema,
  PricingSchema,
  SecureScoreSchema,
  SecurityAlertSchema,
  SecurityContactSchema,
} from "../src/datasets/defender.js";
import { LogTableSchema, LogWorkspaceSchema, SentinelAlertRuleSchema, SentinelOnboardingStateSchema } from "../src/datasets/log-analytics.js";
import { DiagnosticCategorySchema } from "../src/datasets/diagnostic-settings.js";
import { SqlAuditingSettingsSchema, SqlServerSchema } from "../src/datasets/sql.js";
import { BlobContainerSchema, ImmutabilityPolicySchema, StorageAccountSchema } from "../src/datasets/storage.js";
import { VaultSchema } from "../src/datasets/key-vault.js";
import { DiagnosticSettingSchema } from "../src/datasets/diagnostic-settings.js";
import { RoleAssignmentSchema, RoleDefinitionSchema, RoleEligibilityScheduleInstanceSchema } from "../src/datasets/rbac.js";
import { SubscriptionSchema } from "../src/datasets/subscriptions.js";
import { ManagementGroupDescendantSchema, ResourceGroupSchema } from "../src/datasets/inventory.js";
import { examplesDir, officialExample } from "./support/official-examples.js";

/** Every official example a collector consumes parses through that collector's schema. */
const consumed: Record<string, { schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }; list: boolean }> = {
  "arm-subscriptions-list.json": { schema: SubscriptionSchema, list: true },
  "arm-role-assignments-list-for-scope.json": { schema: RoleAssignmentSchema, list: true },
  "arm-role-definition-get.json": { schema: RoleDefinitionSchema, list: false },
  "arm-role-eligibility-schedule-instances-list.json": { schema: RoleEligibilityScheduleInstanceSchema, list: true },
  "arm-key-vault-vaults-list-by-subscription.json": { schema: VaultSchema, list: true },
  "arm-monitor-diagnostic-settings-list.json": { schema: DiagnosticSettingSchema, list: true },
  "graph-conditional-access-policies-list.json": { schema: ConditionalAccessPolicySchema, list: true },
  "graph-user-registration-details-list.json": { schema: UserRegistrationDetailsSchema, list: true },
  "graph-group-transitive-members-list.json": { schema: GroupMemberSchema, list: true },
  "graph-pim-group-eligibility-schedule-instances-list.json": { schema: GroupEligibilityScheduleInstanceSchema, list: true },
  "graph-pim-group-assignment-schedule-instances-list.json": { schema: GroupAssignmentScheduleInstanceSchema, list: true },
  "arm-security-pricings-list.json": { schema: PricingSchema, list: true },
  "arm-storage-accounts-list.json": { schema: StorageAccountSchema, list: true },
  "arm-storage-blob-containers-list.json": { schema: BlobContainerSchema, list: true },
  "arm-storage-blob-container-get-with-immutability.json": { schema: BlobContainerSchema, list: false },
  "arm-storage-immutability-policy-get.json": { schema: ImmutabilityPolicySchema, list: false },
  "arm-sql-servers-list.json": { schema: SqlServerSchema, list: true },
  "arm-sql-server-auditing-settings-get.json": { schema: SqlAuditingSettingsSchema, list: false },
  "arm-sql-server-auditing-settings-create-max.json": { schema: SqlAuditingSettingsSchema, list: false },
  "arm-web-sites-list.json": { schema: WebSiteSchema, list: true },
  "arm-monitor-diagnostic-settings-categories-list.json": { schema: DiagnosticCategorySchema, list: true },
  "arm-monitor-subscription-diagnostic-settings-list.json": { schema: DiagnosticSettingSchema, list: true },
  "arm-monitor-activity-log-alerts-list.json": { schema: ActivityLogAlertSchema, list: true },
  "arm-monitor-scheduled-query-rules-list.json": { schema: ScheduledQueryRuleSchema, list: true },
  "arm-security-secure-scores-list.json": { schema: SecureScoreSchema, list: true },
  "arm-security-regulatory-compliance-standards-list.json": { schema: ComplianceStandardSchema, list: true },
  "arm-security-auto-provisioning-settings-list.json": { schema: AutoProvisioningSchema, list: true },
  "arm-security-contacts-list.json": { schema: SecurityContactSchema, list: true },
  "arm-security-alerts-list.json": { schema: SecurityAlertSchema, list: true },
  "arm-log-analytics-workspaces-list.json": { schema: LogWorkspaceSchema, list: true },
  "arm-log-analytics-tables-list.json": { schema: LogTableSchema, list: true },
  "arm-resource-group-get.json": { schema: ResourceGroupSchema, list: false },
  "arm-management-group-descendants-list.json": { schema: ManagementGroupDescendantSchema, list: true },
  "arm-security-defender-for-storage-settings-get.json": { schema: DefenderForStorageSettingSchema, list: false },
  "arm-sentinel-onboarding-states-list.json": { schema: SentinelOnboardingStateSchema, list: true },
  "arm-sentinel-alert-rules-list.json": { schema: SentinelAlertRuleSchema, list: true },
};

describe("official example responses", () => {
  it.each(Object.entries(consumed))("%s parses through its collector's schema", (file, { schema, list }) => {
    const example = officialExample(file);
    const items = list ? example.value : [example];
    expect(Array.isArray(items) && items.length > 0).toBe(true);
    for (const item of items ?? []) {
      const parsed = schema.safeParse(item);
      expect(parsed.error).toBeUndefined();
      expect(parsed.success).toBe(true);
    }
  });

  it("every example in test/fixtures/azure-examples is consumed", () => {
    const all = readdirSync(examplesDir).filter((name) => name.endsWith(".json"));
    expect(all.filter((name) => !(name in consumed))).toEqual([]);
  });
});
