/**
 * unknown-dependency, self-dependency, level-order and blocks-mismatch: what each achievement names
 * must exist, must not be itself, must come earlier (or in the same level only when that level is
 * sequential), and `blocks` must mirror `dependencies`.
 */
import type { Achievement, AchievementRef } from "../model.js";
import { reportAt, type PlanContext } from "./plan-context.js";

export function checkDependencies(context: PlanContext): void {
  const { plan } = context;
  for (const achievement of plan.achievements) {
    const lists: [string, AchievementRef[]][] = [
      ["dependencies", achievement.dependencies],
      ["optional_dependencies", achievement.optionalDependencies],
      ["blocks", achievement.blocks ?? []],
    ];
    for (const [field, refs] of lists) {
      for (const ref of refs) {
        if (ref.id === achievement.id) {
          reportAt(
            context,
            "self-dependency",
            ref.path,
            `${achievement.id} names itself in ${field}`,
            [achievement.id],
          );
        } else if (!plan.byId.has(ref.id)) {
          reportAt(
            context,
            "unknown-dependency",
            ref.path,
            `${achievement.id} names ${describeId(ref.id)} in ${field}, but the plan has no such achievement`,
            [achievement.id],
          );
        }
      }
    }
    for (const ref of achievement.dependencies) checkLevelOrder(context, achievement, ref);
    for (const ref of achievement.optionalDependencies) checkLevelOrder(context, achievement, ref);
  }
  checkBlocksMirror(context);
}

function checkLevelOrder(
  context: PlanContext,
  achievement: Achievement,
  ref: AchievementRef,
): void {
  const target = context.plan.byId.get(ref.id);
  if (!target || target.id === achievement.id) return;
  if (target.levelIndex > achievement.levelIndex) {
    reportAt(
      context,
      "level-order",
      ref.path,
      `${achievement.id} (level ${achievement.level}) depends on ${target.id} in the later level ${target.level}`,
      [achievement.id, target.id],
    );
  } else if (target.levelIndex === achievement.levelIndex) {
    const level = context.plan.levels[achievement.levelIndex];
    if (level?.canParallelize) {
      reportAt(
        context,
        "level-order",
        ref.path,
        `${achievement.id} depends on ${target.id} in the same level ${achievement.level}, which is parallel (can_parallelize: true): move ${target.id} to an earlier level or make the level sequential`,
        [achievement.id, target.id],
      );
    }
  }
}

/**
 * A blocks B ⇔ B depends on A. The reverse direction is only checked for achievements that keep a
 * `blocks` list at all, so plans that never use `blocks` are not flooded with warnings.
 */
function checkBlocksMirror(context: PlanContext): void {
  const { plan } = context;
  for (const achievement of plan.achievements) {
    if (plan.byId.get(achievement.id) !== achievement) continue;
    for (const ref of achievement.blocks ?? []) {
      const blocked = plan.byId.get(ref.id);
      if (!blocked || blocked === achievement) continue;
      if (!blocked.dependencies.some((d) => d.id === achievement.id)) {
        reportAt(
          context,
          "blocks-mismatch",
          ref.path,
          `${achievement.id} blocks ${blocked.id}, but ${blocked.id} does not depend on ${achievement.id}`,
          [achievement.id, blocked.id],
        );
      }
    }
    for (const ref of achievement.dependencies) {
      const dependency = plan.byId.get(ref.id);
      if (!dependency || dependency === achievement || dependency.blocks === null) continue;
      if (!dependency.blocks.some((b) => b.id === achievement.id)) {
        reportAt(
          context,
          "blocks-mismatch",
          ref.path,
          `${achievement.id} depends on ${dependency.id}, but ${dependency.id} does not list ${achievement.id} in blocks`,
          [achievement.id, dependency.id],
        );
      }
    }
  }
}

/** Ids come from untrusted files: quote them and keep messages short. */
export function describeId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}
