import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConditionalAccessPolicySchema, UserRegistrationDetailsSchema } from "../src/collectors/entra.js";
import { PricingSchema } from "../src/collectors/defender.js";
import { DiagnosticSettingSchema, VaultSchema } from "../src/collectors/key-vault.js";
import { RoleAssignmentSchema, RoleDefinitionSchema, RoleEligibilityScheduleInstanceSchema } from "../src/collectors/rbac.js";
import { SubscriptionSchema } from "../src/collectors/subscriptions.js";
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
  "arm-security-pricings-list.json": { schema: PricingSchema, list: true },
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

  it("every example in the shared folder is either consumed or waiting for its collector", () => {
    const awaiting: string[] = [];
    const all = readdirSync(examplesDir).filter((name) => name.endsWith(".json"));
    expect(all.filter((name) => !(name in consumed) && !awaiting.includes(name))).toEqual([]);
  });
});
