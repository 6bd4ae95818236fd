/**
 * What should exist for one level of a plan: its tracking issue (which holds the achievement
 * issues as sub-issues) and one issue per achievement still to do, with their labels and the
 * "blocked by" links the plan's dependencies call for. Pure: the adapter compares it with what
 * exists (`diffLevel`) and writes only the difference.
 */
import type { LevelReport, PlanReport } from "../model.js";
import type { NamingPatterns } from "../options.js";
import { escapeMarkdownInline } from "../../render/sanitize.js";
import { achievementIssue, type DesiredIssue } from "./achievement-issue.js";
import { capBody, inlineCode } from "./block-text.js";
import { levelLabels, type LabelSpec } from "./issue-labels.js";
import { renderMarker, type IssueMarker } from "./issue-marker.js";

/** GitHub holds at most 100 sub-issues per parent issue. */
export const MAX_SUB_ISSUES = 100;

/** What the fan-out of one level wants. */
export interface LevelIssues {
  plan: string;
  level: number;
  labels: LabelSpec[];
  tracking: DesiredIssue;
  /** One per achievement not complete or skipped, in the level's order. */
  achievements: (DesiredIssue & { id: string; dependencies: string[] })[];
}

/** What the fan-out needs besides the plan. */
export interface LevelIssueOptions {
  patterns: NamingPatterns;
  /** Extra labels from `assign.labels`. */
  labels: readonly string[];
  numbers: ReadonlyMap<string, number>;
}

/** Why a level cannot be fanned out, or null when it can. Plan text in it is escaped. */
export function levelRefusal(plan: PlanReport, level: LevelReport | undefined): string | null {
  const errors = plan.summary.errors;
  // Issues written from a plan with errors would carry its mistakes (wrong ids, missing deps).
  if (errors > 0)
    return `fix the plan's errors first (${errors} error${errors === 1 ? "" : "s"}: run /parallel validate)`;
  const name = escapeMarkdownInline(plan.name, 100);
  if (!level) return `plan ${name} has no such level`;
  if (level.complete) return `level ${level.level} of ${name} is complete`;
  if (!level.ready) {
    const inLevel = new Set(level.achievements);
    const waiting = plan.achievements
      .filter((a) => inLevel.has(a.id))
      .flatMap((a) => a.dependencies)
      .filter((id) => !inLevel.has(id))
      .filter((id) => {
        const dep = plan.achievements.find((d) => d.id === id);
        return !dep || (dep.status !== "complete" && dep.status !== "skipped");
      });
    const unique = [...new Set(waiting)].slice(0, 10).map((id) => escapeMarkdownInline(id, 20));
    return `level ${level.level} of ${name} is not ready: it waits for ${unique.join(", ")}`;
  }
  return null;
}

/**
 * The level to fan out when none is named: the first ready, incomplete level with an
 * achievement to do that has no issue yet.
 */
export function defaultLevel(plan: PlanReport, hasIssue: (id: string) => boolean): number | null {
  for (const level of plan.levels) {
    if (!level.ready || level.complete) continue;
    const todo = plan.achievements.filter(
      (a) => level.achievements.includes(a.id) && a.status !== "complete" && a.status !== "skipped",
    );
    if (todo.some((a) => !hasIssue(a.id))) return level.level;
  }
  return null;
}

function trackingIssue(
  plan: PlanReport,
  level: LevelReport,
  ids: readonly string[],
  labels: string[],
): DesiredIssue {
  const marker: IssueMarker = { kind: "level", plan: plan.name, level: level.level };
  const byId = new Map(plan.achievements.map((a) => [a.id, a]));
  const kind = level.canParallelize
    ? `parallel (up to ${level.maxParallelism ?? ids.length} at once)`
    : "sequential";
  const lines = [
    renderMarker(marker),
    `Level ${level.level} of plan ${inlineCode(plan.name)}: ${kind}. Its achievements are this issue's sub-issues; each closes when its APPROVED file lands on the default branch, and this issue closes when the whole level is complete.`,
  ];
  if (level.description) lines.push("", escapeMarkdownInline(level.description, 500));
  lines.push("", "### Achievements", "");
  for (const id of ids) {
    const a = byId.get(id);
    lines.push(`- ${escapeMarkdownInline(id, 20)} ${escapeMarkdownInline(a?.title ?? "", 150)}`);
  }
  if (ids.length > MAX_SUB_ISSUES) {
    lines.push(
      "",
      `> **Note:** GitHub holds at most ${MAX_SUB_ISSUES} sub-issues per issue, so the last ${ids.length - MAX_SUB_ISSUES} achievements of this level are listed here but not linked as sub-issues; find them by the ${inlineCode(`level:${level.level}`)} label.`,
    );
  }
  return {
    marker,
    title: `[${plan.name}] Level ${level.level}`,
    body: capBody(lines.join("\n"), "see the level's issues"),
    labels,
  };
}

/** Everything level `levelNumber` of `plan` should have. */
export function levelIssues(
  plan: PlanReport,
  levelNumber: number,
  options: LevelIssueOptions,
): LevelIssues {
  const level = plan.levels.find((l) => l.level === levelNumber);
  if (!level) throw new Error(`plan ${plan.name} has no level ${levelNumber}`);
  const labels = levelLabels(plan.name, level.level, options.labels);
  const names = labels.map((l) => l.name);
  const inLevel = new Set(level.achievements);
  const todo = plan.achievements.filter(
    (a) => inLevel.has(a.id) && a.status !== "complete" && a.status !== "skipped",
  );
  const seen = new Set<string>();
  const unique = todo.filter((a) => !seen.has(a.id) && seen.add(a.id));
  return {
    plan: plan.name,
    level: level.level,
    labels,
    tracking: trackingIssue(plan, level, level.achievements, names),
    achievements: unique.map((a) => ({
      ...achievementIssue(plan, a, { ...options, labels: names }),
      id: a.id,
      dependencies: [...a.dependencies],
    })),
  };
}
