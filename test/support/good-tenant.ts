import { defaultCheckSettings, readsOf, type CheckDefinition, type CheckOutcome, type CheckSettings } from "../../src/checks/check.js";
import type { SubscriptionInScope } from "../../src/model/evidence.js";
import {
  authenticationMethodsPolicyDataset,
  conditionalAccessPoliciesDataset,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupAssignmentSchedulesDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  namedLocationsDataset,
  organizationDataset,
  securityDefaultsDataset,
  signInActivityDataset,
  subscribedSkusDataset,
  userRegistrationDetailsDataset,
  usersDataset,
} from "../../src/datasets/entra.js";
import {
  entraDiagnosticSettingsDataset,
  signInArrivalDataset,
  signInAuthenticationDataset,
  signInWorkspaceDataset,
} from "../../src/datasets/entra-sign-ins.js";
import { vaultDiagnosticSettingsDataset, vaultsDataset } from "../../src/datasets/key-vault.js";
import { activityLogAlertsDataset, scheduledQueryRulesDataset } from "../../src/datasets/alert-rules.js";
import { siteDiagnosticCategoriesDataset, siteDiagnosticSettingsDataset, webSitesDataset } from "../../src/datasets/app-service.js";
import {
  autoProvisioningDataset,
  complianceStandardsDataset,
  pricingsDataset,
  resourcesDataset,
  secureScoresDataset,
  securityAlertsDataset,
  securityContactsDataset,
  storageSettingsDataset,
} from "../../src/datasets/defender.js";
import {
  activityLogSettingsDataset,
  auditRecordsDataset,
  logTablesDataset,
  logWorkspacesDataset,
  sentinelAlertRulesDataset,
  sentinelOnboardingDataset,
} from "../../src/datasets/log-analytics.js";
import {
  masterDatabaseId,
  masterDiagnosticCategoriesDataset,
  masterDiagnosticSettingsDataset,
  sqlAuditingDataset,
  sqlServersDataset,
} from "../../src/datasets/sql.js";
import {
  blobDiagnosticCategoriesDataset,
  blobDiagnosticSettingsDataset,
  blobServiceId,
  immutabilityPoliciesDataset,
  logContainersDataset,
  storageAccountsDataset,
} from "../../src/datasets/storage.js";
import {
  principalsDataset,
  roleAssignmentSchedulesDataset,
  roleAssignmentsDataset,
  roleDefinitionsDataset,
  roleEligibilityDataset,
} from "../../src/datasets/rbac.js";
import { subscriptionsDataset } from "../../src/datasets/subscriptions.js";
import { resourceGroupsDataset } from "../../src/datasets/inventory.js";
import type { CallError } from "../../src/model/call-error.js";
import { EvidenceSet, type CollectedEvidence, type DatasetDefinition, type EvidenceRecord } from "../../src/model/evidence.js";
import { firstExampleItem, officialExample } from "./official-examples.js";
import { ephiInventory } from "../../src/evaluation/ephi-scope.js";
import { loadBaaServices } from "../../src/mapping/baa-services.js";
import type { CheckInput } from "../../src/checks/check.js";

/** The project's own BAA service list, as every run uses it. */
export const baaServices = await loadBaaServices();

/**
 * One known-good tenant, on which every check passes. Each table-driven case clones it and makes
 * one change. Items start as the official example payloads and are patched into a good state.
 */
type Raw = Record<string, any>;

const subscriptionExample = firstExampleItem("arm-subscriptions-list.json");
export const tenantId: string = subscriptionExample.tenantId;
/** The good tenant's collection time; ages (stale accounts) are measured from it. */
export const collectedAt = new Date("2026-11-20T14:03:00Z");
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

/** Emergency access accounts of the good tenant: excluded from Conditional Access, standing Global Administrators. */
export const breakGlass = {
  first: { id: "eeeeeeee-0000-4000-8000-0000000000b1", upn: "bg-admin-01@example.onmicrosoft.com" },
  second: { id: "eeeeeeee-0000-4000-8000-0000000000b2", upn: "bg-admin-02@example.onmicrosoft.com" },
};

/** A group the good MFA policy excludes; it has no members, so it hides nobody. */
export const exclusionGroup = "99999999-0000-4000-8000-0000000000e1";

/**
 * A group that holds Reader on the good subscription, whose one member is Blake Owner: its members
 * and PIM for Groups schedules are collected, as for every group holding an Azure role, and no
 * check judges Reader. Cases give it a privileged role, members and schedules.
 */
export const auditorsGroup = "77777777-0000-4000-8000-0000000000a1";

/** Ids the group cases use: a group they give a privileged role, and people who are not in the good tenant yet. */
export const groupCase = {
  group: "77777777-0000-4000-8000-0000000000a2",
  casey: { id: "11111111-0000-4000-8000-0000000000d1", name: "Casey Admin", upn: "casey.admin@example.com" },
  robin: { id: "11111111-0000-4000-8000-0000000000d2", name: "Robin Vendor", upn: "robin_partner.example#EXT#@example.onmicrosoft.com" },
};

export const directoryRoles = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
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

export function scheduleInstance(
  name: string,
  principalId: string,
  principalType: string,
  roleId: string,
  assignmentType: string | undefined,
  atScope = scope,
): Raw {
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
  item.properties = {
    ...item.properties,
    roleName,
    type,
    assignableScopes: type === "CustomRole" ? [scope] : ["/"],
    permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
  };
  return item;
}

export function user(
  id: string,
  displayName: string,
  userType: string | undefined,
  upn = `${displayName.toLowerCase().replace(/\s+/g, ".")}@example.com`,
): Raw {
  return { "@odata.type": "#microsoft.graph.user", id, displayName, userPrincipalName: upn, ...(userType ? { userType } : {}), accountEnabled: true };
}

