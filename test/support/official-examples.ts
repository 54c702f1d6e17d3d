import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The official example responses (../shared/azure-examples, see its SOURCES.md). Tests build their
 * fixtures from these shapes rather than from shapes this project invented.
 */
export const examplesDir = fileURLToPath(new URL("../../../shared/azure-examples/", import.meta.url));

export function officialExample(name: string): { value?: unknown[]; [key: string]: unknown } {
  const file = `${examplesDir}${name}`;
  if (!existsSync(file)) {
    throw new Error(`official example ${name} not found in ${examplesDir}: the tests expect the shared folder beside the repository`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as { value?: unknown[] };
}

/** The first item of an example's `value` list, deep-copied so a test can change it freely. */
export function firstExampleItem<T = Record<string, any>>(name: string): T {
  const example = officialExample(name);
  const item = Array.isArray(example.value) ? example.value[0] : example;
  return structuredClone(item) as T;
}
