/**
 * Terminal output: `validate` lists findings like eslint's "stylish" formatter and sums up each
 * plan; `status` shows the seeds' progress view. Plan text goes through `singleLine`, so a title
 * cannot smuggle escape sequences into the terminal. Colour only when asked (the CLI passes
 * `isTTY && !NO_COLOR`).
 */
import pc from "picocolors";
import type { AnalysisReport, LevelReport, PlanReport } from "../core/model.js";
import { STATUSES, type Severity, type TimeFigures } from "../core/types.js";
import { formatHours } from "../core/estimate.js";
import { capList, countsText, formatPercent, planFails, plural, progressOf } from "./format.js";
import { layoutPlan } from "./plan-layout.js";
import { singleLine } from "./sanitize.js";
import { STATUS_ICONS, STATUS_WORDS, isDone } from "./status-style.js";

type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  /** ANSI colours on (a TTY without NO_COLOR). */
  color: boolean;
  /** Warnings fail a plan too (CLI `--strict`). */
  strict?: boolean;
}

/** Ids listed per line before "+N more": a terminal is not a database dump. */
const MAX_LISTED = 50;

/** `validate` output: per plan a verdict, its findings, level lines, ready set and figures. */
export function renderText(report: AnalysisReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const blocks = report.plans.map((plan) => planText(plan, c, options.strict ?? false));
  const totals = { errors: 0, warnings: 0, notices: 0 };
  for (const plan of report.plans) {
    totals.errors += plan.summary.errors;
    totals.warnings += plan.summary.warnings;
    totals.notices += plan.summary.notices;
  }
  const final = `${countsText(totals)} in ${plural(report.plans.length, "plan")}`;
  const colored = totals.errors > 0 ? c.red(c.bold(final)) : c.bold(final);
  return [...blocks, colored].join("\n\n") + "\n";
}

function planText(plan: PlanReport, c: Colors, strict: boolean): string {
  const mark = planFails(plan, strict) ? c.red("✖") : c.green("✔");
  const lines = [
    `${mark} ${c.bold(singleLine(plan.name, 100))}  ${c.dim(singleLine(plan.dir, 200))}`,
  ];
  lines.push(...findingLines(plan, c));
  const layout = layoutPlan(plan);
  plan.levels.forEach((level, l) => {
    const statuses = layout.members[l]!.map((i) => plan.achievements[i]!.status);
    lines.push(`  ${levelLine(level, statuses, c)}`);
  });
  if (plan.achievements.length > 0) lines.push(`  ${readyText(plan, c)}`);
  if (plan.figures) lines.push(`  ${figuresText(plan.figures)}`);
  return lines.join("\n");
}

const SEVERITY_COLORS: Record<Severity, "red" | "yellow" | "blue"> = {
  error: "red",
  warning: "yellow",
  notice: "blue",
};

function findingLines(plan: PlanReport, c: Colors): string[] {
  const rows = plan.findings.map((f) => ({
    where: `${singleLine(f.file, 300)}:${f.line}:${f.column}`,
    severity: f.severity,
    rule: singleLine(f.rule, 40),
    message: singleLine(f.message, 500),
  }));
  const whereWidth = Math.max(0, ...rows.map((r) => r.where.length));
  const ruleWidth = Math.max(0, ...rows.map((r) => r.rule.length));
  return rows.map((r) => {
    const paint = c[SEVERITY_COLORS[r.severity]];
    return `  ${r.where.padEnd(whereWidth)}  ${paint(r.severity.padEnd(7))}  ${c.dim(r.rule.padEnd(ruleWidth))}  ${r.message}`;
  });
}

