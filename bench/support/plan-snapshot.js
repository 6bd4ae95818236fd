/**
 * What the core benches share: a generated plan (`generate-plan.js`) as the snapshot the core
 * reads, limits raised so the largest plans are analysed rather than refused, and the timing
 * helpers they print from.
 */
import { resolveOptions } from "../../dist/core/options.js";

/** Default options with the size limits raised past the largest generated plan. */
export const benchOptions = resolveOptions({
  limits: {
    maxFileBytes: 512 * 1024 * 1024,
    maxJsonBytes: 512 * 1024 * 1024,
    maxFindingsPerRule: 200,
  },
});

/**
 * The snapshot of the generated plan folder BENCH: parallel.json as bytes, the achievement files
 * by name (their contents are never read), and PLAN_BENCH.md when `withMarkdown` is set.
 */
export function planSnapshot({ text, files, markdown }, { withMarkdown = false } = {}) {
  const bytes = new TextEncoder().encode(text);
  const map = new Map([
    ["BENCH/parallel.json", { path: "BENCH/parallel.json", size: bytes.length, content: bytes }],
  ]);
  for (const file of files) map.set(`BENCH/${file}`, { path: `BENCH/${file}`, size: 100 });
  if (withMarkdown) {
    map.set("BENCH/PLAN_BENCH.md", {
      path: "BENCH/PLAN_BENCH.md",
      size: Buffer.byteLength(markdown),
      content: markdown,
    });
  }
  return { files: map };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds one call of `run` takes. */
export function time(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
