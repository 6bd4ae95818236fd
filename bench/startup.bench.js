/**
 * CLI startup: the installed command run as a process, side by side with `node -e 0` (Node's own
 * start), in one run. Runs alternate between the two sides so machine noise hits both alike; prints
 * the median wall time of each and their ratio. Run with `node bench/startup.bench.js [RUNS]`
 * after `npm run build`.
 *
 * Target: one-plan `validate` ≤ 2× `node -e 0`.
 */
import { spawnSync } from "node:child_process";
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

function wallMs(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Warm the file system cache once for each side.
wallMs(["-e", "0"]);
for (const [, args] of cases) wallMs(args);

console.log(
  `node ${process.version}, ${process.arch}; ${RUNS} runs per side, alternating; medians`,
);
console.log(
  [
    "command".padEnd(24),
    "node -e 0 ms".padStart(12),
    "CLI ms".padStart(8),
    "ratio".padStart(6),
  ].join("  "),
);
for (const [label, args] of cases) {
  const baseline = [];
  const measured = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(wallMs(["-e", "0"]));
    measured.push(wallMs(args));
  }
  const base = median(baseline);
  const cliMs = median(measured);
  console.log(
    [
      label.padEnd(24),
      base.toFixed(1).padStart(12),
      cliMs.toFixed(1).padStart(8),
      `${(cliMs / base).toFixed(2)}×`.padStart(6),
    ].join("  "),
  );
}
