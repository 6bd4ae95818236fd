/**
 * Status sync of every plan folder of a snapshot: the same analysis `validate` runs, then per
 * parallel.json the changes that make it agree with the files. The CLI and the app both start
 * here, so `parallel-plans sync` shows exactly what the app's pull request would change.
 */
import { analyzePlanParsed } from "../analyze-plan.js";
import { discoverPlans, filesInFolder } from "../discover-plans.js";
import type { AnalysisOptions } from "../options.js";
import type { PlanSnapshot } from "../types.js";
import { syncParallelJson } from "./sync-parallel-json.js";
import { measureTimes, type FileHistory } from "../history/measure-times.js";
import type { PlanReport } from "../model.js";
import type { Assignment, HistoryTimes, PlanSync } from "./sync-types.js";

/** Assignments per plan folder (from the snapshot root), then per achievement id. */
export type PlanAssignments = ReadonlyMap<string, ReadonlyMap<string, Assignment>>;

/**
 * Sync every plan of the snapshot; a folder without parallel.json has nothing to sync. With
 * `history` (commit dates per snapshot path), `started_at` / `completed_at` missing from
 * parallel.json are filled from it as well.
 */
export function syncSnapshot(
  snapshot: PlanSnapshot,
  options: AnalysisOptions,
  assignments: PlanAssignments = new Map(),
  history: FileHistory | null = null,
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
    const { report, parsed } = analyzePlanParsed(snapshot, folder, paths, options);
    const present = new Set(paths);
    const outcome = syncParallelJson({
      content: file.content ?? "",
      size: file.size,
      report,
      folder: { dir: folder.dir, has: (relPath) => present.has(relPath) },
      limits: options.limits,
      assignments: assignments.get(folder.dir),
      parsed,
      ...(history === null ? {} : { times: historyTimes(report, history) }),
    });
    return { ...base, outcome };
  });
}

/** Start and end of each achievement where history (not parallel.json) gives them. */
function historyTimes(report: PlanReport, history: FileHistory): Map<string, HistoryTimes> {
  const times = new Map<string, HistoryTimes>();
  const files = new Map(report.achievements.map((a) => [a.id, a.files]));
  for (const measured of measureTimes(report, history)) {
    const found = files.get(measured.id);
    if (!found) continue;
    const first = found.executions
      .map((path) => ({ path, at: history.get(path)?.reduce((a, b) => (b < a ? b : a)) }))
      .filter((e) => e.at !== undefined)
      .sort((a, b) => Date.parse(a.at as string) - Date.parse(b.at as string))[0];
    const started =
      measured.sources.startedAt === "history" && measured.startedAt !== null && first
        ? { at: measured.startedAt, proof: first.path }
        : null;
    const completed =
      measured.sources.completedAt === "history" &&
      measured.completedAt !== null &&
      found.approved !== null
        ? { at: measured.completedAt, proof: found.approved }
        : null;
    if (started || completed)
      times.set(measured.id, { startedAt: started, completedAt: completed });
  }
  return times;
}
