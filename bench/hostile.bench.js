/**
 * Every CLI command on the hostile corpus (bench/support/hostile-corpus.js) with inputs as large
 * as each size limit allows, run in-process on the built CLI (as `npm test` runs it, warm after
 * the first input). Prints, per limit, the slowest command and input and the median of all runs,
 * so the default limits can be set where the slowest command stays under about 2 s. Run with
 * `npm run build && node bench/hostile.bench.js [bytes...] [--large]` (`--large` adds a
 * 100,000-achievement PLAN to the reader's growth figures, which takes minutes).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../dist/cli/main.js";
import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { argsFor, COMMANDS, writeHostileCorpus } from "./support/hostile-corpus.js";
import { seedsPlan, seedsPlanOfSize } from "./support/hostile-plans.js";

const KIB = 1024;
const args = process.argv.slice(2);
const LARGE = args.includes("--large");
const sizes = args.filter((a) => a !== "--large").map(Number);
const LIMITS = sizes.length > 0 ? sizes : [256 * KIB, 512 * KIB, 1024 * KIB];

/** The PLAN reader alone on seeds-style PLANs: time should grow with the size, not faster. */
function readerGrowth() {
  const time = (text) => {
    parsePlanMarkdown(text.slice(0, 20_000));
    const start = process.hrtime.bigint();
    parsePlanMarkdown(text);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const counts = LARGE ? [1_000, 10_000, 100_000] : [1_000, 10_000];
  let previous = null;
  for (const count of counts) {
    const text = seedsPlan(count);
    const ms = time(text);
    const growth = previous ? ` (${(ms / previous).toFixed(1)}x for 10x the achievements)` : "";
    console.log(
      `PLAN reader, ${count} achievements (${(text.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms${growth}`,
    );
    previous = ms;
  }
  const ten = seedsPlanOfSize(10 * 1024 * KIB);
  console.log(`PLAN reader, a 10 MiB seeds-style PLAN: ${time(ten).toFixed(0)} ms`);
}

async function run(cwd, args) {
  const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd };
  const start = process.hrtime.bigint();
  const code = await main(["node", "parallel-plans", ...args], io);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, code };
}

readerGrowth();
for (const limit of LIMITS) {
  const root = await mkdtemp(path.join(tmpdir(), "pp-hostile-bench-"));
  try {
    // Inputs just under the limit; the limit set to exactly that in a config.
    const cases = await writeHostileCorpus(root, limit - 4 * KIB);
    await writeFile(path.join(root, "config.yml"), `limits:\n  max_file_bytes: ${limit}\n`);
    const rows = [];
    for (const { name, dir } of cases) {
      for (const command of COMMANDS) {
        const { ms, code } = await run(root, [...argsFor(command, dir), "--config", "config.yml"]);
        rows.push({ ms, code, name, command: command.join(" ") });
      }
    }
    rows.sort((a, b) => b.ms - a.ms);
    const median = rows[Math.floor(rows.length / 2)].ms;
    console.log(
      `limit ${limit} bytes (${(limit / KIB).toFixed(0)} KiB): ${rows.length} runs of ${COMMANDS.length} commands on ${cases.length} inputs`,
    );
    for (const row of rows.slice(0, 3)) {
      console.log(
        `  ${row.ms.toFixed(0).padStart(6)} ms  ${row.command}  on ${row.name} (exit ${row.code})`,
      );
    }
    console.log(
      `  slowest command: ${rows[0].ms.toFixed(0)} ms (${rows[0].command} on ${rows[0].name}); median run ${median.toFixed(0)} ms`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
