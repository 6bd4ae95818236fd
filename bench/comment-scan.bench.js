/**
 * Finding `/parallel` lines in hostile comments at GitHub's maximum length (65,536 characters):
 * the fuzz corpus of bench/support/hostile-comments.js, each body timed three times after a warm
 * pass over the whole corpus (steady state, as in the long-running app); the median per body.
 * Prints the slowest bodies, the median body, and the same for ordinary comments of the same
 * length (prose with a command), measured side by side in the same run. Target: every body under
 * 100 ms. Run with `npm run build && node bench/comment-scan.bench.js`.
 */
import { findCommandLines } from "../dist/commands/parse-comment.js";
import { hostileComments, MAX_COMMENT_CHARS } from "./support/hostile-comments.js";

const RUNS = 3;

function time(body) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    findCommandLines(body);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** Prose paragraphs with a command now and then, as people write them, to the maximum length. */
function ordinaryComment(seed) {
  const paragraph = `Thanks for the review @someone, I moved **Achievement ${seed}.2** to level 3 and fixed the \`dependencies\` list ([details](https://example.com/${seed})).\n\n/parallel status --plan PLAN_${seed}\n\n`;
  return paragraph
    .repeat(Math.ceil(MAX_COMMENT_CHARS / paragraph.length))
    .slice(0, MAX_COMMENT_CHARS);
}

const hostile = hostileComments();
const ordinary = Array.from({ length: 20 }, (_, i) => ({
  name: `ordinary ${i}`,
  body: ordinaryComment(i),
}));
for (const { body } of [...hostile, ...ordinary]) findCommandLines(body);

const measure = (corpus) =>
  corpus.map(({ name, body }) => ({ name, ms: time(body), found: findCommandLines(body).length }));
const hostileTimes = measure(hostile).sort((a, b) => b.ms - a.ms);
const ordinaryTimes = measure(ordinary).sort((a, b) => b.ms - a.ms);
const median = (rows) => rows[Math.floor(rows.length / 2)].ms;

console.log(
  `comment scan: ${hostile.length} hostile bodies of ${MAX_COMMENT_CHARS} characters (median of ${RUNS} runs each)`,
);
for (const row of hostileTimes.slice(0, 5)) {
  console.log(`  ${row.ms.toFixed(2).padStart(8)} ms  ${row.name} (${row.found} commands)`);
}
console.log(`  slowest hostile body: ${hostileTimes[0].ms.toFixed(2)} ms (target < 100 ms)`);
console.log(`  median hostile body:  ${median(hostileTimes).toFixed(2)} ms`);
console.log(`  slowest ordinary body of the same length: ${ordinaryTimes[0].ms.toFixed(2)} ms`);
console.log(
  `  slowest hostile / slowest ordinary: ${(hostileTimes[0].ms / ordinaryTimes[0].ms).toFixed(1)}×`,
);
