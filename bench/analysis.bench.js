/**
 * Full analysis of parallel.json against a bare JSON.parse of the same text, measured side by side
 * in one run at 1,000 / 10,000 / 100,000 achievements. Prints per size: median times, their ratio,
 * and the growth from the previous size, of the analysis and of JSON.parse itself (so super-linear
 * growth of the parse, a native function, can be told from the analysis's own). Run with
 * `npm run bench` (builds first).
 *
 * Variants: "clean" is a plan whose statuses all agree with its files and whose folder holds no
 * PLAN markdown, so its one finding is the `missing-plan-markdown` notice (placed at line 1, it
 * needs no position in the JSON); "1% drift" is the same plan with every hundredth status
 * disagreeing with its files; "with PLAN" adds PLAN_BENCH.md (the achievement index only) and has
 * no finding at all — its time includes the PLAN markdown reader's, also shown alone in "PLAN ms".
 *
 * How it measures: both sides are warmed (the JIT has compiled them), then timed in alternation so
 * machine noise hits both alike, and each side's median is kept. Before EACH timed sample of either
 * side a full garbage collection runs, untimed, so both start from the same heap (the generated
 * plan and its snapshot, nothing else) and neither pays for the other's garbage. The column
 * "no-GC ratio" repeats the measurement the old way, without those collections: there the
 * analysis's garbage is collected while JSON.parse runs next and lands on its clock, which
 * flatters the ratio; it is printed so the difference can be seen, the targets use "ratio". A full
 * collection also shrinks V8's young generation, so a run that allocates much after it (the
 * analysis, not JSON.parse) pays for regrowing it, as the first analysis in a fresh process does.
 *
 * Targets: at 10,000 achievements analysis ≤ 3× JSON.parse on the clean plan and ≤ 4× with 1% of
 * statuses drifting; ten times the achievements ≤ 12× the time.
 *
 * The "floor" column is the least an analysis that keeps a model can do: JSON.parse, then one
 * record of three fields (id, status, dependencies) per achievement, kept in one array. It is
 * timed like the other two sides. Its growth from 10,000 to 100,000 is what this machine and V8
 * charge for holding ten times the data (caches, young-generation collections), with no rule run:
 * the growth target is printed with it, so a run can tell an analysis that grows faster than its
 * data from one that grows like the floor.
 */
import { analyzeSnapshot } from "../dist/core/analyze.js";
import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { generatePlan } from "./generate-plan.js";
import { benchOptions, median, planSnapshot, time } from "./support/plan-snapshot.js";

const SIZES = [1_000, 10_000, 100_000];
/** Sizes measured with a PLAN too (bench/plan-markdown.bench.js measures the reader alone). */
const MARKDOWN_SIZES = new Set([1_000, 10_000, 100_000]);

/**
 * A full collection, run between timed samples. V8 exposes `gc` only with `--expose-gc`; setting the
 * flag at run time and reading `gc` from a fresh context gives the same function without changing
 * how the bench is started.
 */
const collect = globalThis.gc ?? (setFlagsFromString("--expose-gc"), runInNewContext("gc"));

/** Milliseconds of one call of `run`, started after a full collection (not timed). */
function timeAfterGc(run) {
  collect();
  return time(run);
}

function measure(label, generated, repeat, withMarkdown = false) {
  const snapshot = planSnapshot(generated, { withMarkdown });
  const decoder = new TextDecoder();
  const bytes = snapshot.files.get("BENCH/parallel.json").content;
  const parse = () => JSON.parse(decoder.decode(bytes));
  const floor = () => keepRecords(JSON.parse(decoder.decode(bytes)));
  const analyze = () => analyzeSnapshot(snapshot, benchOptions);
  const findings = analyze().plans[0].findings.length;
  const warm = Math.min(5, repeat);
  for (let i = 0; i < warm; i++) {
    parse();
    floor();
    analyze();
  }
  const parseTimes = [];
  const floorTimes = [];
  const analysisTimes = [];
  const noGcParseTimes = [];
  const noGcAnalysisTimes = [];
  for (let i = 0; i < repeat; i++) {
    parseTimes.push(timeAfterGc(parse));
    floorTimes.push(timeAfterGc(floor));
    analysisTimes.push(timeAfterGc(analyze));
  }
  for (let i = 0; i < repeat; i++) {
    noGcParseTimes.push(time(parse));
    noGcAnalysisTimes.push(time(analyze));
  }
  const markdownMs = withMarkdown
    ? median(
        Array.from({ length: repeat }, () =>
          timeAfterGc(() => parsePlanMarkdown(generated.markdown)),
        ),
      )
    : null;
  const parseMs = median(parseTimes);
  const analysisMs = median(analysisTimes);
  return {
    label,
    bytes: bytes.length,
    findings,
    parse: parseMs,
    floor: median(floorTimes),
    analysis: analysisMs,
    markdown: markdownMs,
    ratio: analysisMs / parseMs,
    noGcRatio: median(noGcAnalysisTimes) / median(noGcParseTimes),
  };
}

