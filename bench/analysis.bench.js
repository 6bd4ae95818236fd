/**
 * Full analysis of parallel.json against a bare JSON.parse of the same text, measured side by side
 * in one run at 1,000 / 10,000 / 100,000 achievements. Prints per size: median times, their ratio,
 * and the growth from the previous size. Run with `npm run bench` (builds first).
 *
 * Targets: at 10,000 achievements analysis ≤ 3× JSON.parse on a clean plan and ≤ 4× with 1% of
 * statuses drifting; ten times the achievements ≤ 12× the time.
 */
import { analyzeSnapshot } from "../dist/core/analyze.js";
import { resolveOptions } from "../dist/core/options.js";
import { generatePlan } from "./generate-plan.js";

const SIZES = [1_000, 10_000, 100_000];
const options = resolveOptions({
  limits: {
    maxFileBytes: 512 * 1024 * 1024,
    maxJsonBytes: 512 * 1024 * 1024,
    maxFindingsPerRule: 200,
  },
});

function snapshotOf({ text, files }) {
  const bytes = new TextEncoder().encode(text);
  const map = new Map([
    ["BENCH/parallel.json", { path: "BENCH/parallel.json", size: bytes.length, content: bytes }],
  ]);
  for (const file of files) map.set(`BENCH/${file}`, { path: `BENCH/${file}`, size: 100 });
  return { files: map };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Both sides warm (the JIT has compiled them), then timed in alternation so machine noise hits both
 * alike; medians of each side. Steady state, as in the long-running app: no forced GC between runs
 * (a forced full GC shrinks V8's young generation and makes the next allocating run pay to regrow
 * it, which measures the collector rather than the code).
 */
function measure(label, generated, repeat) {
  const snapshot = snapshotOf(generated);
  const decoder = new TextDecoder();
  const bytes = snapshot.files.get("BENCH/parallel.json").content;
  const parse = () => JSON.parse(decoder.decode(bytes));
  const analyze = () => analyzeSnapshot(snapshot, options);
  const findings = analyze().plans[0].findings.length;
  for (let i = 0; i < 5; i++) {
    parse();
    analyze();
  }
  const parseTimes = [];
  const analysisTimes = [];
  for (let i = 0; i < repeat; i++) {
    parseTimes.push(time(parse));
    analysisTimes.push(time(analyze));
  }
  const parseMs = median(parseTimes);
  const analysisMs = median(analysisTimes);
  return {
    label,
    bytes: bytes.length,
    findings,
    parse: parseMs,
    analysis: analysisMs,
    ratio: analysisMs / parseMs,
  };
}

const rows = [];
for (const size of SIZES) {
  const repeat = size >= 100_000 ? 7 : size >= 10_000 ? 21 : 61;
  rows.push({ size, ...measure("clean", generatePlan(size), repeat) });
  rows.push({ size, ...measure("1% drift", generatePlan(size, { driftEvery: 100 }), repeat) });
}

const pad = (value, width) => String(value).padStart(width);
console.log(
  `node ${process.version}, ${process.arch}; warm medians; JSON.parse includes UTF-8 decoding like the analysis`,
);
console.log(
  [
    pad("achievements", 12),
    pad("variant", 9),
    pad("MiB", 6),
    pad("findings", 8),
    pad("JSON.parse ms", 13),
    pad("analysis ms", 11),
    pad("ratio", 6),
    pad("growth", 7),
  ].join("  "),
);
for (const row of rows) {
  const previous = rows.find((r) => r.size === row.size / 10 && r.label === row.label);
  const growth = previous ? (row.analysis / previous.analysis).toFixed(1) + "×" : "-";
  console.log(
    [
      pad(row.size.toLocaleString("en"), 12),
      pad(row.label, 9),
      pad((row.bytes / 1048576).toFixed(1), 6),
      pad(row.findings, 8),
      pad(row.parse.toFixed(1), 13),
      pad(row.analysis.toFixed(1), 11),
      pad(row.ratio.toFixed(2) + "×", 6),
      pad(growth, 7),
    ].join("  "),
  );
}
