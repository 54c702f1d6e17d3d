import { performance } from "node:perf_hooks";
import type { SignerDescription } from "../model/signer.js";
import { isDevelopmentCertificate } from "./certificate.js";
import { buildDetachedCms, type SignatureTimestamper } from "./cms.js";
import { fillSignature } from "./pdf-signature.js";
import { signingCertificate, type SigningKey } from "./signing-key.js";

/**
 * Signs everything in one archive with one key: the PDFs in the render pass, then manifest.json and
 * SHA256SUMS as detached CMS. It keeps the time spent signing so the cost can be measured.
 */
export class EvidenceSigner {
  private spentMs = 0;
  private timestamped = 0;
  private signatures = 0;

  constructor(
    readonly key: SigningKey,
    private readonly timestamp: { url: string; stamp: SignatureTimestamper } | undefined,
  ) {}

  describe(): SignerDescription {
    const certificate = signingCertificate(this.key);
    return {
      source: this.key.source,
      // A PFX path says where the key sat on the signing machine, which an auditor has no use for.
      reference: this.key.source === "pfx" ? (this.key.reference?.split(/[\\/]/).pop() ?? null) : (this.key.reference ?? null),
      subject: certificate.subject,
      issuer: certificate.issuer,
      sha256Fingerprint: certificate.sha256Fingerprint,
      keyType: certificate.keyType,
      development: this.key.source === "development" || isDevelopmentCertificate(certificate),
      profile: "PAdES baseline B-B, B-T when timestamped; detached CMS (DER) for manifest.json and SHA256SUMS",
      timestampAuthority: this.timestamp?.url ?? null,
    };
  }

  /** Signs PDF byte ranges or a whole file, counting time and timestamps. */
  private async cms(content: Buffer[]): Promise<Buffer> {
    const started = performance.now();
    let stamped = false;
    const stamp = this.timestamp?.stamp;
    try {
      return await buildDetachedCms({
        content,
        key: this.key,
        timestamp: stamp
          ? async (value) => {
              const token = await stamp(value);
              stamped = token !== undefined;
              return token;
            }
          : undefined,
      });
    } finally {
      this.signatures += 1;
      if (stamped) this.timestamped += 1;
      this.spentMs += performance.now() - started;
    }
  }

  signDetached(content: Buffer): Promise<Buffer> {
    return this.cms([content]);
  }

  async signPdf(pdfWithPlaceholder: Buffer): Promise<Buffer> {
    return fillSignature(pdfWithPlaceholder, (ranges) => this.cms(ranges));
  }

  /** Time spent in signing so far, and how many signatures carry a timestamp. */
  statistics(): { milliseconds: number; signatures: number; timestamped: number } {
    return { milliseconds: this.spentMs, signatures: this.signatures, timestamped: this.timestamped };
  }
}
