import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The pipeline's shape, enforced on the code's own imports (static, type-only and dynamic alike):
 * each stage imports only what sits below it. A room is a folder of src/ (or a top-level file).
 */
const src = fileURLToPath(new URL("../src/", import.meta.url));

type Room = string;

/** Arrows the design forbids, each with the reason. Nothing else is forbidden and nothing is excused. */
const forbidden: { from: Room[]; to: Room[]; except?: Room[]; why: string }[] = [
  { from: ["model"], to: ["*"], why: "model/ is the vocabulary every stage shares; it depends on nothing of ours" },
  { from: ["datasets"], to: ["*"], except: ["model"], why: "datasets/ sits below collectors and checks alike; it knows only the model" },
  { from: ["checks"], to: ["collectors", "azure"], why: "checks are pure functions of the evidence: they never fetch it" },
  { from: ["checks"], to: ["mapping"], why: "checks never name HIPAA; mapping/ joins their findings to citations" },
  {
    from: ["checks"],
    to: ["evaluation", "report", "archive", "signing", "pipeline", "cli", "config", "recording"],
    why: "checks are below every stage that uses them",
  },
  { from: ["collectors"], to: ["checks", "mapping", "evaluation"], why: "collectors never evaluate" },
  { from: ["collectors"], to: ["report", "archive", "signing"], why: "collection hands on evidence; it neither renders nor packages" },
  {
    from: ["azure"],
    to: ["datasets", "checks", "collectors", "mapping", "evaluation", "report", "archive", "signing"],
    why: "azure/ only reaches Azure; what is collected is the collectors' business",
  },
  {
    from: ["mapping"],
    to: ["checks", "collectors", "azure", "datasets", "evaluation", "report", "archive", "signing"],
    why: "the mapping is data about requirements and check ids, nothing more",
  },
  { from: ["evaluation"], to: ["azure", "collectors"], why: "evaluation is pure: evidence in, assessment out, no I/O" },
  { from: ["evaluation"], to: ["report", "archive", "signing"], why: "evaluation is below the stages that render and package its result" },
  {
    from: ["report"],
    to: ["azure", "collectors", "checks", "datasets", "evaluation"],
    why: "reports render the assessment and derive nothing from evidence themselves",
  },
  { from: ["report"], to: ["archive", "signing"], why: "reports leave the signature field empty; the package stage signs" },
  {
    from: ["archive"],
    to: ["azure", "collectors", "checks", "datasets", "evaluation", "report"],
    why: "the package stage writes and reads archives of finished results",
  },
  {
    from: ["attestations"],
    to: ["azure", "collectors", "checks", "datasets", "evaluation", "report", "archive"],
    why: "attestations/ reads what people recorded; it neither collects, judges nor renders",
  },
  {
    from: ["*"],
    to: ["signing"],
    why: "signing/ is reached only through the package stage (archive/), the command line, and the reading of attestations (an attached PDF's own signature is verified)",
  },
  { from: ["*"], to: ["pipeline"], why: "only the command line runs the main job" },
  { from: ["*"], to: ["cli"], why: "nothing calls back into the command line" },
];

/** Who may import signing/ and pipeline.ts at all. */
const allowed: Record<Room, Room[]> = { signing: ["archive", "attestations", "cli", "signing"], pipeline: ["cli"] };

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

function roomOf(file: string): Room {
  const path = relative(src, file);
  const [first, second] = path.split("/");
  return second === undefined ? first!.replace(/\.ts$/, "") : first!;
}

/** Every module a file imports, re-exports or loads dynamically, resolved to its file in src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g), ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map(
    (match) => match[1]!,
  );
  return specifiers.filter((specifier) => specifier.startsWith(".")).map((specifier) => normalize(join(dirname(file), specifier.replace(/\.js$/, ".ts"))));
}

const arrows = sourceFiles(src).flatMap((file) =>
  importsOf(file).map((target) => ({ file: relative(src, file), from: roomOf(file), to: roomOf(target), target: relative(src, target) })),
);

function isForbidden(from: Room, to: Room): string | undefined {
  if (from === to) return undefined;
  if (allowed[to]) return allowed[to].includes(from) ? undefined : forbidden.find((rule) => rule.from.includes("*") && rule.to.includes(to))?.why;
  return forbidden.find(
    (rule) => (rule.from.includes(from) || rule.from.includes("*")) && (rule.to.includes(to) || rule.to.includes("*")) && !rule.except?.includes(to),
  )?.why;
}

describe("import graph", () => {
  it("is read from the whole of src/ (a sanity check on the parser)", () => {
    expect(arrows.length).toBeGreaterThan(200);
    expect(arrows).toContainEqual({ file: "pipeline.ts", from: "pipeline", to: "evaluation", target: "evaluation/evaluate.ts" });
    // A dynamic import counts like a static one.
    expect(arrows).toContainEqual({ file: "cli.ts", from: "cli", to: "pipeline", target: "pipeline.ts" });
  });

  it("has no arrow the design forbids", () => {
    const violations = arrows.flatMap(({ file, from, to, target }) => {
      const why = isForbidden(from, to);
      return why ? [`${file} imports ${target}: ${why}`] : [];
    });
    expect(violations).toEqual([]);
  });

  it("rules catch what they are meant to catch", () => {
    expect(isForbidden("checks", "collectors")).toBe("checks are pure functions of the evidence: they never fetch it");
    expect(isForbidden("report", "signing")).toBe(
      "signing/ is reached only through the package stage (archive/), the command line, and the reading of attestations (an attached PDF's own signature is verified)",
    );
    expect(isForbidden("archive", "signing")).toBeUndefined();
    expect(isForbidden("datasets", "azure")).toBe("datasets/ sits below collectors and checks alike; it knows only the model");
    expect(isForbidden("evaluation", "checks")).toBeUndefined();
    expect(isForbidden("collectors", "datasets")).toBeUndefined();
  });
});
