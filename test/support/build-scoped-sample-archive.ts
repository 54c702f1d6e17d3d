import type { TestProject } from "vitest/node";
import { buildAndUnzip, scopedSampleSections } from "./build-sample-archive.js";

/**
 * The smaller sample archive alone (one standard), for a run that needs no other: mutation testing
 * (vitest.mutation.config.ts), where verification is tested from it. Built once per test process.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide("scopedSampleArchive", await buildAndUnzip(scopedSampleSections));
}
