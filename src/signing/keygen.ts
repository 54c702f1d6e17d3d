import { writeFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { certificateFacts } from "./certificate.js";
import { createDevelopmentCertificate, developmentPfx } from "./development-key.js";

/** `keygen`: a development PFX, never overwriting an existing file. */
export async function writeDevelopmentPfx(input: {
  file: string;
  passwordVariable: string;
  organization?: string | undefined;
  now: Date;
}): Promise<{ subject: string; sha256Fingerprint: string }> {
  const password = process.env[input.passwordVariable];
  if (!password)
    throw new InputError(
      input.file,
      undefined,
      `expected a password for the PFX in the environment variable ${input.passwordVariable}, which is not set or empty`,
    );
  const created = createDevelopmentCertificate({ commonName: "hipaa-evidence development signing key", organization: input.organization, now: input.now });
  try {
    await writeFile(input.file, developmentPfx(created, password), { flag: "wx", mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      input.file,
      undefined,
      code === "EEXIST"
        ? "expected a new file name: it exists already and keygen never overwrites a key"
        : `expected a writable path (${(error as Error).message})`,
    );
  }
  const facts = certificateFacts(created.certificate);
  return { subject: facts.subject, sha256Fingerprint: facts.sha256Fingerprint };
}
