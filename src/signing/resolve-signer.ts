import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential } from "@azure/identity";
import type { CollectionLimits } from "../azure/limits.js";
import { UsageError } from "../errors.js";
import { developmentKeyFile, developmentSigningKey } from "./development-key.js";
import type { SignatureTimestamper } from "./cms.js";
import { EvidenceSigner } from "./evidence-signer.js";
import { keyVaultSigningKey } from "./key-vault-key.js";
import { loadPfxSigningKey } from "./local-key.js";
import type { SigningKey } from "./signing-key.js";
import { timestampAuthority } from "./timestamp.js";

/** How the user asked the archive to be signed (all optional: the default is the development key). */
export interface SigningOptions {
  pfx?: { file: string; passwordVariable: string } | undefined;
  keyVaultKey?: string | undefined;
  tsaUrl?: string | undefined;
  requireTimestamp?: boolean | undefined;
  /** Where the development key is kept; defaults to the user's config folder. */
  developmentKeyFile?: string | undefined;
}

/**
 * Picks the key source and timestamp policy before anything is collected, so a wrong password or a
 * missing Key Vault permission stops the run at once rather than after the collection.
 */
export async function resolveSigner(
  options: SigningOptions,
  context: {
    now: Date;
    warn: (message: string) => void;
    azure?: { credential?: TokenCredential | undefined; httpClient?: HttpClient | undefined; limits?: CollectionLimits | undefined };
  },
): Promise<EvidenceSigner> {
  if (options.pfx && options.keyVaultKey) throw new UsageError("--sign-pfx and --sign-key-vault-key: expected one key source, not both");
  if (options.requireTimestamp && !options.tsaUrl) throw new UsageError("--require-timestamp: expected --tsa-url naming the timestamp authority");
  let key: SigningKey;
  if (options.pfx) {
    key = await loadPfxSigningKey(options.pfx.file, options.pfx.passwordVariable);
  } else if (options.keyVaultKey) {
    key = await keyVaultSigningKey({
      keyUrl: options.keyVaultKey,
      credential: context.azure?.credential ?? new DefaultAzureCredential(),
      ...(context.azure?.httpClient ? { httpClient: context.azure.httpClient } : {}),
      ...(context.azure?.limits ? { limits: context.azure.limits } : {}),
    });
  } else {
    const file = options.developmentKeyFile ?? developmentKeyFile();
    const development = await developmentSigningKey(context.now, file);
    key = development.key;
    context.warn(
      development.created
        ? `no signing key configured: created a development key in ${file}; signatures made with it are development signatures, not trusted`
        : `no signing key configured: signing with the development key in ${file} (development signature, not trusted)`,
    );
  }
  let timestamp: { url: string; stamp: SignatureTimestamper } | undefined;
  if (options.tsaUrl) {
    const authority = timestampAuthority({ url: options.tsaUrl, required: options.requireTimestamp === true, warn: context.warn });
    // In optional mode one failure is enough: asking again for each of two dozen files would only
    // multiply the timeout, and an archive half B-T and half B-B would be harder to explain.
    let unavailable = false;
    const stamp: SignatureTimestamper = async (signatureValue) => {
      if (unavailable) return undefined;
      const token = await authority(signatureValue);
      if (!token) unavailable = true;
      return token;
    };
    timestamp = { url: options.tsaUrl, stamp };
  }
  return new EvidenceSigner(key, timestamp);
}
