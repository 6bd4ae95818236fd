/**
 * What running an analysis in a worker thread costs, on the example plan: in the main thread,
 * in a fresh thread per analysis (a thread start plus a cold load and JIT of the core every
 * time), and in the pool's warm thread. Timed in alternation in one run so machine noise hits
 * every side alike; per side the median wall time and the median CPU time of the whole process
 * (all threads) per analysis, and their ratios to the in-process figures. Then a burst of
 * concurrent analyses, as a busy push of many installations sends them, one thread each versus
 * the pool. Run with `npm run build && node bench/analysis-runner.bench.js`.
 */
import { analyzeSnapshot } from "../dist/core/analyze.js";
import { resolveOptions } from "../dist/core/options.js";
import { isPlanInput } from "../dist/sources/plan-inputs.js";
import { readLocalSnapshot } from "../dist/sources/local-source.js";
import { defaultPoolSize } from "../dist/worker/analysis-pool.js";
import { analyzerWithDeadline, analyzeWithDeadline } from "../dist/worker/analyze-with-deadline.js";

const PLAN = "examples/PARALLEL-EXECUTION-AUTOMATION";
const ROUNDS = 30;
const BURST = 20;

const options = resolveOptions();
const snapshot = await readLocalSnapshot(PLAN, {
  maxFileBytes: options.limits.maxFileBytes,
  maxJsonBytes: options.limits.maxJsonBytes,
  readContent: isPlanInput,
});

async function measure(run) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / 1000 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const pooled = analyzerWithDeadline();
const sides = {
  "in-process": async () => analyzeSnapshot(snapshot, options),
  "fresh thread": () => analyzeWithDeadline(snapshot, options),
  "pooled thread": () => pooled(snapshot, options),
};

// Warm: the main thread's core and the pool's thread have each analysed before timing starts
// (the app's steady state); a fresh thread is cold by definition.
for (let i = 0; i < 10; i++) {
  await sides["in-process"]();
  await sides["pooled thread"]();
}
await sides["fresh thread"]();

const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(sides)) samples[name].push(await measure(run));
}

const pad = (value, width) => String(value).padStart(width);
const files = [...snapshot.files.values()];
console.log(
  `node ${process.version}, ${process.arch}; ${PLAN}: ${files.length} files, ` +
    `${files.reduce((sum, file) => sum + file.size, 0)} bytes; medians of ${ROUNDS} rounds`,
);
console.log(
  [pad("runner", 14), pad("wall ms", 8), pad("× in", 6), pad("CPU ms", 8), pad("× in", 6)].join(
    "  ",
  ),
);
const base = samples["in-process"];
const baseWall = median(base.map((s) => s.wall));
const baseCpu = median(base.map((s) => s.cpu));
for (const [name, runs] of Object.entries(samples)) {
  const wall = median(runs.map((s) => s.wall));
  const cpu = median(runs.map((s) => s.cpu));
  console.log(
    [
      pad(name, 14),
      pad(wall.toFixed(2), 8),
      pad((wall / baseWall).toFixed(1) + "×", 6),
      pad(cpu.toFixed(2), 8),
      pad((cpu / baseCpu).toFixed(1) + "×", 6),
    ].join("  "),
  );
}
const fresh = samples["fresh thread"];
const pool = samples["pooled thread"];
console.log(
  `fresh thread / pooled thread: wall ${(median(fresh.map((s) => s.wall)) / median(pool.map((s) => s.wall))).toFixed(1)}×, ` +
    `CPU ${(median(fresh.map((s) => s.cpu)) / median(pool.map((s) => s.cpu))).toFixed(1)}×`,
);

// A burst: BURST analyses at once, each in its own fresh thread versus queued on the pool.
const burst = async (run) => measure(() => Promise.all(Array.from({ length: BURST }, () => run())));
const freshBurst = await burst(sides["fresh thread"]);
const poolBurst = await burst(sides["pooled thread"]);
console.log(
  `burst of ${BURST} at once: fresh threads ${freshBurst.wall.toFixed(0)} ms wall / ` +
    `${freshBurst.cpu.toFixed(0)} ms CPU; pool of ${defaultPoolSize()} ` +
    `${poolBurst.wall.toFixed(0)} ms wall / ${poolBurst.cpu.toFixed(0)} ms CPU; ` +
    `ratio wall ${(freshBurst.wall / poolBurst.wall).toFixed(1)}×, CPU ${(freshBurst.cpu / poolBurst.cpu).toFixed(1)}×`,
);
await pooled.close();