/** The good tenant's log archive: a storage account whose log containers are under a locked six-year policy. */
export const archiveAccountId = `${scope}/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/stauditarchive`;

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
  // The example's storage account lives in another subscription; the good tenant archives in its own.
  setting.properties.storageAccountId = archiveAccountId;
  setting.properties.logs = [{ categoryGroup: "audit", enabled: true, retentionPolicy: { enabled: false, days: 0 } }];
  return setting;
}

/** A Conditional Access policy from the official example, made to require MFA of all users on all apps. */
export function mfaPolicy(id: string, displayName: string): Raw {
  const policy = structuredClone(officialExample("graph-conditional-access-policies-list.json").value![1]) as Raw;
  policy.id = id;
  policy.displayName = displayName;
  policy.state = "enabled";
  policy.conditions.applications.includeApplications = ["All"];
  policy.conditions.users = {
    ...policy.conditions.users,
    includeUsers: ["All"],
    excludeUsers: [breakGlass.first.id, breakGlass.second.id],
    excludeGroups: [exclusionGroup],
  };
  return policy;
}

export function legacyBlockPolicy(): Raw {
  const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c2", "Block legacy authentication");
  policy.conditions.clientAppTypes = ["exchangeActiveSync", "other"];
  policy.conditions.users.excludeGroups = [];
  policy.grantControls.builtInControls = ["block"];
  return policy;
}

export function signInFrequencyPolicy(): Raw {
  const policy = mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c3", "Administrators sign in every 4 hours");
  policy.conditions.users = { ...policy.conditions.users, includeUsers: [], excludeGroups: [], includeRoles: [directoryRoles.globalAdministrator] };
  policy.sessionControls = {
    signInFrequency: { isEnabled: true, value: 4, type: "hours", frequencyInterval: "timeBased", authenticationType: "primaryAndSecondaryAuthentication" },
    persistentBrowser: { isEnabled: true, mode: "never" },
  };
  return policy;
}

function registration(id: string, upn: string, methods: string[]): Raw {
  const item = firstExampleItem("graph-user-registration-details-list.json");
  return {
    ...item,
    id,
    userPrincipalName: upn,
    userDisplayName: upn.split("@")[0],
    isMfaRegistered: methods.length > 0,
    isMfaCapable: methods.length > 0,
    methodsRegistered: methods,
    userType: "member",
  };
}

function directoryUser(id: string, displayName: string, upn: string): Raw {
  return { id, displayName, userPrincipalName: upn, userType: "Member", accountEnabled: true, createdDateTime: "2024-01-10T09:00:00Z" };
}

const permanent = { startDateTime: "2025-01-01T00:00:00Z", expiration: { type: "noExpiration", endDateTime: null, duration: null } };

export const files = {
  assignments: `raw/rbac/${subscription.subscriptionId}/role-assignments.json`,
  definitions: `raw/rbac/${subscription.subscriptionId}/role-definitions.json`,
  eligibility: `raw/rbac/${subscription.subscriptionId}/role-eligibility-schedule-instances.json`,
  schedules: `raw/rbac/${subscription.subscriptionId}/role-assignment-schedule-instances.json`,
  principals: "raw/rbac/principals.json",
  vaults: `raw/key-vault/${subscription.subscriptionId}/vaults.json`,
  users: "raw/entra/users.json",
  policies: "raw/entra/conditional-access-policies.json",
  diagnostics: `raw/key-vault/${subscription.subscriptionId}/diagnostic-settings/${vaultName}.json`,
};

function ok(dataset: DatasetDefinition, atScope: string, file: string, value: Raw[]): EvidenceRecord {
  return { dataset: dataset.id, scope: atScope, file, status: "ok", calls: [`GET https://management.azure.com${atScope}/${dataset.id}`], value };
}

export class Tenant {
  settings: CheckSettings = {
    ...structuredClone(defaultCheckSettings),
    breakGlassAccounts: [breakGlass.first.upn, breakGlass.second.upn],
    allowedRegions: ["eastus", "eastus2"],
  };
  subscriptions: SubscriptionInScope[] = [subscription];

  constructor(readonly records: EvidenceRecord[]) {}

  /** The mutable raw items of a dataset (at the good subscription unless told otherwise). */
  items(dataset: DatasetDefinition, atScope?: string): Raw[] {
    const wanted = atScope ?? (dataset.scope === "tenant" ? `/tenants/${tenantId}` : dataset.id === vaultDiagnosticSettingsDataset.id ? vaultId : scope);
    const record = this.records.find((candidate) => candidate.dataset === dataset.id && candidate.scope === wanted);
    if (record?.status !== "ok") throw new Error(`fixture has no ok record for ${dataset.id} at ${wanted}`);
    return record.value as Raw[];
  }

  /** The mutable raw items of a dataset kept per group (members, PIM for Groups schedules). */
  groupItems(dataset: DatasetDefinition, groupId: string): Raw[] {
    return this.items(dataset, `/tenants/${tenantId}/groups/${groupId}`);
  }

