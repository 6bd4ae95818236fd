/**
 * unknown-dependency, self-dependency, level-order and blocks-mismatch: what each achievement names
 * must exist, must not be itself, must come earlier (or in the same level only when that level is
 * sequential), and `blocks` must mirror `dependencies`.
 */
import type { Achievement, RefList } from "../model.js";
import { refPath } from "../normalize-plan.js";
import { hasEdge } from "../graph/adjacency.js";
import type { DependencyGraph } from "./cycle-rule.js";
import { reportAt, type PlanContext } from "./plan-context.js";
import { holdShape } from "../held-shapes.js";

export function checkDependencies(context: PlanContext, graph: DependencyGraph): void {
  for (const achievement of context.plan.achievements) {
    checkRefs(context, achievement, achievement.dependencies, true);
    checkRefs(context, achievement, achievement.optionalDependencies, true);
    if (achievement.blocks) checkRefs(context, achievement, achievement.blocks, false);
  }
  checkBlocksMirror(context, graph);
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
 *
 * Each check asks another achievement's list, anywhere in the plan: dependencies are read from the
 * dependency graph's rows and `blocks` lists are first copied into rows of node numbers the same
 * way, so those questions read a few hundred kilobytes instead of chasing pointers through every
 * achievement of a large plan.
 */
function checkBlocksMirror(context: PlanContext, graph: DependencyGraph): void {
  const nodes = context.plan.nodes;
  const { starts, targets: edges } = graph.edges;
  const blocks = new NodeRows(nodes, (node) => node.blocks);
  for (let node = 0; node < nodes.length; node++) {
    const achievement = nodes[node] as Achievement;
    const own = achievement.blocks;
    if (own) {
      const first = blocks.start(node);
      const end = blocks.start(node + 1);
      for (let at = first; at < end; at++) {
        const blocked = blocks.target(at);
        if (blocked === -1 || blocked === node || hasEdge(graph.edges, blocked, node)) continue;
        const other = (nodes[blocked] as Achievement).id;
        reportAt(
          context,
          "blocks-mismatch",
          refPath(achievement, own, at - first),
          `${achievement.id} blocks ${other}, but ${other} does not depend on ${achievement.id}`,
          [achievement.id, other],
        );
      }
    }
    const dependencies = achievement.dependencies;
    const first = starts[node] as number;
    // When the graph kept every entry of the list (no unknown id, no repeat, not itself), its row
    // is the list in node numbers; otherwise the list itself is walked.
    const whole = (starts[node + 1] as number) - first === dependencies.targets.length;
    for (let at = 0; at < dependencies.targets.length; at++) {
      let dependency: number;
      if (whole) {
        dependency = edges[first + at] as number;
      } else {
        const target = dependencies.targets[at];
        if (!target || target === achievement) continue;
        dependency = target.node;
      }
      if (!blocks.listed(dependency) || blocks.has(dependency, node)) continue;
      const other = (nodes[dependency] as Achievement).id;
      reportAt(
        context,
        "blocks-mismatch",
        refPath(achievement, dependencies, at),
        `${achievement.id} depends on ${other}, but ${other} does not list ${achievement.id} in blocks`,
        [achievement.id, other],
      );
    }
  }
}

/** One reference field of every achievement as rows of node numbers (-1: names no achievement). */
class NodeRows {
  private readonly starts: Int32Array;
  private readonly targets: Int32Array;
  /** 1 when the achievement has the field at all (a `blocks` array may be absent). */
  private readonly present: Uint8Array;

  constructor(nodes: readonly Achievement[], field: (node: Achievement) => RefList | null) {
    const count = nodes.length;
    this.starts = new Int32Array(count + 1);
    this.present = new Uint8Array(count);
    let total = 0;
    for (let node = 0; node < count; node++) {
      const list = field(nodes[node] as Achievement);
      if (list) {
        this.present[node] = 1;
        total += list.targets.length;
      }
      this.starts[node + 1] = total;
    }
    this.targets = new Int32Array(total);
    let at = 0;
    for (let node = 0; node < count; node++) {
      const list = field(nodes[node] as Achievement);
      if (!list) continue;
      for (const target of list.targets) this.targets[at++] = target ? target.node : -1;
    }
  }

  /** Where `node`'s row begins (and, for `node + 1`, where it ends) among the targets. */
  start(node: number): number {
    return this.starts[node] as number;
  }

  /** The node named at a position of the targets (-1: no achievement has that id). */
  target(at: number): number {
    return this.targets[at] as number;
  }

  /** Whether the achievement has this field. */
  listed(node: number): boolean {
    return this.present[node] === 1;
  }

  /** Whether `node`'s row names `target`. */
  has(node: number, target: number): boolean {
    const end = this.starts[node + 1] as number;
    for (let at = this.starts[node] as number; at < end; at++) {
      if (this.targets[at] === target) return true;
    }
    return false;
  }
}

holdShape(new NodeRows([], (node) => node.blocks));

/** Ids come from untrusted files: quote them and keep messages short. */
export function describeId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}
