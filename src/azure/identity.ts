import { z } from "zod";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import type { CollectingIdentity } from "../model/identity.js";

const TokenClaimsSchema = z.looseObject({
  tid: z.string().optional(),
  oid: z.string().optional(),
  appid: z.string().optional(),
  azp: z.string().optional(),
  idtyp: z.string().optional(),
  upn: z.string().optional(),
  unique_name: z.string().optional(),
  name: z.string().optional(),
  app_displayname: z.string().optional(),
  xms_mirid: z.string().optional(),
  roles: z.array(z.string()).optional(),
});
type TokenClaims = z.infer<typeof TokenClaimsSchema>;

function decodeClaims(token: string): TokenClaims | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const parsed = TokenClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not a JWT (some credentials hand out opaque tokens): the identity stays unknown.
    return undefined;
  }
}

function identityFrom(claims: TokenClaims): CollectingIdentity | undefined {
  if (!claims.tid) return undefined;
  const kind: CollectingIdentity["kind"] = claims.xms_mirid
    ? "managedIdentity"
    : claims.idtyp === "app" || (!claims.upn && !claims.unique_name && (claims.appid ?? claims.azp))
      ? "servicePrincipal"
      : claims.upn || claims.unique_name
        ? "user"
        : "unknown";
  return {
    tenantId: claims.tid,
    kind,
    objectId: claims.oid,
    appId: claims.appid ?? claims.azp,
    displayName: claims.upn ?? claims.unique_name ?? claims.app_displayname ?? claims.name,
  };
}

/**
 * Wraps the real credential and remembers the identity its tokens describe. Tokens pass through
 * untouched and are never stored.
 */
export class ObservingCredential implements TokenCredential {
  private identity: CollectingIdentity | undefined;
  private graphAppRoles: string[] | undefined;

  constructor(
    private readonly inner: TokenCredential,
    private readonly graphScope: string,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const token = await this.inner.getToken(scopes, options);
    if (token) {
      const claims = decodeClaims(token.token);
      if (claims) {
        this.identity ??= identityFrom(claims);
        const scopeList = Array.isArray(scopes) ? scopes : [scopes];
        if (scopeList.includes(this.graphScope) && claims.roles) this.graphAppRoles = [...claims.roles].sort();
      }
    }
    return token;
  }

  observedIdentity(): CollectingIdentity | undefined {
    if (!this.identity) return undefined;
    return this.graphAppRoles ? { ...this.identity, graphAppRoles: this.graphAppRoles } : this.identity;
  }
}

/**
 * Replay needs a credential because the SDK clients insist on one; the token it hands out is a
 * fixed placeholder that no service would accept, and the recorder strips it like any other.
 */
export const replayCredential: TokenCredential = {
  async getToken() {
    return { token: "replay-placeholder-not-a-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
