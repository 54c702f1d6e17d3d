// Entra sign-in logs in Log Analytics: Entra ID's diagnostic settings, the workspace they send to,
// and two queries of its SigninLogs table.
// Entra ID sends its sign-in and audit logs to the security workspace. Over the last 30 days Dana
// Whitfield, whom the excluded group hides from CA001, signed in with a password alone; the others
// passed MFA; Chris Okafor (stale) and the emergency accounts did not sign in.
import { principals, securityWorkspace, securityWorkspaceCustomerId } from "./clinic.mjs";
import { arm, logAnalytics } from "./recording.mjs";

// Sign-ins over the last 30 days: [user, authentication requirement, succeeded, count, last sign-in].
const signInRows = [
  [principals.alex, "multiFactorAuthentication", true, 61, "2026-11-20T08:12:09.201Z"],
  [principals.dana, "singleFactorAuthentication", true, 47, "2026-11-20T09:41:55.870Z"],
  [principals.dana, "singleFactorAuthentication", false, 3, "2026-11-18T16:02:13.004Z"],
  [principals.morgan, "multiFactorAuthentication", true, 9, "2026-11-12T15:30:02.655Z"],
  [principals.priya, "multiFactorAuthentication", true, 38, "2026-11-20T07:55:40.118Z"],
  [principals.sam, "multiFactorAuthentication", true, 22, "2026-11-20T08:31:11.742Z"],
  [principals.jordan, "multiFactorAuthentication", true, 30, "2026-11-20T10:02:27.391Z"],
];

export function recordEntraSignIns({ record }) {
  record("GET", `${arm}/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01`, 200, {
    value: [
      {
        id: "/providers/microsoft.aadiam/diagnosticSettings/entra-to-law-clinic-security",
        type: "microsoft.aadiam/diagnosticSettings",
        name: "entra-to-law-clinic-security",
        properties: {
          workspaceId: securityWorkspace,
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
  record("GET", `${arm}${securityWorkspace}?api-version=2022-10-01`, 200, {
    id: securityWorkspace,
    name: "law-clinic-security",
    type: "Microsoft.OperationalInsights/workspaces",
    location: "eastus2",
    properties: {
      provisioningState: "Succeeded",
      customerId: securityWorkspaceCustomerId,
      sku: { name: "PerGB2018" },
      retentionInDays: 90,
      publicNetworkAccessForIngestion: "Enabled",
      publicNetworkAccessForQuery: "Enabled",
    },
  });
  const logsQuery = `${logAnalytics}/workspaces/${securityWorkspaceCustomerId}/query`;
  record(
    "POST",
    logsQuery,
    200,
    {
      tables: [
        {
          name: "PrimaryResult",
          columns: [
            { name: "signIns", type: "long" },
            { name: "newest", type: "datetime" },
            { name: "oldest", type: "datetime" },
          ],
          rows: [[1843, "2026-11-20T13:58:41.117Z", "2026-10-21T14:05:09.552Z"]],
        },
      ],
    },
    { requestBody: { query: "SigninLogs | summarize signIns = count(), newest = max(TimeGenerated), oldest = min(TimeGenerated)", timespan: "P30D" } },
  );
  record(
    "POST",
    logsQuery,
    200,
    {
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
    },
    {
      requestBody: {
        query:
          'SigninLogs | extend succeeded = ResultType == "0" | summarize signIns = count(), lastSignIn = max(TimeGenerated) by UserId, UserPrincipalName, AuthenticationRequirement, succeeded',
        timespan: "P30D",
      },
    },
  );
}
