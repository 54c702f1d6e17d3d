import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli.js";
import type { Clock } from "../../src/clock.js";

/** Stock tools the tests call as an auditor would. Missing ones fail loudly: they are never skipped. */
const packages: Record<string, string> = {
  openssl: "openssl",
  pdfsig: "poppler-utils",
  unzip: "unzip",
  sha256sum: "coreutils",
  qpdf: "qpdf",
  pdftotext: "poppler-utils",
  pdfinfo: "poppler-utils",
};

export function run(tool: string, args: readonly string[], options: { cwd?: string } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(tool, args, { encoding: "utf8", cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`${tool} is not installed; install the Debian package ${packages[tool] ?? tool} (.ci/run does this)`);
  }
  return result;
}

const repository = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/hipaa-evidence.js", import.meta.url));

/** The CLI exactly as `npx hipaa-evidence` runs it (built by `npm run build`, which `npm test` runs first). */
export function hipaaEvidence(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repository, env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The command line in this process: the same `runCli` the binary calls, with stdout and stderr
 * captured. Most command-line tests use it; a few smoke tests spawn the real binary.
 */
export async function hipaaEvidenceInProcess(
  args: readonly string[],
  options: { clock?: Clock } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new CapturedStream();
  const stderr = new CapturedStream();
  const code = await runCli(args, { stdout, stderr, ...(options.clock ? { clock: options.clock } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

class CapturedStream extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
