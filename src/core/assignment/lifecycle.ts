/**
 * Keeping achievement issues in step with the default branch (issue 4 of the assignment): an
 * APPROVED file landing closes its issue as completed with a comment naming the commit (and its
 * removal reopens it), `failed` adds the `failed` label, an achievement gone from the plan has
 * its issue closed as not planned (and reopened when it comes back, if the app's own close still
 * stands: a person's "not planned" is theirs), and a complete level closes its tracking issue. A
 * plan whose parallel.json could not be read is left alone. Pure: the plans as read at the pushed
 * commit and the app's issues in, the writes out.
 */
import type { PlanReport } from "../model.js";
import type { NamingPatterns } from "../options.js";
import type { RuleCode } from "../types.js";
import { escapeMarkdownInline } from "../../render/sanitize.js";
import { expectedFiles } from "./achievement-issue.js";
import type { ExistingIssue } from "./diff-level.js";
import { FAILED_LABEL } from "./issue-labels.js";
import { renderLifecycleMarker } from "./issue-marker.js";

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

/**
 * Rules that mean parallel.json was not (fully) read: its achievements cannot be trusted. A
 * refused symbolic link (a checkout read by the Action) counts, wherever it is in the plan.
 */
const UNREADABLE_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  "json-syntax",
  "schema",
  "file-too-large",
  "symlink-outside",
]);

/**
 * Whether `plan` was not read whole: a plan whose parallel.json did not parse reports no
 * achievements, which must not read as "every achievement was removed".
 */
export function planUnreadable(plan: Pick<PlanReport, "findings">): boolean {
  return plan.findings.some((f) => UNREADABLE_RULES.has(f.rule));
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
  // The marker first: the adapter and a reader can tell the app's lifecycle comments apart.
  const said = (number: number, text: string) =>
    `${renderLifecycleMarker(number, commit.sha)}\n${text}`;
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const plan = byName.get(issue.marker.plan);
    if (!plan || planUnreadable(plan)) continue;
    if (issue.marker.kind === "level") {
      const levelNumber = issue.marker.level;
      const level = plan.levels.find((l) => l.level === levelNumber);
      if (level?.complete && issue.state === "open") {
        actions.push({
          kind: "close",
          number: issue.number,
          reason: "completed",
          comment: said(
            issue.number,
            `Every achievement of level ${level.level} is complete as of ${short(commit.sha)} on \`${commit.branch}\`: closing.`,
          ),
        });
      }
      continue;
    }
    if (issue.marker.kind === "dashboard") continue;
    const rawId = issue.marker.id;
    const a = plan.achievements.find((x) => x.id === rawId);
    const id = escapeMarkdownInline(rawId, 20);
    if (!a) {
      if (issue.state === "open") {
        actions.push({
          kind: "close",
          number: issue.number,
          reason: "not_planned",
          comment: said(
            issue.number,
            `Achievement ${id} is no longer in the plan's parallel.json as of ${short(commit.sha)} on \`${commit.branch}\`: closing as not planned.`,
          ),
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
        comment: said(
          issue.number,
          `\`${fileName(approved)}\` landed on \`${commit.branch}\` in ${commit.sha}: achievement ${id} is complete, closing.`,
        ),
      });
    } else if (
      approved === null &&
      issue.state === "closed" &&
      issue.stateReason === "completed" &&
      commit.removed.has(expectedFiles(plan, patterns, a.id).approved)
    ) {
      actions.push({
        kind: "reopen",
        number: issue.number,
        comment: said(
          issue.number,
          `The APPROVED file of achievement ${id} was removed from \`${commit.branch}\` in ${commit.sha}: reopening.`,
        ),
      });
    } else if (
      approved === null &&
      a.status !== "complete" &&
      a.status !== "skipped" &&
      issue.state === "closed" &&
      issue.stateReason === "not_planned" &&
      issue.closedByApp === true
    ) {
      // The app closes as not planned only an achievement gone from parallel.json: it is back.
      // A person's close is theirs to undo, and so is one the app cannot attribute (the REST
      // listing of more than 100 issues does not say who closed them): both stay closed.
      actions.push({
        kind: "reopen",
        number: issue.number,
        comment: said(
          issue.number,
          `Achievement ${id} is back in the plan's parallel.json as of ${short(commit.sha)} on \`${commit.branch}\`: reopening.`,
        ),
      });
    }
    if (a.status === "failed" && !issue.labels.includes(FAILED_LABEL)) {
      actions.push({ kind: "label", number: issue.number, label: FAILED_LABEL });
    }
  }
  return actions;
}
