#!/usr/bin/env node
/**
 * Runs the examples job and the tests most tied to the runtime (the CLI, the server, the queue
 * and the Redis store, the multi-process crash test) under every other Node
 * major that package.json's `engines` allows, besides the one running `npm test`.
 *
 * Each Node comes from the npm registry as the `node-<platform>-<arch>` package (the official
 * binary, repackaged), through `npm pack` into a temp folder; nothing is installed globally and
 * the project's node_modules are used as they are. Prints which version ran what and exits 1 when
 * anything failed under any version.
 *
 *   node scripts/node-matrix.js            # Node 20, 22 and 24, less the one running it
 *   node scripts/node-matrix.js 22         # one major
 *   NODE_MATRIX_DIR=/tmp/nodes node scripts/node-matrix.js   # keep the downloads there
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { engines } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
/** The LTS majors `engines` allows; the one running this script already ran the whole suite. */
const LTS = ["20", "22", "24"];
const current = process.versions.node.split(".")[0];
const MAJORS =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : LTS.filter((m) => m !== current);
// test/worker stays in the main run only: its 0.5 s thread deadline trips on a loaded machine
// under any Node, which would fail this step for no reason of the version.
const SUITES = ["test/cli", "test/server", "test/queue", "test/store", "test/e2e"];
const cache = process.env.NODE_MATRIX_DIR ?? path.join(tmpdir(), "parallel-plans-node-matrix");

/** `cmd args` in the project, output shown; returns the exit status. */
function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** The Node binary of `major` (downloaded once per cache folder). */
function nodeBinary(major) {
  const pkg = `node-${process.platform}-${process.arch}`;
  if (process.platform === "win32")
    throw new Error("the Node matrix runs on Linux and macOS (no node-win32 package has a binary)");
  const dir = path.join(cache, major);
  const binary = path.join(dir, "package", "bin", "node");
  if (existsSync(binary)) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The newest release of the major that `engines` accepts (npm intersects the two ranges).
  const spec = `${pkg}@${engines.node} ${major}`;
  const packed = spawnSync("npm", ["pack", spec, "--silent", "--pack-destination", dir], {
    cwd: dir,
    encoding: "utf8",
  });
  if (packed.status !== 0)
    throw new Error(`npm pack ${spec} failed:\n${packed.stderr || packed.stdout}`);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${spec} left no tarball in ${dir}`);
  if (run("tar", ["-xzf", path.join(dir, tarball), "-C", dir]) !== 0 || !existsSync(binary))
    throw new Error(`${tarball} holds no package/bin/node`);
  rmSync(path.join(dir, tarball));
  return binary;
}

/** The examples job of .ci/run: the broken examples fail the run, and only they do. */
function examplesJob(node, env) {
  const cli = path.join(ROOT, "bin", "parallel-plans.js");
  const result = spawnSync(node, [cli, "validate", "examples", "--format", "json"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 1) return `validate examples exited ${result.status}, expected 1`;
  const report = JSON.parse(result.stdout);
  const broken = report.plans.filter((p) => p.dir.startsWith("examples/broken/"));
  const bad = report.plans.filter(
    (p) =>
      !p.dir.startsWith("examples/broken/") && (p.summary.errors > 0 || p.summary.warnings > 0),
  );
  if (bad.length > 0) return `examples with findings: ${bad.map((p) => p.dir).join(", ")}`;
  if (broken.length === 0 || broken.every((p) => p.ok)) return "examples/broken reported nothing";
  const strict = spawnSync(
    node,
    [cli, "validate", "examples/PARALLEL-EXECUTION-AUTOMATION", "--strict"],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  if (strict.status !== 0) return `validate --strict exited ${strict.status}:\n${strict.stdout}`;
  console.log(
    `examples: ${report.plans.length - broken.length} clean plans, ${broken.length} broken plans reported`,
  );
  return null;
}

const results = [];
for (const major of MAJORS) {
  let node;
  try {
    node = nodeBinary(major);
  } catch (error) {
    results.push({ major, version: "?", job: "download", ok: false, detail: error.message });
    continue;
  }
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  if (!version.startsWith(`v${major}.`)) {
    results.push({ major, version, job: "download", ok: false, detail: `not Node ${major}` });
    continue;
  }
  // Child processes the tests start (`node …`, process.execPath) get this Node too.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
  console.log(`\n== node ${version} (engines ${engines.node}): examples job`);
  const problem = examplesJob(node, env);
  if (problem) console.error(problem);
  results.push({ major, version, job: "examples job", ok: problem === null, detail: problem });

  console.log(`\n== node ${version}: jest ${SUITES.join(" ")}`);
  const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
  // As `npm run test:unit` runs it: the flag in NODE_OPTIONS reaches Jest's workers too.
  const status = run(node, [jest, ...SUITES], {
    env: { ...env, NODE_OPTIONS: "--experimental-vm-modules" },
  });
  results.push({
    major,
    version,
    job: `jest ${SUITES.join(" ")}`,
    ok: status === 0,
    detail: status === 0 ? null : `exit ${status}`,
  });
}

console.log("\n== Node matrix");
for (const r of results)
  console.log(
    `node ${r.version.padEnd(9)} ${r.ok ? "ok    " : "FAILED"} ${r.job}${r.detail ? ` (${r.detail.split("\n")[0]})` : ""}`,
  );
process.exit(results.every((r) => r.ok) ? 0 : 1);