  /**
   * Gives a group a role assignment on the good subscription (or `atScope`), its directory object and
   * the records the entra collector would leave for it.
   */
  addGroup(
    groupId: string,
    displayName: string,
    roleId: string,
    content: { members?: Raw[]; eligible?: Raw[]; assigned?: Raw[] } = {},
    options: { atScope?: string; eligibleRole?: boolean; assignmentType?: string } = {},
  ): void {
    const name = `bbbbbbbb-0000-4000-8000-${groupId.slice(-12)}`;
    if (options.eligibleRole) {
      const eligibility = firstExampleItem("arm-role-eligibility-schedule-instances-list.json");
      eligibility.name = name;
      eligibility.id = `${options.atScope ?? scope}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${name}`;
      eligibility.properties = {
        ...eligibility.properties,
        scope: options.atScope ?? scope,
        roleDefinitionId: roleDefinitionId(roleId),
        principalId: groupId,
        principalType: "Group",
      };
      this.items(roleEligibilityDataset).push(eligibility);
    } else {
      this.items(roleAssignmentsDataset).push(assignment(name, groupId, "Group", roleId, options.atScope));
      this.items(roleAssignmentSchedulesDataset).push(scheduleInstance(name, groupId, "Group", roleId, options.assignmentType ?? "Assigned", options.atScope));
    }
    this.items(principalsDataset, `/tenants/${tenantId}`).push({ "@odata.type": "#microsoft.graph.group", id: groupId, displayName });
    this.records.push(...groupRecords(groupId, content));
  }

  /**
   * A user of the directory (Member unless told), as the users listing, the sign-in activity and the
   * registration report list them: signed in two days before collection, FIDO2 registered.
   */
  addUser(person: { id: string; name: string; upn: string }, options: { userType?: string; accountEnabled?: boolean; lastSignIn?: string } = {}): void {
    const signIn = options.lastSignIn ?? "2026-11-18T08:00:00Z";
    this.items(usersDataset).push({
      ...directoryUser(person.id, person.name, person.upn),
      userType: options.userType ?? "Member",
      accountEnabled: options.accountEnabled ?? true,
    });
    this.items(signInActivityDataset).push({
      id: person.id,
      userPrincipalName: person.upn,
      signInActivity: { lastSignInDateTime: signIn, lastSuccessfulSignInDateTime: signIn, lastNonInteractiveSignInDateTime: null },
    });
    this.items(userRegistrationDetailsDataset).push(registration(person.id, person.upn, ["fido2"]));
  }

  /** Replaces a dataset's record by the error a failed call leaves. */
  fail(dataset: DatasetDefinition, error: CallError, atScope?: string): void {
    const index = this.records.findIndex((record) => record.dataset === dataset.id && (atScope === undefined || record.scope === atScope));
    if (index < 0) throw new Error(`fixture has no record for ${dataset.id}`);
    const { scope: recordScope, file } = this.records[index]!;
    this.records[index] = { dataset: dataset.id, scope: recordScope, file, status: "error", error };
  }

  /** The check on this tenant, seeing only the datasets it declares, as the evaluation runs it. */
  run(check: CheckDefinition): CheckOutcome[] {
    const evidence = new EvidenceSet(this.records).restrictedTo(readsOf(check), `check ${check.id}`);
    return check.evaluate({ ...this.checkInput(), evidence });
  }

  /** What the evaluation hands every check, the ePHI inventory computed from the whole tenant as the evaluation does. */
  checkInput(): CheckInput {
    const evidence = new EvidenceSet(this.records);
    return {
      evidence,
      subscriptions: this.subscriptions,
      tenantId,
      settings: this.settings,
      collectedAt,
      ephi: ephiInventory(evidence, tenantId, this.subscriptions, this.settings.ephiScope),
      baa: baaServices,
    };
  }

  /** The tenant as the collect stage would hand it on, collected at `collectedAt`. */
  collected(): CollectedEvidence {
    return {
      tenantId,
      subscriptions: this.subscriptions,
      subscriptionsNotVisible: [],
      records: this.records,
      collectorFailures: new Map(),
      identity: undefined,
      collection: { mode: "replay", cloud: "AzurePublic", window: { start: collectedAt.toISOString(), end: collectedAt.toISOString() } },
      calls: { log: { version: "1.2", entries: [] } },
    };
  }
}

