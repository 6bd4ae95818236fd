// Runs the bundled CLI (dist/cli-bundle/main.cjs) with a V8 code cache kept between runs. Node 20
// has no compile cache for modules (`module.enableCompileCache` is Node 22.1+), and compiling the
// bundle was most of a short run; a `vm.Script` compiled with the cached data of an earlier run
// skips that. The cache is an optimisation only: when it is missing, rejected by V8 (another Node,
// other flags) or cannot be read or written, the run compiles from source as it would without it.
//
// Only what a run needs is loaded: `node:crypto` would bring Node's crypto and stream internals
// (a few milliseconds, most of what this file cost), `node:os` matters only without XDG_CACHE_HOME.
"use strict";
const { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const module_ = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

/**
 * The per-user folder the caches live in: `$XDG_CACHE_HOME/parallel-plans`, else a folder of the
 * system's temporary directory named for the user (created private to them).
 */
function cacheFolder() {
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, "parallel-plans");
  const os = require("node:os");
  const user = process.getuid?.() ?? os.userInfo().username;
  return path.join(os.tmpdir(), `parallel-plans-${user}`);
}

/**
 * Whether a cache folder may be trusted: compiled code is read from it, so in a shared temporary
 * directory it must be the user's own and writable by nobody else.
 */
function isPrivate(folder) {
  if (process.getuid === undefined) return true;
  const stat = lstatSync(folder, { throwIfNoEntry: false });
  return (
    stat !== undefined &&
    stat.isDirectory() &&
    stat.uid === process.getuid() &&
    (stat.mode & 0o022) === 0
  );
}

/**
 * One cache per command: V8 caches the functions compiled by the run that wrote it, and `--version`
 * compiles little of what `validate` needs. The key names the bundle (its hash, from the build),
 * Node's version and architecture, and Node's options (V8 rejects a cache made under other flags),
 * so a rebuilt bundle, another Node or other options never read, nor overwrite, another's cache.
 */
function cacheFile(folder, bundleHash, argv) {
  const command = commandName(argv) ?? "other";
  const options = fnv1a(JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ""]));
  const node = `${process.version}-${process.arch}-${options}`;
  return path.join(folder, `cli-${bundleHash.slice(0, 16)}-${node}-${command}.v8cache`);
}

/** The command word of `argv` (`validate`), or undefined for an option-only run (`--version`). */
function commandName(argv) {
  return /^[a-z][a-z-]{0,31}$/.test(argv[2] ?? "") ? argv[2] : undefined;
}

/**
 * 32-bit FNV-1a of `text` as 8 hex digits. It only tells option sets apart, and a collision only
 * makes V8 reject the cache (which the run then rewrites): no need to load `node:crypto`.
 */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function readCache(folder, file) {
  try {
    return isPrivate(folder) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a concurrent run never reads half a cache. */
function writeCache(folder, file, data) {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!isPrivate(folder)) return;
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // An unwritable cache costs the next run its compile time, nothing else.
  }
}

/**
 * How many interrupt budgets of bytecode a function runs before V8 hands it to TurboFan, for this
 * process. V8's default (3) sends the markdown reader's hot functions to TurboFan within a one-plan
 * `validate`; TurboFan compiles them on a background thread (20–90 ms of CPU each for the largest,
 * under load), the run ends before that code is of use, and the process then waits at exit for
 * the compiles to finish. Twelve keeps a one-plan run below the threshold; a long run (a large
 * plan, many plans) still reaches it within milliseconds, where optimising pays.
 */
const TICKS_BEFORE_OPTIMIZATION = 12;

/**
 * Raises the TurboFan threshold through `v8.setFlagsFromString`, before anything is compiled, on
 * Node 20 (V8 11.3) only: other V8s name and weigh their tiering flags differently (and print an
 * error for a flag they do not know). A threshold set on Node's own command line is left alone,
 * and an option-only run (`--version`, `--help`), which runs commander alone, does not load
 * `node:v8` for it.
 */
function deferTurbofan() {
  if (!/^11\.3\./.test(process.versions.v8)) return;
  if (/ticks[-_]before[-_]optimization/.test(process.execArgv.join(" "))) return;
  require("node:v8").setFlagsFromString(`--ticks-before-optimization=${TICKS_BEFORE_OPTIMIZATION}`);
}

/**
 * Loads the bundle at `bundlePath` (a file path), runs its `main(argv)` and resolves to the exit
 * code; writes the code cache after the run when there was none or V8 rejected it.
 */
async function runBundle(bundlePath, argv) {
  if (commandName(argv) !== undefined) deferTurbofan();
  const source = readFileSync(bundlePath, "utf8");
  const bundleHash = readFileSync(`${bundlePath}.sha256`, "utf8").trim();
  const folder = cacheFolder();
  const file = cacheFile(folder, bundleHash, argv);
  const cachedData = readCache(folder, file);
  const script = new vm.Script(module_.wrap(source), { filename: bundlePath, cachedData });
  const cjsModule = { exports: {} };
  script
    .runInThisContext()
    .call(
      cjsModule.exports,
      cjsModule.exports,
      module_.createRequire(bundlePath),
      cjsModule,
      bundlePath,
      path.dirname(bundlePath),
    );
  const exitCode = await cjsModule.exports.main(argv);
  // After the run, so the cache holds the functions this command compiled, not only the top level.
  if (cachedData === undefined || script.cachedDataRejected) {
    writeCache(folder, file, script.createCachedData());
  }
  return exitCode;
}

module.exports = { runBundle };
