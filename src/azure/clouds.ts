/**
 * Sovereign clouds and their endpoints. An explicit override (used by tests to point the tool at an
 * HTTPS server on loopback, and by customers behind a private endpoint) changes where requests go,
 * never the token audience: a token for the real service is still what the credential is asked for.
 */
export const cloudNames = ["AzurePublic", "AzureUSGovernment"] as const;
export type CloudName = (typeof cloudNames)[number];

export interface ServiceEndpoint {
  /** Base URL requests are sent to, without trailing slash. */
  url: string;
  /** Token scope for this service in this cloud. */
  scope: string;
}

export interface CloudEndpoints {
  cloud: CloudName;
  arm: ServiceEndpoint;
  graph: ServiceEndpoint;
  /** Log Analytics query API; the url includes the /v1 path the SDK needs. */
  logAnalytics: ServiceEndpoint;
  authorityHost: string;
}

const clouds: Record<CloudName, CloudEndpoints> = {
  AzurePublic: {
    cloud: "AzurePublic",
    arm: { url: "https://management.azure.com", scope: "https://management.azure.com/.default" },
    graph: { url: "https://graph.microsoft.com", scope: "https://graph.microsoft.com/.default" },
    logAnalytics: { url: "https://api.loganalytics.io/v1", scope: "https://api.loganalytics.io/.default" },
    authorityHost: "https://login.microsoftonline.com",
  },
  AzureUSGovernment: {
    cloud: "AzureUSGovernment",
    arm: { url: "https://management.usgovcloudapi.net", scope: "https://management.usgovcloudapi.net/.default" },
    graph: { url: "https://graph.microsoft.us", scope: "https://graph.microsoft.us/.default" },
    logAnalytics: { url: "https://api.loganalytics.us/v1", scope: "https://api.loganalytics.us/.default" },
    authorityHost: "https://login.microsoftonline.us",
  },
};

export interface EndpointOverrides {
  arm?: string | undefined;
  graph?: string | undefined;
  logAnalytics?: string | undefined;
  authorityHost?: string | undefined;
}

export function isCloudName(value: string): value is CloudName {
  return (cloudNames as readonly string[]).includes(value);
}

export function resolveEndpoints(cloud: CloudName, overrides: EndpointOverrides = {}): CloudEndpoints {
  const base = clouds[cloud];
  const trim = (url: string) => url.replace(/\/+$/, "");
  return {
    cloud,
    arm: { ...base.arm, url: overrides.arm ? trim(overrides.arm) : base.arm.url },
    graph: { ...base.graph, url: overrides.graph ? trim(overrides.graph) : base.graph.url },
    logAnalytics: {
      ...base.logAnalytics,
      url: overrides.logAnalytics ? trim(overrides.logAnalytics) : base.logAnalytics.url,
    },
    authorityHost: overrides.authorityHost ? trim(overrides.authorityHost) : base.authorityHost,
  };
}
