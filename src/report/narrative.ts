import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/**
 * Narrative text lives in templates/*.hbs so that wording can be reviewed (and translated) without
 * touching layout code. Templates produce plain text; a blank line separates paragraphs.
 */
const templatesDir = fileURLToPath(new URL("../../templates/", import.meta.url));
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function narrative(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(`${templatesDir}${name}.hbs`, "utf8");
    // strict: a variable missing from the context is a bug, not an empty string in an audit report.
    template = Handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(context);
}

/** Paragraphs of a rendered template, whitespace inside each folded to single spaces. */
export function paragraphs(name: string, context: object): string[] {
  return narrative(name, context)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0);
}
