// Loaded with --import into Stryker's own processes only (scripts/mutation.js, and checkerNodeArgs in
// stryker.config.mjs): Stryker imports "typescript" for its compiler API, which the project's
// TypeScript 7 no longer has. Its imports resolve to TypeScript 6 here instead; nothing else is
// redirected, and the tests never load this.
import { register } from "node:module";

register("./resolve-typescript-6.mjs", import.meta.url);
