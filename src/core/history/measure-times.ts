/**
 * When each achievement really started and finished, from the history of its files: the first
 * commit of an EXECUTION_TASK is its start, the commit that added its APPROVED file its end.
 * What parallel.json already says wins (people, or a sync that wrote history's dates, set it):
 * history fills in `started_at` / `completed_at` where they are missing; an `actual_hours`
 * written by people is kept, otherwise the hours between start and end are used.
 * Pure: the dates come in as data (the CLI reads them from git, the app from the commits it sees).
 */
import type { AchievementReport, PlanReport } from "../model.js";

/** Commit dates (ISO 8601) of each file, by its path in the report (any order). */
export type FileHistory = ReadonlyMap<string, readonly string[]>;

/** Where a measured value came from. */
export type TimeSource = "history" | "parallel.json" | null;

/** The measured times of one achievement. */
export interface MeasuredTimes {
  id: string;
  /** ISO 8601, or null when neither history nor parallel.json says. */
  startedAt: string | null;
  completedAt: string | null;
  /** Hours of work: `actual_hours` as written, else completedAt − startedAt; null when unknown. */
  actualHours: number | null;
  sources: { startedAt: TimeSource; completedAt: TimeSource; actualHours: TimeSource };
}

/** The times of every achievement of the plan, in report order. */
export function measureTimes(plan: PlanReport, history: FileHistory): MeasuredTimes[] {
  return plan.achievements.map((a) => measureOne(a, history));
}

function measureOne(a: AchievementReport, history: FileHistory): MeasuredTimes {
  const declared = a.times ?? { startedAt: null, completedAt: null, actualHours: null };
  const firstExecution = earliest(a.files.executions.flatMap((f) => history.get(f) ?? []));
  const approved = a.files.approved === null ? null : earliest(history.get(a.files.approved) ?? []);
  const declaredStart = validDate(declared.startedAt);
  const declaredEnd = validDate(declared.completedAt);
  const startedAt = declaredStart ?? firstExecution;
  const completedAt = declaredEnd ?? approved;
  const startSource: TimeSource =
    declaredStart !== null ? "parallel.json" : firstExecution !== null ? "history" : null;
  const endSource: TimeSource =
    declaredEnd !== null ? "parallel.json" : approved !== null ? "history" : null;
  let actualHours: number | null = declared.actualHours;
  let hoursSource: TimeSource = actualHours === null ? null : "parallel.json";
  if (actualHours === null && startedAt !== null && completedAt !== null) {
    const span = hoursBetween(startedAt, completedAt);
    if (span >= 0) {
      actualHours = span;
      hoursSource =
        startSource === "history" || endSource === "history" ? "history" : "parallel.json";
    }
  }
  return {
    id: a.id,
    startedAt,
    completedAt,
    actualHours,
    sources: { startedAt: startSource, completedAt: endSource, actualHours: hoursSource },
  };
}

/** Hours from `from` to `to` (ISO 8601), to the hundredth. */
export function hoursBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 36_000) / 100;
}

/** The earliest of some ISO dates, normalised to UTC ("…Z"); null when none parses. */
function earliest(dates: readonly string[]): string | null {
  let best = Number.POSITIVE_INFINITY;
  for (const date of dates) {
    const ms = Date.parse(date);
    if (Number.isFinite(ms) && ms < best) best = ms;
  }
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

function validDate(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
