/**
 * unknown-dependency, self-dependency, level-order and blocks-mismatch: what each achievement names
 * must exist, must not be itself, must come earlier (or in the same level only when that level is
 * sequential), and `blocks` must mirror `dependencies`.
 */
import type { Achievement, RefList } from "../model.js";
import { refPath } from "../normalize-plan.js";
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkDependencies(context: PlanContext): void {
  for (const achievement of context.plan.achievements) {
    checkRefs(context, achievement, achievement.dependencies, true);
    checkRefs(context, achievement, achievement.optionalDependencies, true);
    if (achievement.blocks) checkRefs(context, achievement, achievement.blocks, false);
  }
  checkBlocksMirror(context);
}

function checkRefs(
  context: PlanContext,
  achievement: Achievement,
  list: RefList,
  ordered: boolean,
): void {
  const { ids, targets, field } = list;
  for (let at = 0; at < ids.length; at++) {
    const id = ids[at] as string;
    const target = targets[at] ?? null;
    if (id === achievement.id) {
      reportAt(
        context,
        "self-dependency",
        refPath(achievement, list, at),
        `${achievement.id} names itself in ${field}`,
        [achievement.id],
      );
    } else if (target === null) {
      reportAt(
        context,
        "unknown-dependency",
        refPath(achievement, list, at),
        `${achievement.id} names ${describeId(id)} in ${field}, but the plan has no such achievement`,
        [achievement.id],
      );
    } else if (ordered) {
      checkLevelOrder(context, achievement, list, at, target);
    }
  }
}

function checkLevelOrder(
  context: PlanContext,
  achievement: Achievement,
  list: RefList,
  at: number,
  target: Achievement,
): void {
  if (target.levelIndex > achievement.levelIndex) {
    reportAt(
      context,
      "level-order",
      refPath(achievement, list, at),
      `${achievement.id} (level ${achievement.level}) depends on ${target.id} in the later level ${target.level}`,
      [achievement.id, target.id],
    );
  } else if (
    target.levelIndex === achievement.levelIndex &&
    context.plan.levels[achievement.levelIndex]?.canParallelize
  ) {
    reportAt(
      context,
      "level-order",
      refPath(achievement, list, at),
      `${achievement.id} depends on ${target.id} in the same level ${achievement.level}, which is parallel (can_parallelize: true): move ${target.id} to an earlier level or make the level sequential`,
      [achievement.id, target.id],
    );
  }
}

/**
 * A blocks B ⇔ B depends on A. The reverse direction is only checked for achievements that keep a
 * `blocks` list at all, so plans that never use `blocks` are not flooded with warnings.
 */
function checkBlocksMirror(context: PlanContext): void {
  const blocksOf = new TargetIndex();
  for (const achievement of context.plan.nodes) {
    const blocks = achievement.blocks;
    if (blocks) {
      const targets = blocks.targets;
      for (let at = 0; at < targets.length; at++) {
        const blocked = targets[at];
        if (!blocked || blocked === achievement) continue;
        if (blocked.dependencies.targets.includes(achievement)) continue;
        reportAt(
          context,
          "blocks-mismatch",
          refPath(achievement, blocks, at),
          `${achievement.id} blocks ${blocked.id}, but ${blocked.id} does not depend on ${achievement.id}`,
          [achievement.id, blocked.id],
        );
      }
    }
    const dependencies = achievement.dependencies;
    const targets = dependencies.targets;
    for (let at = 0; at < targets.length; at++) {
      const dependency = targets[at];
      if (!dependency || dependency === achievement || dependency.blocks === null) continue;
      if (blocksOf.includes(dependency, dependency.blocks, achievement)) continue;
      reportAt(
        context,
        "blocks-mismatch",
        refPath(achievement, dependencies, at),
        `${achievement.id} depends on ${dependency.id}, but ${dependency.id} does not list ${achievement.id} in blocks`,
        [achievement.id, dependency.id],
      );
    }
  }
}

/**
 * Membership in long reference lists: a hub achievement that blocks hundreds of others is asked
 * once per dependent, so its list becomes a set the first time it is long enough to matter.
 */
class TargetIndex {
  private readonly sets = new Map<Achievement, Set<Achievement | null>>();

  includes(owner: Achievement, list: RefList, target: Achievement): boolean {
    if (list.targets.length <= 16) return list.targets.includes(target);
    let set = this.sets.get(owner);
    if (!set) {
      set = new Set(list.targets);
      this.sets.set(owner, set);
    }
    return set.has(target);
  }
}

/** Ids come from untrusted files: quote them and keep messages short. */
export function describeId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}
