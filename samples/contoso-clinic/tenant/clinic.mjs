// The clinic itself: its tenant, subscriptions, scopes, people and workloads, the Azure roles they
// hold, and the resources more than one evidence area names. Everything here is fictional.

export const tenantId = "7d3f2a9c-4b1e-4f6a-9c2d-5e8b1a0c3f47";
export const prod = { id: "4f9a1c2e-8b3d-4e5f-a6b7-c8d9e0f1a2b3", name: "Clinic-Prod" };
export const dev = { id: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", name: "Clinic-Dev" };
export const managementGroup = "/providers/Microsoft.Management/managementGroups/mg-clinic-production";

// Collection ran on 2026-11-20 at about 14:02 UTC; the sign-in and PIM times of the sample are set against it.
export const collectionStartedAt = "2026-11-20T14:02:11.000Z";

export const prodScope = `/subscriptions/${prod.id}`;
export const devScope = `/subscriptions/${dev.id}`;
export const rgEhrApp = `${prodScope}/resourceGroups/rg-ehr-app`;
export const rgEhrData = `${prodScope}/resourceGroups/rg-ehr-data`;
export const rgOps = `${prodScope}/resourceGroups/rg-clinic-ops`;

// Azure role definition ids: the built-in ones are Azure's own, the custom ones the clinic's.
export const roles = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  clinicOperationsSuperuser: "6c1d4e2f-3a5b-4c7d-8e9f-0a1b2c3d4e5f",
  clinicEvidenceReader: "2b7e9f1a-4c6d-4e8f-9a0b-1c2d3e4f5a6b",
};

// People and workloads. `guest` users carry #EXT# in their UPN, as B2B accounts do.
export const principals = {
  alex: { type: "user", id: "a1e5c0de-0001-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Alex Morgan", upn: "alex.morgan@contosoclinic.com", userType: "Member" },
  dana: {
    type: "user",
    id: "a1e5c0de-0002-4a6b-8c9d-0e1f2a3b4c5d",
    displayName: "Dana Whitfield",
    upn: "dana.whitfield@contosoclinic.com",
    userType: "Member",
  },
  morgan: {
    type: "user",
    id: "a1e5c0de-0003-4a6b-8c9d-0e1f2a3b4c5d",
    displayName: "Morgan Lee (Northwind IT)",
    upn: "morgan.lee_northwindit.com#EXT#@contosoclinic.onmicrosoft.com",
    userType: "Guest",
  },
  priya: { type: "user", id: "a1e5c0de-0004-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Priya Raman", upn: "priya.raman@contosoclinic.com", userType: "Member" },
  sam: { type: "user", id: "a1e5c0de-0005-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Sam Patel", upn: "sam.patel@contosoclinic.com", userType: "Member" },
  chris: { type: "user", id: "a1e5c0de-0006-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Chris Okafor", upn: "chris.okafor@contosoclinic.com", userType: "Member" },
  jordan: { type: "user", id: "a1e5c0de-0007-4a6b-8c9d-0e1f2a3b4c5d", displayName: "Jordan Kim", upn: "jordan.kim@contosoclinic.com", userType: "Member" },
  riley: {
    type: "user",
    id: "a1e5c0de-0008-4a6b-8c9d-0e1f2a3b4c5d",
    displayName: "Riley Chen",
    upn: "riley.chen@contosoclinic.com",
    userType: "Member",
    accountEnabled: false,
  },
  // Cloud-only emergency access accounts (Global Administrator, excluded from Conditional Access).
  breakGlass1: {
    type: "user",
    id: "a1e5c0de-0009-4a6b-8c9d-0e1f2a3b4c5d",
    displayName: "Break Glass Admin 01",
    upn: "bg-admin-01@contosoclinic.onmicrosoft.com",
    userType: "Member",
  },
  breakGlass2: {
    type: "user",
    id: "a1e5c0de-0010-4a6b-8c9d-0e1f2a3b4c5d",
    displayName: "Break Glass Admin 02",
    upn: "bg-admin-02@contosoclinic.onmicrosoft.com",
    userType: "Member",
  },
  appTeam: { type: "group", id: "b2f6d1ef-0001-4b7c-9d0e-1f2a3b4c5d6e", displayName: "EHR App Team" },
  developers: { type: "group", id: "b2f6d1ef-0002-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Clinic Developers" },
  caExclusion: { type: "group", id: "b2f6d1ef-0003-4b7c-9d0e-1f2a3b4c5d6e", displayName: "CA exclusion - legacy scanners" },
  scannerOperators: { type: "group", id: "b2f6d1ef-0004-4b7c-9d0e-1f2a3b4c5d6e", displayName: "Scanner operators" },
  deployPipeline: {
    type: "servicePrincipal",
    id: "c3a7e2f0-0001-4c8d-a0e1-2f3a4b5c6d7e",
    displayName: "ehr-deploy-pipeline",
    appId: "d4b8f3a1-0001-4d9e-b1f2-3a4b5c6d7e8f",
    servicePrincipalType: "Application",
  },
  ehrApi: {
    type: "servicePrincipal",
    id: "c3a7e2f0-0002-4c8d-a0e1-2f3a4b5c6d7e",
    displayName: "ehr-api",
    appId: "d4b8f3a1-0002-4d9e-b1f2-3a4b5c6d7e8f",
    servicePrincipalType: "ManagedIdentity",
  },
  collector: {
    type: "servicePrincipal",
    id: "c3a7e2f0-0003-4c8d-a0e1-2f3a4b5c6d7e",
    displayName: "hipaa-evidence-collector",
    appId: "d4b8f3a1-0003-4d9e-b1f2-3a4b5c6d7e8f",
    servicePrincipalType: "Application",
  },
};

// The identity the recording says collected it.
export const collectingIdentity = {
  tenantId,
  kind: "servicePrincipal",
  objectId: principals.collector.id,
  appId: principals.collector.appId,
  displayName: principals.collector.displayName,
  // What the identity part needs beyond Directory.Read.All (Conditional Access, sign-in activity, PIM
  // schedules of directory roles and of groups).
  graphAppRoles: [
    "AuditLog.Read.All",
    "Directory.Read.All",
    "Policy.Read.All",
    "PrivilegedAssignmentSchedule.Read.AzureADGroup",
    "PrivilegedEligibilitySchedule.Read.AzureADGroup",
    "RoleManagement.Read.Directory",
  ],
};

// Clinic-Prod resources that several areas name: the security workspace receives the logs of most of
// them, and Defender for Cloud lists them all.
export const securityWorkspace = `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.OperationalInsights/workspaces/law-clinic-security`;
export const securityWorkspaceCustomerId = "b5e1c0de-7a3f-4c2d-9e8b-1f0a2b3c4d5e";
export const archiveStorage = `/subscriptions/${prod.id}/resourceGroups/rg-security-logs/providers/Microsoft.Storage/storageAccounts/stclinicauditarchive`;
export const scansStorage = `${rgEhrData}/providers/Microsoft.Storage/storageAccounts/stclinicscans01`;
export const sqlServer = `${rgEhrData}/providers/Microsoft.Sql/servers/sql-ehr-prod`;
export const portal = `${rgEhrApp}/providers/Microsoft.Web/sites/app-ehr-portal`;
export const devWorkspace = `${devScope}/resourceGroups/rg-dev-sandbox/providers/Microsoft.OperationalInsights/workspaces/law-dev-sandbox`;
// Finance's export account in rg-clinic-ops, in West US 2: nobody has said whether it holds ePHI.
export const exportsStorage = `${rgOps}/providers/Microsoft.Storage/storageAccounts/stclinicexports01`;
