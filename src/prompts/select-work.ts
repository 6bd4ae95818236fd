/**
 * Which level a batch prompt prepares and which of its achievements it covers. Seed 003, "Batch
 * Operation Failures": accept what exists, ask only for what is missing, and say what was left out.
 * The default level is the first ready level that still has work for the prompt.
 */
import type { AchievementReport, LevelReport, PlanReport } from "../core/model.js";
import { isDone } from "../core/plan-files.js";
import type { PromptNote } from "./prompt-types.js";

/** The prompts that prepare one level. */
export type BatchKind = "batch-subplans" | "batch-executions";

/** The level chosen and how each of its achievements is treated. */
export interface LevelWork {
  level: LevelReport;
  /** What the prompt asks to create, in level order. */
  targets: AchievementReport[];
  /** Already have the file the prompt would create. */
  existing: AchievementReport[];
  /** batch-executions: no SUBPLAN yet, so no EXECUTION_TASK can be asked for. */
  missing: AchievementReport[];
  /** Complete, skipped or marked failed: not prepared again. */
  settled: AchievementReport[];
}

/** The level chosen, or why none can be. */
export type Selection = { ok: true; work: LevelWork } | { ok: false; problem: PromptNote };

/** The achievements of each level, in the level's order (first report per id). */
export function levelMembers(plan: PlanReport, level: LevelReport): AchievementReport[] {
  const byId = new Map<string, AchievementReport>();
  for (const a of plan.achievements) if (!byId.has(a.id)) byId.set(a.id, a);
  const seen = new Set<string>();
  const members: AchievementReport[] = [];
  for (const id of level.achievements) {
    const found = byId.get(id);
    if (found && !seen.has(id) && found.level === level.level) members.push(found);
    seen.add(id);
  }
  return members;
}

/** Sort a level's achievements by what the prompt of `kind` does with them. */
export function classify(
  members: readonly AchievementReport[],
  kind: BatchKind,
): Omit<LevelWork, "level"> {
  const targets: AchievementReport[] = [];
  const existing: AchievementReport[] = [];
  const missing: AchievementReport[] = [];
  const settled: AchievementReport[] = [];
  for (const a of members) {
    if (isDone(a.status) || a.status === "failed") settled.push(a);
    else if (kind === "batch-subplans") (a.files.subplan === null ? targets : existing).push(a);
    else if (a.files.executions.length > 0) existing.push(a);
    else (a.files.subplan === null ? missing : targets).push(a);
  }
  return { targets, existing, missing, settled };
}

/** Choose the level (the one asked for, or the next ready one with work) and classify it. */
export function selectLevel(plan: PlanReport, kind: BatchKind, wanted: number | null): Selection {
  if (plan.levels.length === 0) {
    return fail(
      `${plan.name} has no levels yet (no parallel.json): generate one with the discovery prompt first`,
      { kind: "discover", level: null },
    );
  }
  const work = (level: LevelReport): LevelWork => ({
    level,
    ...classify(levelMembers(plan, level), kind),
  });
  if (wanted !== null) {
    const level = plan.levels.find((l) => l.level === wanted);
    if (!level) {
      const known = plan.levels.map((l) => l.level).join(", ");
      return fail(`${plan.name} has no level ${wanted} (levels: ${known})`);
    }
    if (!level.ready && !level.complete) {
      return fail(`level ${wanted} is not ready: ${blockers(plan, level)} must be complete first`);
    }
    return { ok: true, work: work(level) };
  }
  for (const level of plan.levels) {
    if (!level.ready || level.complete) continue;
    const found = work(level);
    if (found.targets.length + found.missing.length > 0) return { ok: true, work: found };
  }
  const waiting = plan.levels.find((l) => !l.ready && !l.complete);
  if (plan.levels.every((l) => l.complete)) return fail(`every level of ${plan.name} is complete`);
  const what = kind === "batch-subplans" ? "a SUBPLAN" : "an EXECUTION_TASK";
  const rest = waiting ? `; level ${waiting.level} waits for ${blockers(plan, waiting)}` : "";
  const next =
    kind === "batch-subplans" ? { kind: "batch-executions" as const, level: null } : undefined;
  return fail(`every achievement of the ready levels already has ${what}${rest}`, next);
}

/** "2.3 (in progress), 2.4 (not started)": dependencies outside the level not done yet. */
export function blockers(plan: PlanReport, level: LevelReport): string {
  const status = new Map(plan.achievements.map((a) => [a.id, a.status]));
  const inLevel = new Set(level.achievements);
  const ids = new Set<string>();
  for (const a of levelMembers(plan, level)) {
    for (const dep of a.dependencies) {
      const s = status.get(dep);
      if (!inLevel.has(dep) && s !== undefined && !isDone(s)) ids.add(dep);
    }
  }
  const list = [...ids].map((id) => `${id} (${(status.get(id) ?? "").replace(/_/g, " ")})`);
  return list.length > 0 ? list.join(", ") : "its dependencies";
}

function fail(text: string, next?: PromptNote["next"]): Selection {
  return { ok: false, problem: next ? { text, next } : { text } };
}
