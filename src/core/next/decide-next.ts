/**
 * The one function that decides a plan's "what next" menu (see next-types.ts). Pure: a plan
 * report in, the choices out, in the order a team works — errors first, then per ready level
 * SUBPLANs, EXECUTIONs and execution, then recovery for each failed achievement.
 */
import { addHours, ZERO_HOURS } from "../estimate.js";
import { levelFigures } from "../figures.js";
import type { AchievementReport, LevelReport, PlanReport } from "../model.js";
import { isDone } from "../plan-files.js";
import type { HourRange } from "../types.js";
import type { BlockedLevel, NextChoice, NextPlan, NextRef, RecoverChoice } from "./next-types.js";

/** The menu of one plan. */
export function decideNext(plan: PlanReport): NextPlan {
  const base = { name: plan.name, dir: plan.dir };
  if (plan.levels.length === 0) {
    // No usable parallel.json: unreadable ones are errors, a PLAN alone asks for discovery.
    const choices: NextChoice[] =
      plan.summary.errors > 0
        ? [{ kind: "fix-errors", errors: plan.summary.errors }]
        : plan.document !== null
          ? [{ kind: "discover" }]
          : [];
    return { ...base, finished: false, choices, blocked: [] };
  }
  const byId = firstById(plan.achievements);
  const choices: NextChoice[] = [];
  if (plan.summary.errors > 0) choices.push({ kind: "fix-errors", errors: plan.summary.errors });
  const blocked: BlockedLevel[] = [];
  for (const level of plan.levels) {
    if (level.complete) continue;
    const members = membersOf(level, byId);
    if (!level.ready) {
      blocked.push({ level: level.level, waitingFor: waitingFor(level, members, byId) });
      continue;
    }
    // A plan with errors gets no batch choices: its levels and statuses may be wrong.
    if (plan.summary.errors === 0) choices.push(...levelChoices(level, members));
  }
  let dependents: Map<string, AchievementReport[]> | null = null;
  for (const a of byId.values()) {
    if (a.status !== "failed") continue;
    dependents ??= dependentsIndex(byId);
    choices.push(recovery(a, plan, byId, dependents));
  }
  const finished = [...byId.values()].every((a) => isDone(a.status));
  return { ...base, finished, choices, blocked };
}

function levelChoices(level: LevelReport, members: AchievementReport[]): NextChoice[] {
  const open = members.filter((a) => !isDone(a.status) && a.status !== "failed");
  const missing = open.filter((a) => a.files.subplan === null);
  const prepared = open.filter((a) => a.files.subplan !== null && a.files.executions.length === 0);
  const runnable = open.filter((a) => a.files.executions.length > 0 && a.ready);
  const choices: NextChoice[] = [];
  if (missing.length > 0) {
    choices.push({ kind: "create-subplans", level: level.level, missing: missing.map(ref) });
  }
  if (prepared.length > 0) {
    choices.push({
      kind: "create-executions",
      level: level.level,
      ready: prepared.map(ref),
      waitingForSubplan: missing.map(ref),
    });
  }
  if (runnable.length > 0) {
    const lanes = level.canParallelize
      ? Math.min(open.length, level.maxParallelism ?? open.length)
      : 1;
    // The figures cover the level's whole open work: that is what the executors take on.
    const figures = levelFigures(open, level.canParallelize, level.maxParallelism);
    choices.push({
      kind: "execute-level",
      level: level.level,
      parallel: level.canParallelize,
      lanes: Math.max(1, lanes),
      achievements: runnable.map(ref),
      tasks: runnable.map((a) => a.files.executions),
      notYet: open.filter((a) => !runnable.includes(a)).map(ref),
      sequential: figures.sequential,
      wall: figures.parallel,
      unestimated: figures.unestimated,
    });
  }
  return choices;
}

