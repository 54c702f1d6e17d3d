import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, extname, join, posix, relative, sep } from "node:path";
import { InputError } from "../errors.js";
import { parseYamlInput, readBinaryInput, readTextInput, yamlPlace } from "../input/read-input.js";
import type { Mapping } from "../mapping/mapping.js";
import {
  AttestationFileSchema,
  ExceptionsFileSchema,
  notApplicableAllowed,
  type AcceptedRisk,
  type AttachmentSignature,
  type OrganisationRecords,
  type RecordedAttestation,
} from "../model/attestations.js";
import { checkAttachedPdfSignatures } from "../signing/verify-signature.js";

/**
 * Reads what people recorded: the attestations folder and the exceptions file, at collect time from
 * disk and later from an archive. Every problem is exit 2 naming the file, the place and the field;
 * an attachment whose SHA-256 is not the one recorded is refused.
 */

/** The folder `attest init` writes templates into: never read as attestations. */
export const templatesFolder = "templates";

/** Archive paths: attestations/<as in the folder>, exceptions/<file name>. */
export const attestationsPrefix = "attestations/";
export const exceptionsPrefix = "exceptions/";

const isYaml = (path: string) => [".yaml", ".yml"].includes(extname(path).toLowerCase());
const sha256 = (content: Buffer) => createHash("sha256").update(content).digest("hex");

/** Every file under the folder, by its path relative to it (forward slashes); templates/ and dotfiles left out. */
async function filesUnder(folder: string): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const walk = async (at: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        folder,
        undefined,
        code === "ENOENT"
          ? "folder not found"
          : code === "ENOTDIR"
            ? "expected a folder of attestations, found a file"
            : `cannot be read (${(error as Error).message})`,
      );
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(at, entry.name);
      const relativePath = relative(folder, path).split(sep).join("/");
      if (entry.isDirectory()) {
        if (relativePath !== templatesFolder) await walk(path);
      } else if (entry.isFile()) {
        found.set(relativePath, await readBinaryInput(path));
      }
    }
  };
  await walk(folder);
  return found;
}

interface Source {
  /** Files of the attestations folder by relative path. */
  files: ReadonlyMap<string, Buffer>;
  /** How to name one of them in a message (its path on disk, or archive!path). */
  label: (relativePath: string) => string;
}

/** Attestation files (YAML at the top of the folder), checked against the mapping and their attachments. */
function readAttestations(source: Source, mapping: Mapping): RecordedAttestation[] {
  const rows = new Map(mapping.requirements.map((row) => [row.citation, row]));
  const attestations: RecordedAttestation[] = [];
  for (const [relativePath, content] of source.files) {
    if (relativePath.includes("/") || !isYaml(relativePath)) continue;
    const file = source.label(relativePath);
    const text = content.toString("utf8");
    const parsed = parseYamlInput(file, text, AttestationFileSchema);
    const fail = (path: (string | number)[], expected: string): never => {
      throw new InputError(file, yamlPlace(text, path), expected);
    };
    parsed.requirements.forEach((citation, index) => {
      const row = rows.get(citation);
      if (!row) {
        fail(["requirements", index], `expected a requirement of the mapping; ${citation} is not one`);
        return;
      }
      if (parsed.decision && row.designation !== "addressable")
        fail(["decision"], `expected a decision only on addressable implementation specifications (164.306(d)(3)); ${citation} is ${row.designation}`);
      if (parsed.notApplicable && !(notApplicableAllowed as readonly string[]).includes(citation)) {
        fail(
          ["notApplicable"],
          `expected notApplicable only where the rule allows it (${notApplicableAllowed.join(", ")}); ${citation} applies to every covered entity`,
        );
      }
      if (parsed.inherited && !citation.startsWith("164.310"))
        fail(["inherited"], `expected an inherited part only on physical safeguards (164.310); ${citation} is not one`);
    });
    const attachments = parsed.attachments.map((attachment, index) => {
      const target = posix.normalize(attachment.file);
      if (posix.isAbsolute(target) || target.startsWith("../") || target === ".." || target.includes("\\"))
        fail(["attachments", index, "file"], "expected a path inside the attestations folder");
      const bytes = source.files.get(target);
      if (!bytes) return fail(["attachments", index, "file"], `expected the attachment ${target} in the attestations folder`);
      const found = sha256(bytes);
      if (found !== attachment.sha256)
        fail(
          ["attachments", index, "sha256"],
          `expected ${target} to have the SHA-256 recorded (${attachment.sha256}); it has ${found}: the attachment changed`,
        );
      return {
        file: target,
        path: `${attestationsPrefix}${target}`,
        title: attachment.title,
        sha256: found,
        bytes: bytes.length,
        signatures: signaturesOf(target, bytes),
      };
    });
    attestations.push({ ...parsed, id: basename(relativePath, extname(relativePath)), path: `${attestationsPrefix}${relativePath}`, attachments });
  }
  return attestations;
}

