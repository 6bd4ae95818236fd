/**
 * Status sync: the time `parallel-plans sync` spends deciding and applying the edits of one
 * parallel.json, against a bare JSON.parse of the same text, in one run. Three plans: 10,000
 * achievements whose statuses all need writing, a dense plan of ~1,400 achievements each depending
 * on many earlier ones, and 20,000 achievements with drifting statuses (every other one).
 * Run with `node bench/sync.bench.js` after `npm run build`.
 *
 * Targets: linear in the number of edits; 10,000 status edits in under 1 s.
 */
import { generatePlan } from "./generate-plan.js";
import { syncSnapshot } from "../dist/core/sync/sync-snapshot.js";
import { benchOptions, median, planSnapshot, time } from "./support/plan-snapshot.js";

/** A plan of `size` achievements where each depends on up to `fanIn` achievements of earlier levels. */
function densePlan(size, fanIn) {
  const generated = generatePlan(size, { driftEvery: 3 });
  const plan = JSON.parse(generated.text);
  const all = plan.levels.flatMap((level) => level.achievements);
  const levelOf = new Map();
  plan.levels.forEach((level, index) =>
    level.achievements.forEach((a) => levelOf.set(a.id, index)),
  );
  for (const achievement of all) achievement.blocks = [];
  for (const achievement of all) {
    const earlier = all.filter((other) => levelOf.get(other.id) < levelOf.get(achievement.id));
    achievement.dependencies = earlier.slice(-fanIn).map((other) => other.id);
  }
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const achievement of all)
    for (const dependency of achievement.dependencies)
      byId.get(dependency).blocks.push(achievement.id);
  return { text: JSON.stringify(plan, null, 2) + "\n", files: generated.files };
}

const cases = [
  ["10,000, every status", () => generatePlan(10_000, { driftEvery: 1 })],
  ["1,400 dense (fan-in 60)", () => densePlan(1_400, 60)],
  ["20,000, half drifting", () => generatePlan(20_000, { driftEvery: 2 })],
];

console.log(`node ${process.version}, ${process.arch}; medians of 5 runs after one warm-up`);
console.log(
  [
    "plan".padEnd(24),
    "MiB".padStart(5),
    "edits".padStart(6),
    "JSON.parse ms".padStart(13),
    "sync ms".padStart(8),
    "ratio".padStart(7),
  ].join("  "),
);
for (const [label, make] of cases) {
  const generated = make();
  const snapshot = planSnapshot(generated);
  const sync = () => syncSnapshot(snapshot, benchOptions);
  const parse = () => JSON.parse(generated.text);
  const first = sync()[0].outcome;
  if (first.kind !== "synced") throw new Error(`${label}: ${first.reason}`);
  const parseTimes = [];
  const syncTimes = [];
  for (let i = 0; i < 5; i++) {
    parseTimes.push(time(parse));
    syncTimes.push(time(sync));
  }
  const parseMs = median(parseTimes);
  const syncMs = median(syncTimes);
  console.log(
    [
      label.padEnd(24),
      (generated.text.length / 1048576).toFixed(1).padStart(5),
      String(first.edits.length).padStart(6),
      parseMs.toFixed(1).padStart(13),
      syncMs.toFixed(1).padStart(8),
      `${(syncMs / parseMs).toFixed(1)}×`.padStart(7),
    ].join("  "),
  );
}
