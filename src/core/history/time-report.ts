/**
 * Estimated against actual time for one plan: per achievement and level, the level's wall-clock
 * span against the sum of its achievements' hours (the parallel saving really obtained), the
 * critical path estimated and actual, and how accurate the estimates were. Pure.
 */
import type { PlanReport } from "../model.js";
import type { HourRange, Status, TimeFigures } from "../types.js";
import { hoursBetween, type MeasuredTimes } from "./measure-times.js";

/** One achievement, estimated and measured. */
export interface AchievementTime {
  id: string;
  title: string;
  level: number;
  status: Status;
  estimate: HourRange | null;
  startedAt: string | null;
  completedAt: string | null;
  actualHours: number | null;
  /** actual / the middle of the estimate (1 = on estimate); null without both. */
  ratio: number | null;
  /** Where the actual hours fall against the estimate's range. */
  verdict: "under" | "within" | "over" | null;
}

/** One level, estimated and measured. */
export interface LevelTime {
  level: number;
  parallel: boolean;
  /** The level's estimated figures (sequential sum, wall time with its parallelism). */
  estimated: Pick<TimeFigures, "sequential" | "parallel">;
  /** Achievements with actual hours, of how many. */
  measured: number;
  total: number;
  /** Sum of the measured achievements' hours: the time one executor would have taken. */
  actualSum: number | null;
  /** First start to last end over achievements with both dates, in hours (calendar time). */
  span: number | null;
  /**
   * actualSum − span: the saving parallel work really gave; only for a parallel level whose
   * every achievement has both dates and actual hours.
   */
  saving: number | null;
  /** saving / actualSum in percent, to one decimal. */
  savingPercent: number | null;
}

/** The whole time report of a plan. */
export interface TimeReport {
  name: string;
  dir: string;
  achievements: AchievementTime[];
  levels: LevelTime[];
  criticalPath: {
    ids: string[];
    estimated: HourRange;
    /** Sum of actual hours along the same chain; null when one of it has none. */
    actual: number | null;
    /** Ids of the chain without actual hours. */
    unmeasured: string[];
  };
  totals: {
    /** Sum of estimates of every achievement. */
    estimated: HourRange;
    /** Sum of actual hours of the measured achievements. */
    actual: number | null;
    measured: number;
    total: number;
  };
  accuracy: {
    /** Sum of actual / sum of estimate middles over achievements with both; null when none. */
    ratio: number | null;
    within: number;
    under: number;
    over: number;
  };
}

/** The report for a plan, from its analysis and its measured times (`measureTimes`). */
export function buildTimeReport(plan: PlanReport, times: readonly MeasuredTimes[]): TimeReport {
  const byId = new Map(times.map((t) => [t.id, t]));
  const achievements = plan.achievements.map((a): AchievementTime => {
    const t = byId.get(a.id);
    const actual = t?.actualHours ?? null;
    const mid = a.estimate ? (a.estimate.min + a.estimate.max) / 2 : null;
    return {
      id: a.id,
      title: a.title,
      level: a.level,
      status: a.status,
      estimate: a.estimate,
      startedAt: t?.startedAt ?? null,
      completedAt: t?.completedAt ?? null,
      actualHours: actual,
      ratio: actual !== null && mid !== null && mid > 0 ? round(actual / mid, 2) : null,
      verdict:
        actual === null || a.estimate === null
          ? null
          : actual < a.estimate.min
            ? "under"
            : actual > a.estimate.max
              ? "over"
              : "within",
    };
  });
  const levels = plan.levels.map((level): LevelTime => {
    const own = achievements.filter((a) => a.level === level.level);
    const measured = own.filter((a) => a.actualHours !== null);
    const actualSum =
      measured.length > 0 ? round(sum(measured.map((a) => a.actualHours!)), 2) : null;
    const dated = own.filter((a) => a.startedAt !== null && a.completedAt !== null);
    const span =
      dated.length > 0
        ? hoursBetween(
            dated.map((a) => a.startedAt!).reduce((x, y) => (y < x ? y : x)),
            dated.map((a) => a.completedAt!).reduce((x, y) => (y > x ? y : x)),
          )
        : null;
    // A saving is what parallel work gave: a sequential level has none to show (its span also
    // holds the nights and waits between its steps).
    const whole =
      level.canParallelize &&
      own.length > 0 &&
      dated.length === own.length &&
      measured.length === own.length;
    const saving = whole && actualSum !== null && span !== null ? round(actualSum - span, 2) : null;
    return {
      level: level.level,
      parallel: level.canParallelize,
      estimated: { sequential: level.figures.sequential, parallel: level.figures.parallel },
      measured: measured.length,
      total: own.length,
      actualSum,
      span,
      saving,
      savingPercent:
        saving !== null && actualSum !== null && actualSum > 0
          ? round((saving / actualSum) * 100, 1)
          : null,
    };
  });
  const chain = plan.criticalPath.ids.map((id) => achievements.find((a) => a.id === id));
  const unmeasured = plan.criticalPath.ids.filter((_, i) => chain[i]?.actualHours == null);
  const measured = achievements.filter((a) => a.actualHours !== null);
  const compared = measured.filter((a) => a.estimate !== null);
  const midSum = sum(compared.map((a) => (a.estimate!.min + a.estimate!.max) / 2));
  return {
    name: plan.name,
    dir: plan.dir,
    achievements,
    levels,
    criticalPath: {
      ids: plan.criticalPath.ids,
      estimated: plan.criticalPath.hours,
      actual:
        chain.length > 0 && unmeasured.length === 0
          ? round(sum(chain.map((a) => a!.actualHours!)), 2)
          : null,
      unmeasured,
    },
    totals: {
      estimated: {
        min: sum(achievements.map((a) => a.estimate?.min ?? 0)),
        max: sum(achievements.map((a) => a.estimate?.max ?? 0)),
      },
      actual: measured.length > 0 ? round(sum(measured.map((a) => a.actualHours!)), 2) : null,
      measured: measured.length,
      total: achievements.length,
    },
    accuracy: {
      ratio: midSum > 0 ? round(sum(compared.map((a) => a.actualHours!)) / midSum, 2) : null,
      within: compared.filter((a) => a.verdict === "within").length,
      under: compared.filter((a) => a.verdict === "under").length,
      over: compared.filter((a) => a.verdict === "over").length,
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
