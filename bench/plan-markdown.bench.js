/**
 * The PLAN markdown reader on a PLAN written out as the seeds write one (bench/support/seeds-plan.js:
 * an Achievement Index, then every achievement in full with its labelled sections) at 1,000 /
 * 10,000 / 100,000 achievements. Prints per size the reader's median, its cost per achievement and
 * its growth from the previous size, side by side with two linear baselines over the same text,
 * measured in the same run: `text.split("\n")` (allocates a string per line, as any reader must)
 * and a regex scan of the line starts a reader looks at. When the baselines grow faster than 10×,
 * it is the machine (memory, caches, GC), not the reader; the reader's growth is to be read
 * against theirs. Run with `npm run build && node bench/plan-markdown.bench.js`.
 *
 * Options: `--forms=heading,bold items` writes only those entry forms; `--sizes=1000,10000`;
 * `--compare=DIR` (repeatable) also times the reader of another build (`DIR/core/plan-markdown.js`,
 * e.g. a copy of dist/ from before a change) in the same alternation, and checks that it returns
 * the same document.
 *
 * How it measures: every side is warmed, then timed in alternation so machine noise hits all
 * alike, a full garbage collection (untimed) before each sample, medians kept.
 */
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { median, time } from "./support/plan-snapshot.js";
import { SEEDS_FORMS, seedsPlanMarkdown } from "./support/seeds-plan.js";

const args = process.argv.slice(2);
const option = (name) =>
  args.filter((arg) => arg.startsWith(`--${name}=`)).map((arg) => arg.slice(name.length + 3));
const SIZES = (option("sizes")[0]?.split(",") ?? ["1000", "10000", "100000"]).map(Number);
const FORMS = option("forms")[0]?.split(",") ?? Object.keys(SEEDS_FORMS);

/** A full collection between samples (`gc` without `--expose-gc`, as in analysis.bench.js). */
const collect = globalThis.gc ?? (setFlagsFromString("--expose-gc"), runInNewContext("gc"));

/** The line starts a PLAN reader cares about: headings, bold openings, list items. */
const LINE_START_RE = /^(?:#{1,6} |\*\*|[-*+] |\d+[.)] )/gm;

const readers = [{ label: "reader", read: parsePlanMarkdown }];
for (const dir of option("compare")) {
  const url = pathToFileURL(path.resolve(dir, "core/plan-markdown.js")).href;
  readers.push({
    label: path.basename(path.resolve(dir, "..")),
    read: (await import(url)).parsePlanMarkdown,
  });
}
const sides = [
  ...readers.map(({ label, read }) => ({ label, run: (text) => read(text) })),
  { label: "split", run: (text) => text.split("\n").length },
  {
    label: "scan",
    run: (text) => {
      let count = 0;
      LINE_START_RE.lastIndex = 0;
      while (LINE_START_RE.exec(text) !== null) count++;
      return count;
    },
  },
];

const rows = [];
for (const size of SIZES) {
  const text = seedsPlanMarkdown(size, { forms: FORMS });
  const read = parsePlanMarkdown(text);
  if (read.achievements.length !== size) {
    throw new Error(`the reader found ${read.achievements.length} of ${size} achievements`);
  }
  for (const { label, read: other } of readers.slice(1)) {
    if (!isDeepStrictEqual(other(text), read)) throw new Error(`${label} reads another document`);
  }
  const repeat = size >= 100_000 ? 5 : size >= 10_000 ? 11 : 31;
  for (let i = 0; i < Math.min(3, repeat); i++) for (const side of sides) side.run(text);
  const samples = sides.map(() => []);
  for (let i = 0; i < repeat; i++) {
    sides.forEach((side, s) => {
      collect();
      samples[s].push(time(() => side.run(text)));
    });
  }
  rows.push({ size, bytes: text.length, ms: samples.map(median) });
}

const pad = (value, width) => String(value).padStart(width);
const growth = (r, s) => {
  const previous = rows.find((row) => row.size * 10 === rows[r].size);
  return previous ? (rows[r].ms[s] / previous.ms[s]).toFixed(1) + "×" : "-";
};
console.log(
  `node ${process.version}, ${process.arch}; forms: ${FORMS.join(", ")}; warm medians, a full GC (untimed) before each sample`,
);
console.log(
  [
    pad("achievements", 12),
    pad("MiB", 5),
    ...sides.flatMap(({ label }) => [pad(`${label} ms`, 10), pad("growth", 6)]),
    pad("µs/achievement", 14),
  ].join("  "),
);
rows.forEach((row, r) => {
  console.log(
    [
      pad(row.size.toLocaleString("en"), 12),
      pad((row.bytes / 1048576).toFixed(1), 5),
      ...sides.flatMap((_, s) => [pad(row.ms[s].toFixed(1), 10), pad(growth(r, s), 6)]),
      pad(((row.ms[0] * 1000) / row.size).toFixed(1), 14),
    ].join("  "),
  );
});