/** A PDF attachment that carries its own signature is verified; any other file has none to check. */
function signaturesOf(file: string, bytes: Buffer): AttachmentSignature[] {
  if (!bytes.subarray(0, 5).equals(Buffer.from("%PDF-"))) return [];
  return checkAttachedPdfSignatures(file, bytes).map((check) => ({ signer: check.signer?.subject, valid: check.valid, problems: check.problems }));
}

function readExceptions(file: string, text: string, knownChecks: ReadonlySet<string>): AcceptedRisk[] {
  const { exceptions } = parseYamlInput(file, text, ExceptionsFileSchema);
  const seen = new Set<string>();
  exceptions.forEach((exception, index) => {
    const fail = (field: string, expected: string): never => {
      throw new InputError(file, yamlPlace(text, ["exceptions", index, field]), expected);
    };
    if (seen.has(exception.id)) fail("id", `expected each id once; ${exception.id} is used twice`);
    seen.add(exception.id);
    if (!knownChecks.has(exception.check)) fail("check", `expected a check id; ${exception.check} is not one`);
    if (/^\**$/.test(exception.resource) && !exception.broad) fail("broad", "expected broad: true: the pattern matches every resource of the check");
  });
  return exceptions;
}

/** The records as collect reads them from disk: the attestations folder and the exceptions file, each optional. */
export async function readOrganisationRecords(
  inputs: { attestationsFolder?: string | undefined; exceptionsFile?: string | undefined },
  mapping: Mapping,
  knownChecks: ReadonlySet<string>,
): Promise<OrganisationRecords> {
  const files: OrganisationRecords["files"] = [];
  let attestations: RecordedAttestation[] = [];
  if (inputs.attestationsFolder) {
    const folder = inputs.attestationsFolder;
    const found = await filesUnder(folder);
    attestations = readAttestations({ files: found, label: (path) => join(folder, path) }, mapping);
    // The archive keeps each attestation and the attachments it names; nothing else of the folder.
    const keep = (path: string, relativePath: string) => {
      const content = found.get(relativePath);
      if (content && !files.some((kept) => kept.path === path)) files.push({ path, content });
    };
    for (const attestation of attestations) {
      keep(attestation.path, attestation.path.slice(attestationsPrefix.length));
      for (const attachment of attestation.attachments) keep(attachment.path, attachment.file);
    }
  }
  let exceptions: AcceptedRisk[] = [];
  if (inputs.exceptionsFile) {
    const text = await readTextInput(inputs.exceptionsFile);
    exceptions = readExceptions(inputs.exceptionsFile, text, knownChecks);
    files.push({ path: `${exceptionsPrefix}${basename(inputs.exceptionsFile)}`, content: Buffer.from(text, "utf8") });
  }
  return { attestations, exceptions, files };
}

/** The records an archive holds, read back for evaluating it again. */
export function organisationRecordsIn(
  archive: string,
  listed: ReadonlyMap<string, Buffer>,
  mapping: Mapping,
  knownChecks: ReadonlySet<string>,
): OrganisationRecords {
  const folder = new Map<string, Buffer>();
  for (const [path, content] of listed) if (path.startsWith(attestationsPrefix)) folder.set(path.slice(attestationsPrefix.length), content);
  const attestations = readAttestations({ files: folder, label: (path) => `${archive}!${attestationsPrefix}${path}` }, mapping);
  const exceptionFiles = [...listed.entries()].filter(([path]) => path.startsWith(exceptionsPrefix));
  const exceptions = exceptionFiles.flatMap(([path, content]) => readExceptions(`${archive}!${path}`, content.toString("utf8"), knownChecks));
  return {
    attestations,
    exceptions,
    files: [...listed.entries()]
      .filter(([path]) => path.startsWith(attestationsPrefix) || path.startsWith(exceptionsPrefix))
      .map(([path, content]) => ({ path, content })),
  };
}
