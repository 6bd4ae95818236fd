/**
 * The text sections of one plan in the check summary (heading, level table, ready set, time
 * figures, critical path, findings), at a given level of detail. Every plan string is escaped.
 */
import type { PlanReport } from "../core/model.js";
import type { Finding, Severity } from "../core/types.js";
import { formatHours } from "../core/estimate.js";
import { capList, countsText, formatPercent, planFails, plural, progressOf } from "./format.js";
import type { PlanLayout } from "./plan-layout.js";
import { decideNext } from "../core/next/decide-next.js";
import { renderNextMarkdown } from "./next-markdown.js";
import { escapeMarkdownInline } from "./sanitize.js";
import { STATUS_ICONS, isDone } from "./status-style.js";

/** How much of a plan one degradation step shows. */
export interface Detail {
  /** The plan's graph must be there (at least one node per level) for the step to fit. */
  graphRequired: boolean;
  /** Finding lines per plan (0: counts only). */
  findings: number;
  /** Rows of the level table. */
  levelRows: number;
  /** Achievement ids listed per level row. */
  idsPerLevel: number;
  /** Ids listed in the ready set, unestimated list and critical path. */
  listIds: number;
  /** False: heading and counts only. */
  sections: boolean;
}

export interface PlanView {
  plan: PlanReport;
  layout: PlanLayout;
}

export function verdict(plan: PlanReport, strict: boolean): string {
  return planFails(plan, strict) ? "❌" : "✅";
}

/** The plan's markdown without its graph, ending with a blank line. */
export function planBody(view: PlanView, detail: Detail, strict: boolean): string {
  const { plan } = view;
  const progress = progressOf(plan);
  const blocks = [
    `## ${verdict(plan, strict)} ${escapeMarkdownInline(plan.name, 100)}`,
    [
      escapeMarkdownInline(plan.dir || ".", 200),
      countsText(plan.summary),
      `${progress.done}/${progress.total} achievements done (${progress.percent}%)`,
    ].join(" · "),
  ];
  if (detail.sections) {
    if (plan.levels.length > 0) blocks.push(levelTable(view, detail));
    blocks.push(readyLine(plan, detail), timeLines(plan, detail));
    if (plan.criticalPath.ids.length > 0) blocks.push(criticalPathLine(plan, detail));
    blocks.push(nextBlock(plan, detail));
    blocks.push(findingsBlock(plan.findings, detail));
  }
  return blocks.filter((b) => b !== "").join("\n\n") + "\n\n";
}

function levelTable(view: PlanView, detail: Detail): string {
  const { plan, layout } = view;
  const rows = [
    "| Level | Mode | Achievements | Ready | Sequential | Parallel |",
    "| ---: | --- | --- | :---: | ---: | ---: |",
  ];
  plan.levels.slice(0, detail.levelRows).forEach((level, l) => {
    const members = layout.members[l]!.map((i) => plan.achievements[i]!);
    const done = members.filter((a) => isDone(a.status)).length;
    const ids = members.map((a) => `${STATUS_ICONS[a.status]} ${escapeMarkdownInline(a.id, 20)}`);
    const listed = detail.idsPerLevel > 0 ? `: ${capList(ids, detail.idsPerLevel)}` : "";
    const mode = level.canParallelize
      ? `parallel${level.maxParallelism !== null ? ` (max ${level.maxParallelism})` : ""}`
      : "sequential";
    const ready = level.complete ? "✅ done" : level.ready ? "yes" : "no";
    const estimated = level.figures.unestimated.length < members.length;
    const hours = (range: typeof level.figures.sequential) =>
      estimated ? formatHours(range) : "—";
    rows.push(
      `| ${escapeMarkdownInline(String(level.level), 12)} | ${mode} | ${done}/${members.length} done${listed} | ${ready} | ${hours(level.figures.sequential)} | ${hours(level.figures.parallel)} |`,
    );
  });
  const hidden = plan.levels.length - detail.levelRows;
  if (hidden > 0) rows.push(`| … | ${plural(hidden, "more level")} | | | | |`);
  return rows.join("\n");
}

