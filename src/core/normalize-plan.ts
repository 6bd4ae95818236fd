/**
 * parallel.json's parsed value → the analysis model. Tolerant: entries of the wrong shape are
 * skipped (the schema rule reports them), so the graph and status rules still run on the rest.
 */
import { parseEstimate } from "./estimate.js";
import type { Achievement, AchievementRef, Level, ParallelPlan } from "./model.js";
import { STATUSES, type Status } from "./types.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const own = (object: Json, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);

/** The file token of an id: the id without its dots ("3.2" → "32"). */
export function tokenOf(id: string): string {
  return id.split(".").join("");
}

export function normalizePlan(value: unknown): ParallelPlan {
  const levels: Level[] = [];
  const achievements: Achievement[] = [];
  const byId = new Map<string, Achievement>();
  const root = isObject(value) ? value : {};
  const planName =
    typeof own(root, "plan_name") === "string" ? (own(root, "plan_name") as string) : null;
  const rawLevels = own(root, "levels");
  if (Array.isArray(rawLevels)) {
    rawLevels.forEach((rawLevel, levelIndex) => {
      if (!isObject(rawLevel)) return;
      const levelPath = ["levels", levelIndex];
      const number =
        typeof own(rawLevel, "level") === "number"
          ? (own(rawLevel, "level") as number)
          : levelIndex + 1;
      const level: Level = {
        level: number,
        index: levels.length,
        canParallelize: own(rawLevel, "can_parallelize") === true,
        maxParallelism:
          typeof own(rawLevel, "max_parallelism") === "number"
            ? (own(rawLevel, "max_parallelism") as number)
            : null,
        description: stringOrNull(own(rawLevel, "description")),
        reason: stringOrNull(own(rawLevel, "reason")),
        achievementIds: [],
        path: levelPath,
      };
      levels.push(level);
      const rawAchievements = own(rawLevel, "achievements");
      if (!Array.isArray(rawAchievements)) return;
      rawAchievements.forEach((raw, index) => {
        const achievement = readAchievement(raw, level, [...levelPath, "achievements", index]);
        if (!achievement) return;
        level.achievementIds.push(achievement.id);
        achievements.push(achievement);
        if (!byId.has(achievement.id)) byId.set(achievement.id, achievement);
      });
    });
  }
  return { planName, levels, achievements, byId };
}

function readAchievement(
  raw: unknown,
  level: Level,
  path: (string | number)[],
): Achievement | null {
  if (!isObject(raw)) return null;
  const id = own(raw, "id");
  if (typeof id !== "string" || id === "") return null;
  const rawEstimate = own(raw, "estimated_hours");
  const status = own(raw, "status");
  const blocks = own(raw, "blocks");
  return {
    id,
    token: tokenOf(id),
    title: typeof own(raw, "title") === "string" ? (own(raw, "title") as string) : "",
    level: level.level,
    levelIndex: level.index,
    estimate: parseEstimate(rawEstimate),
    estimateText:
      typeof rawEstimate === "string"
        ? rawEstimate
        : typeof rawEstimate === "number"
          ? `${rawEstimate} hours`
          : null,
    dependencies: readRefs(own(raw, "dependencies"), [...path, "dependencies"]),
    optionalDependencies: readRefs(own(raw, "optional_dependencies"), [
      ...path,
      "optional_dependencies",
    ]),
    blocks: Array.isArray(blocks) ? readRefs(blocks, [...path, "blocks"]) : null,
    declaredStatus:
      typeof status === "string" && STATUS_SET.has(status) ? (status as Status) : null,
    subplanPath: stringOrNull(own(raw, "subplan_path")),
    executor: stringOrNull(own(raw, "executor")),
    path,
  };
}

function readRefs(raw: unknown, path: (string | number)[]): AchievementRef[] {
  if (!Array.isArray(raw)) return [];
  const refs: AchievementRef[] = [];
  raw.forEach((id, index) => {
    if (typeof id === "string") refs.push({ id, path: [...path, index] });
  });
  return refs;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
