/**
 * The reply to `/parallel assign` (and the note a check-run button leaves): what the fan-out
 * made, changed and left, what it would make on `--dry-run`, and — after a refused write — what
 * was made and what was not, with the way to finish.
 */
import { escapeMarkdownInline } from "../../render/sanitize.js";
import type { FanOutResult } from "./fan-out.js";

function issueLine(title: string, number?: number): string {
  return `- ${number === undefined ? "" : `#${number} `}${escapeMarkdownInline(title, 200)}`;
}

/** The dry-run listing: exactly what a real run would write. */
export function renderDryRun(result: FanOutResult): string {
  const { diff } = result;
  const creates = [...(diff.createTracking ? [diff.createTracking] : []), ...diff.create];
  const head = `**Dry run** of \`/parallel assign\` for level ${result.level} of \`${result.plan.replace(/`/g, "")}\`: nothing was written.`;
  if (creates.length === 0 && diff.edits.length === 0)
    return `${head}\n\nEvery issue of this level exists and is up to date; a real run would write nothing (links aside).`;
  const lines = [head, ""];
  if (creates.length > 0) {
    lines.push(
      `Would create ${creates.length} issues:`,
      "",
      ...creates.map((i) => issueLine(i.title)),
      "",
    );
  }
  if (diff.edits.length > 0)
    lines.push(
      `Would update ${diff.edits.map((e) => `#${e.number}`).join(", ")} (text or labels changed).`,
      "",
    );
  if (diff.labels.length > 0)
    lines.push(
      `Labels used (created when missing): ${diff.labels.map((l) => `\`${l.name.replace(/`/g, "")}\``).join(", ")}.`,
      "",
    );
  lines.push(
    'Each achievement issue becomes a sub-issue of the level\'s tracking issue and is marked "blocked by" the issues of its dependencies that exist.',
  );
  return lines.join("\n").trimEnd();
}

/** The reply after a real run. */
export function renderFanOut(result: FanOutResult): string {
  const plan = `\`${result.plan.replace(/`/g, "")}\``;
  const lines: string[] = [];
  const tracking = result.tracking ? ` (tracking issue #${result.tracking.number})` : "";
  if (result.created.length === 0 && result.edited.length === 0 && !result.failure) {
    lines.push(
      `Level ${result.level} of ${plan} already has its issues${tracking}; nothing was written.`,
    );
  } else {
    lines.push(`Level ${result.level} of ${plan}${tracking}:`, "");
    if (result.created.length > 0)
      lines.push(
        `Created ${result.created.length} issues:`,
        "",
        ...result.created.map((i) => issueLine(i.title, i.number)),
        "",
      );
    if (result.edited.length > 0)
      lines.push(`Updated ${result.edited.map((n) => `#${n}`).join(", ")}.`, "");
    if (result.unchanged > 0) lines.push(`${result.unchanged} issues were already up to date.`, "");
  }
  if (result.subIssuesLinked + result.blockedByLinked > 0)
    lines.push(
      `Linked ${result.subIssuesLinked} sub-issues and ${result.blockedByLinked} "blocked by" dependencies.`,
      "",
    );
  for (const note of result.notes) lines.push(`> **Note:** ${escapeMarkdownInline(note, 600)}`, "");
  if (result.failure) {
    lines.push(
      `**Stopped:** GitHub refused ${escapeMarkdownInline(result.failure.what, 300)} (${escapeMarkdownInline(result.failure.reason, 300)}).`,
    );
    if (result.failure.notMade.length > 0)
      lines.push("", "Not made:", "", ...result.failure.notMade.map((t) => issueLine(t)));
    lines.push("", "Post `/parallel assign` again to make only what is missing.");
  }
  return lines.join("\n").trimEnd();
}