export function goodTenant(): Tenant {
  const eligibility = firstExampleItem("arm-role-eligibility-schedule-instances-list.json");
  eligibility.properties.scope = scope;
  eligibility.properties.roleDefinitionId = roleDefinitionId(roleIds.contributor);
  eligibility.id = `${scope}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${eligibility.name}`;
  return new Tenant([
    ok(subscriptionsDataset, `/tenants/${tenantId}`, "raw/subscriptions/subscriptions.json", [structuredClone(subscriptionExample)]),
    ok(resourceGroupsDataset, scope, `raw/inventory/${subscription.subscriptionId}/resource-groups.json`, [
      { id: `${scope}/resourceGroups/sample-group`, name: "sample-group", location: "eastus", tags: {} },
      { id: `${scope}/resourceGroups/logs`, name: "logs", location: "eastus", tags: {} },
    ]),
    ok(roleAssignmentsDataset, scope, files.assignments, [
      assignment("aaaaaaaa-0000-4000-8000-000000000001", people.ownerA, "User", roleIds.owner),
      assignment("aaaaaaaa-0000-4000-8000-000000000002", people.ownerB, "User", roleIds.owner),
      assignment("aaaaaaaa-0000-4000-8000-000000000003", people.readerApp, "ServicePrincipal", roleIds.reader),
      assignment("aaaaaaaa-0000-4000-8000-000000000004", auditorsGroup, "Group", roleIds.reader),
    ]),
    ok(roleDefinitionsDataset, scope, files.definitions, [
      roleDefinition(roleIds.owner, "Owner", "BuiltInRole", ["*"]),
      roleDefinition(roleIds.contributor, "Contributor", "BuiltInRole", ["*"], ["Microsoft.Authorization/*/Write"]),
      roleDefinition(roleIds.reader, "Reader", "BuiltInRole", ["*/read"]),
      roleDefinition(roleIds.custom, "Backup Operator (custom)", "CustomRole", [
        "Microsoft.RecoveryServices/*/read",
        "Microsoft.RecoveryServices/vaults/backupJobs/*",
      ]),
    ]),
    ok(roleEligibilityDataset, scope, files.eligibility, [eligibility]),
    ok(roleAssignmentSchedulesDataset, scope, files.schedules, [
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000001", people.ownerA, "User", roleIds.owner, "Activated"),
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000002", people.ownerB, "User", roleIds.owner, "Activated"),
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000003", people.readerApp, "ServicePrincipal", roleIds.reader, "Assigned"),
      scheduleInstance("aaaaaaaa-0000-4000-8000-000000000004", auditorsGroup, "Group", roleIds.reader, "Assigned"),
    ]),
    ok(principalsDataset, `/tenants/${tenantId}`, files.principals, [
      user(people.ownerA, "Avery Owner", "Member"),
      user(people.ownerB, "Blake Owner", "Member"),
      user(people.eligible, "User Account", "Member", "user@my-tenant.com"),
      {
        "@odata.type": "#microsoft.graph.servicePrincipal",
        id: people.readerApp,
        displayName: "inventory-reader",
        appId: "22222222-0000-4000-8000-00000000000c",
        servicePrincipalType: "Application",
      },
      { "@odata.type": "#microsoft.graph.group", id: auditorsGroup, displayName: "Auditors" },
    ]),
    ok(scheduledQueryRulesDataset, scope, `raw/alert-rules/${subscription.subscriptionId}/scheduled-query-rules.json`, [breakGlassAlertRule()]),
    ok(vaultsDataset, scope, files.vaults, [goodVault()]),
    ok(activityLogAlertsDataset, scope, `raw/alert-rules/${subscription.subscriptionId}/activity-log-alerts.json`, [roleChangeAlert()]),
    ...goodDefender(),
    ...goodLogAnalytics(),
    ...goodStorage(),
    ...goodSql(),
    ...goodAppService(),
    ok(vaultDiagnosticSettingsDataset, vaultId, files.diagnostics, [goodDiagnosticSetting()]),
    ...goodEntra(),
  ]);
}

