/**
 * Status sync of every plan folder of a snapshot: the same analysis `validate` runs, then per
 * parallel.json the changes that make it agree with the files. The CLI and the app both start
 * here, so `parallel-plans sync` shows exactly what the app's pull request would change.
 */
import { analyzePlan } from "../analyze-plan.js";
import { discoverPlans, filesInFolder } from "../discover-plans.js";
import type { AnalysisOptions } from "../options.js";
import type { PlanSnapshot } from "../types.js";
import { syncParallelJson } from "./sync-parallel-json.js";
import type { Assignment, PlanSync } from "./sync-types.js";

/** Assignments per plan folder (from the snapshot root), then per achievement id. */
export type PlanAssignments = ReadonlyMap<string, ReadonlyMap<string, Assignment>>;

/** Sync every plan of the snapshot; a folder without parallel.json has nothing to sync. */
export function syncSnapshot(
  snapshot: PlanSnapshot,
  options: AnalysisOptions,
  assignments: PlanAssignments = new Map(),
): PlanSync[] {
  return discoverPlans(snapshot, options).map((folder) => {
    const base = { plan: folder.name, dir: folder.dir, file: folder.parallelJson };
    const file = folder.parallelJson === null ? undefined : snapshot.files.get(folder.parallelJson);
    if (!file) return { ...base, outcome: null };
    if (file.symlinkOutside) {
      const reason = "it is a symbolic link to a file outside the repository, which is never read";
      return { ...base, outcome: { kind: "refused", reason } };
    }
    const paths = filesInFolder(snapshot, folder.dir);
    const report = analyzePlan(snapshot, folder, paths, options);
    const present = new Set(paths);
    const outcome = syncParallelJson({
      content: file.content ?? "",
      size: file.size,
      report,
      folder: { dir: folder.dir, has: (relPath) => present.has(relPath) },
      limits: options.limits,
      assignments: assignments.get(folder.dir),
    });
    return { ...base, outcome };
  });
}
