/**
 * Which plans a sync run looks at, and under which branch: every plan the core synced (optionally
 * only the one named), plus the plan folders of the change that are gone (their sync pull request,
 * if any, must close). Two plans whose names map to one branch cannot share it: the second is
 * refused rather than fought over. Pure.
 */
import type { PlanSync, SyncOutcome } from "../../core/sync/sync-types.js";
import type { Scope } from "../check/check-marker.js";
import { syncBranchName } from "./sync-branch.js";
import type { BranchRequest } from "./sync-state-query.js";

export interface SyncTarget {
  plan: string;
  dir: string;
  branch: string;
  /** parallel.json from the repository root; null when the plan has none or is gone. */
  file: string | null;
  outcome: SyncOutcome | null;
  /** Set when the plan cannot be synced under its branch (shared with another plan). */
  conflict: string | null;
}

/** The plans to decide about, in folder order. */
export function syncTargets(
  syncs: readonly PlanSync[],
  scope: Scope,
  removed: ReadonlySet<string>,
  only?: string,
): SyncTarget[] {
  const found = syncs.map((s) => ({ plan: s.plan, dir: s.dir, file: s.file, outcome: s.outcome }));
  const gone = scope === "all" ? [] : scope.filter((dir) => removed.has(dir));
  const all = [
    ...found,
    ...gone.map((dir) => ({ plan: baseName(dir), dir, file: null, outcome: null })),
  ].filter((t) => only === undefined || t.plan === only);
  all.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));

  const owners = new Map<string, string>();
  return all.map((target) => {
    const branch = syncBranchName(target.plan);
    const owner = owners.get(branch);
    if (owner === undefined) owners.set(branch, target.dir);
    const conflict =
      owner === undefined ? null : `its sync branch ${branch} already belongs to ${owner}`;
    return { ...target, branch, conflict };
  });
}

/** The branches to read for plan folders known before the plans are read (a push's scope). */
export function branchRequests(folders: readonly string[]): BranchRequest[] {
  return folders.map((dir) => {
    const plan = baseName(dir);
    return { plan, branch: syncBranchName(plan), file: `${dir}/parallel.json` };
  });
}

/** The branch to read for a target. */
export function branchRequestOf(target: SyncTarget): BranchRequest {
  return {
    plan: target.plan,
    branch: target.branch,
    file: target.file ?? `${target.dir}/parallel.json`,
  };
}

function baseName(dir: string): string {
  return dir.slice(dir.lastIndexOf("/") + 1);
}
