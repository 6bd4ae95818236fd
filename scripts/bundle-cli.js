#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/main.js, with every dependency it imports) into a few ES
 * modules under dist/cli-bundle/: one entry, one chunk per command loaded only when that command
 * runs, and chunks they share. Node 20 spends more of a CLI run resolving and compiling the
 * hundreds of small modules of the unbundled graph than doing the work; bin/parallel-plans.js
 * loads the bundle when it is present and dist/cli/main.js otherwise. Runs after `tsc` in
 * `npm run build`, so the bundle is built from the same JavaScript the tests and the app use.
 *
 *   node scripts/bundle-cli.js            write dist/cli-bundle/
 *   node scripts/bundle-cli.js --metafile also write dist/cli-bundle.meta.json (what went where)
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Two folders below the package root, like dist/cli/: the CLI reads package.json, the schemas and
 * the prompt templates by paths relative to its own module (`../../package.json`).
 */
const outdir = path.join(root, "dist", "cli-bundle");

/**
 * Bundled CommonJS dependencies (commander) call `require` for Node's modules; an ES module has
 * none, so each chunk gets one bound to itself.
 */
const requireShim = [
  'import { createRequire as __bundleCreateRequire } from "node:module";',
  "const require = __bundleCreateRequire(import.meta.url);",
].join("\n");

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "dist/cli/main.js" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // ES module builds where a package ships both (jsonc-parser's CommonJS build is a UMD wrapper
  // whose dynamic requires a bundle cannot follow).
  mainFields: ["module", "main"],
  banner: { js: requireShim },
  entryNames: "[name]",
  legalComments: "inline",
  metafile: true,
  logLevel: "warning",
});

if (process.argv.includes("--metafile")) {
  writeFileSync(path.join(root, "dist", "cli-bundle.meta.json"), JSON.stringify(result.metafile));
}
