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
  riley: { type: "user", id: "a1e5c0de-0008-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Riley Chen", upn: "riley.chen@contosoclinic.com", userType: "Member" },
  appTeam: { type: "group", id: "b2f6d1ef-0001-4b7c-9d0e-1f2a3b4c5d6e", displayName: "EHR App Team" },
  developers: { type: "group", id: "b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Clinic Developers" },
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
    return { "@odata.type": "#microsoft.graph.user", id: principal.id, displayName: principal.displayName, userPrincipalName: principal.upn, userType: principal.userType, accountEnabled: true };
  }
  if (principal.type === "group") {
    return { "@odata.type": "#microsoft.graph.group", id: principal.id, displayName: principal.displayName, securityEnabled: true, mailEnabled: false };
  }
  return { "@odata.type": "#microsoft.graph.servicePrincipal", id: principal.id, displayName: principal.displayName, appId: principal.appId, servicePrincipalType: principal.servicePrincipalType, accountEnabled: true };
}

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
        graphAppRoles: ["Directory.Read.All"],
      },
    },
    entries,
  },
};

const target = process.argv[2] ?? fileURLToPath(new URL("./recording.har", import.meta.url));
writeFileSync(target, `${JSON.stringify(har, null, 2)}\n`);
console.log(`wrote ${target}: ${entries.length} calls`);
