import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { CollectResult } from "../../src/pipeline.js";
import { collectSample, temporaryFolder } from "./sample.js";

/**
 * Builds the sample tenant's archive once per test run (the main job, in-process, with the default
 * development key) and unzips it beside, so the end-to-end files read one archive instead of each
 * building their own. A second archive, scoped to one standard (the summary and one report), serves
 * tests that repeat work per archive file or per signature, where 23 reports would only add time.
 * Tests treat them as read-only: one that tampers works on a copy.
 */
export interface SharedSampleArchive {
  /** The archive, as `collect` wrote it. */
  archivePath: string;
  /** The same archive unzipped with the stock `unzip`. */
  folder: string;
  result: CollectResult;
}

/** The scope of the smaller archive: a standard without implementation specifications. */
export const scopedSampleSections = ["164.312(b)"];

declare module "vitest" {
  export interface ProvidedContext {
    sampleArchive: SharedSampleArchive;
    scopedSampleArchive: SharedSampleArchive;
  }
}

export async function buildAndUnzip(sections: string[] | undefined): Promise<SharedSampleArchive> {
  const result = await collectSample({ outDir: temporaryFolder("shared-archive"), sections });
  const folder = join(temporaryFolder("shared-archive-unzipped"), "archive");
  mkdirSync(folder);
  const unzipped = spawnSync("unzip", ["-q", result.archivePath, "-d", folder], { encoding: "utf8" });
  if (unzipped.error || unzipped.status !== 0) {
    throw new Error(`unzip of the shared sample archive failed (install the Debian package unzip): ${unzipped.error?.message ?? unzipped.stderr}`);
  }
  return { archivePath: result.archivePath, folder, result };
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide("sampleArchive", await buildAndUnzip(undefined));
  project.provide("scopedSampleArchive", await buildAndUnzip(scopedSampleSections));
}