function readyLine(plan: PlanReport, detail: Detail): string {
  if (plan.ready.length === 0) {
    const allDone = plan.achievements.every((a) => isDone(a.status));
    return `**Ready now:** ${allDone ? "nothing left to do" : "nothing (waiting on dependencies)"}`;
  }
  const titles = new Map(plan.achievements.map((a) => [a.id, a.title]));
  const items = plan.ready.map(
    (id) => `${escapeMarkdownInline(id, 20)} ${escapeMarkdownInline(titles.get(id) ?? "", 60)}`,
  );
  return `**Ready now (${plan.ready.length}):** ${capList(items, detail.listIds, " · ")}`;
}

function timeLines(plan: PlanReport, detail: Detail): string {
  const figures = plan.figures;
  if (figures === null) return "**Time:** no estimates";
  const line =
    `**Time:** sequential ${formatHours(figures.sequential)} · parallel ${formatHours(figures.parallel)}` +
    ` · saving ${formatHours(figures.saved)} (${formatPercent(figures.savedPercent)})`;
  if (figures.unestimated.length === 0) return line;
  const ids = figures.unestimated.map((id) => escapeMarkdownInline(id, 20));
  return `${line}\n\n**Unestimated (${ids.length}):** ${capList(ids, detail.listIds)}`;
}

function criticalPathLine(plan: PlanReport, detail: Detail): string {
  const ids = plan.criticalPath.ids.map((id) => escapeMarkdownInline(id, 20));
  const max = Math.max(detail.listIds, 2);
  const shown = ids.length <= max ? ids : [...ids.slice(0, max - 1), "…", ids[ids.length - 1]!];
  return `**Critical path** (${formatHours(plan.criticalPath.hours)}): ${shown.join(" → ")}`;
}

const SEVERITY_HEADINGS: Record<Severity, [string, string]> = {
  error: ["Error", "error"],
  warning: ["Warning", "warning"],
  notice: ["Notice", "notice"],
};

/**
 * "What next": the same choices as `parallel-plans next` and `/parallel next`, as slash commands
 * (a check summary is read on GitHub, where a comment runs them). Left out below full detail.
 */
function nextBlock(plan: PlanReport, detail: Detail): string {
  if (detail.listIds < 20 || (plan.levels.length === 0 && plan.document === null)) return "";
  const list = renderNextMarkdown(decideNext(plan), {
    kind: "app",
    plan: plan.name,
    withPlan: true,
  });
  return list === "" ? "" : `**What next**\n\n${list}`;
}

function findingsBlock(findings: readonly Finding[], detail: Detail): string {
  if (findings.length === 0) return "**Findings:** none";
  const groups = (["error", "warning", "notice"] as const)
    .map((severity) => ({ severity, list: findings.filter((f) => f.severity === severity) }))
    .filter((group) => group.list.length > 0);
  if (detail.findings === 0) {
    const counts = groups.map((g) => plural(g.list.length, SEVERITY_HEADINGS[g.severity][1]));
    return `**Findings:** ${counts.join(", ")} (list left out to fit; see the annotations)`;
  }
  let room = detail.findings;
  const blocks = ["### Findings"];
  for (const { severity, list } of groups) {
    const [title, word] = SEVERITY_HEADINGS[severity];
    const shown = list.slice(0, room);
    room -= shown.length;
    const lines = shown.map(findingLine);
    if (list.length > shown.length) {
      lines.push(`- … and ${plural(list.length - shown.length, `more ${word}`)}`);
    }
    blocks.push(`**${title}s (${list.length})**\n\n${lines.join("\n")}`);
  }
  return blocks.join("\n\n");
}

function findingLine(f: Finding): string {
  const where = escapeMarkdownInline(`${f.file}:${f.line}`, 160);
  // Rule codes are a fixed vocabulary; anything else is escaped like plan text.
  const rule = /^[a-z0-9-]{1,40}$/.test(f.rule)
    ? `\`${f.rule}\``
    : escapeMarkdownInline(f.rule, 40);
  return `- ${rule} ${where}: ${escapeMarkdownInline(f.message, 300)}`;
}
