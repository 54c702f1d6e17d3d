import { DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/core-auth";
import { createDefaultHttpClient, type HttpClient } from "@azure/core-rest-pipeline";
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { MonitorClient } from "@azure/arm-monitor";
import { OperationalInsightsManagementClient } from "@azure/arm-operationalinsights";
import { LogsQueryClient } from "@azure/monitor-query-logs";
import type { Client as GraphClient } from "@microsoft/microsoft-graph-client";
import type { Clock } from "../clock.js";
import type { CloudEndpoints } from "./clouds.js";
import { createGraphClient } from "./graph.js";
import type { HarFile } from "./har.js";
import type { CollectingIdentity } from "../model/identity.js";
import { ObservingCredential, replayCredential } from "./identity.js";
import { Ledger, RecordingHttpClient } from "./ledger.js";
import { defaultCollectionLimits, type CollectionLimits } from "./limits.js";
import { BoundedTransport } from "./live-transport.js";
import { HarReplayHttpClient } from "./replay.js";
import { keepToEndpoint, ServiceBoundary } from "./service-boundary.js";

export type AccessMode =
  | {
      kind: "live";
      credential?: TokenCredential | undefined;
      transport?: HttpClient | undefined;
      /** Base delay of the SDKs' back-off between retries (default 1 s; Graph 3 s); tests shorten it. */
      retryDelayMs?: number | undefined;
    }
  | { kind: "replay"; har: HarFile; source: string };

/**
 * Everything collectors use to reach Azure and Graph. Every client shares one recorder (over the
 * live transport or the replay), so the SDKs' own paging, retry and deserialisation run in every
 * mode and every attempt lands in the ledger. Each service's clients send through a boundary of
 * their own, which lets requests reach that service's endpoint only and checks every answer.
 */
export class AzureAccess {
  readonly ledger = new Ledger();
  private readonly armTransport: HttpClient;
  private readonly graphTransport: HttpClient;
  private readonly logAnalyticsTransport: HttpClient;
  private readonly credential: TokenCredential;
  private readonly observing: ObservingCredential | undefined;
  private readonly recordedIdentity: CollectingIdentity | undefined;
  private graphClient: GraphClient | undefined;

  constructor(
    readonly mode: AccessMode,
    readonly endpoints: CloudEndpoints,
    clock: Clock,
    private readonly limits: CollectionLimits = defaultCollectionLimits,
  ) {
    let recorder: RecordingHttpClient;
    if (mode.kind === "replay") {
      this.credential = replayCredential;
      this.recordedIdentity = mode.har.log._hipaaEvidence?.identity;
      recorder = new RecordingHttpClient(new HarReplayHttpClient(mode.har, mode.source), this.ledger, clock);
    } else {
      const inner = mode.credential ?? new DefaultAzureCredential({ authorityHost: endpoints.authorityHost });
      this.observing = new ObservingCredential(inner, endpoints.graph.scope);
      this.credential = this.observing;
      recorder = new RecordingHttpClient(new BoundedTransport(mode.transport ?? createDefaultHttpClient(), limits), this.ledger, clock);
    }
    this.armTransport = new ServiceBoundary(recorder, endpoints.arm.url, limits);
    this.graphTransport = new ServiceBoundary(recorder, endpoints.graph.url, limits);
    this.logAnalyticsTransport = new ServiceBoundary(recorder, endpoints.logAnalytics.url, limits);
  }

  /**
   * Live only: obtains an ARM token up front, so a missing credential ends the run before any
   * collection (exit 3) and the collecting identity is known from the start.
   */
  async authenticate(): Promise<void> {
    const token = await this.credential.getToken(this.endpoints.arm.scope);
    if (!token) throw new Error("the credential returned no token");
  }

  /** Who collected: from token claims when live, from the recording when replayed. */
  identity(): CollectingIdentity | undefined {
    return this.observing?.observedIdentity() ?? this.recordedIdentity;
  }

  /**
   * Replay serves answers instantly, so the SDKs' retry back-off is shortened there; retries still
   * happen, and a recorded Retry-After header is still honoured.
   */
  private get retryOptions() {
    return this.mode.kind === "replay"
      ? { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 50 }
      : { maxRetries: 3, retryDelayInMs: this.mode.retryDelayMs ?? 1000, maxRetryDelayInMs: 64_000 };
  }

  /** Options for the HLC (core-client) ARM clients: endpoint moves the URL, credentialScopes keeps the audience. */
  private hlcOptions() {
    return {
      httpClient: this.armTransport,
      endpoint: this.endpoints.arm.url,
      credentialScopes: [this.endpoints.arm.scope],
      retryOptions: this.retryOptions,
      userAgentOptions: { userAgentPrefix: "hipaa-evidence" },
    };
  }

  /** Options for the modular (TypeSpec) ARM clients, which take `credentials.scopes` instead. */
  private modularOptions() {
    return {
      httpClient: this.armTransport,
      endpoint: this.endpoints.arm.url,
      credentials: { scopes: [this.endpoints.arm.scope] },
      retryOptions: this.retryOptions,
      userAgentOptions: { userAgentPrefix: "hipaa-evidence" },
    };
  }

  subscriptions(): SubscriptionClient {
    return keepToEndpoint(new SubscriptionClient(this.credential, this.hlcOptions()), this.endpoints.arm.url);
  }

  authorization(subscriptionId: string): AuthorizationManagementClient {
    return keepToEndpoint(new AuthorizationManagementClient(this.credential, subscriptionId, this.hlcOptions()), this.endpoints.arm.url);
  }

  keyVault(subscriptionId: string): KeyVaultManagementClient {
    return keepToEndpoint(new KeyVaultManagementClient(this.credential, subscriptionId, this.modularOptions()), this.endpoints.arm.url);
  }

  monitor(subscriptionId: string): MonitorClient {
    return keepToEndpoint(new MonitorClient(this.credential, subscriptionId, this.hlcOptions()), this.endpoints.arm.url);
  }

  /** Log Analytics workspaces and tables (arm-operationalinsights 9, api-version 2022-10-01 for both). */
  logAnalytics(subscriptionId: string): OperationalInsightsManagementClient {
    return keepToEndpoint(new OperationalInsightsManagementClient(this.credential, subscriptionId, this.hlcOptions()), this.endpoints.arm.url);
  }

  logs(): LogsQueryClient {
    const client = new LogsQueryClient(this.credential, {
      httpClient: this.logAnalyticsTransport,
      endpoint: this.endpoints.logAnalytics.url,
      credentials: { scopes: [this.endpoints.logAnalytics.scope] },
      retryOptions: this.retryOptions,
    });
    return keepToEndpoint(client, this.endpoints.logAnalytics.url);
  }

  graph(): GraphClient {
    this.graphClient ??= createGraphClient({
      credential: this.credential,
      transport: this.graphTransport,
      baseUrl: this.endpoints.graph.url,
      scope: this.endpoints.graph.scope,
      retry: {
        delaySeconds: this.mode.kind === "replay" ? 0.01 : this.mode.retryDelayMs !== undefined ? this.mode.retryDelayMs / 1000 : 3,
        maxRetries: 3,
        maxRetryAfterSeconds: this.limits.maxRetryAfterMs / 1000,
      },
    });
    return this.graphClient;
  }

  /**
   * Conditional Access endpoints allow one request per second per tenant and throttle without
   * Retry-After, so live calls to them are spaced out; a replay has nothing to wait for.
   */
  get conditionalAccessIntervalMs(): number {
    return this.mode.kind === "replay" ? 0 : 1100;
  }

  /** The ARM URL of a path, for calls the installed SDK only offers at an outdated api-version. */
  armUrl(pathAndQuery: string): string {
    return `${this.endpoints.arm.url}${pathAndQuery}`;
  }
}
