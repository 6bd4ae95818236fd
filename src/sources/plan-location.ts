/**
 * Where a PATH on the command line sits among plans: the repository root above it (the folder
 * holding `.git`), and the plan folder enclosing it when the PATH is a file of a plan or a folder
 * inside one (`subplans/`, `execution/feedbacks/`). pre-commit passes file paths, and people run
 * the CLI from wherever their editor left them; both must land on the plan they are in.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { discoverPlans } from "../core/discover-plans.js";
import type { AnalysisOptions } from "../core/options.js";

/** Folders climbed at most looking for a plan or a repository root (plans are never deeper). */
const MAX_CLIMB = 64;

/** The nearest folder at or above `start` holding `.git` (a folder, or a worktree's file). */
export async function findRepositoryRoot(start: string): Promise<string | null> {
  let dir = path.resolve(start);
  for (let i = 0; i < MAX_CLIMB; i++) {
    if (await exists(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/**
 * The plan folder at or above `start` (a folder): the first holding a parallel.json or a PLAN
 * markdown of the configured pattern. The climb stops at the repository root (`stop`), so a
 * PATH outside every plan is never matched to a stray file in the home folder.
 */
export async function findEnclosingPlan(
  start: string,
  options: AnalysisOptions,
  stop: string | null,
): Promise<string | null> {
  let dir = path.resolve(start);
  for (let i = 0; i < MAX_CLIMB; i++) {
    if (await isPlanFolder(dir, options)) return dir;
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** Whether the folder itself (not a folder below it) is a plan, by the names of its files. */
async function isPlanFolder(dir: string, options: AnalysisOptions): Promise<boolean> {
  const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
  // The core decides what a plan folder is; it only needs the names to do so.
  const files = new Map(
    names.filter((d) => !d.isDirectory()).map((d) => [d.name, { path: d.name, size: 0 }]),
  );
  return discoverPlans({ files }, { ...options, plans: [] }).some((plan) => plan.dir === "");
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
