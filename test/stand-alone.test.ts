import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isInsideAllowedRoots, refusedReadMessage } from "./support/reads-stay-inside.js";

/**
 * A user clones the project alone. Nothing in it may depend on what sits beside the repository on
 * the machines it was written on: the tests fail on such a read, and no file names such a path.
 */
const repository = fileURLToPath(new URL("../", import.meta.url));
// A file beside the repository, as any folder a developer keeps next to their clone would be.
const outside = fileURLToPath(new URL("../../beside-the-repository/notes.md", import.meta.url));

describe("the project stands alone", () => {
  it("a test that reads beside the repository fails, whether the file is there or not", async () => {
    expect(() => readFileSync(outside)).toThrow(`fs.readFileSync(${outside}): ${refusedReadMessage}`);
    expect(() => existsSync(outside)).toThrow(`fs.existsSync(${outside}): ${refusedReadMessage}`);
    await expect(readFile(new URL(`file://${outside}`))).rejects.toThrow(`fs.promises.readFile(${outside}): ${refusedReadMessage}`);
    expect(() => readFileSync("/etc/hostname")).toThrow(`fs.readFileSync(/etc/hostname): ${refusedReadMessage}`);
  });

  it("reads inside the repository and the temporary folder are allowed", () => {
    expect(isInsideAllowedRoots(`${repository}package.json`)).toBe(true);
    expect(isInsideAllowedRoots(`${repository}../${repository.split("/").filter(Boolean).pop()}-other/x`)).toBe(false);
    expect(readFileSync(`${repository}package.json`, "utf8")).toContain('"name": "hipaa-evidence"');
  });

  it("no tracked file names a folder beside the repository", () => {
    const listed = spawnSync("git", ["grep", "-l", "-I", "-e", "\\.\\./shared", "--", "."], {
      cwd: repository,
      encoding: "utf8",
    });
    // git grep exits 1 when nothing matches.
    expect(listed.status, listed.stderr).toBe(1);
    expect(listed.stdout).toBe("");
  });
});
