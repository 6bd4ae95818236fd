/**
 * Replies about one plan: `status` (the progress table, seed 003's progress view as markdown)
 * and `validate` (the check summary). Every plan string is escaped: no pings, no raw HTML.
 */
import { formatHours } from "../core/estimate.js";
import type { PlanReport } from "../core/model.js";
import { countsText, formatPercent, plural, progressOf } from "../render/format.js";
import { renderPlanMarkdown } from "../render/markdown.js";
import { escapeMarkdownInline } from "../render/sanitize.js";
import { STATUS_ICONS, STATUS_WORDS, isDone } from "../render/status-style.js";

/** Rows of the progress table before the rest is counted: a comment is not a database dump. */
const MAX_ROWS = 200;
/** Budget of the validate reply's summary (a comment takes 65,536 characters). */
const VALIDATE_BYTES = 60_000;

/** Where the plan was read: "at `abc1234` (head of this pull request)". */
export interface ReadAt {
  sha: string;
  /** "head of this pull request", "default branch main". */
  what: string;
}

function readAtText(at: ReadAt): string {
  return `at \`${at.sha.slice(0, 7).replace(/[^0-9a-f]/g, "")}\` (${escapeMarkdownInline(at.what, 120)})`;
}

/** The `status` reply: progress per level and achievement, the ready set and the time figures. */
export function renderStatus(plan: PlanReport, at: ReadAt): string {
  const progress = progressOf(plan);
  const lines = [
    `**${escapeMarkdownInline(plan.name, 100)}** ${readAtText(at)}: ${progress.done}/${progress.total} achievements done (${progress.percent}%)`,
    "",
  ];
  if (plan.levels.length === 0) {
    lines.push(
      "This plan has no parallel.json yet: `/parallel discover` gives the prompt that writes one.",
    );
    return lines.join("\n");
  }
  lines.push(
    "| Level | Achievement | Status | Executor | Estimate | Ready |",
    "| ---: | --- | --- | --- | ---: | :---: |",
  );
  const levels = new Map(plan.levels.map((level) => [level.level, level]));
  for (const a of plan.achievements.slice(0, MAX_ROWS)) {
    const level = levels.get(a.level);
    const mode = level ? (level.canParallelize ? "parallel" : "sequential") : "";
    lines.push(
      `| ${a.level} ${mode} | ${STATUS_ICONS[a.status]} ${escapeMarkdownInline(a.id, 20)} ${escapeMarkdownInline(a.title, 100)} | ${STATUS_WORDS[a.status]} | ${a.executor === null ? "—" : escapeMarkdownInline(a.executor, 60)} | ${a.estimate ? formatHours(a.estimate) : "—"} | ${isDone(a.status) ? "" : a.ready ? "yes" : "no"} |`,
    );
  }
  if (plan.achievements.length > MAX_ROWS) {
    lines.push(
      `| … | ${plural(plan.achievements.length - MAX_ROWS, "more achievement")} (\`parallel-plans status\` lists all) | | | | |`,
    );
  }
  lines.push("", readyLine(plan));
  if (plan.figures) {
    const f = plan.figures;
    lines.push(
      "",
      `**Time:** sequential ${formatHours(f.sequential)} · parallel ${formatHours(f.parallel)} · saving ${formatHours(f.saved)} (${formatPercent(f.savedPercent)})`,
    );
  }
  const { errors, warnings, notices } = plan.summary;
  if (errors + warnings + notices > 0) {
    lines.push(
      "",
      `**Findings:** ${countsText(plan.summary)} — \`/parallel validate\` lists them.`,
    );
  }
  return lines.join("\n");
}

function readyLine(plan: PlanReport): string {
  if (plan.ready.length === 0) {
    const allDone = plan.achievements.every((a) => isDone(a.status));
    return `**Ready now:** ${allDone ? "nothing left to do" : "nothing (waiting on dependencies)"}`;
  }
  const titles = new Map(plan.achievements.map((a) => [a.id, a.title]));
  const shown = plan.ready
    .slice(0, 50)
    .map(
      (id) => `${escapeMarkdownInline(id, 20)} ${escapeMarkdownInline(titles.get(id) ?? "", 60)}`,
    );
  const more =
    plan.ready.length > shown.length ? ` · +${plan.ready.length - shown.length} more` : "";
  return `**Ready now (${plan.ready.length}):** ${shown.join(" · ")}${more}`;
}

/** The `validate` reply: the check summary the app would post, for this plan. */
export function renderValidation(plan: PlanReport, at: ReadAt, strict: boolean): string {
  const verdict = plan.ok && !(strict && plan.summary.warnings > 0) ? "passes" : "fails";
  return [
    `**${escapeMarkdownInline(plan.name, 100)}** ${verdict} the parallel-plans check ${readAtText(at)}: ${countsText(plan.summary)}.`,
    "",
    renderPlanMarkdown(plan, { maxBytes: VALIDATE_BYTES, strict }).trim(),
  ].join("\n");
}
