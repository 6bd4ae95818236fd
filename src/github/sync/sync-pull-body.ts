/**
 * The text of what sync writes on GitHub: the pull request's title and body (each change with the
 * file that proves it) and the one comment saying a person's commit stopped the app. Plan text is
 * untrusted: every id, path and value goes through `escapeMarkdownInline` (no mentions, no HTML,
 * no table breaks). Branch names sit in code spans through `inlineCode`, not escaped: CommonMark
 * keeps a backslash inside a code span, so an escape would show a branch that does not exist. Pure.
 */
import type { SkippedAchievement, SyncChange, JsonValue } from "../../core/sync/sync-types.js";
import { inlineCode } from "../../core/assignment/block-text.js";
import { escapeMarkdownInline, singleLine } from "../../render/sanitize.js";
import { syncCommitMessage } from "./sync-branch.js";
import { syncMarker } from "./sync-marker.js";

/**
 * Characters the change table may take. GitHub caps a body at 65,536 characters; the rest of the
 * body (intro, at most 21 skipped lines, footer, marker) is a few thousand at most, however
 * hostile the plan text (every cell is cut before it is escaped, and escaping at most quintuples).
 */
const TABLE_BUDGET = 40_000;

export interface PullText {
  title: string;
  body: string;
}

export interface PullInput {
  plan: string;
  /** parallel.json, from the repository root. */
  file: string;
  changes: readonly SyncChange[];
  skipped: readonly SkippedAchievement[];
  defaultBranch: string;
}

/** Title and body of the sync pull request of a plan. */
export function syncPullText(input: PullInput): PullText {
  const { plan, changes } = input;
  const rows: string[] = [];
  let used = 0;
  for (const c of changes) {
    const proof = c.proof === null ? c.reason : `${c.reason}: ${c.proof}`;
    const row = `| ${cell(c.id, 20)} | \`${c.field}\` | ${cell(show(c.from))} | ${cell(show(c.to))} | ${cell(proof, 300)} |`;
    used += row.length + 1;
    if (used > TABLE_BUDGET) break;
    rows.push(row);
  }
  const more = changes.length - rows.length;
  const lines = [
    `**parallel-plans** found ${cell(input.file, 300)} out of step with the files of plan **${cell(plan)}**. This pull request makes it agree with them: the files decide (APPROVED → \`complete\`, EXECUTION_TASK → \`in_progress\`, SUBPLAN → \`subplan_created\`); \`failed\`, \`skipped\` and \`execution_created\` are kept.`,
    "",
    "| Achievement | Field | Was | Becomes | Proof |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...(more > 0
      ? ["", `… and ${more} more; \`parallel-plans sync\` on the plan folder lists them all.`]
      : []),
    ...skippedLines(input.skipped),
    "",
    `The app updates this pull request when a push to ${inlineCode(input.defaultBranch)} changes what the files say, and closes it (deleting the branch) once parallel.json agrees with them. It never overwrites a commit it did not make: a commit pushed to this branch stops it. \`sync: off\` in \`.github/parallel-plans.yml\` turns it off.`,
    "",
    syncMarker("sync", plan),
  ];
  return { title: singleLine(syncCommitMessage(plan), 256), body: lines.join("\n") };
}

/** The comment posted once when a commit the app did not make is the branch head. */
export function stoppedComment(
  plan: string,
  branch: string,
  head: string,
  defaultBranch: string,
): string {
  return [
    `**parallel-plans** stopped updating this pull request: the head of ${inlineCode(branch)} (${head.slice(0, 7)}) is a commit it did not make, and it never overwrites work it did not do.`,
    "",
    `Merge or close the pull request as you see fit. To hand the branch back to the app, delete it: the next push to ${inlineCode(defaultBranch)} that leaves the plan out of step opens a fresh pull request.`,
    "",
    syncMarker("sync-stopped", plan),
  ].join("\n");
}

function skippedLines(skipped: readonly SkippedAchievement[]): string[] {
  if (skipped.length === 0) return [];
  const items = skipped
    .slice(0, 20)
    .map((s) => `- ${cell(s.id, 20)} is left as written: ${cell(s.reason, 300)}`);
  if (skipped.length > items.length) items.push(`- … and ${skipped.length - items.length} more`);
  return ["", ...items];
}

/** A value as a reader wants it: the text of a string, `null`, `(absent)` for a missing key. */
function show(value: JsonValue | undefined): string {
  if (value === undefined) return "(absent)";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 0 ? "[]" : value.map((v) => show(v)).join(", ");
  return JSON.stringify(value);
}

function cell(text: string, max = 200): string {
  return escapeMarkdownInline(text, max);
}
