/**
 * The plan dashboard issue (`dashboard: true`): one issue per plan with progress per level, the
 * ready set, the blocked achievements and what blocks each, the executors (the issues'
 * assignees, else parallel.json's `executor`), the time figures and the dependency graph.
 * Pure and deterministic, so the adapter edits the issue only when this text changes.
 */
import { formatHours } from "../estimate.js";
import type { AchievementReport, PlanReport } from "../model.js";
import { formatPercent, progressOf } from "../../render/format.js";
import { renderMermaid } from "../../render/mermaid.js";
import { escapeMarkdownInline, singleLine } from "../../render/sanitize.js";
import type { DesiredIssue } from "./achievement-issue.js";
import { capBody, inlineCode } from "./block-text.js";
import { APP_LABEL, planLabel } from "./issue-labels.js";
import { renderMarker, type IssueMarker } from "./issue-marker.js";

/** The issues' side of the dashboard: numbers and assignees by achievement id. */
export interface DashboardIssues {
  numbers: ReadonlyMap<string, number>;
  assignees: ReadonlyMap<string, readonly string[]>;
}

/** Rows listed per section before "… and N more" (an issue body holds 65,536 characters). */
const MAX_ROWS = 50;
/** Room left for the graph. */
const GRAPH_BYTES = 30_000;

function label(a: AchievementReport, issues: DashboardIssues): string {
  const number = issues.numbers.get(a.id);
  return `${escapeMarkdownInline(a.id, 20)} ${escapeMarkdownInline(a.title, 100)}${number === undefined ? "" : ` (#${number})`}`;
}

function executors(a: AchievementReport, issues: DashboardIssues): string {
  // Logins in code spans: named, never pinged; `executor` is free plan text, so one short line.
  const logins = issues.assignees.get(a.id) ?? (a.executor ? [a.executor] : []);
  return logins.length === 0 ? "—" : logins.map((l) => inlineCode(singleLine(l, 60))).join(", ");
}

function capped(rows: string[], empty: string): string[] {
  if (rows.length === 0) return [empty];
  return rows.length > MAX_ROWS
    ? [...rows.slice(0, MAX_ROWS), `- … and ${rows.length - MAX_ROWS} more`]
    : rows;
}

/** A section the caller adds to the dashboard (already rendered, escaped markdown). */
export interface DashboardSection {
  heading: string;
  body: string;
}

/**
 * The dashboard issue of `plan`. `sections` (such as "What next" and the time report, rendered
 * by the caller) come after the executors, before the graph.
 */
export function dashboardIssue(
  plan: PlanReport,
  issues: DashboardIssues,
  sections: readonly DashboardSection[] = [],
): DesiredIssue {
  const marker: IssueMarker = { kind: "dashboard", plan: plan.name };
  const byId = new Map(plan.achievements.map((a) => [a.id, a]));
  const progress = progressOf(plan);
  const lines = [
    renderMarker(marker),
    `Plan ${inlineCode(plan.name)} in ${inlineCode(plan.dir || ".")}: **${progress.done} of ${progress.total}** achievements done (${progress.percent}%). Kept up to date by parallel-plans on every push to the default branch that touches the plan.`,
    "",
    "### Levels",
    "",
    "| Level | Kind | Done | Ready | Parallel time | Sequential time |",
    "|---|---|---|---|---|---|",
  ];
  for (const level of plan.levels.slice(0, MAX_ROWS * 4)) {
    const done = level.achievements.filter((id) => {
      const s = byId.get(id)?.status;
      return s === "complete" || s === "skipped";
    }).length;
    const state = level.complete ? "complete" : level.ready ? "**ready**" : "waiting";
    lines.push(
      `| ${level.level} | ${level.canParallelize ? "parallel" : "sequential"} | ${done}/${level.achievements.length} | ${state} | ${formatHours(level.figures.parallel)} | ${formatHours(level.figures.sequential)} |`,
    );
  }
  if (plan.levels.length > MAX_ROWS * 4)
    lines.push(`| … | ${plan.levels.length - MAX_ROWS * 4} more levels | | | | |`);
  if (plan.figures) {
    const f = plan.figures;
    lines.push(
      "",
      `Whole plan: ${formatHours(f.parallel)} in parallel against ${formatHours(f.sequential)} one after the other (${formatPercent(f.savedPercent)} saved).`,
    );
  }

  const ready = plan.ready.flatMap((id) => byId.get(id) ?? []);
  lines.push(
    "",
    "### Ready now",
    "",
    ...capped(
      ready.map((a) => `- ${label(a, issues)} — executors: ${executors(a, issues)}`),
      "Nothing is ready: every remaining achievement waits for a dependency.",
    ),
  );

  const blocked = plan.achievements.filter(
    (a) => a.status !== "complete" && a.status !== "skipped" && !a.ready,
  );
  lines.push(
    "",
    "### Blocked",
    "",
    ...capped(
      blocked.map((a) => {
        const waiting = a.dependencies.filter((id) => {
          const s = byId.get(id)?.status;
          return s !== "complete" && s !== "skipped";
        });
        return `- ${label(a, issues)} — waits for ${waiting.map((id) => escapeMarkdownInline(id, 20)).join(", ")}`;
      }),
      "Nothing is blocked.",
    ),
  );

  const working = plan.achievements.filter(
    (a) => a.status !== "complete" && a.status !== "skipped" && executors(a, issues) !== "—",
  );
  lines.push(
    "",
    "### Executors",
    "",
    ...capped(
      working.map(
        (a) => `- ${label(a, issues)}: ${executors(a, issues)} (${a.status.replace(/_/g, " ")})`,
      ),
      "No achievement in progress has an executor.",
    ),
  );

  for (const section of sections) {
    if (section.body.trim() !== "")
      lines.push("", `### ${section.heading}`, "", section.body.trimEnd());
  }

  const graph = renderMermaid(plan, GRAPH_BYTES);
  if (graph !== "") lines.push("", "### Graph", "", "```mermaid", graph.trimEnd(), "```");
  return {
    marker,
    title: `[${plan.name}] Plan dashboard`,
    body: capBody(lines.join("\n"), `see ${inlineCode(`PLAN_${plan.name}.md`)}`),
    labels: [APP_LABEL, planLabel(plan.name)],
  };
}
