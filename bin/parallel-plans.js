#!/usr/bin/env node
// The installed command. The logic lives in src/cli, built to dist/cli by `npm ci` (via `prepare`)
// and bundled into dist/cli-bundle/main.cjs (one file instead of hundreds: Node resolves and
// compiles each module it loads, and that was most of a run), which ./run-bundle.js runs with a
// V8 code cache; dist/cli serves when the bundle is absent. CommonJS (bin/package.json): an ES
// module entry starts Node's module loader, a cost of its own on every run.
"use strict";
const { existsSync } = require("node:fs");
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist", "cli-bundle", "main.cjs");
const run = existsSync(bundle)
  ? require("./run-bundle.js").runBundle(bundle, process.argv)
  : import("../dist/cli/main.js").then(({ main }) => main(process.argv));
run.then((exitCode) => {
  process.exitCode = exitCode;
});
