/**
 * The reply to `/parallel sync`: per plan what the status sync did (a pull request opened or
 * updated, already in sync, refused…), or why nothing ran. The run itself belongs to the status
 * sync (`github/sync`); this only words its report. Its sentences name plans and files, so they
 * are escaped like any plan text.
 */
import { escapeMarkdownInline } from "../render/sanitize.js";

/** The parts of the sync run's report the reply shows (structurally `SyncRunReport`). */
export interface SyncOutcome {
  skipped: string | null;
  plans: readonly {
    plan: string;
    result: string;
    detail: string;
    pull: { number: number; url: string } | null;
  }[];
}

const ICONS: Record<string, string> = {
  opened: "🆕",
  updated: "🔄",
  unchanged: "✅",
  closed: "✅",
  "in-sync": "✅",
  stopped: "✋",
  refused: "⚠️",
  failed: "❌",
};

function pullLink(pull: { number: number; url: string }): string {
  const url = /^https?:\/\/[^\s()<>]+$/.test(pull.url) ? pull.url : null;
  return url === null ? `pull request ${pull.number}` : `[pull request #${pull.number}](${url})`;
}

/** The reply to `/parallel sync` from the status sync's report. */
export function renderSyncReply(outcome: SyncOutcome): string {
  if (outcome.skipped !== null) {
    return `Nothing synced: ${escapeMarkdownInline(outcome.skipped, 300)}.`;
  }
  if (outcome.plans.length === 0) return "Nothing synced: no plan found.";
  const lines = outcome.plans.slice(0, 50).map((p) => {
    const pull = p.pull ? ` — ${pullLink(p.pull)}` : "";
    return `- ${ICONS[p.result] ?? "•"} **${escapeMarkdownInline(p.plan, 100)}** ${escapeMarkdownInline(p.result, 20)}: ${escapeMarkdownInline(p.detail, 400)}${pull}`;
  });
  if (outcome.plans.length > lines.length)
    lines.push(`- … and ${outcome.plans.length - lines.length} more plans`);
  return [
    "Status sync (parallel.json statuses from the files, on the default branch):",
    "",
    ...lines,
  ].join("\n");
}