/** The floor's model: one small record per achievement of the parsed plan, in one array. */
function keepRecords(value) {
  const records = [];
  for (const level of value.levels) {
    for (const achievement of level.achievements) {
      records.push({
        id: achievement.id,
        status: achievement.status,
        dependencies: achievement.dependencies,
      });
    }
  }
  return records;
}

const rows = [];
for (const size of SIZES) {
  const repeat = size >= 100_000 ? 7 : size >= 10_000 ? 21 : 61;
  const generated = generatePlan(size);
  rows.push({ size, ...measure("clean", generated, repeat) });
  rows.push({ size, ...measure("1% drift", generatePlan(size, { driftEvery: 100 }), repeat) });
  if (MARKDOWN_SIZES.has(size)) {
    rows.push({ size, ...measure("with PLAN", generated, Math.min(repeat, 9), true) });
  }
}

const pad = (value, width) => String(value).padStart(width);
const growthOf = (row, key) => {
  const previous = rows.find((r) => r.size === row.size / 10 && r.label === row.label);
  return previous ? (row[key] / previous[key]).toFixed(1) + "×" : "-";
};
console.log(
  `node ${process.version}, ${process.arch}; warm medians, a full GC (untimed) before each sample; JSON.parse includes UTF-8 decoding like the analysis`,
);
console.log(
  [
    pad("achievements", 12),
    pad("variant", 9),
    pad("MiB", 5),
    pad("findings", 8),
    pad("JSON.parse ms", 13),
    pad("analysis ms", 11),
    pad("ratio", 6),
    pad("no-GC ratio", 11),
    pad("growth", 6),
    pad("parse growth", 12),
    pad("floor growth", 12),
    pad("PLAN ms", 7),
  ].join("  "),
);
for (const row of rows) {
  console.log(
    [
      pad(row.size.toLocaleString("en"), 12),
      pad(row.label, 9),
      pad((row.bytes / 1048576).toFixed(1), 5),
      pad(row.findings, 8),
      pad(row.parse.toFixed(1), 13),
      pad(row.analysis.toFixed(1), 11),
      pad(row.ratio.toFixed(2) + "×", 6),
      pad(row.noGcRatio.toFixed(2) + "×", 11),
      pad(growthOf(row, "analysis"), 6),
      pad(growthOf(row, "parse"), 12),
      pad(growthOf(row, "floor"), 12),
      pad(row.markdown === null ? "-" : row.markdown.toFixed(1), 7),
    ].join("  "),
  );
}

/** The targets, each checked against this run's figures. */
const row = (size, label) => rows.find((r) => r.size === size && r.label === label);
const growth = (label, key) => row(100_000, label)[key] / row(10_000, label)[key];
/** What the same run measured for a growth target: the bare parse and the floor. */
const beside = (label) =>
  `; in this run JSON.parse alone grew ${growth(label, "parse").toFixed(2)}×, the floor ${growth(label, "floor").toFixed(2)}×`;
const targets = [
  ["10,000 clean: analysis / JSON.parse", row(10_000, "clean").ratio, 3, ""],
  ["10,000 1% drift: analysis / JSON.parse", row(10_000, "1% drift").ratio, 4, ""],
  ["10,000 → 100,000 clean: analysis growth", growth("clean", "analysis"), 12, beside("clean")],
  [
    "10,000 → 100,000 1% drift: analysis growth",
    growth("1% drift", "analysis"),
    12,
    beside("1% drift"),
  ],
];
console.log("");
for (const [what, value, limit, context] of targets) {
  console.log(
    `${value <= limit ? "met    " : "NOT met"}  ${what}: ${value.toFixed(2)}× (target ≤ ${limit}×${context})`,
  );
}
