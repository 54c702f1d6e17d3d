import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, outputSchemas, statusTableMarkdown, withStatusTable } from "../src/generated-docs.js";

/** The documentation: generated schemas match the sources, and no relative link is broken. */
const root = fileURLToPath(new URL("../", import.meta.url));

describe("generated JSON Schemas", () => {
  it.each(outputSchemas.map((entry) => [entry.file, entry] as const))("%s is what the zod schema generates", (file, entry) => {
    const committed = existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8") : "(missing)";
    expect(committed, `${file} is out of date: run \`npm run docs\``).toBe(jsonSchemaText(entry));
  });

  it("docs/requirement-status.md holds the status table the code decides by", () => {
    const committed = readFileSync(join(root, "docs/requirement-status.md"), "utf8");
    expect(committed, "docs/requirement-status.md is out of date: run `npm run docs`").toBe(withStatusTable(committed, statusTableMarkdown()));
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsIn(markdown: string): Set<string> {
  const headings = withoutCode(markdown)
    .split("\n")
    .flatMap((line) => /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.slice(1, 2) ?? []);
  return new Set(headings.map(anchorOf));
}

/** Fenced blocks and inline code are examples, not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

function linksIn(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
  const references = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((match) => match[1]!);
  return [...inline, ...references];
}

const documents = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

describe("relative links in the documentation", () => {
  it("covers the docs the README points to", () => {
    expect(documents).toEqual(expect.arrayContaining(["README.md", "docs/architecture.md", "docs/archive-layout.md", "docs/findings-json.md"]));
  });

  it.each(documents)("%s links only to files that exist in the repository", (document) => {
    const markdown = readFileSync(join(root, document), "utf8");
    const broken: string[] = [];
    for (const link of linksIn(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: ...: not a file of the repository
      const [path = "", fragment] = link.split("#", 2);
      const target = path === "" ? join(root, document) : resolve(dirname(join(root, document)), decodeURIComponent(path));
      const inside = relative(root, target);
      if (inside.startsWith("..") || resolve(root, inside) !== target) {
        broken.push(`${link} (outside the repository)`);
      } else if (!existsSync(target)) {
        broken.push(`${link} (no such file)`);
      } else if (fragment && target.endsWith(".md") && !anchorsIn(readFileSync(target, "utf8")).has(fragment)) {
        broken.push(`${link} (no heading for #${fragment})`);
      }
    }
    expect(broken, `broken links in ${document}`).toEqual([]);
  });
});
