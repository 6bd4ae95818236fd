/**
 * The seeds' example plan (examples/PARALLEL-EXECUTION-AUTOMATION) as the app sees it: placed at
 * work-space/plans/<NAME> in a snapshot, analysed by the core, with its SUBPLAN texts — optionally
 * with some files left out (a SUBPLAN not written yet) or rewritten.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import type { PlanReport } from "../../src/core/model.js";
import { resolveOptions } from "../../src/core/options.js";
import type { SnapshotFile } from "../../src/core/types.js";
import { walk } from "../github/fake-git.js";

export const EXAMPLE = "PARALLEL-EXECUTION-AUTOMATION";
export const EXAMPLE_DIR = `work-space/plans/${EXAMPLE}`;
export const OPTIONS = resolveOptions({ plans: ["work-space/plans/*"] });

export interface ExampleOptions {
  /** Paths inside the plan folder to leave out. */
  without?: (relPath: string) => boolean;
  /** Paths inside the plan folder to rewrite. */
  edit?: Record<string, (text: string) => string>;
  /** The example folder to read (default: the seeds' example). */
  from?: string;
  dir?: string;
}

/** The plan's files (repository paths → text), as a fake repository holds them. */
export function exampleFiles(opts: ExampleOptions = {}): Map<string, string> {
  const from = opts.from ?? `examples/${EXAMPLE}`;
  const dir = opts.dir ?? EXAMPLE_DIR;
  const files = new Map<string, string>();
  for (const rel of walk(from)) {
    if (opts.without?.(rel)) continue;
    const text = readFileSync(path.join(from, rel), "utf8");
    files.set(`${dir}/${rel}`, opts.edit?.[rel]?.(text) ?? text);
  }
  return files;
}

/** The analysed plan and its SUBPLAN texts. */
export function examplePlan(opts: ExampleOptions = {}): {
  plan: PlanReport;
  subplans: Map<string, string>;
} {
  const files = exampleFiles(opts);
  const snapshot = new Map<string, SnapshotFile>(
    [...files].map(([p, text]) => [p, { path: p, size: Buffer.byteLength(text), content: text }]),
  );
  const plan = analyzeSnapshot({ files: snapshot }, OPTIONS).plans[0];
  if (!plan) throw new Error("the example holds no plan");
  const subplans = new Map([...files].filter(([p]) => p.includes("/subplans/")));
  return { plan, subplans };
}

/** The example as it was before its level 3 SUBPLANs and EXECUTION_TASKs were written. */
export function levelThreeUnprepared(): ExampleOptions {
  return unprepared(["3.1", "3.2", "3.3"]);
}

/**
 * The example as it was before these achievements' SUBPLANs and EXECUTION_TASKs were written:
 * files left out and parallel.json as it was then, so the plan has no error (batch prompts
 * refuse a plan with errors).
 */
export function unprepared(ids: readonly string[]): ExampleOptions {
  const tokens = ids.map((id) => id.replace(".", ""));
  return {
    without: (rel) => tokens.some((t) => new RegExp(`_${t}(_\\d+)?\\.md$`).test(rel)),
    edit: { "parallel.json": (text) => resetAchievements(text, ids) },
  };
}

function resetAchievements(text: string, ids: readonly string[]): string {
  const doc = JSON.parse(text) as { levels: { achievements: Record<string, unknown>[] }[] };
  for (const achievement of doc.levels.flatMap((l) => l.achievements)) {
    if (!ids.includes(achievement.id as string)) continue;
    achievement.status = "not_started";
    delete achievement.subplan_path;
    delete achievement.execution_paths;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
