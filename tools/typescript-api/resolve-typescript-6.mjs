// Module resolution hook: "typescript" imported by Stryker (its core rewrites tsconfig files, its
// TypeScript checker type-checks mutants) resolves from this folder, where TypeScript 6 is installed, instead of from the project root (TypeScript 7).
const here = new URL("./package.json", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "typescript" && context.parentURL?.includes("/node_modules/@stryker-mutator/")) {
    return nextResolve(specifier, { ...context, parentURL: here });
  }
  return nextResolve(specifier, context);
}