function recovery(
  failed: AchievementReport,
  plan: PlanReport,
  byId: ReadonlyMap<string, AchievementReport>,
  index: ReadonlyMap<string, readonly AchievementReport[]>,
): RecoverChoice {
  const level = plan.levels.find((l) => l.level === failed.level);
  const dependents = dependentsOf(failed.id, index, byId);
  const direct = index.get(failed.id) ?? [];
  // Ready once it is skipped: not done, and every other dependency already done.
  const unblocks = direct.filter(
    (a) => !isDone(a.status) && a.dependencies.every((d) => d === failed.id || isDoneId(d, byId)),
  );
  const open = level ? membersOf(level, byId).filter((a) => !isDone(a.status)) : [failed];
  const planned = level
    ? levelFigures(open, level.canParallelize, level.maxParallelism).parallel
    : (failed.estimate ?? ZERO_HOURS);
  const sequential = open
    .map((a) => a.estimate ?? ZERO_HOURS)
    .reduce<HourRange>(addHours, { ...ZERO_HOURS });
  return {
    kind: "recover",
    achievement: ref(failed),
    level: failed.level,
    retry: {
      resetTo: failed.derivedStatus,
      executions: failed.files.executions,
      estimate: failed.estimate,
    },
    skip: { unblocks: unblocks.map(ref), dependents },
    sequential: {
      achievements: open.map((a) => a.id),
      sequential,
      planned,
      extra: { min: sequential.min - planned.min, max: sequential.max - planned.max },
    },
  };
}

/** Who depends on each id, directly: built once, so each failure costs one walk of its dependents. */
function dependentsIndex(
  byId: ReadonlyMap<string, AchievementReport>,
): Map<string, AchievementReport[]> {
  const index = new Map<string, AchievementReport[]>();
  for (const a of byId.values()) {
    for (const dep of new Set(a.dependencies)) {
      const list = index.get(dep);
      if (list) list.push(a);
      else index.set(dep, [a]);
    }
  }
  return index;
}

/** Every achievement that depends on `id`, directly or through others, in plan order. */
function dependentsOf(
  id: string,
  index: ReadonlyMap<string, readonly AchievementReport[]>,
  byId: ReadonlyMap<string, AchievementReport>,
): string[] {
  const reached = new Set<string>([id]);
  const queue = [id];
  for (let at = 0; at < queue.length; at++) {
    for (const dependent of index.get(queue[at] as string) ?? []) {
      if (reached.has(dependent.id)) continue;
      reached.add(dependent.id);
      queue.push(dependent.id);
    }
  }
  reached.delete(id);
  return [...byId.keys()].filter((key) => reached.has(key));
}

/** Dependencies outside the level that are not done, in the order the level names them. */
function waitingFor(
  level: LevelReport,
  members: readonly AchievementReport[],
  byId: ReadonlyMap<string, AchievementReport>,
): NextRef[] {
  const inLevel = new Set(level.achievements);
  const seen = new Set<string>();
  const refs: NextRef[] = [];
  for (const a of members) {
    for (const dep of a.dependencies) {
      const target = byId.get(dep);
      if (inLevel.has(dep) || seen.has(dep) || !target || isDone(target.status)) continue;
      seen.add(dep);
      refs.push(ref(target));
    }
  }
  return refs;
}

function membersOf(
  level: LevelReport,
  byId: ReadonlyMap<string, AchievementReport>,
): AchievementReport[] {
  const members: AchievementReport[] = [];
  const seen = new Set<string>();
  for (const id of level.achievements) {
    const a = byId.get(id);
    if (a && !seen.has(id) && a.level === level.level) members.push(a);
    seen.add(id);
  }
  return members;
}

function firstById(list: readonly AchievementReport[]): Map<string, AchievementReport> {
  const byId = new Map<string, AchievementReport>();
  for (const a of list) if (!byId.has(a.id)) byId.set(a.id, a);
  return byId;
}

function isDoneId(id: string, byId: ReadonlyMap<string, AchievementReport>): boolean {
  const a = byId.get(id);
  return a !== undefined && isDone(a.status);
}

function ref(a: AchievementReport): NextRef {
  return { id: a.id, title: a.title, status: a.status };
}
