#!/usr/bin/env node
// Writes recording.har, the sample tenant's HAR 1.2 recording, from the description below.
// Run it again after editing: `node samples/contoso-clinic/build-recording.mjs [output-file]`.
//
// Every payload follows the shape of the official example responses in ../shared/azure-examples
// (see SOURCES.md there); the test "sample payloads have the official shapes" keeps them aligned.
// The clinic, its people and its ids are fictional.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const arm = "https://management.azure.com";
const graph = "https://graph.microsoft.com/v1.0";

const tenantId = "7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47";
const prod = { id: "4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3", name: "Clinic-Prod" };
const dev = { id: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", name: "Clinic-Dev" };
const managementGroup = "/providers/Microsoft.Management/managementGroups/mg-clinic-production";

const roles = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  clinicOperationsSuperuser: "6c1d4e2f-3a5b-4c7d-8e9f-0a1b2c3d4e5f",
  clinicEvidenceReader: "2b7e9f1a-4c6d-4e8f-9a0b-1c2d3e4f5a6b",
};

// People and workloads. `guest` users carry #EXT# in their UPN, as B2B accounts do.
const principals = {
  alex: { type: "user", id: "a1e5c0de-0001-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Alex Morgan", upn: "alex.morgan@contosoclinic.com", userType: "Member" },
  dana: { type: "user", id: "a1e5c0de-0002-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Dana Whitfield", upn: "dana.whitfield@contosoclinic.com", userType: "Member" },
  morgan: { type: "user", id: "a1e5c0de-0003-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Morgan Lee (Northwind IT)", upn: "morgan.lee_northwindit.com#EXT#@contosoclinic.onmicrosoft.com", userType: "Guest" },
  priya: { type: "user", id: "a1e5c0de-0004-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Priya Raman", upn: "priya.raman@contosoclinic.com", userType: "Member" },
  sam: { type: "user", id: "a1e5c0de-0005-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Sam Patel", upn: "sam.patel@contosoclinic.com", userType: "Member" },
  chris: { type: "user", id: "a1e5c0de-0006-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Chris Okafor", upn: "chris.okafor@contosoclinic.com", userType: "Member" },
  jordan: { type: "user", id: "a1e5c0de-0007-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Jordan Kim", upn: "jordan.kim@contosoclinic.com", userType: "Member" },
  riley: { type: "user", id: "a1e5c0de-0008-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Riley Chen", upn: "riley.chen@contosoclinic.com", userType: "Member", accountEnabled: false },
  // Cloud-only emergency access accounts (Global Administrator, excluded from Conditional Access).
  breakGlass1: { type: "user", id: "a1e5c0de-0009-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Break Glass Admin 01", upn: "bg-admin-01@contosoclinic.onmicrosoft.com", userType: "Member" },
  breakGlass2: { type: "user", id: "a1e5c0de-0010-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Break Glass Admin 02", upn: "bg-admin-02@contosoclinic.onmicrosoft.com", userType: "Member" },
  appTeam: { type: "group", id: "b2f6d1ef-0001-4b7c-9d0e-1f2a3b4c5d6e", displayName: "EHR App Team" },
  developers: { type: "group", id: "b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Clinic Developers" },
  caExclusion: { type: "group", id: "b2f6d1ef-0003-4b7c-9d0e-1f2a3b4c5d6e", displayName: "CA exclusion - legacy scanners" },
  scannerOperators: { type: "group", id: "b2f6d1ef-0004-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Scanner operators" },
  deployPipeline: { type: "servicePrincipal", id: "c3a7e2f0-0001-4c8d-a0e1-2f3a4b5c6d7e", displayName: "ehr-deploy-pipeline", appId: "d4b8f3a1-0001-4d9e-b1f2-3a4b5c6d7e8f", servicePrincipalType: "Application" },
  ehrApi: { type: "servicePrincipal", id: "c3a7e2f0-0002-4c8d-a0e1-2f3a4b5c6d7e", displayName: "ehr-api", appId: "d4b8f3a1-0002-4d9e-b1f2-3a4b5c6d7e8f", servicePrincipalType: "ManagedIdentity" },
  collector: { type: "servicePrincipal", id: "c3a7e2f0-0003-4c8d-a0e1-2f3a4b5c6d7e", displayName: "hipaa-evidence-collector", appId: "d4b8f3a1-0003-4d9e-b1f2-3a4b5c6d7e8f", servicePrincipalType: "Application" },
};

const armPrincipalType = { user: "User", group: "Group", servicePrincipal: "ServicePrincipal" };

// ---------------------------------------------------------------- payloads (official shapes)

// Shape: arm-subscriptions-list.json
function subscription({ id, name }) {
  return {
    id: `/subscriptions/${id}`,
    subscriptionId: id,
    tenantId,
    displayName: name,
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
    authorizationSource: "RoleBased",
    managedByTenants: [],
    tags: { environment: name === "Clinic-Prod" ? "production" : "development", "data-classification": name === "Clinic-Prod" ? "ephi" : "none" },
  };
}

