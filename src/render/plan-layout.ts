/**
 * Where each achievement of a report sits: which level holds it, and which achievement an id
 * names. Graph renderers key nodes on these indexes, never on the (hostile) id text.
 */
import type { PlanReport } from "../core/model.js";

export interface PlanLayout {
  /** Per level (in `plan.levels` order), the indexes into `plan.achievements` it holds. */
  members: number[][];
  /** Level position of each achievement, -1 when no level lists it. */
  levelOf: number[];
  /** Index of the first achievement with each id (duplicates are reported elsewhere). */
  indexById: ReadonlyMap<string, number>;
}

/**
 * Places achievements into levels. Ids can repeat (a `duplicate-id` finding), so each level takes
 * the next unplaced achievement with that id, in report order.
 */
export function layoutPlan(plan: PlanReport): PlanLayout {
  const indexById = new Map<string, number>();
  const queues = new Map<string, number[]>();
  plan.achievements.forEach((a, i) => {
    if (!indexById.has(a.id)) indexById.set(a.id, i);
    const queue = queues.get(a.id);
    if (queue) queue.push(i);
    else queues.set(a.id, [i]);
  });
  const levelOf = plan.achievements.map(() => -1);
  const members = plan.levels.map((level, l) => {
    const held: number[] = [];
    for (const id of level.achievements) {
      const index = queues.get(id)?.shift();
      if (index === undefined) continue;
      levelOf[index] = l;
      held.push(index);
    }
    return held;
  });
  return { members, levelOf, indexById };
}

/** Each achievement's dependencies as indexes (unknown ids left out), for graph edges. */
export function dependencyIndexes(plan: PlanReport, layout: PlanLayout): number[][] {
  return plan.achievements.map((a) => {
    const seen = new Set<number>();
    for (const dep of a.dependencies) {
      const index = layout.indexById.get(dep);
      if (index !== undefined) seen.add(index);
    }
    return [...seen];
  });
}
