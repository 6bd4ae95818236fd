/**
 * PATHs on the command line → one report: each PATH is read from disk, analysed by the core, and
 * its plans' paths are prefixed with the PATH as the user typed it, so `validate examples` reports
 * `examples/BROKEN/parallel.json`.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { analyzeSnapshot } from "../core/analyze.js";
import type { AchievementReport, AnalysisReport, PlanReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import { describeFsError, readLocalSnapshot } from "../sources/local-source.js";
import { findEnclosingPlan, findRepositoryRoot } from "../sources/plan-location.js";
import { planInputMatcher } from "../sources/plan-inputs.js";
import { CliError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export type Analyze = (snapshot: PlanSnapshot, options: AnalysisOptions) => AnalysisReport;

/** One folder to walk for a PATH, and how to name it. */
interface Walk {
  /** Absolute folder walked. */
  dir: string;
  /** The folder as the user would type it (prefix of every reported path). */
  label: string;
}

/**
 * Analyse every PATH and merge the plans into one report, in the order given. A plan reached
 * through two PATHs is reported once. A PATH holding no plan is an error (exit 2): it is almost
 * always a typo, and a silent "0 problems" would hide it. A file PATH, or a folder inside a plan
 * (its `subplans/`), stands for the plan enclosing it. The config's `plans` globs are read
 * relative to the repository root, whatever folder the PATH names; the plan a PATH names or sits
 * in is always checked (the user asked for it).
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
  // Discovery itself takes every folder; the globs are applied against the repository root below.
  const walkOptions = { ...options, plans: [] };
  for (const given of paths) {
    const label = displayPath(given);
    const abs = path.resolve(io.cwd, given);
    const stats = await stat(abs).catch((error: unknown) => {
      throw new CliError(describeFsError(label, error));
    });
    let walk: Walk = { dir: abs, label };
    let found: PlanReport[] = [];
    if (stats.isDirectory()) {
      found = await inConfiguredRoots(await analyzeFolder(walk), abs, options.plans, io.cwd);
    }
    if (!stats.isDirectory() || found.length === 0) {
      // A file, or a folder with no plan at or below it (a plan's subplans/): the enclosing plan.
      const enclosing = await enclosingWalk(abs, label, stats.isDirectory(), options);
      if (enclosing === null)
        throw new CliError(noPlanMessage(label, stats.isDirectory(), options));
      // Only the enclosing plan itself: the PATH was a file of it, or a folder inside it.
      walk = enclosing;
      found = (await analyzeFolder(walk)).filter((plan) => plan.dir === "");
    }
    for (const plan of found) {
      const key = path.resolve(walk.dir, plan.dir);
      if (seen.has(key)) continue;
      seen.add(key);
      plans.push(prefixPlan(plan, walk.label));
    }
  }
  return { plans };

  async function analyzeFolder(walk: Walk): Promise<PlanReport[]> {
    const snapshot = await readLocalSnapshot(walk.dir, {
      maxFileBytes: options.limits.maxFileBytes,
      maxJsonBytes: options.limits.maxJsonBytes,
      readContent,
      label: walk.label,
    });
    return analyze(snapshot, walkOptions).plans;
  }
}

/** The plan folder enclosing a file PATH or a plan-less folder, below the repository root. */
async function enclosingWalk(
  abs: string,
  label: string,
  isFolder: boolean,
  options: AnalysisOptions,
): Promise<Walk | null> {
  // A folder without a plan at or below it is not one itself: start at its parent.
  const start = path.dirname(abs);
  const startLabel = isFolder ? path.posix.join(label, "..") : path.posix.dirname(label);
  const root = await findRepositoryRoot(isFolder ? abs : start);
  if (isFolder && root === abs) return null;
  const plan = await findEnclosingPlan(start, options, root);
  if (plan === null) return null;
  const climbed = path.relative(start, plan).split(path.sep).join("/");
  return {
    dir: plan,
    label: displayPath(climbed === "" ? startLabel : path.posix.join(startLabel, climbed)),
  };
}

/**
 * The plans whose folder, relative to the repository root (the git root, or the working folder
 * outside git), matches a configured glob. The folder the PATH names is a plan whatever the globs.
 */
async function inConfiguredRoots(
  found: PlanReport[],
  walked: string,
  globs: readonly string[],
  cwd: string,
): Promise<PlanReport[]> {
  if (globs.length === 0) return found;
  const root = (await findRepositoryRoot(walked)) ?? cwd;
  const matches = picomatch([...globs], { dot: true });
  return found.filter((plan) => {
    const fromRoot = path.relative(root, path.resolve(walked, plan.dir)).split(path.sep).join("/");
    return (plan.dir === "" && fromRoot !== "") || matches(fromRoot);
  });
}

function noPlanMessage(label: string, isFolder: boolean, options: AnalysisOptions): string {
  if (!isFolder) {
    return `${label} is not in a plan folder: neither its folder nor one above holds a parallel.json or a PLAN markdown`;
  }
  const globs = options.plans;
  const scope =
    globs.length === 0
      ? ""
      : ` under the config's plans (${globs.join(", ")}, relative to the repository root)`;
  return `no plan found in ${label}${scope}: a plan folder holds a parallel.json or a PLAN markdown`;
}

/** A PATH as typed, with POSIX separators, normalised ("./examples/" → "examples", "." → "."). */
export function displayPath(given: string): string {
  const posix = path.sep === "\\" ? given.split("\\").join("/") : given;
  const normal = path.posix.normalize(posix);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/**
 * The plan with every path (folder, findings' files, achievements' files) under `prefix`. A plan
 * at the PATH itself is named by the PATH (`.` when run inside it), never by an empty string.
 */
export function prefixPlan(plan: PlanReport, prefix: string): PlanReport {
  if (prefix === "" || prefix === ".") return plan.dir === "" ? { ...plan, dir: "." } : plan;
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
