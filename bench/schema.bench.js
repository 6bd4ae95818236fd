/**
 * parallel.json schema validation (`validateParallelSchema`, the generated ajv validator) on the
 * analysis bench's synthetic plans: its median time beside that of the `JSON.parse` that made the
 * value it validates, and the bytes one validation allocates (V8's sampling heap profiler,
 * counting objects already collected too). "timestamps" is the same plan with assigned_at,
 * started_at and completed_at filled in on its complete achievements, for the date-time format.
 * Run with `node bench/schema.bench.js` after `npm run build`.
 */
import { Session } from "node:inspector/promises";
import { validateParallelSchema } from "../dist/core/parallel-schema.js";
import { generatePlan } from "./generate-plan.js";

function ms(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Bytes allocated per call of `run`, sampled over `times` calls. */
async function allocated(run, times) {
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 128,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < times; i++) run();
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  const total = (node) => node.selfSize + node.children.reduce((sum, c) => sum + total(c), 0);
  return total(profile.head) / times;
}

console.log(`node ${process.version}`);
console.log(
  ["variant", "achievements", "parse ms", "validate ms", "ratio", "validate KiB"]
    .map((h) => h.padStart(12))
    .join("  "),
);
/** The bench plan with the timestamps of its complete achievements filled in. */
function withTimestamps(text) {
  const plan = JSON.parse(text);
  for (const level of plan.levels) {
    for (const achievement of level.achievements) {
      if (achievement.status !== "complete") continue;
      achievement.assigned_at = "2025-11-14T09:30:00Z";
      achievement.started_at = "2025-11-14T10:00:00+01:00";
      achievement.completed_at = "2025-11-15T16:45:10.250Z";
    }
  }
  return JSON.stringify(plan, null, 2);
}

for (const [variant, size] of [1000, 10000, 100000].flatMap((n) => [
  ["plan", n],
  ["timestamps", n],
])) {
  const plain = generatePlan(size).text;
  const text = variant === "plan" ? plain : withTimestamps(plain);
  const value = JSON.parse(text);
  if (validateParallelSchema(value).length > 0) throw new Error("the bench plan must be valid");
  const runs = size >= 100000 ? 11 : 41;
  const parse = [];
  const validate = [];
  for (let i = 0; i < runs; i++) {
    // As in the analysis: the value validated is the one just parsed.
    let parsed;
    parse.push(ms(() => (parsed = JSON.parse(text))));
    validate.push(ms(() => validateParallelSchema(parsed)));
  }
  const bytes = await allocated(() => validateParallelSchema(value), size >= 100000 ? 3 : 10);
  console.log(
    [
      variant,
      size,
      median(parse).toFixed(2),
      median(validate).toFixed(2),
      (median(validate) / median(parse)).toFixed(2),
      (bytes / 1024).toFixed(0),
    ]
      .map((cell) => String(cell).padStart(12))
      .join("  "),
  );
}
