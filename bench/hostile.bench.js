/**
 * Every CLI command on the hostile corpus (bench/support/hostile-corpus.js) with inputs as large
 * as each size limit allows, run in-process on the built CLI (as `npm test` runs it, warm after
 * the first input). Prints, per limit, the slowest command and input and the median of all runs,
 * so the default limits can be set where the slowest command stays under about 2 s: markdown
 * limits (`limits.max_file_bytes`, every input) and parallel.json limits (`limits.max_json_bytes`,
 * the parallel.json inputs alone, with the defaults marked). Run with
 * `npm run build && node bench/hostile.bench.js [--markdown bytes,...] [--json bytes,...]
 * [--skip command] [--large]` (an empty list skips that kind; `--large` adds a 100,000-achievement
 * PLAN to the reader's growth figures, which takes minutes).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { main } from "../dist/cli/main.js";
import { DEFAULT_LIMITS } from "../dist/core/options.js";
import { parsePlanMarkdown } from "../dist/core/plan-markdown.js";
import { argsFor, COMMANDS, writeHostileCorpus } from "./support/hostile-corpus.js";
import { seedsPlan, seedsPlanOfSize } from "./support/hostile-plans.js";

const KIB = 1024;
const MIB = 1024 * KIB;
const { values: flags } = parseArgs({
  options: {
    large: { type: "boolean", default: false },
    markdown: { type: "string" },
    json: { type: "string" },
    skip: { type: "string", multiple: true, default: [] },
  },
});
const list = (text) => (text === "" ? [] : text.split(",").map(Number));
const LARGE = flags.large;
const LIMITS = flags.markdown === undefined ? [256 * KIB, 512 * KIB] : list(flags.markdown);
const JSON_LIMITS =
  flags.json === undefined
    ? [...new Set([4 * MIB, 8 * MIB, DEFAULT_LIMITS.maxJsonBytes])].sort((x, y) => x - y)
    : list(flags.json);
/** Commands left out (`--skip sync`), e.g. one already measured to be far slower than the rest. */
const RUN = COMMANDS.filter((c) => !flags.skip.includes(c.join(" ")));

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

/** Every command on every input just under `limit`, set to exactly that in a config. */
async function atLimit(limit, setting, only) {
  const root = await mkdtemp(path.join(tmpdir(), "pp-hostile-bench-"));
  try {
    const cases = await writeHostileCorpus(root, limit - 4 * KIB, { only });
    // Both limits at least `limit`, so only the inputs' shape and size are measured.
    const config = `limits:\n  max_file_bytes: ${only ? DEFAULT_LIMITS.maxFileBytes : limit}\n  max_json_bytes: ${Math.max(limit, DEFAULT_LIMITS.maxJsonBytes)}\n`;
    await writeFile(path.join(root, "config.yml"), config);
    const rows = [];
    for (const { name, dir } of cases) {
      for (const command of RUN) {
        const { ms, code } = await run(root, [...argsFor(command, dir), "--config", "config.yml"]);
        rows.push({ ms, code, name, command: command.join(" ") });
      }
    }
    // Every run exiting 2 means the config was refused: nothing was read, so no figure.
    if (rows.every((row) => row.code === 2)) throw new Error(`config refused: ${config}`);
    rows.sort((a, b) => b.ms - a.ms);
    const median = rows[Math.floor(rows.length / 2)].ms;
    const isDefault =
      DEFAULT_LIMITS[setting === "max_file_bytes" ? "maxFileBytes" : "maxJsonBytes"] === limit;
    console.log(
      `${setting} ${limit} (${(limit / KIB).toFixed(0)} KiB${isDefault ? ", the default" : ""}): ${rows.length} runs of ${RUN.length} commands on ${cases.length} inputs`,
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

if (LIMITS.length > 0) readerGrowth();
for (const limit of LIMITS) await atLimit(limit, "max_file_bytes");
for (const limit of JSON_LIMITS) await atLimit(limit, "max_json_bytes", "json");
