import { defaultCheckSettings, type CheckDefinition, type CheckOutcome, type CheckSettings } from "../../src/checks/check.js";
import type { SubscriptionInScope } from "../../src/collectors/collector.js";
import { vaultDiagnosticSettingsDataset, vaultsDataset } from "../../src/collectors/key-vault.js";
import {
  principalsDataset,
  roleAssignmentSchedulesDataset,
  roleAssignmentsDataset,
  roleDefinitionsDataset,
  roleEligibilityDataset,
} from "../../src/collectors/rbac.js";
import { subscriptionsDataset } from "../../src/collectors/subscriptions.js";
import type { CallError } from "../../src/model/call-error.js";
import { EvidenceSet, type DatasetDefinition, type EvidenceRecord } from "../../src/model/evidence.js";
import { firstExampleItem } from "./official-examples.js";

/**
 * One known-good tenant, on which every check passes. Each table-driven case clones it and makes
 * one change. Items start as the official example payloads and are patched into a good state.
 */
type Raw = Record<string, any>;

const subscriptionExample = firstExampleItem("arm-subscriptions-list.json");
export const tenantId: string = subscriptionExample.tenantId;
export const subscription: SubscriptionInScope = {
  subscriptionId: subscriptionExample.subscriptionId,
  displayName: subscriptionExample.displayName,
  scope: `/subscriptions/${subscriptionExample.subscriptionId}`,
};
const scope = subscription.scope;

export const roleIds = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  custom: "7f1e2d3c-0000-4000-8000-0000000000c1",
};

export const people = {
  ownerA: "11111111-0000-4000-8000-00000000000a",
  ownerB: "11111111-0000-4000-8000-00000000000b",
  readerApp: "11111111-0000-4000-8000-00000000000c",
  eligible: "a3bb8764-cb92-4276-9d2a-ca1e895e55ea",
};

export function roleDefinitionId(roleId: string): string {
  return `${scope}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

export function assignment(name: string, principalId: string, principalType: string, roleId: string, atScope = scope): Raw {
  const item = firstExampleItem("arm-role-assignments-list-for-scope.json");
  item.name = name;
  item.id = `${atScope === "/" ? "" : atScope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
  item.properties = { ...item.properties, roleDefinitionId: roleDefinitionId(roleId), principalId, principalType, scope: atScope };
  return item;
}

export function scheduleInstance(name: string, principalId: string, principalType: string, roleId: string, assignmentType: string | undefined, atScope = scope): Raw {
  const item = firstExampleItem("arm-role-eligibility-schedule-instances-list.json");
  item.name = name;
  item.id = `${atScope}/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/${name}`;
  item.type = "Microsoft.Authorization/RoleAssignmentScheduleInstances";
  item.properties = {
    ...item.properties,
    scope: atScope,
    roleDefinitionId: roleDefinitionId(roleId),
    principalId,
    principalType,
    endDateTime: assignmentType === "Activated" ? "2026-11-20T17:00:00Z" : null,
    ...(assignmentType ? { assignmentType } : {}),
  };
  return item;
}

export function roleDefinition(roleId: string, roleName: string, type: string, actions: string[], notActions: string[] = []): Raw {
  const item = firstExampleItem("arm-role-definition-get.json");
  item.id = roleDefinitionId(roleId);
  item.name = roleId;
  item.properties = { ...item.properties, roleName, type, assignableScopes: type === "CustomRole" ? [scope] : ["/"], permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }] };
  return item;
}

export function user(id: string, displayName: string, userType: string | undefined, upn = `${displayName.toLowerCase().replace(/\s+/g, ".")}@example.com`): Raw {
  return { "@odata.type": "#microsoft.graph.user", id, displayName, userPrincipalName: upn, ...(userType ? { userType } : {}), accountEnabled: true };
}

const vaultExample = firstExampleItem("arm-key-vault-vaults-list-by-subscription.json");
export const vaultId = `${scope}/resourceGroups/sample-group/providers/Microsoft.KeyVault/vaults/${vaultExample.name}`;
export const vaultName: string = vaultExample.name;

function goodVault(): Raw {
  const vault = structuredClone(vaultExample);
  vault.id = vaultId;
  vault.properties.enablePurgeProtection = true;
  vault.properties.softDeleteRetentionInDays = 90;
  vault.properties.enableRbacAuthorization = true;
  vault.properties.publicNetworkAccess = "Disabled";
  return vault;
}

function goodDiagnosticSetting(): Raw {
  const setting = firstExampleItem("arm-monitor-diagnostic-settings-list.json");
  setting.id = `${vaultId}/providers/microsoft.insights/diagnosticSettings/${setting.name}`;
  setting.properties.workspaceId = `${scope}/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/law-security`;
  setting.properties.logs = [{ categoryGroup: "audit", enabled: true, retentionPolicy: { enabled: false, days: 0 } }];
  return setting;
}

