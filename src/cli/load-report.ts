/**
 * PATHs on the command line → one report: each PATH is read from disk, analysed by the core, and
 * its plans' paths are prefixed with the PATH as the user typed it, so `validate examples` reports
 * `examples/BROKEN/parallel.json`.
 */
import path from "node:path";
import { analyzeSnapshot } from "../core/analyze.js";
import type { AchievementReport, AnalysisReport, PlanReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import { readLocalSnapshot } from "../sources/local-source.js";
import { planInputMatcher } from "../sources/plan-inputs.js";
import { CliError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export type Analyze = (snapshot: PlanSnapshot, options: AnalysisOptions) => AnalysisReport;

/**
 * Analyse every PATH and merge the plans into one report, in the order given. A plan reached
 * through two PATHs is reported once. A PATH holding no plan is an error (exit 2): it is almost
 * always a typo, and a silent "0 problems" would hide it.
 */
export async function loadReport(
  paths: readonly string[],
  options: AnalysisOptions,
  io: CliIo,
  analyze: Analyze = analyzeSnapshot,
): Promise<AnalysisReport> {
  const plans: PlanReport[] = [];
  const seen = new Set<string>();
  const readContent = planInputMatcher(options.patterns);
  for (const given of paths) {
    const label = displayPath(given);
    const snapshot = await readLocalSnapshot(path.resolve(io.cwd, given), {
      maxFileBytes: options.limits.maxFileBytes,
      maxJsonBytes: options.limits.maxJsonBytes,
      readContent,
      label,
    });
    let found = analyze(snapshot, options).plans;
    // A file PATH stands for the plan that holds it: the folder walked is the file's parent.
    if (snapshot.focus !== null) found = found.filter((plan) => plan.dir === "");
    if (found.length === 0) {
      throw new CliError(
        snapshot.focus === null
          ? `no plan found in ${label}: a plan folder holds a parallel.json or a PLAN markdown`
          : `${label} is not in a plan folder: its folder holds no parallel.json or PLAN markdown`,
      );
    }
    const prefix = snapshot.focus === null ? label : path.posix.dirname(label);
    for (const plan of found) {
      const key = path.resolve(snapshot.root, plan.dir);
      if (seen.has(key)) continue;
      seen.add(key);
      plans.push(prefixPlan(plan, prefix === "." ? "" : prefix));
    }
  }
  return { plans };
}

/** A PATH as typed, with POSIX separators, normalised ("./examples/" → "examples", "." → "."). */
export function displayPath(given: string): string {
  const posix = path.sep === "\\" ? given.split("\\").join("/") : given;
  const normal = path.posix.normalize(posix);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/** The plan with every path (folder, findings' files, achievements' files) under `prefix`. */
export function prefixPlan(plan: PlanReport, prefix: string): PlanReport {
  if (prefix === "") return plan;
  const under = (p: string): string => (p === "" ? prefix : path.posix.join(prefix, p));
  const files = (a: AchievementReport): AchievementReport["files"] => ({
    subplan: a.files.subplan === null ? null : under(a.files.subplan),
    executions: a.files.executions.map(under),
    approved: a.files.approved === null ? null : under(a.files.approved),
  });
  return {
    ...plan,
    dir: under(plan.dir),
    findings: plan.findings.map((f) => ({ ...f, file: under(f.file) })),
    achievements: plan.achievements.map((a) => ({ ...a, files: files(a) })),
  };
}
