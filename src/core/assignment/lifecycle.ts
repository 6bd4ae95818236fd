/**
 * Keeping achievement issues in step with the default branch (issue 4 of the assignment): an
 * APPROVED file landing closes its issue as completed with a comment naming the commit (and its
 * removal reopens it), `failed` adds the `failed` label, an achievement gone from the plan has
 * its issue closed as not planned, and a complete level closes its tracking issue. Pure: the
 * plans as read at the pushed commit and the app's issues in, the writes out.
 */
import type { PlanReport } from "../model.js";
import type { NamingPatterns } from "../options.js";
import { expectedFiles } from "./achievement-issue.js";
import type { ExistingIssue } from "./diff-level.js";
import { FAILED_LABEL } from "./issue-labels.js";

/** One write on one issue. */
export type LifecycleAction =
  | { kind: "close"; number: number; reason: "completed" | "not_planned"; comment: string }
  | { kind: "reopen"; number: number; comment: string }
  | { kind: "label"; number: number; label: string };

/** The commit the plans were read at. */
export interface PushedCommit {
  sha: string;
  branch: string;
  /** Paths the push removed: only a removed APPROVED file reopens an issue. */
  removed: ReadonlySet<string>;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).replace(/`/g, "");
}

/** The writes that bring the app's issues of `plans` in step with them. */
export function lifecycleActions(
  plans: readonly PlanReport[],
  issues: readonly ExistingIssue[],
  commit: PushedCommit,
  patterns: NamingPatterns,
): LifecycleAction[] {
  const byName = new Map(plans.map((p) => [p.name, p]));
  commit = { ...commit, branch: commit.branch.replace(/`/g, "") };
  const actions: LifecycleAction[] = [];
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const plan = byName.get(issue.marker.plan);
    if (!plan) continue;
    if (issue.marker.kind === "level") {
      const levelNumber = issue.marker.level;
      const level = plan.levels.find((l) => l.level === levelNumber);
      if (level?.complete && issue.state === "open") {
        actions.push({
          kind: "close",
          number: issue.number,
          reason: "completed",
          comment: `Every achievement of level ${level.level} is complete as of ${short(commit.sha)} on \`${commit.branch}\`: closing.`,
        });
      }
      continue;
    }
    if (issue.marker.kind === "dashboard") continue;
    const id = issue.marker.id;
    const a = plan.achievements.find((x) => x.id === id);
    if (!a) {
      if (issue.state === "open") {
        actions.push({
          kind: "close",
          number: issue.number,
          reason: "not_planned",
          comment: `Achievement \`${id.replace(/`/g, "")}\` is no longer in the plan's parallel.json as of ${short(commit.sha)} on \`${commit.branch}\`: closing as not planned.`,
        });
      }
      continue;
    }
    const approved = a.files.approved;
    if (approved !== null && issue.state === "open") {
      actions.push({
        kind: "close",
        number: issue.number,
        reason: "completed",
        comment: `\`${fileName(approved)}\` landed on \`${commit.branch}\` in ${commit.sha}: achievement ${id} is complete, closing.`,
      });
    } else if (
      approved === null &&
      issue.state === "closed" &&
      issue.stateReason === "completed" &&
      commit.removed.has(expectedFiles(plan, patterns, id).approved)
    ) {
      actions.push({
        kind: "reopen",
        number: issue.number,
        comment: `The APPROVED file of achievement ${id} was removed from \`${commit.branch}\` in ${commit.sha}: reopening.`,
      });
    }
    if (a.status === "failed" && !issue.labels.includes(FAILED_LABEL)) {
      actions.push({ kind: "label", number: issue.number, label: FAILED_LABEL });
    }
  }
  return actions;
}
