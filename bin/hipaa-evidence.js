#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
import { runFromProcess } from "../dist/cli.js";

await runFromProcess();
