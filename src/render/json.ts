/**
 * `--format json`: the documented machine contract (DESIGN.md §4). Every key is picked by name
 * so a field added to the report model never leaks into the output unannounced.
 */
import type { AchievementReport, AnalysisReport, PlanReport } from "../core/model.js";
import type { Finding, HourRange, TimeFigures } from "../core/types.js";
import { escapeControls } from "./sanitize.js";

/** Version of the JSON document; bumped only on a breaking change of its shape. */
export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  achievements: string[];
}

export interface JsonPlan {
  name: string;
  dir: string;
  ok: boolean;
  findings: JsonFinding[];
  levels: { level: number; achievements: string[]; ready: boolean }[];
  summary: { errors: number; warnings: number; notices: number };
}

export interface JsonAchievement {
  id: string;
  title: string;
  level: number;
  status: string;
  declaredStatus: string | null;
  derivedStatus: string;
  ready: boolean;
  executor: string | null;
  estimate: HourRange | null;
}

export interface JsonFigures {
  sequential: HourRange;
  parallel: HourRange;
  saved: HourRange;
  savedPercent: HourRange;
  unestimated: string[];
}

export interface JsonStatusPlan extends JsonPlan {
  ready: string[];
  figures: JsonFigures | null;
  criticalPath: { ids: string[]; hours: HourRange };
  achievements: JsonAchievement[];
}

/** The `validate --format json` document, indented by two spaces, with a trailing newline. */
export function renderJson(report: AnalysisReport): string {
  return print(report.plans.map(jsonPlan));
}

/** The `status --format json` document: the validate shape plus progress per plan. */
export function renderStatusJson(report: AnalysisReport): string {
  return print(
    report.plans.map((plan): JsonStatusPlan => ({
      ...jsonPlan(plan),
      ready: [...plan.ready],
      figures: plan.figures && jsonFigures(plan.figures),
      criticalPath: {
        ids: [...plan.criticalPath.ids],
        hours: hours(plan.criticalPath.hours),
      },
      achievements: plan.achievements.map(jsonAchievement),
    })),
  );
}

/** The document, with controls and bidi characters as JSON escapes: the same values, inert bytes. */
function print(plans: JsonPlan[]): string {
  return escapeControls(JSON.stringify({ version: JSON_FORMAT_VERSION, plans }, null, 2)) + "\n";
}

function jsonPlan(plan: PlanReport): JsonPlan {
  return {
    name: plan.name,
    dir: plan.dir,
    ok: plan.ok,
    findings: plan.findings.map(jsonFinding),
    levels: plan.levels.map((level) => ({
      level: level.level,
      achievements: [...level.achievements],
      ready: level.ready,
    })),
    summary: {
      errors: plan.summary.errors,
      warnings: plan.summary.warnings,
      notices: plan.summary.notices,
    },
  };
}

function jsonFinding(finding: Finding): JsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    achievements: [...finding.achievements],
  };
}

function jsonAchievement(a: AchievementReport): JsonAchievement {
  return {
    id: a.id,
    title: a.title,
    level: a.level,
    status: a.status,
    declaredStatus: a.declaredStatus,
    derivedStatus: a.derivedStatus,
    ready: a.ready,
    executor: a.executor,
    estimate: a.estimate && hours(a.estimate),
  };
}

function jsonFigures(figures: TimeFigures): JsonFigures {
  return {
    sequential: hours(figures.sequential),
    parallel: hours(figures.parallel),
    saved: hours(figures.saved),
    savedPercent: hours(figures.savedPercent),
    unestimated: [...figures.unestimated],
  };
}

function hours(range: HourRange): HourRange {
  return { min: range.min, max: range.max };
}
