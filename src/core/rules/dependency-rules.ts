/**
 * unknown-dependency, self-dependency, level-order and blocks-mismatch: what each achievement names
 * must exist, must not be itself, must come earlier (or in the same level only when that level is
 * sequential), and `blocks` must mirror `dependencies`.
 */
import type { Achievement, AchievementRef } from "../model.js";
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
  refs: readonly AchievementRef[],
  ordered: boolean,
): void {
  for (const ref of refs) {
    if (ref.id === achievement.id) {
      reportAt(
        context,
        "self-dependency",
        refPath(achievement, ref),
        `${achievement.id} names itself in ${ref.field}`,
        [achievement.id],
      );
    } else if (ref.target === null) {
      reportAt(
        context,
        "unknown-dependency",
        refPath(achievement, ref),
        `${achievement.id} names ${describeId(ref.id)} in ${ref.field}, but the plan has no such achievement`,
        [achievement.id],
      );
    } else if (ordered) {
      checkLevelOrder(context, achievement, ref);
    }
  }
}

function checkLevelOrder(
  context: PlanContext,
  achievement: Achievement,
  ref: AchievementRef,
): void {
  const target = ref.target as Achievement;
  if (target.levelIndex > achievement.levelIndex) {
    reportAt(
      context,
      "level-order",
      refPath(achievement, ref),
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
      refPath(achievement, ref),
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
  const { plan } = context;
  const blocksOf = new RefIndex();
  for (const achievement of plan.nodes) {
    for (const ref of achievement.blocks ?? []) {
      const blocked = ref.target;
      if (!blocked || blocked === achievement) continue;
      if (!pointsAt(blocked.dependencies, achievement)) {
        reportAt(
          context,
          "blocks-mismatch",
          refPath(achievement, ref),
          `${achievement.id} blocks ${blocked.id}, but ${blocked.id} does not depend on ${achievement.id}`,
          [achievement.id, blocked.id],
        );
      }
    }
    for (const ref of achievement.dependencies) {
      const dependency = ref.target;
      if (!dependency || dependency === achievement || dependency.blocks === null) continue;
      if (!blocksOf.pointsAt(dependency, dependency.blocks, achievement)) {
        reportAt(
          context,
          "blocks-mismatch",
          refPath(achievement, ref),
          `${achievement.id} depends on ${dependency.id}, but ${dependency.id} does not list ${achievement.id} in blocks`,
          [achievement.id, dependency.id],
        );
      }
    }
  }
}

/** Linear scan: most reference lists hold a handful of ids, where this beats building sets. */
function pointsAt(refs: readonly AchievementRef[], target: Achievement): boolean {
  for (const ref of refs) if (ref.target === target) return true;
  return false;
}

/**
 * Membership in long reference lists: a hub achievement that blocks hundreds of others is asked
 * once per dependent, so its list becomes a set the first time it is long enough to matter.
 */
class RefIndex {
  private readonly sets = new Map<Achievement, Set<Achievement | null>>();

  pointsAt(owner: Achievement, refs: readonly AchievementRef[], target: Achievement): boolean {
    if (refs.length <= 16) return pointsAt(refs, target);
    let set = this.sets.get(owner);
    if (!set) {
      set = new Set(refs.map((ref) => ref.target));
      this.sets.set(owner, set);
    }
    return set.has(target);
  }
}

/** Ids come from untrusted files: quote them and keep messages short. */
export function describeId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}
