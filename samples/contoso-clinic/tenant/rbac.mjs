// Azure RBAC: role assignments, role definitions and PIM schedule instances per subscription, then
// one Microsoft Graph lookup of every principal they name.
import { dev, devScope, managementGroup, principals, prod, prodScope, rgEhrApp, rgEhrData, rgOps, roles } from "./clinic.mjs";
import { arm, graph } from "./recording.mjs";
import { directoryObject } from "./shared-payloads.mjs";

const armPrincipalType = { user: "User", group: "Group", servicePrincipal: "ServicePrincipal" };

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
    builtIn(
      roles.contributor,
      "Contributor",
      "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
      ["*"],
      ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"],
    ),
    builtIn(roles.reader, "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
    builtIn(roles.userAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.", [
      "*/read",
      "Microsoft.Authorization/*",
      "Microsoft.Support/*",
    ]),
    roleDefinition(subscriptionId, roles.keyVaultSecretsUser, "Key Vault Secrets User", "BuiltInRole", "Read secret contents.", [
      {
        actions: [],
        notActions: [],
        dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"],
        notDataActions: [],
      },
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
    [kind === "eligibility" ? "roleEligibilityScheduleId" : "roleAssignmentScheduleId"]:
      `${scope}/providers/Microsoft.Authorization/${kind === "eligibility" ? "RoleEligibilitySchedules" : "RoleAssignmentSchedules"}/${name}`,
    startDateTime: start ?? "2025-03-14T10:21:07.123Z",
    endDateTime: end ?? null,
    memberType: "Direct",
    createdOn: start ?? "2025-03-14T10:21:07.123Z",
    condition: null,
    conditionVersion: null,
    expandedProperties: {
      scope: {
        id: scope,
        displayName: scope.startsWith("/subscriptions/") ? subscription.name : scope.split("/").pop(),
        type:
          scope.startsWith("/subscriptions/") && scope.split("/").length === 3
            ? "subscription"
            : scope.includes("resourceGroups")
              ? "resourcegroup"
              : "managementgroup",
      },
      roleDefinition: {
        id: `/subscriptions/${subscription.id}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
        displayName: roleName,
        type: roleId === roles.clinicOperationsSuperuser || roleId === roles.clinicEvidenceReader ? "CustomRole" : "BuiltInRole",
      },
      principal: {
        id: principal.id,
        displayName: principal.displayName,
        ...(principal.upn ? { email: principal.upn } : {}),
        type: armPrincipalType[principal.type],
      },
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
const holdings = {
  [prod.id]: [
    ["e0a1b2c3-0001-4000-8000-000000000001", principals.alex, roles.owner, "Owner", managementGroup],
    ["e0a1b2c3-0002-4000-8000-000000000002", principals.collector, roles.reader, "Reader", managementGroup],
    ["e0a1b2c3-0003-4000-8000-000000000003", principals.dana, roles.owner, "Owner", prodScope],
    ["e0a1b2c3-0004-4000-8000-000000000004", principals.morgan, roles.owner, "Owner", prodScope],
    ["e0a1b2c3-0005-4000-8000-000000000005", principals.deployPipeline, roles.owner, "Owner", prodScope],
    [
      "e0a1b2c3-0006-4000-8000-000000000006",
      principals.priya,
      roles.contributor,
      "Contributor",
      prodScope,
      { assignmentType: "Activated", start: "2026-11-20T09:00:00Z", end: "2026-11-20T17:00:00Z" },
    ],
    ["e0a1b2c3-0007-4000-8000-000000000007", principals.appTeam, roles.contributor, "Contributor", rgEhrApp],
    ["e0a1b2c3-0008-4000-8000-000000000008", principals.sam, roles.reader, "Reader", prodScope],
    [
      "e0a1b2c3-0009-4000-8000-000000000009",
      principals.ehrApi,
      roles.keyVaultSecretsUser,
      "Key Vault Secrets User",
      `${rgEhrData}/providers/Microsoft.KeyVault/vaults/kv-phi-prod-01`,
    ],
    ["e0a1b2c3-0010-4000-8000-000000000010", principals.chris, roles.clinicOperationsSuperuser, "Clinic Operations Superuser", rgOps],
    // Planted: Chris Okafor has not signed in since June 2026 (see entra.mjs) and still holds Owner.
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
    [
      "f1b2c3d4-0001-4000-8000-000000000001",
      principals.priya,
      roles.contributor,
      "Contributor",
      prodScope,
      { start: "2026-06-01T00:00:00Z", end: "2027-05-31T23:59:59Z" },
    ],
    ["f1b2c3d4-0002-4000-8000-000000000002", principals.sam, roles.owner, "Owner", prodScope, { start: "2026-09-01T00:00:00Z", end: "2026-12-31T23:59:59Z" }],
  ],
};

export function recordRbac({ record }) {
  for (const subscriptionEntry of [prod, dev]) {
    const base = `${arm}/subscriptions/${subscriptionEntry.id}/providers/Microsoft.Authorization`;
    const assignments = holdings[subscriptionEntry.id].map(([name, principal, roleId, , scope]) =>
      roleAssignment(subscriptionEntry.id, name, principal, roleId, scope),
    );
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
        value: eligible[prod.id].map(([name, principal, roleId, roleName, scope, times]) =>
          scheduleInstance("eligibility", prod, name, principal, roleId, roleName, scope, times),
        ),
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

  // One lookup names every principal the assignments and eligibilities hold; the collector sends the ids sorted.
  const allPrincipalIds = [
    ...new Set(
      Object.values(holdings)
        .flat()
        .concat(Object.values(eligible).flat())
        .map(([, principal]) => principal.id),
    ),
  ].sort();
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
}
