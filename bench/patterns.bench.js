/**
 * Configured file-name patterns built to backtrack, matched against near-miss file names: the
 * linear matcher the product uses, beside the regex it replaced (`[^/]*` per placeholder), which
 * is only run with few placeholders because its time grows as (name length)^(placeholders).
 * Run with `node bench/patterns.bench.js` after `npm run build`.
 */
import { namePatternMatcher } from "../dist/core/name-pattern.js";

function regexMatcher(pattern) {
  const source = pattern
    .split(/(\{plan\}|\{token\}|\{nn\})/)
    .map((part, i) => (i % 2 === 1 ? "[^/]*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name);
}

function ms(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const name = `x${"a".repeat(200)}`;
console.log(`node ${process.version}; near-miss name of ${name.length} characters`);
console.log(
  ["placeholders".padStart(12), "linear ms".padStart(10), "old regex ms".padStart(13)].join("  "),
);
for (const count of [2, 3, 4, 5, 26]) {
  const pattern = `x${"{token}".repeat(count)}y`;
  const linear = namePatternMatcher(pattern);
  const linearMs =
    ms(() => {
      for (let i = 0; i < 1000; i++) linear(name);
    }) / 1000;
  const old = count <= 4 ? ms(() => regexMatcher(pattern)(name)).toFixed(2) : "(stalls)";
  console.log(
    [String(count).padStart(12), linearMs.toFixed(4).padStart(10), old.padStart(13)].join("  "),
  );
}
