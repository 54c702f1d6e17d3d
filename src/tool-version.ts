import { readFileSync } from "node:fs";

/** The package's own version, read once; stamped on every report, manifest and recording. */
export const toolVersion: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
