import { readFile } from "node:fs/promises";
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { InputError } from "../errors.js";

/**
 * Reading a user-supplied file (HAR, config, mapping) into a zod-validated value. Every failure is
 * an InputError naming the file, the place (line, column and path) and what was expected there.
 */

type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${key}` : key), "");
}

function valueAt(data: unknown, path: readonly PathKey[]): { found: boolean; value: unknown } {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !(key in (current as object))) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PathKey, unknown>)[key];
  }
  return { found: true, value: current };
}

/** One sentence saying what was expected at the first problem zod found. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): { path: PathKey[]; expected: string } {
  const path = issue.path.filter((key): key is PathKey => typeof key !== "symbol");
  const { found } = valueAt(data, path);
  // A rule of our own (a refine) explains itself; zod's own issues about an absent field do not.
  if (!found && path.length > 0 && issue.code !== "custom") {
    return { path, expected: `missing required field "${String(path[path.length - 1])}"` };
  }
  if (issue.code === "unrecognized_keys") {
    return { path, expected: `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(", ")}` };
  }
  return { path, expected: issue.message.replace(/^Invalid input: /, "") };
}

function fileError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new InputError(file, undefined, "file not found");
  if (code === "EISDIR") return new InputError(file, undefined, "expected a file, found a folder");
  if (code === "EACCES") return new InputError(file, undefined, "file is not readable (permission denied)");
  return new InputError(file, undefined, `cannot be read (${(error as Error).message})`);
}

export async function readTextInput(file: string): Promise<string> {
  return (await readBinaryInput(file)).toString("utf8");
}

export async function readBinaryInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw fileError(file, error);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

function placeOf(location: string | undefined, path: readonly PathKey[]): string {
  const where = formatPath(path);
  if (location && where) return `${location} (${where})`;
  return location ?? where ?? "";
}

/** Parses JSON text and validates it; `file` is only used in messages. */
export function parseJsonInput<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8's messages do not always give a position; jsonc-parser reports where the syntax breaks.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const place = first ? lineColumn(text, first.offset) : undefined;
    const what = first ? printParseErrorCode(first.error) : (error as Error).message;
    throw new InputError(file, place, `expected valid JSON (${what})`);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new InputError(file, undefined, "does not match the expected structure");
  const { path, expected } = describeIssue(issue, data);
  // Find the offending node (or its nearest existing parent) to give a line number.
  let node: JsonNode | undefined;
  const tree = parseTree(text);
  for (let depth = path.length; tree && depth >= 0 && !node; depth--) {
    node = findNodeAtLocation(tree, path.slice(0, depth));
  }
  throw new InputError(file, placeOf(node ? lineColumn(text, node.offset) : undefined, path), expected);
}

function yamlLocation(doc: Document, counter: LineCounter, path: readonly PathKey[]): string | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
      const { line, col } = counter.linePos(node.range[0] as number);
      return `line ${line}, column ${col}`;
    }
    if (depth > 0 && (isMap(node) || isSeq(node))) continue;
  }
  return undefined;
}

/** Parses YAML text and validates it; `file` is only used in messages. */
export function parseYamlInput<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = counter.linePos(syntaxError.pos[0]);
    throw new InputError(file, `line ${line}, column ${col}`, `expected valid YAML (${syntaxError.message.split("\n")[0]})`);
  }
  const data: unknown = doc.toJS();
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new InputError(file, undefined, "does not match the expected structure");
  const { path, expected } = describeIssue(issue, data);
  throw new InputError(file, placeOf(yamlLocation(doc, counter, path), path), expected);
}

/** For checks that zod cannot express (cross-references): the place of a path in YAML text. */
export function yamlPlace(text: string, path: readonly PathKey[]): string {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return placeOf(yamlLocation(doc, counter, path), path);
}
