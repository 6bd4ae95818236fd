/**
 * Locating findings in parallel.json (JsonDocument.locateAll) against a bare JSON.parse of the
 * same text, at 10,000 and 100,000 achievements with every hundredth status drifting: the paths
 * asked for are those statuses (what the status-drift findings point at), spread over the whole
 * file. Also shown: the offset pass alone (markOffsets) and the line counting alone
 * (positionsAt), so either can be told from the other. Warm medians, the sides alternating so
 * machine noise hits them alike. Run with `node bench/positions.bench.js` after `npm run build`.
 *
 * Target: locating costs a fraction of the JSON.parse before it (the 1% drift analysis must stay
 * within 4× JSON.parse in bench/analysis.bench.js).
 */
import { JsonDocument } from "../dist/core/json-document.js";
import { markOffsets, PathTrie, positionsAt } from "../dist/core/json-positions.js";
import { generatePlan } from "./generate-plan.js";
import { median, time } from "./support/plan-snapshot.js";

const DRIFT_EVERY = 100;

/** The path of every drifted status, as the status-drift rule asks for it. */
function driftedStatusPaths(value) {
  const paths = [];
  let count = 0;
  value.levels.forEach((level, l) => {
    level.achievements.forEach((_achievement, a) => {
      if (count++ % DRIFT_EVERY === 0) paths.push(["levels", l, "achievements", a, "status"]);
    });
  });
  return paths;
}

function offsetsOf(text, paths) {
  const root = new PathTrie();
  const leaves = paths.map((path) => root.insert(path));
  markOffsets(text, root);
  return leaves.map((leaf) => leaf.nearestOffset());
}

console.log(`node ${process.version}, ${process.arch}; warm medians, milliseconds`);
console.log(
  ["achievements", "MiB", "paths", "JSON.parse", "locateAll", "ratio", "offsets", "lines"]
    .map((title, index) => title.padStart(index === 0 ? 12 : 10))
    .join("  "),
);
for (const size of [10_000, 100_000]) {
  const { text } = generatePlan(size, { driftEvery: DRIFT_EVERY });
  const value = JSON.parse(text);
  const paths = driftedStatusPaths(value);
  const offsets = offsetsOf(text, paths);
  const sides = {
    parse: () => JSON.parse(text),
    locate: () => new JsonDocument(text, value).locateAll(paths),
    offsets: () => offsetsOf(text, paths),
    lines: () => positionsAt(text, offsets),
  };
  const repeat = size >= 100_000 ? 11 : 41;
  const times = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let i = 0; i < 3; i++) for (const run of Object.values(sides)) run();
  for (let i = 0; i < repeat; i++) {
    for (const [name, run] of Object.entries(sides)) times[name].push(time(run));
  }
  const ms = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  console.log(
    [
      size.toLocaleString("en").padStart(12),
      (text.length / 1048576).toFixed(1).padStart(10),
      String(paths.length).padStart(10),
      ms.parse.toFixed(2).padStart(10),
      ms.locate.toFixed(2).padStart(10),
      `${(ms.locate / ms.parse).toFixed(2)}×`.padStart(10),
      ms.offsets.toFixed(2).padStart(10),
      ms.lines.toFixed(2).padStart(10),
    ].join("  "),
  );
}
