#!/usr/bin/env node
// The README's main job: replay the sample tenant into out/sample/, then verify the archive written.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = (...args) =>
  spawnSync(process.execPath, [`${root}bin/hipaa-evidence.js`, ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const collected = cli(
  "collect",
  "--replay",
  "samples/contoso-clinic/recording.har",
  "--config",
  "samples/contoso-clinic/hipaa-evidence.yaml",
  "--out",
  "out/sample",
);
if (collected.status !== 0) process.exit(collected.status ?? 1);
const archive = collected.stdout.trim().split("\n").pop();
console.log(`archive: ${archive}`);

const verified = cli("verify", archive);
process.stdout.write(verified.stdout);
process.exit(verified.status ?? 1);
