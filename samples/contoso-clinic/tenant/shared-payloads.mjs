// Payload builders that more than one evidence area uses.

// Shape: arm-monitor-diagnostic-settings-list.json
export function diagnosticSetting(resourceId, name, destination, logs) {
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

// Shape: Microsoft Graph directoryObject (POST /directoryObjects/getByIds returns user, group and servicePrincipal objects).
export function directoryObject(principal) {
  if (principal.type === "user") {
    return {
      "@odata.type": "#microsoft.graph.user",
      id: principal.id,
      displayName: principal.displayName,
      userPrincipalName: principal.upn,
      userType: principal.userType,
      accountEnabled: principal.accountEnabled ?? true,
    };
  }
  if (principal.type === "group") {
    return { "@odata.type": "#microsoft.graph.group", id: principal.id, displayName: principal.displayName, securityEnabled: true, mailEnabled: false };
  }
  return {
    "@odata.type": "#microsoft.graph.servicePrincipal",
    id: principal.id,
    displayName: principal.displayName,
    appId: principal.appId,
    servicePrincipalType: principal.servicePrincipalType,
    accountEnabled: true,
  };
}
