/**
 * parallel.json's parsed value → the analysis model. Tolerant: entries of the wrong shape are
 * skipped (the schema rule reports them), so the graph and status rules still run on the rest.
 * Written as plain loops: this runs once per achievement on plans of 100,000 achievements.
 */
import { parseEstimate } from "./estimate.js";
import type { JsonPath } from "./json-document.js";
import type {
  Achievement,
  DeclaredTimes,
  Level,
  ParallelPlan,
  RefField,
  RefList,
} from "./model.js";
import { STATUSES, type Status } from "./types.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/*
 * Known keys are read as plain properties (`raw.status`): JSON.parse only creates own properties (a
 * `__proto__` key included) and none of the keys read here exist on Object.prototype, so a read
 * cannot reach the prototype. Each read is a property access of its own, which V8 caches at its
 * site; a shared `object[key]` helper was one site seeing every key (20% slower on 10,000
 * achievements).
 */

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);

/** The file token of an id: the id without its dots ("3.2" → "32"). */
export function tokenOf(id: string): string {
  const dot = id.indexOf(".");
  if (dot === -1) return id;
  // The usual id has one dot: two slices, no scan for more.
  return id.indexOf(".", dot + 1) === -1
    ? id.slice(0, dot) + id.slice(dot + 1)
    : id.replaceAll(".", "");
}

/** "3 hours" per number of hours, shared: plans repeat a handful of figures thousands of times. */
const hoursText = new Map<number, string>();

function numberText(hours: number): string {
  let text = hoursText.get(hours);
  if (text === undefined) {
    text = `${hours} hours`;
    if (hoursText.size < 1024) hoursText.set(hours, text);
  }
  return text;
}

/** JSON path of an achievement object. */
export function achievementPath(achievement: Achievement): JsonPath {
  return ["levels", achievement.levelIndex, "achievements", achievement.indexInLevel];
}

/** JSON path of a field of an achievement. */
export function fieldPath(achievement: Achievement, field: string): JsonPath {
  return ["levels", achievement.levelIndex, "achievements", achievement.indexInLevel, field];
}

/** JSON path of the `at`-th id of a reference list. */
export function refPath(achievement: Achievement, list: RefList, at: number): JsonPath {
  const index = list.indices === null ? at : (list.indices[at] as number);
  return [
    "levels",
    achievement.levelIndex,
    "achievements",
    achievement.indexInLevel,
    list.field,
    index,
  ];
}

export function normalizePlan(value: unknown): ParallelPlan {
  const levels: Level[] = [];
  const achievements: Achievement[] = [];
  const byId = new Map<string, Achievement>();
  const root = isObject(value) ? value : {};
  const planName = typeof root.plan_name === "string" ? (root.plan_name as string) : null;
  const rawLevels = root.levels;
  const nodes: Achievement[] = [];
  if (!Array.isArray(rawLevels)) return { planName, levels, achievements, nodes, byId };

  for (let levelIndex = 0; levelIndex < rawLevels.length; levelIndex++) {
    const rawLevel: unknown = rawLevels[levelIndex];
    if (!isObject(rawLevel)) continue;
    const number = rawLevel.level;
    const maxParallelism = rawLevel.max_parallelism;
    const level: Level = {
      level: typeof number === "number" ? number : levelIndex + 1,
      index: levelIndex,
      canParallelize: rawLevel.can_parallelize === true,
      maxParallelism: typeof maxParallelism === "number" ? maxParallelism : null,
      description: stringOrNull(rawLevel.description),
      reason: stringOrNull(rawLevel.reason),
      achievementIds: [],
      nodes: [],
    };
    levels.push(level);
    const rawAchievements = rawLevel.achievements;
    if (!Array.isArray(rawAchievements)) continue;
    for (let index = 0; index < rawAchievements.length; index++) {
      const achievement = readAchievement(rawAchievements[index], level, index);
      if (!achievement) continue;
      level.achievementIds.push(achievement.id);
      achievements.push(achievement);
      if (!byId.has(achievement.id)) {
        achievement.node = nodes.length;
        nodes.push(achievement);
        level.nodes.push(achievement);
        byId.set(achievement.id, achievement);
      }
    }
  }
  // Resolve every reference once, so rules follow pointers instead of looking ids up again.
  for (const achievement of achievements) {
    resolve(achievement.dependencies, byId);
    resolve(achievement.optionalDependencies, byId);
    if (achievement.blocks) resolve(achievement.blocks, byId);
  }
  return { planName, levels, achievements, nodes, byId };
}