export const files = {
  assignments: `raw/rbac/${subscription.subscriptionId}/role-assignments.json`,
  definitions: `raw/rbac/${subscription.subscriptionId}/role-definitions.json`,
  eligibility: `raw/rbac/${subscription.subscriptionId}/role-eligibility-schedule-instances.json`,
  schedules: `raw/rbac/${subscription.subscriptionId}/role-assignment-schedule-instances.json`,
  principals: "raw/rbac/principals.json",
  vaults: `raw/key-vault/${subscription.subscriptionId}/vaults.json`,
  diagnostics: `raw/key-vault/${subscription.subscriptionId}/diagnostic-settings/${vaultName}.json`,
};

function ok(dataset: DatasetDefinition, atScope: string, file: string, value: Raw[]): EvidenceRecord {
  return { dataset: dataset.id, scope: atScope, file, status: "ok", calls: [`GET https://management.azure.com${atScope}/${dataset.id}`], value };
}

export class Tenant {
  settings: CheckSettings = structuredClone(defaultCheckSettings);
  subscriptions: SubscriptionInScope[] = [subscription];

  constructor(readonly records: EvidenceRecord[]) {}

  /** The mutable raw items of a dataset (at the good subscription unless told otherwise). */
  items(dataset: DatasetDefinition, atScope?: string): Raw[] {
    const wanted = atScope ?? (dataset.scope === "tenant" ? `/tenants/${tenantId}` : dataset.id === vaultDiagnosticSettingsDataset.id ? vaultId : scope);
    const record = this.records.find((candidate) => candidate.dataset === dataset.id && candidate.scope === wanted);
    if (!record || record.status !== "ok") throw new Error(`fixture has no ok record for ${dataset.id} at ${wanted}`);
    return record.value as Raw[];
  }

  /** Replaces a dataset's record by the error a failed call leaves. */
  fail(dataset: DatasetDefinition, error: CallError, atScope?: string): void {
    const index = this.records.findIndex((record) => record.dataset === dataset.id && (atScope === undefined || record.scope === atScope));
    if (index < 0) throw new Error(`fixture has no record for ${dataset.id}`);
    const { scope: recordScope, file } = this.records[index]!;
    this.records[index] = { dataset: dataset.id, scope: recordScope, file, status: "error", error };
  }

  run(check: CheckDefinition): CheckOutcome[] {
    return check.evaluate({ evidence: new EvidenceSet(this.records), subscriptions: this.subscriptions, tenantId, settings: this.settings });
  }
}

export function goodTenant(): Tenant {
  const eligibility = firstExampleItem("arm-role-eligibility-schedule-instances-list.json");
  eligibility.properties.scope = scope;
  eligibility.properties.roleDefinitionId = roleDefinitionId(roleIds.contributor);
  eligibility.id = `${scope}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${eligibility.name}`;
  return new Tenant([
    ok(subscriptionsDataset, `/tenants/${tenantId}`, "raw/subscriptions/subscriptions.json", [subscriptionExample]),
    ok(roleAssignmentsDataset, scope, files.assignments, [
      assignment("aaaaaaaa-0000-4000-8000-000000000001", people.ownerA, "User", roleIds.owner),
      assignment("aaaaaaaa-0000-4000-8000-000000000002", people.ownerB, "User", roleIds.owner),
      assignment("aaaaaaaa-0000-4000-8000-000000000003", people.readerApp, "ServicePrincipal", roleIds.reader),
    ]),
    ok(roleDefinitionsDataset, scope, files.definitions, [
      roleDefinition(roleIds.owner, "Owner", "BuiltInRole", ["*"]),
      roleDefinition(roleIds.contributor, "Contributor", "BuiltInRole", ["*"], ["Microsoft.Authorization/*/Write"]),
      roleDefinition(roleIds.reader, "Reader", "BuiltInRole", ["*/read"]),
      roleDefinition(roleIds.custom, "Backup Operator (custom)", "CustomRole", ["Microsoft.RecoveryServices/*/read", "Microsoft.RecoveryServices/vaults/backupJobs/*"]),
    ]),
    ok(roleEligibilityDataset, scope, files.eligibility, [eligibility]),
    ok(roleAssignmentSchedulesDataset, scope, files.schedules, [
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000001", people.ownerA, "User", roleIds.owner, "Activated"),
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000002", people.ownerB, "User", roleIds.owner, "Activated"),
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000003", people.readerApp, "ServicePrincipal", roleIds.reader, "Assigned"),
    ]),
    ok(principalsDataset, `/tenants/${tenantId}`, files.principals, [
      user(people.ownerA, "Avery Owner", "Member"),
      user(people.ownerB, "Blake Owner", "Member"),
      user(people.eligible, "User Account", "Member", "user@my-tenant.com"),
      { "@odata.type": "#microsoft.graph.servicePrincipal", id: people.readerApp, displayName: "inventory-reader", appId: "22222222-0000-4000-8000-00000000000c", servicePrincipalType: "Application" },
    ]),
    ok(vaultsDataset, scope, files.vaults, [goodVault()]),
    ok(vaultDiagnosticSettingsDataset, vaultId, files.diagnostics, [goodDiagnosticSetting()]),
  ]);
}

export const forbidden: CallError = {
  call: "GET https://management.azure.com/example",
  status: 403,
  code: "AuthorizationFailed",
  message: "does not have authorization",
  missingPermission: "Microsoft.Example/read",
  reason: "permission",
};