/** The identity side of the good tenant: MFA for everyone, two break-glass accounts, Global Administrator through PIM. */
function goodEntra(): EvidenceRecord[] {
  const tenant = `/tenants/${tenantId}`;
  const entra = (dataset: DatasetDefinition, file: string, value: Raw[]) => ok(dataset, tenant, `raw/entra/${file}`, value);
  const recently = { lastSignInDateTime: "2026-11-18T08:00:00Z", lastSuccessfulSignInDateTime: "2026-11-18T08:00:00Z", lastNonInteractiveSignInDateTime: null };
  const everyone = [
    directoryUser(people.ownerA, "Avery Owner", "avery.owner@example.com"),
    directoryUser(people.ownerB, "Blake Owner", "blake.owner@example.com"),
    directoryUser(people.eligible, "User Account", "user@my-tenant.com"),
    directoryUser(breakGlass.first.id, "Break Glass 1", breakGlass.first.upn),
    directoryUser(breakGlass.second.id, "Break Glass 2", breakGlass.second.upn),
  ];
  const roleAssignment = (id: string, principalId: string, roleId: string) => ({
    id,
    principalId,
    roleDefinitionId: roleId,
    directoryScopeId: "/",
    principal: { "@odata.type": "#microsoft.graph.user", id: principalId },
  });
  const signInRecords = signInLogs(
    tenant,
    everyone.map((item) => [item.id, item.userPrincipalName] as [string, string]),
  );
  return [
    ...signInRecords,
    entra(organizationDataset, "organization.json", [{ id: tenantId, displayName: "Example Clinic" }]),
    entra(subscribedSkusDataset, "subscribed-skus.json", [
      {
        skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
        skuPartNumber: "AAD_PREMIUM_P2",
        capabilityStatus: "Enabled",
        servicePlans: [{ servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Success" }],
      },
    ]),
    entra(conditionalAccessPoliciesDataset, "conditional-access-policies.json", [
      mfaPolicy("0a1b2c3d-0000-4000-8000-0000000000c1", "Require MFA for all users"),
      legacyBlockPolicy(),
      signInFrequencyPolicy(),
    ]),
    entra(namedLocationsDataset, "named-locations.json", []),
    {
      dataset: groupMembersDataset.id,
      scope: `${tenant}/groups/${exclusionGroup}`,
      file: `raw/entra/groups/${exclusionGroup}/transitive-members.json`,
      status: "ok",
      calls: [`GET https://graph.microsoft.com/v1.0/groups/${exclusionGroup}/transitiveMembers`],
      value: [],
    },
    entra(securityDefaultsDataset, "security-defaults.json", [{ id: "00000000-0000-0000-0000-000000000000", isEnabled: false }]),
    entra(authenticationMethodsPolicyDataset, "authentication-methods-policy.json", [
      { id: "authenticationMethodsPolicy", authenticationMethodConfigurations: [{ id: "Fido2", state: "enabled" }] },
    ]),
    entra(usersDataset, "users.json", everyone),
    entra(
      signInActivityDataset,
      "user-sign-in-activity.json",
      everyone.map((item) => ({ id: item.id, userPrincipalName: item.userPrincipalName, signInActivity: recently })),
    ),
    entra(
      userRegistrationDetailsDataset,
      "user-registration-details.json",
      everyone.map((item) => registration(item.id, item.userPrincipalName, ["fido2"])),
    ),
    entra(directoryRoleDefinitionsDataset, "directory-role-definitions.json", [
      { id: directoryRoles.globalAdministrator, displayName: "Global Administrator", templateId: directoryRoles.globalAdministrator, isBuiltIn: true },
      { id: directoryRoles.helpdeskAdministrator, displayName: "Helpdesk Administrator", templateId: directoryRoles.helpdeskAdministrator, isBuiltIn: true },
    ]),
    entra(directoryRoleAssignmentsDataset, "directory-role-assignments.json", [
      roleAssignment("ra-bg-1", breakGlass.first.id, directoryRoles.globalAdministrator),
      roleAssignment("ra-bg-2", breakGlass.second.id, directoryRoles.globalAdministrator),
      roleAssignment("ra-helpdesk", people.ownerB, directoryRoles.helpdeskAdministrator),
    ]),
    entra(directoryRoleEligibilityDataset, "directory-role-eligibility-schedules.json", [
      {
        id: "es-owner-a",
        principalId: people.ownerA,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        memberType: "Direct",
        status: "Provisioned",
        scheduleInfo: permanent,
        principal: { "@odata.type": "#microsoft.graph.user", id: people.ownerA },
      },
    ]),
    entra(directoryRoleAssignmentSchedulesDataset, "directory-role-assignment-schedules.json", [
      {
        id: "as-bg-1",
        principalId: breakGlass.first.id,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        memberType: "Direct",
        status: "Provisioned",
        assignmentType: "Assigned",
        scheduleInfo: permanent,
      },
      {
        id: "as-bg-2",
        principalId: breakGlass.second.id,
        roleDefinitionId: directoryRoles.globalAdministrator,
        directoryScopeId: "/",
        memberType: "Direct",
        status: "Provisioned",
        assignmentType: "Assigned",
        scheduleInfo: permanent,
      },
      {
        id: "as-helpdesk",
        principalId: people.ownerB,
        roleDefinitionId: directoryRoles.helpdeskAdministrator,
        directoryScopeId: "/",
        memberType: "Direct",
        status: "Provisioned",
        assignmentType: "Assigned",
        scheduleInfo: permanent,
      },
    ]),
    // After the exclusion group's members: cases that fail "the" group members mean that group.
    ...groupRecords(auditorsGroup, { members: [groupMember(people.ownerB, "Blake Owner", "blake.owner@example.com")] }),
  ];
}

/** A user as /groups/{id}/transitiveMembers lists them (the official example's shape, with the fields the collector selects). */
export function groupMember(id: string, displayName: string, upn: string): Raw {
  const { mail: _mail, ...item } = firstExampleItem("graph-group-transitive-members-list.json");
  return { ...item, id, displayName, userPrincipalName: upn };
}

/** A PIM for Groups schedule instance (the official example's shape) for `principal` in `groupId`, its principal expanded. */
export function pimGroupInstance(
  kind: "eligible" | "assigned",
  groupId: string,
  principal: Raw,
  accessId: "member" | "owner",
  assignmentType?: "Assigned" | "Activated",
): Raw {
  const item = firstExampleItem(
    kind === "eligible" ? "graph-pim-group-eligibility-schedule-instances-list.json" : "graph-pim-group-assignment-schedule-instances-list.json",
  );
  return {
    ...item,
    id: `${groupId}_${accessId}_${principal.id}`,
    groupId,
    principalId: principal.id,
    accessId,
    ...(kind === "assigned"
      ? {
          assignmentType: assignmentType ?? "Assigned",
          startDateTime: "2026-11-20T09:00:00Z",
          endDateTime: assignmentType === "Activated" ? "2026-11-20T17:00:00Z" : null,
        }
      : {}),
    principal,
  };
}

/** The records the entra collector leaves for a group that holds an Azure role. */
export function groupRecords(groupId: string, content: { members?: Raw[]; eligible?: Raw[]; assigned?: Raw[] } = {}): EvidenceRecord[] {
  const tenant = `/tenants/${tenantId}`;
  const folder = `raw/entra/groups/${groupId}`;
  const record = (dataset: DatasetDefinition, file: string, value: Raw[]): EvidenceRecord => ({
    dataset: dataset.id,
    scope: `${tenant}/groups/${groupId}`,
    file: `${folder}/${file}`,
    status: "ok",
    calls: [`GET https://graph.microsoft.com/v1.0/${dataset.id}/${groupId}`],
    value,
  });
  return [
    record(groupMembersDataset, "transitive-members.json", content.members ?? []),
    record(groupEligibilityDataset, "pim-eligibility-schedule-instances.json", content.eligible ?? []),
    record(groupAssignmentSchedulesDataset, "pim-assignment-schedule-instances.json", content.assigned ?? []),
  ];
}

/** The workspace that receives the good tenant's sign-in logs. */
export const signInWorkspace = `${scope}/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/law-security`;

/** Sign-in logs exported to a workspace, fresh at collection, every sign-in with MFA. */
function signInLogs(tenant: string, people: [string, string][]): EvidenceRecord[] {
  const folder = "raw/entra-sign-ins/law-security";
  const table = (columns: string[], rows: unknown[][]) => [
    { tables: [{ name: "PrimaryResult", columns: columns.map((name) => ({ name, type: "string" })), rows }] },
  ];
  return [
    ok(entraDiagnosticSettingsDataset, tenant, "raw/entra-sign-ins/diagnostic-settings.json", [
      {
        id: "/providers/microsoft.aadiam/diagnosticSettings/to-law-security",
        name: "to-law-security",
        properties: {
          workspaceId: signInWorkspace,
          logs: [
            { category: "SignInLogs", enabled: true },
            { category: "AuditLogs", enabled: true },
          ],
        },
      },
    ]),
    ok(signInWorkspaceDataset, signInWorkspace, `${folder}/workspace.json`, [
      { id: signInWorkspace, name: "law-security", properties: { customerId: "b5e1c0de-0000-4000-8000-00000000000a", retentionInDays: 90 } },
    ]),
    ok(
      signInArrivalDataset,
      signInWorkspace,
      `${folder}/sign-in-arrival.json`,
      table(["signIns", "newest", "oldest"], [[420, "2026-11-20T13:40:00Z", "2026-10-21T14:10:00Z"]]),
    ),
    ok(
      signInAuthenticationDataset,
      signInWorkspace,
      `${folder}/sign-in-authentication.json`,
      table(
        ["UserId", "UserPrincipalName", "AuthenticationRequirement", "succeeded", "signIns", "lastSignIn"],
        people.map(([id, upn]) => [id, upn, "multiFactorAuthentication", true, 12, "2026-11-18T08:00:00Z"]),
      ),
    ),
  ];
}

/** Log Analytics: the activity log exported, a 90-day workspace whose audit tables are kept six years. */
function goodLogAnalytics(): EvidenceRecord[] {
  const folder = `raw/log-analytics/${subscription.subscriptionId}`;
  const table = (name: string) => ({
    id: `${signInWorkspace}/tables/${name}`,
    name,
    properties: { retentionInDays: 90, totalRetentionInDays: 2191, plan: "Analytics", retentionInDaysAsDefault: false },
  });
  return [
    ok(activityLogSettingsDataset, scope, `${folder}/activity-log-settings.json`, [
      {
        id: `${scope}/providers/microsoft.insights/diagnosticSettings/activity-to-law-security`,
        name: "activity-to-law-security",
        properties: {
          workspaceId: signInWorkspace,
          logs: [
            { category: "Administrative", enabled: true },
            { category: "Security", enabled: true },
            { category: "Policy", enabled: true },
          ],
        },
      },
    ]),
    ok(logWorkspacesDataset, scope, `${folder}/workspaces.json`, [
      {
        id: signInWorkspace,
        name: "law-security",
        location: "eastus",
        properties: { customerId: "b5e1c0de-0000-4000-8000-00000000000a", retentionInDays: 90, sku: { name: "PerGB2018" } },
      },
    ]),
    ok(logTablesDataset, signInWorkspace, `${folder}/tables/law-security.json`, [
      table("AzureActivity"),
      table("SigninLogs"),
      table("AuditLogs"),
      table("AKVAuditLogs"),
      { id: `${signInWorkspace}/tables/Heartbeat`, name: "Heartbeat", properties: { retentionInDays: 90, totalRetentionInDays: 90, plan: "Analytics" } },
    ]),
    // Microsoft Sentinel on the workspace, with the official example's analytics rules (none on sign-ins).
    ok(sentinelOnboardingDataset, signInWorkspace, `${folder}/law-security/sentinel-onboarding-states.json`, [
      {
        ...firstExampleItem("arm-sentinel-onboarding-states-list.json"),
        id: `${signInWorkspace}/providers/Microsoft.SecurityInsights/onboardingStates/default`,
      },
    ]),
    ok(
      sentinelAlertRulesDataset,
      signInWorkspace,
      `${folder}/law-security/sentinel-alert-rules.json`,
      (officialExample("arm-sentinel-alert-rules-list.json").value as Raw[]).map((rule) => ({
        ...rule,
        id: `${signInWorkspace}/providers/Microsoft.SecurityInsights/alertRules/${rule.name}`,
      })),
    ),
    ok(auditRecordsDataset, signInWorkspace, `${folder}/audit-records/law-security.json`, [
      {
        tables: [
          {
            name: "PrimaryResult",
            columns: [
              { name: "Type", type: "string" },
              { name: "records", type: "long" },
              { name: "oldest", type: "datetime" },
              { name: "newest", type: "datetime" },
            ],
            rows: [
              ["AzureActivity", 48210, "2026-08-22T14:10:00Z", "2026-11-20T13:55:00Z"],
              ["SigninLogs", 3811, "2026-08-22T15:02:00Z", "2026-11-20T13:40:00Z"],
              ["AuditLogs", 902, "2026-08-23T09:12:00Z", "2026-11-19T17:20:00Z"],
              ["AKVAuditLogs", 12044, "2026-08-22T14:30:00Z", "2026-11-20T13:59:00Z"],
            ],
          },
        ],
      },
    ]),
  ];
}

/**
 * A resource's log categories and the groups each belongs to, in the shape of the official example
 * (the memberships are this fixture's, stated as Azure would list them for the resource).
 */
export function categoryListing(resourceId: string, groups: Record<string, string[]>): Raw[] {
  const example = firstExampleItem("arm-monitor-diagnostic-settings-categories-list.json");
  return Object.entries(groups).map(([name, categoryGroups]) => ({
    ...structuredClone(example),
    id: `${resourceId}/providers/microsoft.insights/diagnosticSettingsCategories/${name}`,
    name,
    properties: { categoryType: "Logs", categoryGroups },
  }));
}

/** A diagnostic setting in the official example's shape, sending `logs` to the good tenant's workspace. */
export function settingToWorkspace(resourceId: string, name: string, logs: Raw[]): Raw {
  const setting = firstExampleItem("arm-monitor-subscription-diagnostic-settings-list.json");
  return {
    ...setting,
    id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/${name}`,
    type: "Microsoft.Insights/diagnosticSettings",
    name,
    properties: { workspaceId: signInWorkspace, logs },
  };
}

/** The good tenant's storage: the log archive, logging its own blob access, its log container locked for six years. */
function goodStorage(): EvidenceRecord[] {
  const folder = `raw/storage/${subscription.subscriptionId}`;
  const account = firstExampleItem("arm-storage-accounts-list.json");
  account.id = archiveAccountId;
  account.name = "stauditarchive";
  const container = firstExampleItem("arm-storage-blob-container-get-with-immutability.json");
  container.id = `${blobServiceId(archiveAccountId)}/containers/insights-logs-auditevent`;
  container.name = "insights-logs-auditevent";
  const policy = firstExampleItem("arm-storage-immutability-policy-get.json");
  policy.id = `${container.id}/immutabilityPolicies/default`;
  policy.properties = { ...policy.properties, immutabilityPeriodSinceCreationInDays: 2192, state: "Locked" };
  const blob = blobServiceId(archiveAccountId);
  return [
    ok(storageAccountsDataset, scope, `${folder}/storage-accounts.json`, [account]),
    ok(blobDiagnosticSettingsDataset, blob, `${folder}/stauditarchive/blob-diagnostic-settings.json`, [
      settingToWorkspace(blob, "blob-access-to-law-security", [{ categoryGroup: "audit", enabled: true }]),
    ]),
    ok(
      blobDiagnosticCategoriesDataset,
      blob,
      `${folder}/stauditarchive/blob-diagnostic-categories.json`,
      categoryListing(blob, { StorageRead: ["audit", "allLogs"], StorageWrite: ["audit", "allLogs"], StorageDelete: ["audit", "allLogs"] }),
    ),
    ok(logContainersDataset, archiveAccountId, `${folder}/stauditarchive/log-containers.json`, [container]),
    ok(immutabilityPoliciesDataset, container.id, `${folder}/stauditarchive/immutability-policies/insights-logs-auditevent.json`, [policy]),
  ];
}

export const sqlServerId = `${scope}/resourceGroups/data/providers/Microsoft.Sql/servers/sql-records`;

/** The good tenant's SQL server: auditing on, to Azure Monitor, routed by the master database to the workspace. */
function goodSql(): EvidenceRecord[] {
  const folder = `raw/sql/${subscription.subscriptionId}/sql-records`;
  const server = firstExampleItem("arm-sql-servers-list.json");
  server.id = sqlServerId;
  server.name = "sql-records";
  const auditing = structuredClone(officialExample("arm-sql-server-auditing-settings-create-max.json")) as Raw;
  auditing.id = `${sqlServerId}/auditingSettings/default`;
  auditing.properties.storageEndpoint = "";
  const master = masterDatabaseId(sqlServerId);
  return [
    ok(sqlServersDataset, scope, `raw/sql/${subscription.subscriptionId}/servers.json`, [server]),
    ok(sqlAuditingDataset, sqlServerId, `${folder}/auditing-settings.json`, [auditing]),
    ok(masterDiagnosticSettingsDataset, master, `${folder}/master-diagnostic-settings.json`, [
      settingToWorkspace(master, "sql-audit-to-law-security", [{ categoryGroup: "audit", enabled: true }]),
    ]),
    ok(
      masterDiagnosticCategoriesDataset,
      master,
      `${folder}/master-diagnostic-categories.json`,
      categoryListing(master, { SQLSecurityAuditEvents: ["audit", "allLogs"], DevOpsOperationsAudit: ["audit", "allLogs"], Errors: ["allLogs"] }),
    ),
  ];
}

export const webAppId = `${scope}/resourceGroups/web/providers/Microsoft.Web/sites/app-portal`;

/** The good tenant's web app, sending its HTTP and publishing audit logs to the workspace. */
function goodAppService(): EvidenceRecord[] {
  const folder = `raw/app-service/${subscription.subscriptionId}`;
  const site = firstExampleItem("arm-web-sites-list.json");
  site.id = webAppId;
  site.name = "app-portal";
  // A setting that names categories cannot also select a group, so the audit group has a setting of its own.
  return [
    ok(webSitesDataset, scope, `${folder}/sites.json`, [site]),
    ok(siteDiagnosticSettingsDataset, webAppId, `${folder}/app-portal/diagnostic-settings.json`, [
      settingToWorkspace(webAppId, "http-logs-to-law-security", [
        { category: "AppServiceHTTPLogs", enabled: true },
        { category: "AppServiceConsoleLogs", enabled: false },
      ]),
      settingToWorkspace(webAppId, "audit-to-law-security", [{ categoryGroup: "audit", enabled: true }]),
    ]),
    ok(
      siteDiagnosticCategoriesDataset,
      webAppId,
      `${folder}/app-portal/diagnostic-categories.json`,
      categoryListing(webAppId, {
        AppServiceHTTPLogs: ["allLogs"],
        AppServiceAuditLogs: ["audit", "allLogs"],
        AppServiceIPSecAuditLogs: ["audit", "allLogs"],
        AppServiceConsoleLogs: ["allLogs"],
      }),
    ),
  ];
}

/** An activity-log alert on role assignment writes, from the official example's first rule. */
export function roleChangeAlert(): Raw {
  const alert = firstExampleItem("arm-monitor-activity-log-alerts-list.json");
  alert.id = `${scope}/resourceGroups/logs/providers/microsoft.insights/activityLogAlerts/role-assignment-changes`;
  alert.name = "role-assignment-changes";
  alert.properties.scopes = [scope.slice(1)];
  alert.properties.condition = {
    allOf: [
      { field: "category", equals: "Administrative" },
      { field: "operationName", equals: "Microsoft.Authorization/roleAssignments/write" },
    ],
  };
  alert.properties.actions = {
    actionGroups: [{ actionGroupId: `${scope}/resourceGroups/logs/providers/microsoft.insights/actionGroups/security-on-call`, webhookProperties: {} }],
  };
  return alert;
}

/** Defender for Cloud: the official plans with Key Vault on, a contact for medium alerts, no open high alert. */
function goodDefender(): EvidenceRecord[] {
  const folder = `raw/defender/${subscription.subscriptionId}`;
  const pricings = (structuredClone(officialExample("arm-security-pricings-list.json").value) as Raw[]).filter((plan) => plan.name !== "KeyVaults");
  pricings.push({
    id: `${scope}/providers/Microsoft.Security/pricings/KeyVaults`,
    name: "KeyVaults",
    type: "Microsoft.Security/pricings",
    properties: { pricingTier: "Standard", subPlan: "PerKeyVault", enforce: "False" },
  });
  return [
    ok(resourcesDataset, scope, `${folder}/resources.json`, [
      { id: vaultId, name: vaultName, type: "Microsoft.KeyVault/vaults", location: "eastus" },
      { id: archiveAccountId, name: "stauditarchive", type: "Microsoft.Storage/storageAccounts", location: "eastus" },
    ]),
    // The official plans keep StorageAccounts on as DefenderForStorageV2 with on-upload malware scanning.
    ok(pricingsDataset, scope, `${folder}/pricings.json`, pricings),
    // The archive account follows its subscription's plan (the official example, made not to override).
    ok(storageSettingsDataset, archiveAccountId, `${folder}/stauditarchive/defender-for-storage-settings.json`, [
      {
        ...firstExampleItem("arm-security-defender-for-storage-settings-get.json"),
        id: `${archiveAccountId}/providers/Microsoft.Security/defenderForStorageSettings/current`,
        properties: {
          isEnabled: true,
          malwareScanning: { onUpload: { isEnabled: true, capGBPerMonth: 5000 } },
          sensitiveDataDiscovery: { isEnabled: true },
          overrideSubscriptionLevelSettings: false,
        },
      },
    ]),
    ok(securityContactsDataset, scope, `${folder}/security-contacts.json`, [
      {
        id: `${scope}/providers/Microsoft.Security/securityContacts/default`,
        name: "default",
        properties: {
          emails: "security@example.com",
          isEnabled: true,
          notificationsByRole: { state: "On", roles: ["Owner"] },
          notificationsSources: [{ sourceType: "Alert", minimalSeverity: "Medium" }],
        },
      },
    ]),
    ok(securityAlertsDataset, scope, `${folder}/alerts.json`, []),
    ok(secureScoresDataset, scope, `${folder}/secure-scores.json`, [firstExampleItem("arm-security-secure-scores-list.json")]),
    ok(complianceStandardsDataset, scope, `${folder}/regulatory-compliance-standards.json`, [
      ...(officialExample("arm-security-regulatory-compliance-standards-list.json").value as Raw[]),
      {
        id: `${scope}/providers/Microsoft.Security/regulatoryComplianceStandards/HIPAA-HITRUST-9-2`,
        name: "HIPAA-HITRUST-9-2",
        type: "Microsoft.Security/regulatoryComplianceStandard",
        properties: { state: "Failed", passedControls: 31, failedControls: 12, skippedControls: 4, unsupportedControls: 0 },
      },
    ]),
    ok(autoProvisioningDataset, scope, `${folder}/auto-provisioning.json`, [firstExampleItem("arm-security-auto-provisioning-settings-list.json")]),
  ];
}

/** The Microsoft Sentinel analytics rules of the good tenant's workspace (mutable). */
export function analyticsRules(tenant: Tenant): Raw[] {
  return tenant.items(sentinelAlertRulesDataset, signInWorkspace);
}

/** A Sentinel scheduled analytics rule (the official example's shape) on sign-ins by the emergency access accounts. */
export function breakGlassAnalyticsRule(): Raw {
  const rule = firstExampleItem("arm-sentinel-alert-rules-list.json");
  rule.name = "5c0e1b2a-0000-4000-8000-0000000000b9";
  rule.id = `${signInWorkspace}/providers/Microsoft.SecurityInsights/alertRules/${rule.name}`;
  rule.properties = {
    ...rule.properties,
    displayName: "Emergency access account sign-in",
    query: `SigninLogs | where UserId in ("${breakGlass.first.id}", "${breakGlass.second.id}")`,
    severity: "High",
    enabled: true,
  };
  return rule;
}

/** A log search alert rule that pages someone when an emergency access account signs in. */
export function breakGlassAlertRule(): Raw {
  return {
    id: `${scope}/resourceGroups/logs/providers/Microsoft.Insights/scheduledQueryRules/break-glass-sign-in`,
    name: "break-glass-sign-in",
    type: "Microsoft.Insights/scheduledQueryRules",
    location: "eastus",
    properties: {
      displayName: "Emergency access account signed in",
      enabled: true,
      severity: 0,
      scopes: [signInWorkspace],
      evaluationFrequency: "PT5M",
      criteria: {
        allOf: [
          {
            query: `SigninLogs | where UserPrincipalName in~ ("${breakGlass.first.upn}", "${breakGlass.second.upn}")`,
            timeAggregation: "Count",
            operator: "GreaterThan",
            threshold: 0,
          },
        ],
      },
      actions: { actionGroups: [`${scope}/resourceGroups/logs/providers/Microsoft.Insights/actionGroups/security-on-call`] },
    },
  };
}

/** The good tenant's Conditional Access policies: [0] MFA for all users, [1] legacy block, [2] admin sign-in frequency. */
export function caPolicies(tenant: Tenant): Raw[] {
  return tenant.items(conditionalAccessPoliciesDataset);
}

export function entraUsers(tenant: Tenant): Raw[] {
  return tenant.items(usersDataset);
}

export const forbidden: CallError = {
  call: "GET https://management.azure.com/example",
  status: 403,
  code: "AuthorizationFailed",
  message: "does not have authorization",
  missingPermission: "Microsoft.Example/read",
  reason: "permission",
};