function resolve(list: RefList, byId: ReadonlyMap<string, Achievement>): void {
  const { ids } = list;
  if (ids.length === 0) return;
  // A copy of the ids overwritten in place: packed (every rule then reads it without hole checks)
  // and of the exact length, where pushing would over-allocate each of 100,000 small arrays.
  const targets = ids.slice() as unknown as (Achievement | null)[];
  for (let at = 0; at < ids.length; at++) targets[at] = byId.get(ids[at] as string) ?? null;
  list.targets = targets;
}

function readAchievement(raw: unknown, level: Level, indexInLevel: number): Achievement | null {
  if (!isObject(raw)) return null;
  const id = raw.id;
  if (typeof id !== "string" || id === "") return null;
  const rawEstimate = raw.estimated_hours;
  const status = raw.status;
  const title = raw.title;
  const blocks = raw.blocks;
  return {
    id,
    token: tokenOf(id),
    title: typeof title === "string" ? title : "",
    level: level.level,
    levelIndex: level.index,
    estimate: parseEstimate(rawEstimate),
    estimateText:
      typeof rawEstimate === "string"
        ? rawEstimate
        : typeof rawEstimate === "number"
          ? numberText(rawEstimate)
          : null,
    dependencies: readRefs(raw.dependencies, "dependencies"),
    optionalDependencies: readRefs(raw.optional_dependencies, "optional_dependencies"),
    blocks: Array.isArray(blocks) ? readRefs(blocks, "blocks") : null,
    declaredStatus:
      typeof status === "string" && STATUS_SET.has(status) ? (status as Status) : null,
    subplanPath: stringOrNull(raw.subplan_path),
    executor: stringOrNull(raw.executor),
    times: readTimes(raw),
    indexInLevel,
    node: -1,
  };
}

/** Shared by every achievement without time fields (most of a large plan): no allocation each. */
const NO_TIMES: DeclaredTimes = Object.freeze({
  startedAt: null,
  completedAt: null,
  actualHours: null,
});

/** started_at, completed_at and actual_hours as people (or sync) wrote them. */
function readTimes(raw: Record<string, unknown>): DeclaredTimes {
  const startedAt = stringOrNull(raw.started_at);
  const completedAt = stringOrNull(raw.completed_at);
  const hours = raw.actual_hours;
  const actualHours =
    typeof hours === "number" && Number.isFinite(hours) && hours >= 0 ? hours : null;
  if (startedAt === null && completedAt === null && actualHours === null) return NO_TIMES;
  return { startedAt, completedAt, actualHours };
}

/**
 * No targets yet: shared until `resolve` gives a list with ids its own array (nothing pushes into
 * a list's targets).
 */
const NO_TARGETS: (Achievement | null)[] = [];

/** Shared, frozen empty lists: most achievements have no optional dependencies, many no blocks. */
const EMPTY: Readonly<Record<RefField, RefList>> = {
  dependencies: Object.freeze({ field: "dependencies", ids: [], indices: null, targets: [] }),
  optional_dependencies: Object.freeze({
    field: "optional_dependencies",
    ids: [],
    indices: null,
    targets: [],
  }),
  blocks: Object.freeze({ field: "blocks", ids: [], indices: null, targets: [] }),
};

function readRefs(raw: unknown, field: RefField): RefList {
  if (!Array.isArray(raw) || raw.length === 0) return EMPTY[field];
  let clean = true;
  for (let index = 0; index < raw.length && clean; index++) clean = typeof raw[index] === "string";
  if (clean) return { field, ids: raw as string[], indices: null, targets: NO_TARGETS };
  const ids: string[] = [];
  const indices: number[] = [];
  for (let index = 0; index < raw.length; index++) {
    const id: unknown = raw[index];
    if (typeof id !== "string") continue;
    ids.push(id);
    indices.push(index);
  }
  return { field, ids, indices, targets: NO_TARGETS };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
