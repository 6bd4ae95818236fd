#!/usr/bin/env node
// The installed command. The logic lives in src/cli, built to dist/cli by `npm ci` (via `prepare`)
// and bundled into dist/cli-bundle (a few files instead of hundreds: Node resolves and compiles
// each module it loads, and that was most of a run); dist/cli serves when the bundle is absent.
import { existsSync } from "node:fs";
import module from "node:module";

// Node 22.1+ keeps compiled code between runs; older versions have no such cache and skip this.
module.enableCompileCache?.();
const bundle = new URL("../dist/cli-bundle/main.js", import.meta.url);
const entry = existsSync(bundle) ? bundle.href : "../dist/cli/main.js";
const { main } = await import(entry);
process.exitCode = await main(process.argv);
