import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The official example responses in test/fixtures/azure-examples (sources and licences in its
 * SOURCES.md). Tests build their fixtures from these shapes rather than from shapes this project
 * invented.
 */
export const examplesDir = fileURLToPath(new URL("../fixtures/azure-examples/", import.meta.url));

export function officialExample(name: string): { value?: unknown[]; [key: string]: unknown } {
  return JSON.parse(readFileSync(`${examplesDir}${name}`, "utf8")) as { value?: unknown[] };
}

/** The first item of an example's `value` list, deep-copied so a test can change it freely. */
export function firstExampleItem<T = Record<string, any>>(name: string): T {
  const example = officialExample(name);
  const item = Array.isArray(example.value) ? example.value[0] : example;
  return structuredClone(item) as T;
}
