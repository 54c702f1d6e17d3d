import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The official example responses: ../shared/azure-examples (see its SOURCES.md) and, for APIs added
 * later, test/fixtures/azure-examples (its own SOURCES.md). Tests build their fixtures from these
 * shapes rather than from shapes this project invented.
 */
export const examplesDir = fileURLToPath(new URL("../../../shared/azure-examples/", import.meta.url));
export const projectExamplesDir = fileURLToPath(new URL("../fixtures/azure-examples/", import.meta.url));

export function officialExample(name: string): { value?: unknown[]; [key: string]: unknown } {
  const file = [`${examplesDir}${name}`, `${projectExamplesDir}${name}`].find((candidate) => existsSync(candidate));
  if (!file) {
    throw new Error(`official example ${name} found neither in ${examplesDir} nor in ${projectExamplesDir}: the tests expect the shared folder beside the repository`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as { value?: unknown[] };
}

/** The first item of an example's `value` list, deep-copied so a test can change it freely. */
export function firstExampleItem<T = Record<string, any>>(name: string): T {
  const example = officialExample(name);
  const item = Array.isArray(example.value) ? example.value[0] : example;
  return structuredClone(item) as T;
}
