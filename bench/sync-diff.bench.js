/**
 * The diff `parallel-plans sync` prints, on a plan of 8,000 achievements whose statuses all
 * drift (~3 MB): the `diff` library over the whole old and new texts (what sync printed before;
 * O((N+M)·D), so it runs once) against the patch built from sync's own edits (median of 5), in one
 * run on the same sync outcome, checking both print the same text. Then the whole command, as a
 * user runs it, once. Run with `node bench/sync-diff.bench.js` after `npm run build`.
 *
 * Target: the diff costs no more than the sync itself (linear in the text plus the edits).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { resolveOptions } from "../dist/core/options.js";
import { syncSnapshot } from "../dist/core/sync/sync-snapshot.js";
import { editsPatch } from "../dist/render/sync-patch.js";
import { generatePlan } from "./generate-plan.js";

const SIZE = 8_000;
const options = resolveOptions({
  limits: { maxFileBytes: 512 * 1024 * 1024, maxJsonBytes: 512 * 1024 * 1024 },
});

function time(run) {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const generated = generatePlan(SIZE, { driftEvery: 1 });
const bytes = new TextEncoder().encode(generated.text);
const files = new Map([
  ["BENCH/parallel.json", { path: "BENCH/parallel.json", size: bytes.length, content: bytes }],
]);
for (const file of generated.files) files.set(`BENCH/${file}`, { path: `BENCH/${file}`, size: 1 });
const sync = time(() => syncSnapshot({ files, text: generated.text }, options));
const outcome = sync.result[0].outcome;
if (outcome.kind !== "synced") throw new Error(outcome.reason);

const names = ["a/BENCH/parallel.json", "b/BENCH/parallel.json"];
const whole = time(() =>
  createTwoFilesPatch(...names, outcome.text, outcome.newText, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  }),
);
const regionTimes = [];
let region = "";
for (let i = 0; i < 5; i++) {
  const run = time(() => editsPatch(...names, outcome.text, outcome.newText, outcome.edits));
  regionTimes.push(run.ms);
  region = run.result;
}
if (region !== whole.result) throw new Error("the two patches differ");
const regionMs = median(regionTimes);

// The command itself, on the same plan written to disk.
const root = mkdtempSync(path.join(tmpdir(), "pp-sync-diff-"));
try {
  const plan = path.join(root, "BENCH");
  mkdirSync(plan);
  writeFileSync(path.join(plan, "parallel.json"), generated.text);
  for (const file of generated.files) {
    mkdirSync(path.dirname(path.join(plan, file)), { recursive: true });
    writeFileSync(path.join(plan, file), "x");
  }
  const bin = fileURLToPath(new URL("../bin/parallel-plans.js", import.meta.url));
  const cli = time(() => {
    try {
      return execFileSync(process.execPath, [bin, "sync", plan], {
        maxBuffer: 1 << 30,
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch (error) {
      if (error.status !== 1) throw error; // exit 1 = drift shown, as expected
      return error.stdout;
    }
  });
  const lines = region.split("\n").length - 1;
  console.log(`node ${process.version}, ${process.arch}; shared machine`);
  console.log(
    `plan: ${SIZE} achievements, ${(generated.text.length / 1048576).toFixed(1)} MiB, ` +
      `${outcome.edits.length} edits, ${lines} diff lines; sync itself ${sync.ms.toFixed(0)} ms`,
  );
  console.log(`whole-text diff (once)      ${whole.ms.toFixed(0).padStart(8)} ms`);
  console.log(`diff from edits (median 5)  ${regionMs.toFixed(0).padStart(8)} ms`);
  console.log(`ratio                       ${(whole.ms / regionMs).toFixed(0).padStart(8)}×`);
  console.log(`same patch text             ${"yes".padStart(8)}`);
  console.log(
    `whole command (once)        ${cli.ms.toFixed(0).padStart(8)} ms, ${cli.result.length} bytes out`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