function levelLine(level: LevelReport, statuses: string[], c: Colors): string {
  const counts = STATUSES.map((s) => [s, statuses.filter((x) => x === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_WORDS[s]}`);
  const mode = level.canParallelize ? "parallel  " : "sequential";
  const state = level.complete ? c.green("done") : level.ready ? c.cyan("ready") : c.dim("blocked");
  const figures = `${formatHours(level.figures.sequential)} → ${formatHours(level.figures.parallel)}`;
  const levelNo = singleLine(String(level.level), 12);
  return `Level ${levelNo}  ${mode}  ${plural(statuses.length, "achievement")}${counts.length ? `: ${counts.join(", ")}` : ""}  ${state}  ${c.dim(figures)}`;
}

function readyText(plan: PlanReport, c: Colors): string {
  if (plan.ready.length === 0) {
    const allDone = plan.achievements.every((a) => isDone(a.status));
    return `Ready: ${c.dim(allDone ? "nothing left to do" : "nothing (waiting on dependencies)")}`;
  }
  const ids = plan.ready.map((id) => singleLine(id, 20));
  return `Ready (${plan.ready.length}): ${c.cyan(capList(ids, MAX_LISTED))}`;
}

function figuresText(figures: TimeFigures): string {
  const text =
    `Time: sequential ${formatHours(figures.sequential)}, parallel ${formatHours(figures.parallel)},` +
    ` saving ${formatHours(figures.saved)} (${formatPercent(figures.savedPercent)})`;
  if (figures.unestimated.length === 0) return text;
  const ids = figures.unestimated.map((id) => singleLine(id, 20));
  return `${text}; unestimated: ${capList(ids, MAX_LISTED)}`;
}

/** `status` output: the seeds' progress view per plan (levels, achievements, ready, figures). */
export function renderStatusText(report: AnalysisReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  if (report.plans.length === 0) return "No plans found.\n";
  return report.plans.map((plan) => statusBlock(plan, c)).join("\n\n") + "\n";
}

function statusBlock(plan: PlanReport, c: Colors): string {
  const progress = progressOf(plan);
  const lines = [
    `${c.bold(`PLAN: ${singleLine(plan.name, 100)}`)}  ${c.dim(singleLine(plan.dir, 200))}`,
    `Progress: ${progress.done}/${progress.total} achievements (${progress.percent}%)`,
  ];
  const layout = layoutPlan(plan);
  plan.levels.forEach((level, l) => {
    const members = layout.members[l]!.map((i) => plan.achievements[i]!);
    const done = members.filter((a) => isDone(a.status)).length;
    const started = members.some((a) => a.status !== "not_started");
    const heading = level.complete
      ? c.green("✅ Complete")
      : started
        ? c.yellow("🔄 In Progress")
        : level.ready
          ? c.cyan("⏳ Ready")
          : c.dim("⏳ Blocked");
    const mode = level.canParallelize ? "parallel" : "sequential";
    lines.push(
      "",
      `Level ${singleLine(String(level.level), 12)} (${mode}): ${heading} (${done}/${members.length})`,
    );
    for (const a of members) {
      const detail = [STATUS_WORDS[a.status], a.executor ? singleLine(a.executor, 60) : null]
        .filter((x) => x !== null)
        .join(", ");
      const ready = a.ready ? ` ${c.cyan("ready")}` : "";
      lines.push(
        `  ${STATUS_ICONS[a.status]} ${singleLine(a.id, 20)}: ${singleLine(a.title, 120)} ${c.dim(`(${detail})`)}${ready}`,
      );
    }
  });
  lines.push("", readyText(plan, c));
  if (plan.figures) lines.push(figuresText(plan.figures));
  if (plan.criticalPath.ids.length > 0) {
    const path = plan.criticalPath.ids.map((id) => singleLine(id, 20)).join(" → ");
    lines.push(`Critical path (${formatHours(plan.criticalPath.hours)}): ${path}`);
  }
  const { errors, warnings, notices } = plan.summary;
  if (errors + warnings + notices > 0) {
    const findings = `Findings: ${countsText(plan.summary)} (run \`parallel-plans validate\`)`;
    lines.push(errors > 0 ? c.red(findings) : c.yellow(findings));
  }
  return lines.join("\n");
}