// Shape: arm-role-assignments-list-for-scope.json (+ createdOn/updatedOn as the 2022-04-01 API returns them)
function roleAssignment(subscriptionId, name, principal, roleId, scope) {
  return {
    properties: {
      roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
      principalId: principal.id,
      principalType: armPrincipalType[principal.type],
      scope,
      condition: null,
      conditionVersion: null,
      createdOn: "2025-03-14T10:21:07.1234567Z",
      updatedOn: "2025-03-14T10:21:07.1234567Z",
    },
    id: `${scope === "/" ? "" : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    type: "Microsoft.Authorization/roleAssignments",
    name,
  };
}

// Shape: arm-role-definition-get.json
function roleDefinition(subscriptionId, roleId, roleName, type, description, permissions, assignableScopes = ["/"]) {
  return {
    properties: { roleName, type, description, assignableScopes, permissions },
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
    type: "Microsoft.Authorization/roleDefinitions",
    name: roleId,
  };
}

function roleDefinitionsFor(subscriptionId) {
  const builtIn = (roleId, roleName, description, actions, notActions = []) =>
    roleDefinition(subscriptionId, roleId, roleName, "BuiltInRole", description, [{ actions, notActions, dataActions: [], notDataActions: [] }]);
  const common = [
    builtIn(roles.owner, "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"]),
    builtIn(roles.contributor, "Contributor", "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.", ["*"], [
      "Microsoft.Authorization/*/Delete",
      "Microsoft.Authorization/*/Write",
      "Microsoft.Authorization/elevateAccess/Action",
    ]),
    builtIn(roles.reader, "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
    builtIn(roles.userAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.", ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
    roleDefinition(subscriptionId, roles.keyVaultSecretsUser, "Key Vault Secrets User", "BuiltInRole", "Read secret contents.", [
      { actions: [], notActions: [], dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"], notDataActions: [] },
    ]),
  ];
  if (subscriptionId === prod.id) {
    // Planted: a custom role that grants everything.
    common.push(
      roleDefinition(
        subscriptionId,
        roles.clinicOperationsSuperuser,
        "Clinic Operations Superuser",
        "CustomRole",
        "Created during the 2024 EHR migration so operations staff could fix anything.",
        [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Delete"], dataActions: [], notDataActions: [] }],
        [`/subscriptions/${prod.id}`],
      ),
    );
  } else {
    // The collector's role in Clinic-Dev: it lacks roleEligibilityScheduleInstances/read (the planted 403).
    common.push(
      roleDefinition(
        subscriptionId,
        roles.clinicEvidenceReader,
        "Clinic Evidence Reader",
        "CustomRole",
        "Read-only access for the evidence collector in the development subscription.",
        [
          {
            actions: [
              "Microsoft.Resources/subscriptions/read",
              "Microsoft.Authorization/roleAssignments/read",
              "Microsoft.Authorization/roleDefinitions/read",
              "Microsoft.Authorization/roleAssignmentScheduleInstances/read",
              "Microsoft.KeyVault/vaults/read",
              "Microsoft.Insights/diagnosticSettings/read",
            ],
            notActions: [],
            dataActions: [],
            notDataActions: [],
          },
        ],
        [`/subscriptions/${dev.id}`],
      ),
    );
  }
  return common;
}

// Shape: arm-role-eligibility-schedule-instances-list.json; assignment schedule instances share it,
// adding assignmentType and the link to the role assignment they produced.
function scheduleInstance(kind, subscription, name, principal, roleId, roleName, scope, { start, end, assignmentType } = {}) {
  const properties = {
    scope,
    roleDefinitionId: `/subscriptions/${subscription.id}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
    principalId: principal.id,
    principalType: armPrincipalType[principal.type],
    status: "Provisioned",
    [kind === "eligibility" ? "roleEligibilityScheduleId" : "roleAssignmentScheduleId"]: `${scope}/providers/Microsoft.Authorization/${kind === "eligibility" ? "RoleEligibilitySchedules" : "RoleAssignmentSchedules"}/${name}`,
    startDateTime: start ?? "2025-03-14T10:21:07.123Z",
    endDateTime: end ?? null,
    memberType: "Direct",
    createdOn: start ?? "2025-03-14T10:21:07.123Z",
    condition: null,
    conditionVersion: null,
    expandedProperties: {
      scope: { id: scope, displayName: scope.startsWith("/subscriptions/") ? subscription.name : scope.split("/").pop(), type: scope.startsWith("/subscriptions/") && scope.split("/").length === 3 ? "subscription" : scope.includes("resourceGroups") ? "resourcegroup" : "managementgroup" },
      roleDefinition: { id: `/subscriptions/${subscription.id}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`, displayName: roleName, type: roleId === roles.clinicOperationsSuperuser || roleId === roles.clinicEvidenceReader ? "CustomRole" : "BuiltInRole" },
      principal: { id: principal.id, displayName: principal.displayName, ...(principal.upn ? { email: principal.upn } : {}), type: armPrincipalType[principal.type] },
    },
  };
  if (kind === "assignment") {
    properties.assignmentType = assignmentType ?? "Assigned";
    properties.originRoleAssignmentId = `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
  }
  return {
    properties,
    name,
    id: `${scope}/providers/Microsoft.Authorization/${kind === "eligibility" ? "RoleEligibilityScheduleInstances" : "RoleAssignmentScheduleInstances"}/${name}`,
    type: `Microsoft.Authorization/${kind === "eligibility" ? "RoleEligibilityScheduleInstances" : "RoleAssignmentScheduleInstances"}`,
  };
}

// Who holds what, per subscription. Assignments inherited from the management group appear in
// Clinic-Prod's list because ARM lists assignments at, above and below the subscription.
const prodScope = `/subscriptions/${prod.id}`;
const devScope = `/subscriptions/${dev.id}`;
const rgEhrApp = `${prodScope}/resourceGroups/rg-ehr-app`;
const rgEhrData = `${prodScope}/resourceGroups/rg-ehr-data`;
const rgOps = `${prodScope}/resourceGroups/rg-clinic-ops`;

const holdings = {
  [prod.id]: [
    ["e0a1b2c3-0001-4000-8000-000000000001", principals.alex, roles.owner, "Owner", managementGroup],
    ["e0a1b2c3-0002-4000-8000-000000000002", principals.collector, roles.reader, "Reader", managementGroup],
    ["e0a1b2c3-0003-4000-8000-000000000003", principals.dana, roles.owner, "Owner", prodScope],
    ["e0a1b2c3-0004-4000-8000-000000000004", principals.morgan, roles.owner, "Owner", prodScope],
    ["e0a1b2c3-0005-4000-8000-000000000005", principals.deployPipeline, roles.owner, "Owner", prodScope],
    ["e0a1b2c3-0006-4000-8000-000000000006", principals.priya, roles.contributor, "Contributor", prodScope, { assignmentType: "Activated", start: "2026-11-20T09:00:00Z", end: "2026-11-20T17:00:00Z" }],
    ["e0a1b2c3-0007-4000-8000-000000000007", principals.appTeam, roles.contributor, "Contributor", rgEhrApp],
    ["e0a1b2c3-0008-4000-8000-000000000008", principals.sam, roles.reader, "Reader", prodScope],
    ["e0a1b2c3-0009-4000-8000-000000000009", principals.ehrApi, roles.keyVaultSecretsUser, "Key Vault Secrets User", `${rgEhrData}/providers/Microsoft.KeyVault/vaults/kv-phi-prod-01`],
    ["e0a1b2c3-0010-4000-8000-000000000010", principals.chris, roles.clinicOperationsSuperuser, "Clinic Operations Superuser", rgOps],
    // Planted: Chris Okafor has not signed in since June 2026 (see the identity part) and still holds Owner.
    ["e0a1b2c3-0016-4000-8000-000000000016", principals.chris, roles.owner, "Owner", prodScope],
  ],
  [dev.id]: [
    ["e0a1b2c3-0011-4000-8000-000000000011", principals.alex, roles.owner, "Owner", devScope],
    ["e0a1b2c3-0012-4000-8000-000000000012", principals.jordan, roles.owner, "Owner", devScope],
    ["e0a1b2c3-0013-4000-8000-000000000013", principals.developers, roles.contributor, "Contributor", devScope],
    ["e0a1b2c3-0014-4000-8000-000000000014", principals.riley, roles.reader, "Reader", devScope],
    ["e0a1b2c3-0015-4000-8000-000000000015", principals.collector, roles.clinicEvidenceReader, "Clinic Evidence Reader", devScope],
  ],
};

const eligible = {
  [prod.id]: [
    ["f1b2c3d4-0001-4000-8000-000000000001", principals.priya, roles.contributor, "Contributor", prodScope, { start: "2026-06-01T00:00:00Z", end: "2027-05-31T23:59:59Z" }],
    ["f1b2c3d4-0002-4000-8000-000000000002", principals.sam, roles.owner, "Owner", prodScope, { start: "2026-09-01T00:00:00Z", end: "2026-12-31T23:59:59Z" }],
  ],
};

// Shape: arm-key-vault-vaults-list-by-subscription.json
function vault(subscriptionId, resourceGroup, name, properties) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    type: "Microsoft.KeyVault/vaults",
    location: "eastus2",
    tags: {},
    systemData: {
      createdBy: "dana.whitfield@contosoclinic.com",
      createdByType: "User",
      createdAt: "2024-02-12T16:03:11.0000000Z",
      lastModifiedBy: "dana.whitfield@contosoclinic.com",
      lastModifiedByType: "User",
      lastModifiedAt: "2026-08-30T08:41:52.0000000Z",
    },
    properties: {
      sku: { family: "A", name: "standard" },
      tenantId,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: "Succeeded",
      ...properties,
    },
  };
}

const vaults = {
  [prod.id]: [
    // Well configured.
    vault(prod.id, "rg-ehr-data", "kv-phi-prod-01", {
      accessPolicies: [],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Disabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
    }),
    // Planted: no purge protection (property absent, as in the official example), access policies, open network.
    vault(prod.id, "rg-ehr-app", "kv-clinic-app-02", {
      accessPolicies: [
        {
          tenantId,
          objectId: principals.ehrApi.id,
          permissions: { keys: [], secrets: ["get", "list"], certificates: [] },
        },
      ],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: false,
      publicNetworkAccess: "Enabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] },
    }),
  ],
  [dev.id]: [
    // Planted: no purge protection and no diagnostic setting; its firewall is fine.
    vault(dev.id, "rg-dev-sandbox", "kv-dev-sandbox-03", {
      accessPolicies: [],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 7,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Enabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [{ value: "203.0.113.0/24" }], virtualNetworkRules: [] },
    }),
  ],
};

// Shape: arm-monitor-diagnostic-settings-list.json
function diagnosticSetting(resourceId, name, destination, logs) {
  return {
    id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/${name}`,
    type: "Microsoft.Insights/diagnosticSettings",
    name,
    properties: {
      storageAccountId: destination.storageAccountId ?? null,
      eventHubAuthorizationRuleId: null,
      eventHubName: null,
      workspaceId: destination.workspaceId ?? null,
      logAnalyticsDestinationType: destination.workspaceId ? "Dedicated" : null,
      metrics: [{ category: "AllMetrics", enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
      logs: logs.map((log) => ({ ...log, retentionPolicy: { enabled: false, days: 0 } })),
    },
  };
}

const workspace = `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.OperationalInsights/workspaces/law-clinic-security`;
const archiveStorage = `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/stclinicauditarchive`;
const diagnosticSettings = {
  "kv-phi-prod-01": (id) => [diagnosticSetting(id, "send-to-security-workspace", { workspaceId: workspace }, [{ category: null, categoryGroup: "audit", enabled: true }, { category: null, categoryGroup: "allLogs", enabled: false }])],
  "kv-clinic-app-02": (id) => [diagnosticSetting(id, "archive-audit-events", { storageAccountId: archiveStorage }, [{ category: "AuditEvent", categoryGroup: null, enabled: true }, { category: "AzurePolicyEvaluationDetails", categoryGroup: null, enabled: false }])],
  "kv-dev-sandbox-03": () => [],
};

// Shape: Microsoft Graph directoryObject (POST /directoryObjects/getByIds returns user, group and servicePrincipal objects).
function directoryObject(principal) {
  if (principal.type === "user") {
    return { "@odata.type": "#microsoft.graph.user", id: principal.id, displayName: principal.displayName, userPrincipalName: principal.upn, userType: principal.userType, accountEnabled: principal.accountEnabled ?? true };
  }
  if (principal.type === "group") {
    return { "@odata.type": "#microsoft.graph.group", id: principal.id, displayName: principal.displayName, securityEnabled: true, mailEnabled: false };
  }
  return { "@odata.type": "#microsoft.graph.servicePrincipal", id: principal.id, displayName: principal.displayName, appId: principal.appId, servicePrincipalType: principal.servicePrincipalType, accountEnabled: true };
}

// ---------------------------------------------------------------- identity: Microsoft Graph v1.0 payloads
// Shapes: microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/*.md examples (organization-list,
// subscribedsku-list, conditionalaccessroot-list-policies, conditionalaccessroot-list-namedlocations,
// identitysecuritydefaultsenforcementpolicy-get, authenticationmethodspolicy-get, user-list,
// authenticationmethodsroot-list-userregistrationdetails, rbacapplication-list-*, group-list-transitivemembers).

const graphContext = (path) => `https://graph.microsoft.com/v1.0/$metadata#${path}`;

// The tenant holds Entra ID P2 (which carries the P1 plan too).
const subscribedSkus = [
  {
    accountName: "Contoso Clinic",
    accountId: "6c1d2e3f-0001-4c7a-8b8d-9e0f1a2b3c4d",
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: 10,
    id: `${tenantId}_84a661c4-e949-4bd2-a560-ed7766fcaf2b`,
    prepaidUnits: { enabled: 15, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: [
      { servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", servicePlanName: "AAD_PREMIUM", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "8a256a2b-b617-496d-b51b-e76466e88db0", servicePlanName: "MFA_PREMIUM", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "932ad362-64a8-4783-9106-97849a1a30b9", servicePlanName: "ADALLOM_S_DISCOVERY", provisioningStatus: "Success", appliesTo: "User" },
      { servicePlanId: "113feb6c-3fe4-4440-bddc-54d774bf0318", servicePlanName: "EXCHANGE_S_FOUNDATION", provisioningStatus: "Success", appliesTo: "Company" },
    ],
    skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
    skuPartNumber: "AAD_PREMIUM_P2",
    subscriptionIds: ["5b0c1d2e-0001-4b6f-9a7c-8d9e0f1a2b3c"],
  },
];

// Built-in directory roles: a role definition's id is its template id.
const directoryRoles = {
  globalAdministrator: { id: "62e90394-69f5-4237-9190-012177145e10", displayName: "Global Administrator" },
  privilegedRoleAdministrator: { id: "e8611ab8-c189-46e8-94e1-60213ab1f814", displayName: "Privileged Role Administrator" },
  securityAdministrator: { id: "194ae4cb-b126-40b2-bd5b-6091b380977d", displayName: "Security Administrator" },
  globalReader: { id: "f2ef992c-3afb-46b9-b7cf-a126ee74c451", displayName: "Global Reader" },
  directoryReaders: { id: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", displayName: "Directory Readers" },
  messageCenterReader: { id: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", displayName: "Message Center Reader" },
  reportsReader: { id: "4a5d8f65-41da-4de4-8968-e035b65339cf", displayName: "Reports Reader" },
  serviceSupportAdministrator: { id: "f023fd81-a637-4b56-95fd-791ac0226033", displayName: "Service Support Administrator" },
};

// Shape: conditionalaccessroot-list-policies (every property a v1.0 policy carries).
const allUsers = { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] };
function caPolicy({ id, displayName, state, created, modified, users, clientAppTypes = ["all"], grant, authenticationStrength = null, sessionControls = null }) {
  return {
    id,
    templateId: null,
    displayName,
    createdDateTime: created,
    modifiedDateTime: modified,
    state,
    sessionControls,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes,
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [], applicationFilter: null },
      users: { ...allUsers, ...users, includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null },
    },
    grantControls: {
      operator: "OR",
      builtInControls: grant,
      customAuthenticationFactors: [],
      termsOfUse: [],
      "authenticationStrength@odata.context": `https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('${id}')/grantControls/authenticationStrength/$entity`,
      authenticationStrength,
    },
  };
}

// Emergency access accounts are excluded from every policy (the administrators' policies reach them through their role).
const breakGlassIds = [principals.breakGlass1.id, principals.breakGlass2.id];
const conditionalAccessPolicies = [
  // Planted: the MFA baseline excludes a group that (through a nested group) holds Dana Whitfield, an Owner of Clinic-Prod.
  caPolicy({
    id: "ca5e1d00-0001-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA001 Require MFA for all users",
    state: "enabled",
    created: "2024-02-05T10:12:44.6210457Z",
    modified: "2025-09-18T15:37:02.1842310Z",
    users: { includeUsers: ["All"], excludeUsers: breakGlassIds, excludeGroups: [principals.caExclusion.id] },
    grant: ["mfa"],
  }),
  // Planted: phishing-resistant MFA for administrators is report-only, so it enforces nothing.
  caPolicy({
    id: "ca5e1d00-0002-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA002 Require phishing-resistant MFA for administrators",
    state: "enabledForReportingButNotEnforced",
    created: "2025-10-06T09:03:18.4410982Z",
    modified: "2025-10-06T09:03:18.4410982Z",
    users: { excludeUsers: breakGlassIds, includeRoles: [directoryRoles.globalAdministrator.id, directoryRoles.privilegedRoleAdministrator.id] },
    grant: [],
    authenticationStrength: {
      id: "00000000-0000-0000-0000-000000000004",
      createdDateTime: "2021-12-01T08:00:00Z",
      modifiedDateTime: "2021-12-01T08:00:00Z",
      displayName: "Phishing-resistant MFA",
      description: "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
      policyType: "builtIn",
      requirementsSatisfied: "mfa",
      allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
    },
  }),
  caPolicy({
    id: "ca5e1d00-0003-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA003 Block legacy authentication",
    state: "enabled",
    created: "2024-02-05T10:19:27.0931845Z",
    modified: "2024-02-05T10:19:27.0931845Z",
    users: { includeUsers: ["All"], excludeUsers: breakGlassIds },
    clientAppTypes: ["exchangeActiveSync", "other"],
    grant: ["block"],
  }),
  caPolicy({
    id: "ca5e1d00-0004-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA004 Admin sign-in frequency",
    state: "enabled",
    created: "2024-06-11T13:45:51.7720314Z",
    modified: "2024-06-11T13:45:51.7720314Z",
    users: { excludeUsers: breakGlassIds, includeRoles: [directoryRoles.globalAdministrator.id] },
    grant: ["mfa"],
    sessionControls: {
      disableResilienceDefaults: null,
      applicationEnforcedRestrictions: null,
      cloudAppSecurity: null,
      persistentBrowser: { mode: "never", isEnabled: true },
      signInFrequency: { value: 4, type: "hours", authenticationType: "primaryAndSecondaryAuthentication", frequencyInterval: "timeBased", isEnabled: true },
    },
  }),
  caPolicy({
    id: "ca5e1d00-0005-4c1a-8b2d-3e4f5a6b7c8d",
    displayName: "CA005 Old pilot",
    state: "disabled",
    created: "2023-03-20T08:30:09.5512876Z",
    modified: "2023-11-02T16:12:40.3308751Z",
    users: { includeGroups: [principals.developers.id] },
    grant: ["mfa"],
  }),
];

// Shape: conditionalaccessroot-list-namedlocations.
const namedLocations = [
  {
    "@odata.type": "#microsoft.graph.ipNamedLocation",
    id: "10ca7e00-0001-4d2b-9c3e-4f5a6b7c8d9e",
    displayName: "Clinic HQ",
    modifiedDateTime: "2024-02-05T09:58:12.3316012Z",
    createdDateTime: "2024-02-05T09:58:12.3316012Z",
    isTrusted: true,
    ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "198.51.100.0/24" }],
  },
  {
    "@odata.type": "#microsoft.graph.countryNamedLocation",
    id: "10ca7e00-0002-4d2b-9c3e-4f5a6b7c8d9e",
    displayName: "United States",
    modifiedDateTime: "2024-02-05T10:01:47.8817455Z",
    createdDateTime: "2024-02-05T10:01:47.8817455Z",
    countriesAndRegions: ["US"],
    includeUnknownCountriesAndRegions: false,
    countryLookupMethod: "clientIpAddress",
  },
];

// Planted: security defaults are off (Conditional Access replaces them).
const securityDefaults = {
  "@odata.context": graphContext("policies/identitySecurityDefaultsEnforcementPolicy/$entity"),
  description:
    "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
  displayName: "Security Defaults",
  id: "00000000-0000-0000-0000-000000000005",
  isEnabled: false,
};

// Shape: authenticationmethodspolicy-get.
const allUsersTarget = { targetType: "group", id: "all_users", isRegistrationRequired: false };
const authenticationMethodsPolicy = {
  "@odata.context": graphContext("authenticationMethodsPolicy"),
  id: "authenticationMethodsPolicy",
  displayName: "Authentication Methods Policy",
  description:
    "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings",
  lastModifiedDateTime: "2025-09-18T15:20:33.4471209Z",
  policyVersion: "1.5",
  policyMigrationState: "migrationComplete",
  registrationEnforcement: {
    authenticationMethodsRegistrationCampaign: {
      snoozeDurationInDays: 1,
      state: "enabled",
      excludeTargets: [],
      includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
    },
  },
  authenticationMethodConfigurations: [
    {
      "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
      id: "Fido2",
      state: "enabled",
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: true,
      keyRestrictions: { isEnforced: false, enforcementType: "block", aaGuids: [] },
      includeTargets: [allUsersTarget],
    },
    {
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
      id: "MicrosoftAuthenticator",
      state: "enabled",
      includeTargets: [
        {
          ...allUsersTarget,
          authenticationMode: "any",
          outlookMobileAllowedState: "default",
          displayAppInformationRequiredState: "enabled",
          numberMatchingRequiredState: "enabled",
        },
      ],
    },
    { "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration", id: "Sms", state: "enabled", includeTargets: [{ ...allUsersTarget, isUsableForSignIn: false }] },
    { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethodConfiguration", id: "SoftwareOath", state: "enabled", includeTargets: [allUsersTarget] },
    {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      id: "TemporaryAccessPass",
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      includeTargets: [allUsersTarget],
    },
    { "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration", id: "Email", state: "disabled", allowExternalIdToUseEmailOtp: "default", includeTargets: [] },
  ],
};

// Who exists in Entra ID, when they last signed in (collection ran on 2026-11-20 around 14:02 UTC)
// and which authentication methods they registered. A null sign-in means Entra recorded none.
const people = [
  { key: "alex", created: "2023-01-09T15:20:11Z", signIn: "2026-11-20T08:14:22Z", nonInteractive: "2026-11-20T13:41:09Z", methods: ["fido2"], isAdmin: true },
  { key: "dana", created: "2023-01-09T15:24:40Z", signIn: "2026-11-19T16:40:05Z", nonInteractive: "2026-11-20T07:55:31Z", methods: [] },
  { key: "morgan", created: "2025-02-17T13:05:09Z", signIn: "2026-11-12T19:03:41Z", nonInteractive: "2026-11-12T19:20:16Z", methods: ["softwareOneTimePasscode"], isAdmin: true },
  { key: "priya", created: "2023-06-12T09:41:53Z", signIn: "2026-11-20T08:57:40Z", nonInteractive: "2026-11-20T13:12:48Z", methods: ["microsoftAuthenticatorPush", "fido2"], isAdmin: true },
  { key: "sam", created: "2024-03-04T14:18:26Z", signIn: "2026-11-20T08:27:55Z", nonInteractive: "2026-11-20T12:49:03Z", methods: ["microsoftAuthenticatorPush"], isAdmin: true },
  // Planted: stale. No sign-in of any kind since 2 June 2026, yet Owner of Clinic-Prod.
  { key: "chris", created: "2023-09-18T11:06:37Z", signIn: "2026-06-02T17:48:09Z", nonInteractive: "2026-06-02T18:03:51Z", methods: ["microsoftAuthenticatorPush", "mobilePhone"] },
  { key: "jordan", created: "2024-01-22T10:33:14Z", signIn: "2026-11-18T11:22:07Z", nonInteractive: "2026-11-20T10:05:44Z", methods: ["microsoftAuthenticatorPush", "softwareOneTimePasscode"] },
  // Riley Chen left in September: the account is disabled.
  { key: "riley", created: "2024-05-06T08:52:19Z", signIn: "2026-08-28T16:05:12Z", nonInteractive: "2026-08-28T16:31:27Z", methods: ["mobilePhone"] },
  // Break-glass accounts: FIDO2 keys in the safe, signed in once a quarter to test them.
  { key: "breakGlass1", created: "2023-01-09T14:02:33Z", signIn: "2026-10-01T10:15:37Z", nonInteractive: null, methods: ["fido2"], isAdmin: true },
  { key: "breakGlass2", created: "2023-01-09T14:05:17Z", signIn: "2026-10-01T10:22:04Z", nonInteractive: null, methods: ["fido2"], isAdmin: true },
].map((person) => ({ ...person, principal: principals[person.key] }));

function signInRequestId(index, kind) {
  return `7d2e3f40-${String(index + 1).padStart(4, "0")}-4d8b-9c9e-0f1a2b3c4d${kind}`;
}

// Shape: user-list, example "Get users including their last sign-in time".
function signInActivity({ signIn, nonInteractive }, index) {
  return {
    lastSignInDateTime: signIn,
    lastSignInRequestId: signIn ? signInRequestId(index, "01") : null,
    lastNonInteractiveSignInDateTime: nonInteractive,
    lastNonInteractiveSignInRequestId: nonInteractive ? signInRequestId(index, "02") : null,
    lastSuccessfulSignInDateTime: signIn,
    lastSuccessfulSignInRequestId: signIn ? signInRequestId(index, "01") : null,
  };
}

// Shape: authenticationmethodsroot-list-userregistrationdetails (../shared/azure-examples/graph-user-registration-details-list.json).
function registrationDetails({ principal, methods, isAdmin = false }) {
  const mfaMethods = methods.filter((method) => method !== "email");
  const preferred = methods.includes("microsoftAuthenticatorPush") ? "push" : methods.includes("softwareOneTimePasscode") ? "oath" : methods.includes("mobilePhone") ? "sms" : "";
  return {
    id: principal.id,
    userPrincipalName: principal.upn,
    userDisplayName: principal.displayName,
    isAdmin,
    isSsprRegistered: mfaMethods.length > 0,
    isSsprEnabled: principal.userType === "Member",
    isSsprCapable: principal.userType === "Member" && mfaMethods.length > 0,
    isMfaRegistered: mfaMethods.length > 0,
    isMfaCapable: mfaMethods.length > 0,
    isPasswordlessCapable: methods.includes("fido2"),
    lastUpdatedDateTime: "2026-11-20T06:12:09.4418273Z",
    methodsRegistered: methods,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: methods.includes("fido2") ? ["Fido2"] : methods.includes("microsoftAuthenticatorPush") ? ["push"] : [],
    userPreferredMethodForSecondaryAuthentication: preferred,
    userType: principal.userType.toLowerCase(),
  };
}

// Shape: rbacapplication-list-roleassignments and -roleassignmentschedules / -roleeligibilityschedules.
// Planted: four permanent Global Administrators, one of them the guest Morgan Lee.
const permanent = { startDateTime: "2025-03-14T10:21:07.123Z", recurrence: null, expiration: { type: "noExpiration", endDateTime: null, duration: null } };
const directoryRoleHoldings = [
  // [assignment id, schedule id, principal, role, assignmentType, scheduleInfo]
  ["d1a5e7b0-0001-4e3c-8d4f-5a6b7c8d9e0f", "d2b6f8c1-0001-4f4d-9e5a-6b7c8d9e0f1a", principals.alex, directoryRoles.globalAdministrator, "Assigned", { ...permanent, startDateTime: "2023-01-09T15:31:52.407Z" }],
  ["d1a5e7b0-0002-4e3c-8d4f-5a6b7c8d9e0f", "d2b6f8c1-0002-4f4d-9e5a-6b7c8d9e0f1a", principals.breakGlass1, directoryRoles.globalAdministrator, "Assigned", { ...permanent, startDateTime: "2023-01-09T14:08:21.660Z" }],
  ["d1a5e7b0-0003-4e3c-8d4f-5a6b7c8d9e0f", "d2b6f8c1-0003-4f4d-9e5a-6b7c8d9e0f1a", principals.breakGlass2, directoryRoles.globalAdministrator, "Assigned", { ...permanent, startDateTime: "2023-01-09T14:09:02.118Z" }],
  ["d1a5e7b0-0004-4e3c-8d4f-5a6b7c8d9e0f", "d2b6f8c1-0004-4f4d-9e5a-6b7c8d9e0f1a", principals.morgan, directoryRoles.globalAdministrator, "Assigned", { ...permanent, startDateTime: "2025-02-17T13:22:45.930Z" }],
  // Sam Patel activated Security Administrator through PIM this morning, for eight hours.
  [
    "d1a5e7b0-0005-4e3c-8d4f-5a6b7c8d9e0f",
    "d2b6f8c1-0005-4f4d-9e5a-6b7c8d9e0f1a",
    principals.sam,
    directoryRoles.securityAdministrator,
    "Activated",
    { startDateTime: "2026-11-20T08:30:14.512Z", recurrence: null, expiration: { type: "afterDateTime", endDateTime: "2026-11-20T16:30:14.512Z", duration: null } },
  ],
];
const directoryRoleEligibilities = [
  // Priya Raman may activate Global Administrator; she has not.
  ["e3c7a9d2-0001-4a5e-8f6b-7c8d9e0f1a2b", principals.priya, directoryRoles.globalAdministrator, { startDateTime: "2026-06-01T00:00:00Z", recurrence: null, expiration: { type: "afterDateTime", endDateTime: "2027-05-31T23:59:59Z", duration: null } }],
  ["e3c7a9d2-0002-4a5e-8f6b-7c8d9e0f1a2b", principals.sam, directoryRoles.securityAdministrator, { startDateTime: "2026-09-01T00:00:00Z", recurrence: null, expiration: { type: "afterDateTime", endDateTime: "2027-08-31T23:59:59Z", duration: null } }],
];

function roleSchedule(id, principal, role, scheduleInfo, extra) {
  return {
    id,
    principalId: principal.id,
    roleDefinitionId: role.id,
    directoryScopeId: "/",
    appScopeId: null,
    createdUsing: id,
    createdDateTime: scheduleInfo.startDateTime,
    modifiedDateTime: null,
    status: "Provisioned",
    ...extra,
    memberType: "Direct",
    scheduleInfo,
  };
}

// Shape: group-list-transitivemembers, with $select=id,displayName,userPrincipalName. Transitive
// members include nested groups themselves as well as their members.
const member = (principal) =>
  principal.type === "group"
    ? { "@odata.type": "#microsoft.graph.group", id: principal.id, displayName: principal.displayName }
    : { "@odata.type": "#microsoft.graph.user", id: principal.id, displayName: principal.displayName, userPrincipalName: principal.upn };
const transitiveMembers = {
  [principals.developers.id]: [principals.priya, principals.jordan],
  // Planted: the only direct member is the nested group "Scanner operators", whose member is Dana Whitfield.
  [principals.caExclusion.id]: [principals.scannerOperators, principals.dana],
};

// ---------------------------------------------------------------- the recording

let clock = Date.parse("2026-11-20T14:02:11.000Z");
let sequence = 0;
const entries = [];

function requestId() {
  sequence++;
  return `5e1c0d2a-${String(sequence).padStart(4, "0")}-4c3b-9a8f-7e6d5c4b3a29`;
}

function record(method, url, status, body, { headers = [], requestBody } = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const started = new Date(clock);
  const time = 80 + ((sequence * 37) % 140);
  clock += time + 15;
  const id = requestId();
  const isGraph = url.startsWith(graph);
  const responseHeaders = [
    { name: "content-type", value: isGraph ? "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8" : "application/json; charset=utf-8" },
    { name: "date", value: started.toUTCString() },
    ...(isGraph
      ? [
          { name: "request-id", value: id },
          { name: "client-request-id", value: id },
          { name: "x-ms-resource-unit", value: "1" },
        ]
      : [
          { name: "x-ms-request-id", value: id },
          { name: "x-ms-correlation-request-id", value: id },
          { name: "x-ms-ratelimit-remaining-subscription-reads", value: String(249 - sequence) },
        ]),
    ...headers,
  ];
  const parsed = new URL(url);
  entries.push({
    startedDateTime: started.toISOString(),
    time,
    request: {
      method,
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [{ name: "accept", value: "application/json" }, ...(requestBody ? [{ name: "content-type", value: "application/json" }] : [])],
      queryString: [...parsed.searchParams.entries()].map(([name, value]) => ({ name, value })),
      ...(requestBody ? { postData: { mimeType: "application/json", text: JSON.stringify(requestBody) } } : {}),
      headersSize: -1,
      bodySize: requestBody ? JSON.stringify(requestBody).length : 0,
    },
    response: {
      status,
      statusText: { 200: "OK", 403: "Forbidden" }[status] ?? "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: responseHeaders,
      content: { size: Buffer.byteLength(text), mimeType: responseHeaders[0].value, text },
      redirectURL: "",
      headersSize: -1,
      bodySize: Buffer.byteLength(text),
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
  });
}

record("GET", `${arm}/subscriptions?api-version=2022-12-01`, 200, { value: [subscription(prod), subscription(dev)] });

for (const subscriptionEntry of [prod, dev]) {
  const base = `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.Authorization`;
  const assignments = holdings[subscriptionEntry.id].map(([name, principal, roleId, , scope]) => roleAssignment(subscriptionEntry.id, name, principal, roleId, scope));
  const listUrl = `${base}/roleAssignments?api-version=2022-04-01`;
  if (subscriptionEntry === prod) {
    // Planted: the list comes in two pages, joined by nextLink.
    const nextLink = `${listUrl}&$skiptoken=${Buffer.from("page-2-of-role-assignments").toString("base64url")}`;
    record("GET", listUrl, 200, { value: assignments.slice(0, 6), nextLink });
    record("GET", nextLink, 200, { value: assignments.slice(6) });
  } else {
    record("GET", listUrl, 200, { value: assignments });
  }
  record("GET", `${base}/roleDefinitions?api-version=2022-04-01`, 200, { value: roleDefinitionsFor(subscriptionEntry.id) });
  if (subscriptionEntry === prod) {
    record("GET", `${base}/roleEligibilityScheduleInstances?api-version=2020-10-01`, 200, {
      value: eligible[prod.id].map(([name, principal, roleId, roleName, scope, times]) => scheduleInstance("eligibility", prod, name, principal, roleId, roleName, scope, times)),
    });
  } else {
    // Planted: the collector's custom role in Clinic-Dev lacks this action.
    record("GET", `${base}/roleEligibilityScheduleInstances?api-version=2020-10-01`, 403, {
      error: {
        code: "AuthorizationFailed",
        message: `The client '${principals.collector.appId}' with object id '${principals.collector.id}' does not have authorization to perform action 'Microsoft.Authorization/roleEligibilityScheduleInstances/read' over scope '/subscriptions/${dev.id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    });
  }
  record("GET", `${base}/roleAssignmentScheduleInstances?api-version=2020-10-01`, 200, {
    value: holdings[subscriptionEntry.id].map(([name, principal, roleId, roleName, scope, schedule]) =>
      scheduleInstance("assignment", subscriptionEntry, name, principal, roleId, roleName, scope, schedule),
    ),
  });
}

const allPrincipalIds = [...new Set(Object.values(holdings).flat().concat(Object.values(eligible).flat()).map(([, principal]) => principal.id))].sort();
record(
  "POST",
  `${graph}/directoryObjects/getByIds`,
  200,
  {
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
    value: allPrincipalIds.map((id) => directoryObject(Object.values(principals).find((principal) => principal.id === id))),
  },
  { requestBody: { ids: allPrincipalIds, types: ["user", "group", "servicePrincipal"] } },
);

for (const subscriptionEntry of [prod, dev]) {
  record("GET", `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01`, 200, { value: vaults[subscriptionEntry.id] });
  for (const item of vaults[subscriptionEntry.id]) {
    record("GET", `${arm}${item.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, { value: diagnosticSettings[item.name](item.id) });
  }
}

// ---------------------------------------------------------------- storage, SQL and App Service
// Clinic-Prod keeps scanned records in stclinicscans01 (blob reads, writes and deletes logged to the
// security workspace) and archives Key Vault audit events in stclinicauditarchive. Planted: the
// archive's log container is under an immutability policy that was never locked. Clinic-Dev holds none.
const storageApi = "2023-05-01";
const scansAccount = `${rgEhrData}/providers/Microsoft.Storage/storageAccounts/stclinicscans01`;
// Shape: arm-storage-accounts-list.json (test/fixtures/azure-examples)
function storageAccount(id, { secondaryLocation = "centralus" } = {}) {
  const name = id.split("/").pop();
  return {
    id,
    kind: "StorageV2",
    location: "eastus2",
    name,
    properties: {
      creationTime: "2024-02-12T16:20:41.2145811Z",
      primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, file: `https://${name}.file.core.windows.net/`, queue: `https://${name}.queue.core.windows.net/`, table: `https://${name}.table.core.windows.net/` },
      primaryLocation: "eastus2",
      provisioningState: "Succeeded",
      encryption: { services: { file: { keyType: "Account", enabled: true }, blob: { keyType: "Account", enabled: true } }, keySource: "Microsoft.Storage" },
      secondaryLocation,
      statusOfPrimary: "available",
      statusOfSecondary: "available",
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
    },
    sku: { name: "Standard_GRS", tier: "Standard" },
    tags: {},
    type: "Microsoft.Storage/storageAccounts",
  };
}
const storageAnswers = {
  [prod.id]: [
    {
      account: storageAccount(scansAccount),
      blobSettings: (blob) => [diagnosticSetting(blob, "blob-access-to-security-workspace", { workspaceId: workspace }, [{ category: "StorageRead", categoryGroup: null, enabled: true }, { category: "StorageWrite", categoryGroup: null, enabled: true }, { category: "StorageDelete", categoryGroup: null, enabled: true }])],
      containers: [],
    },
    {
      account: storageAccount(archiveStorage),
      blobSettings: (blob) => [diagnosticSetting(blob, "archive-access-to-security-workspace", { workspaceId: workspace }, [{ category: null, categoryGroup: "allLogs", enabled: true }])],
      // Shape: arm-storage-blob-containers-list.json; the policy: arm-storage-immutability-policy-get.json
      containers: [{ name: "insights-logs-auditevent", policy: { immutabilityPeriodSinceCreationInDays: 2192, allowProtectedAppendWrites: true, state: "Unlocked" } }],
    },
  ],
  [dev.id]: [],
};
for (const subscriptionEntry of [prod, dev]) {
  const answers = storageAnswers[subscriptionEntry.id];
  record("GET", `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.Storage/storageAccounts?api-version=${storageApi}`, 200, { value: answers.map(({ account }) => account) });
  for (const { account, blobSettings, containers } of answers) {
    const blob = `${account.id}/blobServices/default`;
    record("GET", `${arm}${blob}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, { value: blobSettings(blob) });
    const listed = containers.map(({ name }) => ({
      id: `${blob}/containers/${name}`,
      name,
      type: "Microsoft.Storage/storageAccounts/blobServices/containers",
      etag: '"0x8DC5A2F4B1E7C3D"',
      properties: { publicAccess: "None", leaseStatus: "Unlocked", leaseState: "Available", lastModifiedTime: "2024-03-02T11:07:19Z", hasImmutabilityPolicy: true, hasLegalHold: false },
    }));
    record("GET", `${arm}${blob}/containers?api-version=${storageApi}&$filter=insights-`, 200, { value: listed });
    for (const { name, policy } of containers) {
      record("GET", `${arm}${blob}/containers/${name}/immutabilityPolicies/default?api-version=${storageApi}`, 200, {
        id: `${blob}/containers/${name}/immutabilityPolicies/default`,
        name: "default",
        type: "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies",
        etag: '"8dc5a2f4b3d9e11"',
        properties: policy,
      });
    }
  }
}

// Azure SQL: server auditing goes to Azure Monitor, and the master database's diagnostic setting
// sends the audit category group to the security workspace.
const sqlApi = "2023-08-01";
const sqlServer = `${rgEhrData}/providers/Microsoft.Sql/servers/sql-ehr-prod`;
const masterDatabase = `${sqlServer}/databases/master`;
// Shape: arm-sql-servers-list.json
record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Sql/servers?api-version=${sqlApi}`, 200, {
  value: [
    {
      id: sqlServer,
      name: "sql-ehr-prod",
      type: "Microsoft.Sql/servers",
      location: "eastus2",
      kind: "v12.0",
      properties: { fullyQualifiedDomainName: "sql-ehr-prod.database.windows.net", administratorLogin: "ehradmin", version: "12.0", state: "Ready", publicNetworkAccess: "Disabled", restrictOutboundNetworkAccess: "Disabled", privateEndpointConnections: [] },
    },
  ],
});
// Shape: arm-sql-server-auditing-settings-create-max.json
record("GET", `${arm}${sqlServer}/auditingSettings/default?api-version=${sqlApi}`, 200, {
  id: `${sqlServer}/auditingSettings/default`,
  name: "default",
  type: "Microsoft.Sql/servers/auditingSettings",
  properties: {
    state: "Enabled",
    storageEndpoint: "",
    retentionDays: 0,
    storageAccountSubscriptionId: "00000000-0000-0000-0000-000000000000",
    isStorageSecondaryKeyInUse: false,
    auditActionsAndGroups: ["SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP", "BATCH_COMPLETED_GROUP"],
    isAzureMonitorTargetEnabled: true,
    isManagedIdentityInUse: false,
  },
});
record("GET", `${arm}${masterDatabase}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
  value: [diagnosticSetting(masterDatabase, "sql-audit-to-security-workspace", { workspaceId: workspace }, [{ category: null, categoryGroup: "audit", enabled: true }])],
});
// The setting selects a category group, so the collector asks which categories the group holds here.
// Shape: arm-monitor-diagnostic-settings-categories-list.json
const sqlCategories = { SQLSecurityAuditEvents: ["audit", "allLogs"], DevOpsOperationsAudit: ["audit", "allLogs"], SQLInsights: ["allLogs"], AutomaticTuning: ["allLogs"], Errors: ["allLogs"], Deadlocks: ["allLogs"] };
record("GET", `${arm}${masterDatabase}/providers/Microsoft.Insights/diagnosticSettingsCategories?api-version=2021-05-01-preview`, 200, {
  value: [
    ...Object.entries(sqlCategories).map(([name, categoryGroups]) => ({ id: `${masterDatabase}/providers/microsoft.insights/diagnosticSettingsCategories/${name}`, type: "microsoft.insights/diagnosticSettingsCategories", name, properties: { categoryType: "Logs", categoryGroups } })),
    { id: `${masterDatabase}/providers/microsoft.insights/diagnosticSettingsCategories/Basic`, type: "microsoft.insights/diagnosticSettingsCategories", name: "Basic", properties: { categoryType: "Metrics" } },
  ],
});
record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Sql/servers?api-version=${sqlApi}`, 200, { value: [] });

// App Service: the patient portal logs its HTTP requests and publishing sign-ins to the security workspace.
const webApi = "2024-04-01";
const portal = `${rgEhrApp}/providers/Microsoft.Web/sites/app-ehr-portal`;
// Shape: arm-web-sites-list.json
record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Web/sites?api-version=${webApi}`, 200, {
  value: [
    {
      id: portal,
      name: "app-ehr-portal",
      type: "Microsoft.Web/sites",
      kind: "app,linux",
      location: "East US 2",
      properties: {
        state: "Running",
        hostNames: ["app-ehr-portal.azurewebsites.net"],
        enabled: true,
        availabilityState: "Normal",
        serverFarmId: `${rgEhrApp}/providers/Microsoft.Web/serverfarms/asp-ehr-portal`,
        reserved: true,
        httpsOnly: true,
        siteConfig: { numberOfWorkers: 1, linuxFxVersion: "NODE|20-lts", minTlsVersion: "1.2", ftpsState: "Disabled", http20Enabled: true },
      },
    },
  ],
});
record("GET", `${arm}${portal}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, {
  value: [diagnosticSetting(portal, "portal-logs-to-security-workspace", { workspaceId: workspace }, [
    { category: "AppServiceHTTPLogs", categoryGroup: null, enabled: true },
    { category: "AppServiceAuditLogs", categoryGroup: null, enabled: true },
    { category: "AppServiceConsoleLogs", categoryGroup: null, enabled: false },
    { category: "AppServiceAppLogs", categoryGroup: null, enabled: true },
  ])],
});
record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Web/sites?api-version=${webApi}`, 200, { value: [] });

// The identity part, in the order the entra collector asks for it.
record("GET", `${graph}/organization?$select=id,displayName`, 200, { "@odata.context": graphContext("organization(id,displayName)"), value: [{ id: tenantId, displayName: "Contoso Clinic" }] });
record("GET", `${graph}/subscribedSkus`, 200, { "@odata.context": graphContext("subscribedSkus"), value: subscribedSkus });
record("GET", `${graph}/identity/conditionalAccess/policies`, 200, { "@odata.context": graphContext("identity/conditionalAccess/policies"), value: conditionalAccessPolicies });
// Conditional Access allows one request per second: the collector waits before the next call.
clock += 1100;
record("GET", `${graph}/identity/conditionalAccess/namedLocations`, 200, { "@odata.context": graphContext("identity/conditionalAccess/namedLocations"), value: namedLocations });
record("GET", `${graph}/policies/identitySecurityDefaultsEnforcementPolicy`, 200, securityDefaults);
record("GET", `${graph}/policies/authenticationMethodsPolicy`, 200, authenticationMethodsPolicy);
record("GET", `${graph}/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime&$top=999`, 200, {
  "@odata.context": graphContext("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime)"),
  value: people.map(({ principal, created }) => ({
    id: principal.id,
    displayName: principal.displayName,
    userPrincipalName: principal.upn,
    userType: principal.userType,
    accountEnabled: principal.accountEnabled ?? true,
    createdDateTime: created,
  })),
});
record("GET", `${graph}/users?$select=id,userPrincipalName,signInActivity&$top=999`, 200, {
  "@odata.context": graphContext("users(id,userPrincipalName,signInActivity)"),
  value: people.map((person, index) => ({ id: person.principal.id, userPrincipalName: person.principal.upn, signInActivity: signInActivity(person, index) })),
});
record("GET", `${graph}/reports/authenticationMethods/userRegistrationDetails`, 200, {
  "@odata.context": graphContext("reports/authenticationMethods/userRegistrationDetails"),
  value: people.map(registrationDetails),
});
record("GET", `${graph}/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn`, 200, {
  "@odata.context": graphContext("roleManagement/directory/roleDefinitions(id,displayName,templateId,isBuiltIn)"),
  value: Object.values(directoryRoles).map((role) => ({ id: role.id, displayName: role.displayName, templateId: role.id, isBuiltIn: true })),
});
// $expand=principal says whether a role holder is a user, a group or an application.
record("GET", `${graph}/roleManagement/directory/roleAssignments?$expand=principal`, 200, {
  "@odata.context": graphContext("roleManagement/directory/roleAssignments(principal())"),
  value: directoryRoleHoldings.map(([id, , principal, role]) => ({ id, principalId: principal.id, resourceScope: "/", directoryScopeId: "/", roleDefinitionId: role.id, principal: directoryObject(principal) })),
});
record("GET", `${graph}/roleManagement/directory/roleEligibilitySchedules?$expand=principal`, 200, {
  "@odata.context": graphContext("roleManagement/directory/roleEligibilitySchedules(principal())"),
  value: directoryRoleEligibilities.map(([id, principal, role, scheduleInfo]) => ({ ...roleSchedule(id, principal, role, scheduleInfo, {}), principal: directoryObject(principal) })),
});
record("GET", `${graph}/roleManagement/directory/roleAssignmentSchedules`, 200, {
  "@odata.context": graphContext("roleManagement/directory/roleAssignmentSchedules"),
  value: directoryRoleHoldings.map(([, scheduleId, principal, role, assignmentType, scheduleInfo]) => roleSchedule(scheduleId, principal, role, scheduleInfo, { assignmentType })),
});
// Groups that Conditional Access includes or excludes, in the order the collector expands them (by id).
for (const groupId of Object.keys(transitiveMembers).sort()) {
  record("GET", `${graph}/groups/${groupId}/transitiveMembers?$select=id,displayName,userPrincipalName&$top=999`, 200, {
    "@odata.context": graphContext("directoryObjects(id,displayName,userPrincipalName)"),
    value: transitiveMembers[groupId].map(member),
  });
}

// ---------------------------------------------------------------- sign-in logs in Log Analytics
// Entra ID sends its sign-in and audit logs to the security workspace. Over the last 30 days Dana
// Whitfield, whom the excluded group hides from CA001, signed in with a password alone; the others
// passed MFA; Chris Okafor (stale) and the emergency accounts did not sign in.
const signInCustomerId = "b5e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5e";
record("GET", `${arm}/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01`, 200, {
  value: [
    {
      id: "/providers/microsoft.aadiam/diagnosticSettings/entra-to-law-clinic-security",
      type: "microsoft.aadiam/diagnosticSettings",
      name: "entra-to-law-clinic-security",
      properties: {
        workspaceId: workspace,
        logs: [
          { category: "AuditLogs", enabled: true, retentionPolicy: { enabled: false, days: 0 } },
          { category: "SignInLogs", enabled: true, retentionPolicy: { enabled: false, days: 0 } },
          { category: "NonInteractiveUserSignInLogs", enabled: true, retentionPolicy: { enabled: false, days: 0 } },
          { category: "ServicePrincipalSignInLogs", enabled: false, retentionPolicy: { enabled: false, days: 0 } },
        ],
      },
    },
  ],
});
record("GET", `${arm}${workspace}?api-version=2022-10-01`, 200, {
  id: workspace,
  name: "law-clinic-security",
  type: "Microsoft.OperationalInsights/workspaces",
  location: "eastus2",
  properties: { provisioningState: "Succeeded", customerId: signInCustomerId, sku: { name: "PerGB2018" }, retentionInDays: 90, publicNetworkAccessForIngestion: "Enabled", publicNetworkAccessForQuery: "Enabled" },
});
const logsQuery = `https://api.loganalytics.io/v1/workspaces/${signInCustomerId}/query`;
record("POST", logsQuery, 200, {
  tables: [
    {
      name: "PrimaryResult",
      columns: [{ name: "signIns", type: "long" }, { name: "newest", type: "datetime" }, { name: "oldest", type: "datetime" }],
      rows: [[1843, "2026-11-20T13:58:41.117Z", "2026-10-21T14:05:09.552Z"]],
    },
  ],
}, { requestBody: { query: "SigninLogs | summarize signIns = count(), newest = max(TimeGenerated), oldest = min(TimeGenerated)", timespan: "P30D" } });
const signInRows = [
  [principals.alex, "multiFactorAuthentication", true, 61, "2026-11-20T08:12:09.201Z"],
  [principals.dana, "singleFactorAuthentication", true, 47, "2026-11-20T09:41:55.870Z"],
  [principals.dana, "singleFactorAuthentication", false, 3, "2026-11-18T16:02:13.004Z"],
  [principals.morgan, "multiFactorAuthentication", true, 9, "2026-11-12T15:30:02.655Z"],
  [principals.priya, "multiFactorAuthentication", true, 38, "2026-11-20T07:55:40.118Z"],
  [principals.sam, "multiFactorAuthentication", true, 22, "2026-11-20T08:31:11.742Z"],
  [principals.jordan, "multiFactorAuthentication", true, 30, "2026-11-20T10:02:27.391Z"],
];
record("POST", logsQuery, 200, {
  tables: [
    {
      name: "PrimaryResult",
      columns: [
        { name: "UserId", type: "string" },
        { name: "UserPrincipalName", type: "string" },
        { name: "AuthenticationRequirement", type: "string" },
        { name: "succeeded", type: "bool" },
        { name: "signIns", type: "long" },
        { name: "lastSignIn", type: "datetime" },
      ],
      rows: signInRows.map(([person, requirement, succeeded, count, last]) => [person.id, person.upn, requirement, succeeded, count, last]),
    },
  ],
}, {
  requestBody: {
    query: 'SigninLogs | extend succeeded = ResultType == "0" | summarize signIns = count(), lastSignIn = max(TimeGenerated) by UserId, UserPrincipalName, AuthenticationRequirement, succeeded',
    timespan: "P30D",
  },
});

// ---------------------------------------------------------------- alert rules
// A log search alert rule in Clinic-Prod pages the security on-call when an emergency account signs in.
record("GET", `${arm}/subscriptions/${prod.id}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview`, 200, {
  value: [
    {
      id: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Insights/scheduledQueryRules/emergency-account-sign-in`,
      name: "emergency-account-sign-in",
      type: "Microsoft.Insights/scheduledQueryRules",
      location: "eastus2",
      kind: "LogAlert",
      properties: {
        displayName: "Emergency access account signed in",
        description: "Any sign-in by bg-admin-01 or bg-admin-02 pages the security on-call.",
        severity: 0,
        enabled: true,
        evaluationFrequency: "PT5M",
        scopes: [workspace],
        windowSize: "PT5M",
        criteria: {
          allOf: [
            {
              query: `SigninLogs | where UserPrincipalName in~ ("${principals.breakGlass1.upn}", "${principals.breakGlass2.upn}")`,
              timeAggregation: "Count",
              operator: "GreaterThan",
              threshold: 0,
              failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
            },
          ],
        },
        autoMitigate: false,
        actions: { actionGroups: [`/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Insights/actionGroups/security-on-call`] },
      },
    },
  ],
});
record("GET", `${arm}/subscriptions/${dev.id}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-03-15-preview`, 200, { value: [] });

// Shape: arm-monitor-activity-log-alerts-list.json. Clinic-Prod pages the on-call when a role
// assignment is written. Planted: Clinic-Dev has no such alert (nor a log search rule doing the same).
const activityLogAlertsUrl = (id) => `${arm}/subscriptions/${id}/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01`;
record("GET", activityLogAlertsUrl(prod.id), 200, {
  value: [
    {
      id: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/microsoft.insights/activityLogAlerts/role-assignment-changes`,
      type: "Microsoft.Insights/ActivityLogAlerts",
      name: "role-assignment-changes",
      location: "Global",
      tags: {},
      properties: {
        scopes: [`subscriptions/${prod.id}`],
        condition: { allOf: [{ field: "category", equals: "Administrative" }, { anyOf: [{ field: "operationName", equals: "Microsoft.Authorization/roleAssignments/write" }, { field: "operationName", equals: "Microsoft.Authorization/roleAssignments/delete" }] }] },
        actions: { actionGroups: [{ actionGroupId: `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/microsoft.insights/actionGroups/security-on-call`, webhookProperties: {} }] },
        enabled: true,
        description: "Pages the security on-call when an Azure role is granted or removed in Clinic-Prod.",
      },
    },
  ],
});
record("GET", activityLogAlertsUrl(dev.id), 200, { value: [] });

// ---------------------------------------------------------------- Microsoft Defender for Cloud
// Clinic-Prod holds a storage account for scanned records, but its Defender plan is off (Free).
const resourceItem = (id, type, location = "eastus2") => ({ id, name: id.split("/").pop(), type, location });
const defenderPlan = (subscriptionId, name, pricingTier, extra = {}) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${name}`,
  name,
  type: "Microsoft.Security/pricings",
  properties: { pricingTier, freeTrialRemainingTime: "PT0S", enforce: "False", ...(pricingTier === "Standard" ? { enablementTime: "2025-02-03T10:00:00.0000000Z" } : {}), ...extra },
});
const securityContact = (subscriptionId) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/securityContacts/default`,
  name: "default",
  type: "Microsoft.Security/securityContacts",
  properties: {
    emails: "security@contosoclinic.com;it-oncall@contosoclinic.com",
    phone: "+1-555-0100",
    isEnabled: true,
    notificationsByRole: { state: "On", roles: ["Owner"] },
    notificationsSources: [
      { sourceType: "Alert", minimalSeverity: "Medium" },
      { sourceType: "AttackPath", minimalRiskLevel: "Critical" },
    ],
  },
});
const defenderAnswers = {
  [prod.id]: {
    resources: [
      resourceItem(`${rgEhrData}/providers/Microsoft.KeyVault/vaults/kv-phi-prod-01`, "Microsoft.KeyVault/vaults"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.KeyVault/vaults/kv-clinic-app-02`, "Microsoft.KeyVault/vaults"),
      resourceItem(`${rgEhrData}/providers/Microsoft.Storage/storageAccounts/stclinicscans01`, "Microsoft.Storage/storageAccounts"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Compute/virtualMachines/vm-ehr-app-01`, "Microsoft.Compute/virtualMachines"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Network/virtualNetworks/vnet-ehr`, "Microsoft.Network/virtualNetworks"),
      resourceItem(workspace, "Microsoft.OperationalInsights/workspaces"),
      resourceItem(archiveStorage, "Microsoft.Storage/storageAccounts"),
      resourceItem(sqlServer, "Microsoft.Sql/servers"),
      resourceItem(`${sqlServer}/databases/ehr-records`, "Microsoft.Sql/servers/databases"),
      resourceItem(portal, "Microsoft.Web/sites"),
      resourceItem(`${rgEhrApp}/providers/Microsoft.Web/serverfarms/asp-ehr-portal`, "Microsoft.Web/serverFarms"),
    ],
    pricings: [
      defenderPlan(prod.id, "VirtualMachines", "Standard", { subPlan: "P2" }),
      defenderPlan(prod.id, "StorageAccounts", "Free"),
      defenderPlan(prod.id, "KeyVaults", "Standard", { subPlan: "PerKeyVault" }),
      defenderPlan(prod.id, "SqlServers", "Standard"),
      defenderPlan(prod.id, "AppServices", "Standard"),
      defenderPlan(prod.id, "Arm", "Standard", { subPlan: "PerSubscription" }),
      defenderPlan(prod.id, "CloudPosture", "Standard"),
    ],
    alerts: [
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-ehr-app/providers/Microsoft.Security/locations/eastus2/alerts/2517366999999999999_0f1e2d3c`,
        name: "2517366999999999999_0f1e2d3c",
        type: "Microsoft.Security/Locations/alerts",
        properties: { alertDisplayName: "Suspicious PowerShell command line", severity: "Medium", status: "Active", startTimeUtc: "2026-11-18T22:41:07.000Z", timeGeneratedUtc: "2026-11-18T22:43:10.000Z", compromisedEntity: "vm-ehr-app-01" },
      },
      {
        id: `/subscriptions/${prod.id}/resourceGroups/rg-ehr-app/providers/Microsoft.Security/locations/eastus2/alerts/2517400000000000000_1a2b3c4d`,
        name: "2517400000000000000_1a2b3c4d",
        type: "Microsoft.Security/Locations/alerts",
        properties: { alertDisplayName: "Antimalware action taken", severity: "High", status: "Resolved", startTimeUtc: "2026-10-30T04:12:55.000Z", timeGeneratedUtc: "2026-10-30T04:15:01.000Z", compromisedEntity: "vm-ehr-app-01" },
      },
    ],
  },
  [dev.id]: {
    resources: [resourceItem(`${devScope}/resourceGroups/rg-dev-sandbox/providers/Microsoft.KeyVault/vaults/kv-dev-sandbox-03`, "Microsoft.KeyVault/vaults")],
    pricings: [defenderPlan(dev.id, "VirtualMachines", "Free"), defenderPlan(dev.id, "StorageAccounts", "Free"), defenderPlan(dev.id, "KeyVaults", "Standard", { subPlan: "PerKeyVault" }), defenderPlan(dev.id, "Arm", "Free")],
    alerts: [],
  },
};
// Shape: arm-security-secure-scores-list.json (percentage is a fraction of 1).
const secureScore = (subscriptionId, current, max) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/ascScore`,
  name: "ascScore",
  type: "Microsoft.Security/secureScores",
  properties: { displayName: "ASC score", score: { max, current, percentage: Math.round((current / max) * 10000) / 10000 }, weight: 12 },
});
// Shape: arm-security-regulatory-compliance-standards-list.json
const complianceStandard = (subscriptionId, name, state, passedControls, failedControls, skippedControls) => ({
  id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/regulatoryComplianceStandards/${name}`,
  name,
  type: "Microsoft.Security/regulatoryComplianceStandards",
  properties: { state, passedControls, failedControls, skippedControls, unsupportedControls: 0 },
});
const defenderPosture = {
  [prod.id]: {
    secureScore: secureScore(prod.id, 41.3, 58),
    standards: [complianceStandard(prod.id, "Microsoft-cloud-security-benchmark", "Failed", 38, 19, 2), complianceStandard(prod.id, "HIPAA-HITRUST-9-2", "Failed", 47, 14, 6)],
  },
  [dev.id]: {
    secureScore: secureScore(dev.id, 19.8, 46),
    standards: [complianceStandard(dev.id, "Microsoft-cloud-security-benchmark", "Failed", 21, 27, 2), complianceStandard(dev.id, "HIPAA-HITRUST-9-2", "Failed", 30, 29, 8)],
  },
};
for (const { id } of [prod, dev]) {
  const answers = defenderAnswers[id];
  record("GET", `${arm}/subscriptions/${id}/resources?api-version=2021-04-01`, 200, { value: answers.resources });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/pricings?api-version=2024-01-01`, 200, { value: answers.pricings });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview`, 200, { value: [securityContact(id)] });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/alerts?api-version=2022-01-01`, 200, { value: answers.alerts });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/secureScores?api-version=2020-01-01`, 200, { value: [defenderPosture[id].secureScore] });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/regulatoryComplianceStandards?api-version=2019-01-01-preview`, 200, { value: defenderPosture[id].standards });
  // Shape: arm-security-auto-provisioning-settings-list.json. Off, as it must be since the Log Analytics
  // agent it installed was retired (2024).
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Security/autoProvisioningSettings?api-version=2017-08-01-preview`, 200, {
    value: [{ id: `/subscriptions/${id}/providers/Microsoft.Security/autoProvisioningSettings/default`, name: "default", type: "Microsoft.Security/autoProvisioningSettings", properties: { autoProvision: "Off" } }],
  });
}

