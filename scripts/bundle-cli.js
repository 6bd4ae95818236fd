#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/main.js, with every dependency it imports) into one CommonJS
 * file, dist/cli-bundle/main.cjs, and writes its SHA-256 beside it (main.cjs.sha256). Node 20
 * spends more of a CLI run resolving and compiling the hundreds of small modules of the unbundled
 * graph than doing the work; one CommonJS file can be compiled through `vm.Script`, whose V8 code
 * cache bin/run-bundle.js keeps between runs (Node 20 has no compile cache for ES modules), keyed
 * by that hash. bin/parallel-plans.js loads the bundle when it is present and dist/cli/main.js
 * otherwise. Runs after `tsc` in `npm run build`, so the bundle is built from the same JavaScript
 * the tests and the app use. The file is made ASCII-only (scripts/ascii-bundle.js).
 *
 *   node scripts/bundle-cli.js            write dist/cli-bundle/
 *   node scripts/bundle-cli.js --metafile also write dist/cli-bundle.meta.json (what went where)
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { escapeNonAscii } from "./ascii-bundle.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Two folders below the package root, like dist/cli/: the CLI reads package.json, the schemas and
 * the prompt templates by paths relative to its own module (`../../package.json`).
 */
const outdir = path.join(root, "dist", "cli-bundle");

const outfile = path.join(outdir, "main.cjs");
/**
 * The CLI finds package.json, the schemas and the templates from `import.meta.url`, which a
 * CommonJS file does not have: the bundle's own file URL stands in for it (the bundle sits two
 * folders below the package root, like the module it was built from).
 */
const importMetaUrl = 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;';

/**
 * commander requires `node:child_process` when it loads, for the executable subcommands the CLI
 * does not have; Node then loads its child process and networking internals on every run (a few
 * milliseconds). commander gets a stand-in that requires the module the first time it is used.
 */
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: "child_process", namespace: "lazy-builtin" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
      contents:
        'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

/**
 * The CLI reads package.json (its version) and the parallel.json schema with
 * `createRequire(import.meta.url)("../../x.json")`, which costs a run a module resolution, a file
 * read and a parse per file (about a millisecond together). The JSON files a module names that way
 * are bundled instead (the same objects, from the same files at build time); any other id still
 * goes to Node's require.
 */
const inlineJsonRequires = {
  name: "inline-json-requires",
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("createRequire(import.meta.url)")) return undefined;
      const ids = [...new Set([...source.matchAll(/"(\.\.?\/[^"]+\.json)"/g)].map((m) => m[1]))];
      if (ids.length === 0) return undefined;
      const prelude = [
        ...ids.map((id, i) => `import __bundledJson${i} from ${JSON.stringify(id)};`),
        `const __bundledJson = new Map([${ids.map((id, i) => `[${JSON.stringify(id)}, __bundledJson${i}]`).join(", ")}]);`,
        "const __requireBundledJson = (url) => {",
        "  let fallback;",
        "  return (id) => __bundledJson.has(id) ? __bundledJson.get(id) : (fallback ??= createRequire(url))(id);",
        "};",
      ].join("\n");
      const body = source.replaceAll(
        "createRequire(import.meta.url)",
        "__requireBundledJson(import.meta.url)",
      );
      return { contents: `${prelude}\n${body}`, loader: "js", resolveDir: path.dirname(args.path) };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "dist/cli/main.js" },
  outfile,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // ES module builds where a package ships both (jsonc-parser's CommonJS build is a UMD wrapper
  // whose dynamic requires a bundle cannot follow).
  mainFields: ["module", "main"],
  banner: { js: importMetaUrl },
  define: { "import.meta.url": "__bundleUrl" },
  // Minified, a smaller file to read and, on a command's first run, to parse; names are kept
  // (`keepNames`) for the dependencies that read a function's or a class's name.
  minify: true,
  keepNames: true,
  plugins: [lazyChildProcessForCommander, inlineJsonRequires],
  legalComments: "inline",
  metafile: true,
  logLevel: "warning",
});

// ASCII-only, so V8 holds the source as a one-byte string (see ascii-bundle.js).
const { text: bundle, kept } = escapeNonAscii(readFileSync(outfile, "utf8"));
if (kept.length > 0) {
  console.warn(
    `bundle-cli: ${kept.length} non-ASCII character(s) left as written (offsets ${kept.join(", ")}): the bundle works, but V8 holds it as a two-byte string`,
  );
}
writeFileSync(outfile, bundle);

const digest = createHash("sha256").update(bundle).digest("hex");
writeFileSync(`${outfile}.sha256`, `${digest}\n`);

if (process.argv.includes("--metafile")) {
  writeFileSync(path.join(root, "dist", "cli-bundle.meta.json"), JSON.stringify(result.metafile));
}
