import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateFacts, certificatesFromPem, type CertificateFacts } from "../../src/signing/certificate.js";
import { chainsToTrustAnchor } from "../../src/signing/verify-signature.js";
import { temporaryFolder } from "../support/sample.js";
import { run } from "../support/tools.js";

/**
 * Who may vouch for a signer: chains made with stock openssl (P-256 keys, quick to make), one
 * certificate per role, and each case names the anchor verify must reach or that it must reach none.
 */
const roles = {
  root: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n",
  intermediate: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  // May sign certificates by its key usage, but is no CA by its basic constraints: OpenSSL's issuer
  // check (name, key identifier, key usage) accepts it, so only verify's own CA check refuses it.
  rogue: "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  leaf: "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
};

let folder: string;
const made = new Map<string, CertificateFacts>();

function openssl(args: string[]): void {
  const result = run("openssl", args, { cwd: folder });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr}`);
}

/** A certificate named `name` with `role`'s extensions, issued by `issuer` (self-signed without one). */
function certificate(name: string, role: keyof typeof roles, issuer?: string, subject = `/CN=${name}/O=Contoso Clinic`): void {
  writeFileSync(join(folder, `${name}.ext`), roles[role]);
  openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject]);
  const signer = issuer ? ["-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-CAcreateserial"] : ["-key", `${name}.key`];
  openssl(["x509", "-req", "-in", `${name}.csr`, ...signer, "-out", `${name}.pem`, "-days", "30", "-extfile", `${name}.ext`]);
  const [der] = certificatesFromPem(readFileSync(join(folder, `${name}.pem`), "ascii"));
  if (!der) throw new Error(`openssl wrote no certificate for ${name}`);
  made.set(name, certificateFacts(der));
}

const facts = (name: string): CertificateFacts => {
  const found = made.get(name);
  if (!found) throw new Error(`no certificate ${name}`);
  return found;
};

beforeAll(() => {
  folder = temporaryFolder("chains");
  certificate("root", "root");
  certificate("intermediate", "intermediate", "root");
  certificate("rogue", "rogue", "root");
  certificate("signed-by-root", "leaf", "root");
  certificate("signed-by-intermediate", "leaf", "intermediate");
  certificate("signed-by-rogue", "leaf", "rogue");
  // Another key under the root's name: names match, the signature does not.
  certificate("impostor", "root", undefined, "/CN=root/O=Contoso Clinic");
  certificate("signed-by-impostor", "leaf", "impostor");
  // A leaf of the root, used as if it were an issuer.
  certificate("signed-by-leaf", "leaf", "signed-by-root");
  // A ladder of eight intermediate CAs under the root: verify follows at most eight certificates.
  for (let rung = 1; rung <= 8; rung += 1) certificate(`rung-${rung}`, "intermediate", rung === 1 ? "root" : `rung-${rung - 1}`);
  certificate("signed-by-rung-7", "leaf", "rung-7");
  certificate("signed-by-rung-8", "leaf", "rung-8");
});

const rungs = (top: number) => Array.from({ length: top }, (_, index) => `rung-${top - index}`);

describe("chainsToTrustAnchor", () => {
  it.each([
    { name: "issued by the anchor", signer: "signed-by-root", intermediates: [], anchors: ["root"], reaches: "root" },
    { name: "the anchor itself", signer: "root", intermediates: [], anchors: ["root"], reaches: "root" },
    {
      name: "a signer the auditor trusts directly (the same certificate, not a CA)",
      signer: "signed-by-root",
      intermediates: [],
      anchors: ["signed-by-root"],
      reaches: "signed-by-root",
    },
    {
      name: "through an intermediate CA the archive ships",
      signer: "signed-by-intermediate",
      intermediates: ["intermediate"],
      anchors: ["root"],
      reaches: "root",
    },
    {
      name: "through an intermediate CA, the signer itself among the certificates shipped",
      signer: "signed-by-intermediate",
      intermediates: ["signed-by-intermediate", "intermediate"],
      anchors: ["root"],
      reaches: "root",
    },
    { name: "the intermediate CA missing from the archive", signer: "signed-by-intermediate", intermediates: [], anchors: ["root"], reaches: undefined },
    {
      name: "an anchor that is not the one the chain leads to",
      signer: "signed-by-intermediate",
      intermediates: ["intermediate"],
      anchors: ["impostor"],
      reaches: undefined,
    },
    {
      name: "through an issuer that may sign certificates by key usage but is no CA",
      signer: "signed-by-rogue",
      intermediates: ["rogue"],
      anchors: ["root"],
      reaches: undefined,
    },
    {
      name: "issued by a certificate that is no CA at all",
      signer: "signed-by-leaf",
      intermediates: ["signed-by-root"],
      anchors: ["root"],
      reaches: undefined,
    },
    { name: "issued under the anchor's name by another key", signer: "signed-by-impostor", intermediates: [], anchors: ["root"], reaches: undefined },
    {
      name: "issued under the anchor's name by another key, that key shipped as intermediate",
      signer: "signed-by-impostor",
      intermediates: ["impostor"],
      anchors: ["root"],
      reaches: undefined,
    },
    {
      name: "through seven intermediate CAs: the longest chain verify follows",
      signer: "signed-by-rung-7",
      intermediates: rungs(7),
      anchors: ["root"],
      reaches: "root",
    },
    {
      name: "through eight intermediate CAs: longer than verify follows",
      signer: "signed-by-rung-8",
      intermediates: rungs(8),
      anchors: ["root"],
      reaches: undefined,
    },
  ])("$name", ({ signer, intermediates, anchors, reaches }) => {
    const anchor = chainsToTrustAnchor(facts(signer), intermediates.map(facts), anchors.map(facts));
    expect(anchor?.subject).toBe(reaches === undefined ? undefined : facts(reaches).subject);
    if (reaches !== undefined) expect(anchor?.der.equals(facts(reaches).der)).toBe(true);
  });

  it("the rogue issuer passes OpenSSL's own issuer check: only the CA flag refuses it", () => {
    expect(facts("signed-by-rogue").x509.checkIssued(facts("rogue").x509)).toBe(true);
    expect(facts("signed-by-rogue").x509.verify(facts("rogue").x509.publicKey)).toBe(true);
    expect(facts("rogue").x509.ca).toBe(false);
  });
});