// ---------------------------------------------------------------- Log Analytics retention, activity log
// Clinic-Prod exports its activity log to the security workspace (90 days, audit tables kept six
// years). Clinic-Dev exports to its own sandbox workspace, which keeps data only 30 days.
const devWorkspace = `${devScope}/resourceGroups/rg-dev-sandbox/providers/Microsoft.OperationalInsights/workspaces/law-dev-sandbox`;
const activitySetting = (subscriptionId, workspaceId) => ({
  id: `/subscriptions/${subscriptionId}/providers/microsoft.insights/diagnosticSettings/activity-log-export`,
  type: "Microsoft.Insights/diagnosticSettings",
  name: "activity-log-export",
  properties: {
    storageAccountId: null,
    serviceBusRuleId: null,
    eventHubAuthorizationRuleId: null,
    eventHubName: null,
    workspaceId,
    logAnalyticsDestinationType: null,
    logs: ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"].map((category) => ({ category, enabled: ["Administrative", "Security", "Policy", "Alert"].includes(category) })),
  },
});
const logWorkspace = (id, retentionInDays, customerId, createdDate) => ({
  id,
  name: id.split("/").pop(),
  type: "Microsoft.OperationalInsights/workspaces",
  location: "eastus2",
  properties: { provisioningState: "Succeeded", customerId, sku: { name: "PerGB2018" }, retentionInDays, workspaceCapping: { dailyQuotaGb: -1 }, createdDate, modifiedDate: "2026-03-02T10:14:37.2210417Z" },
});
const logTable = (workspaceId, name, retentionInDays, totalRetentionInDays) => ({
  id: `${workspaceId}/tables/${name}`,
  name,
  properties: { retentionInDays, totalRetentionInDays, archiveRetentionInDays: totalRetentionInDays - retentionInDays, plan: "Analytics", retentionInDaysAsDefault: false, totalRetentionInDaysAsDefault: totalRetentionInDays === retentionInDays },
});
const logAnswers = {
  [prod.id]: { setting: activitySetting(prod.id, workspace), workspaces: [logWorkspace(workspace, 90, signInCustomerId, "2024-01-22T15:41:09.8820312Z")], tables: { [workspace]: ["AzureActivity", "SigninLogs", "AuditLogs", "AzureDiagnostics", "AKVAuditLogs"].map((name) => logTable(workspace, name, 90, 2192)) } },
  [dev.id]: { setting: activitySetting(dev.id, devWorkspace), workspaces: [logWorkspace(devWorkspace, 30, "d3e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5f", "2025-06-09T08:02:55.1092231Z")], tables: { [devWorkspace]: [logTable(devWorkspace, "AzureActivity", 30, 30)] } },
};
// What the audit tables really hold, in one query per workspace over the longest retention Log
// Analytics offers. The security workspace reaches back its 90 days in every table; the sandbox's
// query is planted to come back with a partial error (HTTP 200, the rows it managed, and an "error").
const recordsColumns = [{ name: "Type", type: "string" }, { name: "records", type: "long" }, { name: "oldest", type: "datetime" }, { name: "newest", type: "datetime" }];
const auditRecords = {
  [workspace]: {
    customerId: signInCustomerId,
    body: {
      tables: [
        {
          name: "PrimaryResult",
          columns: recordsColumns,
          rows: [
            ["AzureActivity", 61877, "2026-08-22T14:21:36.481Z", "2026-11-20T13:57:02.118Z"],
            ["SigninLogs", 16302, "2026-08-22T14:40:11.907Z", "2026-11-20T13:58:41.117Z"],
            ["AuditLogs", 2218, "2026-08-22T16:02:48.335Z", "2026-11-20T11:16:27.540Z"],
            ["AzureDiagnostics", 9411, "2026-08-22T14:05:19.266Z", "2026-11-20T13:51:40.029Z"],
            ["AKVAuditLogs", 28120, "2026-08-22T14:12:03.774Z", "2026-11-20T13:59:30.642Z"],
          ],
        },
      ],
    },
  },
  [devWorkspace]: {
    customerId: "d3e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5f",
    body: {
      tables: [{ name: "PrimaryResult", columns: recordsColumns, rows: [["AzureActivity", 412, "2026-11-02T06:31:54.208Z", "2026-11-20T12:44:09.371Z"]] }],
      error: {
        code: "PartialError",
        message: "There were some errors when processing your query.",
        details: [{ code: "EngineError", message: "Something went wrong processing your query on the server.", innererror: { code: "-2133196797", message: "Partial query failure: one of the workspace's storage partitions did not answer in time.", severity: 2, severityName: "Error" } }],
      },
    },
  },
};
for (const { id } of [prod, dev]) {
  const answers = logAnswers[id];
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`, 200, { value: [answers.setting] });
  record("GET", `${arm}/subscriptions/${id}/providers/Microsoft.OperationalInsights/workspaces?api-version=2022-10-01`, 200, { value: answers.workspaces });
  for (const item of answers.workspaces) {
    const tables = answers.tables[item.id];
    record("GET", `${arm}${item.id}/tables?api-version=2022-10-01`, 200, { value: tables });
    const { customerId, body } = auditRecords[item.id];
    const query = `union isfuzzy=true ${tables.map((table) => table.name).join(", ")} | summarize records = count(), oldest = min(TimeGenerated), newest = max(TimeGenerated) by Type`;
    record("POST", `https://api.loganalytics.io/v1/workspaces/${customerId}/query`, 200, body, { requestBody: { query, timespan: "P4383D" } });
  }
}

const har = {
  log: {
    version: "1.2",
    creator: { name: "hipaa-evidence sample builder", version: "1" },
    comment: "Fictional tenant of Contoso Clinic, for demonstrations and tests. Built by build-recording.mjs.",
    _hipaaEvidence: {
      tool: { name: "hipaa-evidence", version: "sample" },
      cloud: "AzurePublic",
      identity: {
        tenantId,
        kind: "servicePrincipal",
        objectId: principals.collector.id,
        appId: principals.collector.appId,
        displayName: principals.collector.displayName,
        // What the identity part needs beyond Directory.Read.All (Conditional Access, sign-in activity, PIM schedules).
        graphAppRoles: ["AuditLog.Read.All", "Directory.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory"],
      },
    },
    entries,
  },
};

const target = process.argv[2] ?? fileURLToPath(new URL("./recording.har", import.meta.url));
writeFileSync(target, `${JSON.stringify(har, null, 2)}\n`);
console.log(`wrote ${target}: ${entries.length} calls`);
