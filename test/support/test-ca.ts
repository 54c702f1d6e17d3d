import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryFolder } from "./sample.js";
import { run } from "./tools.js";

/**
 * An organisation's signing set-up as an auditor would be given it, made with stock openssl: a CA,
 * a document-signing certificate it issued, and that key and chain in PFX files.
 */
export interface TestCa {
  folder: string;
  caPem: string;
  /** PFX files (password `pfxPassword`) in OpenSSL 3's default format and in the legacy one. */
  pfx: { rsa: string; rsaLegacy: string; ec: string };
  pfxPassword: string;
}

function openssl(args: string[], cwd: string): void {
  const result = run("openssl", args, { cwd });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr}`);
}

export function makeTestCa(name = "Contoso Clinic Test Root CA"): TestCa {
  const folder = temporaryFolder("ca");
  const pfxPassword = "correct horse battery staple";
  writeFileSync(join(folder, "leaf.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n");
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:3072",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "3650",
      "-subj",
      `/CN=${name}/O=Contoso Clinic`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    folder,
  );
  const leaf = (key: string, newKey: string[]) => {
    openssl(
      [
        "req",
        "-newkey",
        ...newKey,
        "-nodes",
        "-keyout",
        `${key}.key`,
        "-out",
        `${key}.csr`,
        "-subj",
        `/CN=Contoso Clinic Evidence Signing ${key}/O=Contoso Clinic`,
      ],
      folder,
    );
    openssl(
      [
        "x509",
        "-req",
        "-in",
        `${key}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        `${key}.pem`,
        "-days",
        "825",
        "-extfile",
        "leaf.ext",
      ],
      folder,
    );
  };
  leaf("rsa", ["rsa:3072"]);
  leaf("ec", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
  const pfx = (key: string, out: string, extra: string[] = []) =>
    openssl(
      ["pkcs12", "-export", ...extra, "-inkey", `${key}.key`, "-in", `${key}.pem`, "-certfile", "ca.pem", "-out", out, "-passout", `pass:${pfxPassword}`],
      folder,
    );
  pfx("rsa", "rsa.pfx");
  pfx("rsa", "rsa-legacy.pfx", ["-legacy"]);
  pfx("ec", "ec.pfx");
  return {
    folder,
    caPem: join(folder, "ca.pem"),
    pfx: { rsa: join(folder, "rsa.pfx"), rsaLegacy: join(folder, "rsa-legacy.pfx"), ec: join(folder, "ec.pfx") },
    pfxPassword,
  };
}
