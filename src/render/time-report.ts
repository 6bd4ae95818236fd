/**
 * `parallel-plans report` in text, markdown and JSON: per level estimated against actual, the
 * realised parallel saving, the critical path and estimate accuracy, then per achievement. Text
 * goes through the caller's cleaner (terminal-safe or markdown-safe).
 */
import { formatHours } from "../core/estimate.js";
import type { LevelTime, TimeReport } from "../core/history/time-report.js";
import type { HourRange } from "../core/types.js";
import { JSON_FORMAT_VERSION } from "./json.js";
import { escapeMarkdownInline, singleLine } from "./sanitize.js";
import { STATUS_WORDS } from "./status-style.js";

/** "4.5h", or "—" when unknown. */
function hours(value: number | null): string {
  return value === null ? "—" : formatHours({ min: value, max: value });
}

function range(value: HourRange | null): string {
  return value === null ? "—" : formatHours(value);
}

function percent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

function levelSaving(level: LevelTime): string {
  if (!level.parallel) {
    return level.span === null
      ? "sequential: not measured yet"
      : `sequential: wall-clock ${hours(level.span)}, ${hours(level.actualSum)} of work`;
  }
  if (level.saving === null) {
    return level.measured === 0 ? "not measured yet" : `${level.measured}/${level.total} measured`;
  }
  return `wall-clock ${hours(level.span)} vs ${hours(level.actualSum)} summed: saved ${hours(level.saving)} (${level.savingPercent}%)`;
}

function summaryLines(report: TimeReport, clean: (t: string, n: number) => string): string[] {
  const { totals, accuracy, criticalPath } = report;
  const lines = [
    `Measured: ${totals.measured}/${totals.total} achievements · estimated ${range(totals.estimated)} · actual ${hours(totals.actual)}`,
  ];
  if (criticalPath.ids.length > 0) {
    const chain = criticalPath.ids.map((id) => clean(id, 20)).join(" → ");
    const actual =
      criticalPath.actual === null
        ? `not measured (${criticalPath.unmeasured.map((id) => clean(id, 20)).join(", ")} open)`
        : hours(criticalPath.actual);
    lines.push(
      `Critical path ${chain}: estimated ${range(criticalPath.estimated)}, actual ${actual}`,
    );
  }
  lines.push(
    accuracy.ratio === null
      ? "Estimate accuracy: nothing measured yet"
      : `Estimate accuracy: actual is ${percent(accuracy.ratio)} of the estimates' middle · ${accuracy.within} within range, ${accuracy.over} over, ${accuracy.under} under`,
  );
  return lines;
}

/** The report as terminal text, one block per plan. */
export function renderTimeReportText(reports: readonly TimeReport[]): string {
  if (reports.length === 0) return "No plans found.\n";
  const blocks = reports.map((report) => {
    const lines = [`PLAN: ${singleLine(report.name, 100)}  ${singleLine(report.dir, 200)}`];
    lines.push(...summaryLines(report, singleLine));
    for (const level of report.levels) {
      lines.push(
        "",
        `Level ${level.level} (${level.parallel ? "parallel" : "sequential"}): estimated ${range(level.estimated.sequential)} sequential, ${range(level.estimated.parallel)} wall · ${levelSaving(level)}`,
      );
      for (const a of report.achievements.filter((x) => x.level === level.level)) {
        const verdict = a.verdict === null ? "" : ` (${a.verdict})`;
        lines.push(
          `  ${singleLine(a.id, 20)} ${singleLine(a.title, 80)}: estimated ${range(a.estimate)}, actual ${hours(a.actualHours)}${verdict} · ${STATUS_WORDS[a.status]}`,
        );
      }
    }
    return lines.join("\n");
  });
  return blocks.join("\n\n") + "\n";
}

/**
 * The short form for the dashboard issue: the summary lines and the level table (no
 * per-achievement rows: the dashboard lists achievements already).
 */
export function renderTimeSummaryMarkdown(report: TimeReport): string {
  const full = renderTimeReportMarkdown([report]);
  const start = full.indexOf("\n\n") + 2;
  const end = full.indexOf("\n\n| Achievement |");
  return full.slice(start, end === -1 ? undefined : end).trimEnd();
}

/** The report as markdown (for a file, a dashboard or a comment). */
export function renderTimeReportMarkdown(reports: readonly TimeReport[]): string {
  const blocks = reports.map((report) => {
    const clean = escapeMarkdownInline;
    const lines = [
      `## ${clean(report.name, 100)}`,
      "",
      ...summaryLines(report, clean).map((l) => `- ${l}`),
      "",
    ];
    lines.push(
      "| Level | Estimated (sequential → wall) | Actual summed | Wall-clock span | Realised saving |",
      "| ---: | --- | ---: | ---: | --- |",
    );
    for (const level of report.levels) {
      const saving =
        level.saving === null
          ? levelSaving(level)
          : `${hours(level.saving)} (${level.savingPercent}%)`;
      lines.push(
        `| ${level.level} ${level.parallel ? "parallel" : "sequential"} | ${range(level.estimated.sequential)} → ${range(level.estimated.parallel)} | ${hours(level.actualSum)} | ${hours(level.span)} | ${saving} |`,
      );
    }
    lines.push(
      "",
      "| Achievement | Estimated | Actual | Started | Completed |",
      "| --- | ---: | ---: | --- | --- |",
    );
    for (const a of report.achievements) {
      lines.push(
        `| ${clean(a.id, 20)} ${clean(a.title, 80)} | ${range(a.estimate)} | ${hours(a.actualHours)}${a.verdict ? ` ${a.verdict}` : ""} | ${a.startedAt ?? "—"} | ${a.completedAt ?? "—"} |`,
      );
    }
    return lines.join("\n");
  });
  return blocks.join("\n\n") + "\n";
}

/** The report as one JSON document: `{ version, plans: [TimeReport] }`. */
export function renderTimeReportJson(reports: readonly TimeReport[]): string {
  return `${JSON.stringify({ version: JSON_FORMAT_VERSION, plans: reports }, null, 2)}\n`;
}
