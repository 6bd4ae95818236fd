/**
 * CLI startup: the installed command run as a process, side by side with `node -e 0` (Node's own
 * start), in one run. Runs alternate between the two sides so machine noise hits both alike; prints
 * the median wall time of each and their ratio. Run with `node bench/startup.bench.js [RUNS]`
 * after `npm run build`.
 *
 * The bundled CLI keeps a V8 code cache per command in a per-user cache folder: each case is
 * measured warm (the cache written by an earlier run, as on every run but the first) and cold (an
 * empty cache folder each run, as on a command's first run after an install or an upgrade; the
 * cold run also writes the cache).
 *
 * Target: one-plan `validate` ≤ 2× `node -e 0`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Math.max(10, Number(process.argv[2]) || 15);
const root = fileURLToPath(new URL("..", import.meta.url));
const cli = ["bin/parallel-plans.js"];

const cases = [
  ["validate (one plan)", [...cli, "validate", "examples/PARALLEL-EXECUTION-AUTOMATION"]],
  [
    "validate --format json",
    [...cli, "validate", "--format", "json", "examples/PARALLEL-EXECUTION-AUTOMATION"],
  ],
  ["status (one plan)", [...cli, "status", "examples/RELEASE-PIPELINE"]],
  ["--version", [...cli, "--version"]],
];

const scratch = mkdtempSync(path.join(os.tmpdir(), "startup-bench-"));
const warmCache = path.join(scratch, "warm");

function wallMs(args, cacheHome = warmCache) {
  const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore", env });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let coldRuns = 0;
/** A run with a cache folder no run has used. */
function coldMs(args) {
  return wallMs(args, path.join(scratch, `cold-${coldRuns++}`));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm the file system cache once for each side (and write the warm code caches).
wallMs(["-e", "0"]);
for (const [, args] of cases) wallMs(args);

console.log(
  `node ${process.version}, ${process.arch}; ${RUNS} runs per side, alternating; medians`,
);
console.log(
  [
    "command".padEnd(30),
    "node -e 0 ms".padStart(12),
    "CLI ms".padStart(8),
    "ratio".padStart(6),
  ].join("  "),
);
const runs = cases.flatMap(([label, args]) => [
  [`${label}, warm`, () => wallMs(args)],
  [`${label}, cold`, () => coldMs(args)],
]);
for (const [label, run] of runs) {
  const baseline = [];
  const measured = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(wallMs(["-e", "0"]));
    measured.push(run());
  }
  const base = median(baseline);
  const cliMs = median(measured);
  console.log(
    [
      label.padEnd(30),
      base.toFixed(1).padStart(12),
      cliMs.toFixed(1).padStart(8),
      `${(cliMs / base).toFixed(2)}×`.padStart(6),
    ].join("  "),
  );
}
rmSync(scratch, { recursive: true, force: true });
