/**
 * The hostile-input corpus, written to a folder by code (nothing big is committed): plan folders
 * whose PLAN markdown or parallel.json is built to be slow or confusing at a given size, plus the
 * CLI commands every one of them is run through. Shared by test/hostile/corpus.test.ts (small
 * sizes, a hang guard) and bench/hostile.bench.js (at each size limit).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generatePlan } from "../generate-plan.js";
import { achievementIds, hostileMarkdown, seedsPlanOfSize } from "./hostile-plans.js";

/** Every command and format a user can run on one plan folder (PATH is appended or inserted). */
export const COMMANDS = [
  ["validate"],
  ["validate", "--format", "json"],
  ["validate", "--format", "markdown"],
  ["validate", "--format", "sarif"],
  ["status"],
  ["status", "--format", "json"],
  ["graph"],
  ["graph", "--format", "dot"],
  ["prompt", "discover"],
  ["prompt", "batch-subplans"],
  ["prompt", "batch-executions"],
  ["sync"],
];

/** The argument list of `command` run on `target`. */
export function argsFor(command, target) {
  const [first, ...rest] = command;
  return first === "prompt" ? [first, rest[0], target] : [first, target, ...rest];
}

/** A small valid parallel.json naming achievements 1.1 and 1.2. */
function smallJson(name) {
  const achievement = (id) => ({
    id,
    title: `Start ${id}`,
    estimated_hours: "1-2 hours",
    dependencies: [],
    status: "not_started",
  });
  return `${JSON.stringify({ plan_name: name, version: "1.0.0", levels: [{ level: 1, can_parallelize: true, max_parallelism: 2, reason: "r", description: "d", achievements: [achievement("1.1"), achievement("1.2")] }] }, null, 2)}\n`;
}

/** parallel.json texts that are slow or confusing, about `bytes` long. */
function hostileJson(bytes, name) {
  // About 420 bytes an achievement: scale once from a first guess so the plan fits in `bytes`.
  const guess = Math.max(2, Math.floor(bytes / 420));
  const first = generatePlan(guess).text;
  const large =
    first.length <= bytes
      ? first
      : generatePlan(Math.max(2, Math.floor((guess * bytes) / first.length) - 1)).text;
  const ids = achievementIds(Math.max(2, Math.floor(Math.sqrt(bytes / 8))));
  // Every achievement of the last level depends on every one before: a dense graph.
  const dense = {
    plan_name: name,
    version: "1.0.0",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        max_parallelism: 4,
        reason: "r",
        description: "d",
        achievements: ids.slice(0, -20).map((id) => ({
          id,
          title: id,
          estimated_hours: 1,
          dependencies: [],
          status: "not_started",
        })),
      },
      {
        level: 2,
        can_parallelize: true,
        max_parallelism: 4,
        reason: "r",
        description: "d",
        achievements: ids.slice(-20).map((id) => ({
          id: `9${id}`,
          title: id,
          estimated_hours: 1,
          dependencies: ids.slice(0, -20),
          status: "not_started",
        })),
      },
    ],
  };
  const cyclic = {
    plan_name: name,
    version: "1.0.0",
    levels: [
      {
        level: 1,
        can_parallelize: false,
        max_parallelism: 1,
        reason: "r",
        description: "d",
        achievements: ids.map((id, i) => ({
          id,
          title: id,
          estimated_hours: 1,
          dependencies: [ids[(i + 1) % ids.length]],
          status: "in_progress",
        })),
      },
    ],
  };
  const depth = Math.floor(bytes / 2);
  return {
    "many achievements": large,
    "dense graph": JSON.stringify(dense),
    "one long cycle": JSON.stringify(cyclic),
    "deep nesting": `${"[".repeat(depth)}${"]".repeat(depth)}`,
    "deep objects": `${'{"a":'.repeat(Math.floor(bytes / 6))}1${"}".repeat(Math.floor(bytes / 6))}`,
    "long title": smallJson(name).replace('"Start 1.1"', JSON.stringify("t".repeat(bytes - 600))),
    "prototype keys": smallJson(name).replace(
      '"plan_name"',
      '"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "plan_name"',
    ),
    whitespace: " ".repeat(bytes),
    "not utf-8": Buffer.concat([
      Buffer.from('{"plan_name": "'),
      Buffer.alloc(bytes - 40, 0xff),
      Buffer.from('"}'),
    ]),
    "unclosed string": `{"plan_name": "${"a".repeat(bytes - 20)}`,
  };
}

/**
 * Writes the corpus under `root` with inputs of about `bytes` each; returns one entry per plan:
 * its name and the folder to give the CLI (relative to `root`; the plan is in
 * `work-space/plans/` below it, as in a repository). `only: "json"` writes the parallel.json
 * inputs alone (their limit is another setting).
 */
export async function writeHostileCorpus(root, bytes, { only } = {}) {
  const cases = [];
  const plan = async (kind, label, files) => {
    const name = `${kind}-${label}`.replace(/[^A-Za-z0-9]+/g, "-").toUpperCase();
    // Laid out as in a repository, so a config's default `plans` glob finds the plan.
    const dir = path.join(root, name, "work-space", "plans", name);
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    }
    cases.push({ name: `${kind}: ${label}`, dir: name });
    return name;
  };
  if (only === "json") {
    for (const [label, content] of Object.entries(hostileJson(bytes, "JSON"))) {
      await plan("json", label, { "parallel.json": content });
    }
    return cases;
  }
  const seedsMd = seedsPlanOfSize(bytes, "PLAN-SEEDS-STYLE");
  const seedsCount = (seedsMd.match(/^### Achievement/gm) ?? []).length;
  await plan("plan", "seeds style", {
    "PLAN_PLAN-SEEDS-STYLE.md": seedsMd,
    "parallel.json": generatePlan(seedsCount).text.replace('"BENCH"', '"PLAN-SEEDS-STYLE"'),
  });
  for (const [label, text] of Object.entries(hostileMarkdown(bytes))) {
    const name = `MD-${label.replace(/[^A-Za-z0-9]+/g, "-").toUpperCase()}`;
    await plan("md", label, { [`PLAN_${name}.md`]: text, "parallel.json": smallJson(name) });
  }
  for (const [label, content] of Object.entries(hostileJson(bytes, "JSON"))) {
    await plan("json", label, { "parallel.json": content });
  }
  return cases;
}
