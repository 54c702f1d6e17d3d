import fs, { realpathSync } from "node:fs";
import fsPromises from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project must stand alone: a user clones it with nothing beside it. Every test file runs with
 * the file-system calls that read wrapped, so that a read outside the repository and the OS
 * temporary folder throws and fails the test that made it, instead of passing on our machines only.
 */
const repository = realpathSync(fileURLToPath(new URL("../../", import.meta.url)));
const allowedRoots = [repository, realpathSync(tmpdir())];

/** What a refused read says; the guard is installed once per worker, so tests match the words. */
export const refusedReadMessage = "tests read only inside the repository";

export function isInsideAllowedRoots(path: string): boolean {
  const absolute = resolve(path);
  return allowedRoots.some((root) => absolute === root || absolute.startsWith(root.endsWith(sep) ? root : `${root}${sep}`));
}

function pathOf(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (target instanceof URL) return target.protocol === "file:" ? fileURLToPath(target) : undefined;
  if (Buffer.isBuffer(target)) return target.toString("utf8");
  // A file descriptor was opened through a guarded call already.
  return undefined;
}

const guarded = Symbol.for("hipaa-evidence.reads-stay-inside");

function guard<F extends (...args: any[]) => any>(name: string, original: F, returnsPromise = false): F {
  // A worker runs several test files: wrap once.
  if ((original as unknown as Record<symbol, unknown>)[guarded]) return original;
  const wrapped = function (this: unknown, ...args: any[]) {
    const path = pathOf(args[0]);
    if (path !== undefined && !isInsideAllowedRoots(path)) {
      const error = new Error(`${name}(${path}): ${refusedReadMessage} (${repository}) and the temporary folder; bring the file into the project`);
      if (returnsPromise) return Promise.reject(error);
      throw error;
    }
    return original.apply(this, args);
  } as F;
  Object.defineProperty(wrapped, guarded, { value: true });
  return wrapped;
}

const readingCalls = [
  "readFile",
  "readFileSync",
  "open",
  "openSync",
  "createReadStream",
  "readdir",
  "readdirSync",
  "opendir",
  "opendirSync",
  "existsSync",
  "stat",
  "statSync",
  "lstat",
  "lstatSync",
  "access",
  "accessSync",
  "copyFile",
  "copyFileSync",
  "cp",
  "cpSync",
] as const;
const promiseCalls = ["readFile", "open", "readdir", "opendir", "stat", "lstat", "access", "copyFile", "cp"] as const;

const target = fs as unknown as Record<string, (...args: any[]) => any>;
for (const name of readingCalls) {
  if (typeof target[name] === "function") target[name] = guard(`fs.${name}`, target[name]);
}
const promises = fsPromises as unknown as Record<string, (...args: any[]) => any>;
for (const name of promiseCalls) {
  if (typeof promises[name] === "function") promises[name] = guard(`fs.promises.${name}`, promises[name], true);
}
// Named ESM imports (`import { readFileSync } from "node:fs"`) see the wrapped functions too.
syncBuiltinESMExports();
