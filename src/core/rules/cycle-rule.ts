/** dependency-cycle: each cycle reported once, with its path in order and the first id repeated last. */
import { fieldPath, refPath } from "../normalize-plan.js";
import type { Achievement } from "../model.js";
import { findCycles } from "../graph/find-cycles.js";
import { reportAt, type PlanContext } from "./plan-context.js";

/** The dependency graph over unique achievements (first of a duplicated id), self-loops left out. */
export interface DependencyGraph {
  nodes: Achievement[];
  /** `edges[a]` lists the nodes a depends on. */
  edges: (readonly number[])[];
}

export function buildDependencyGraph(context: Pick<PlanContext, "plan">): DependencyGraph {
  const nodes = context.plan.nodes;
  const edges = nodes.map((node) => {
    const targets = node.dependencies.targets;
    if (targets.length === 0) return [];
    // The usual list (distinct achievements, none itself) maps to an array of its exact length.
    return targets.length <= 16 && plainTargets(node, targets)
      ? targets.map((target) => (target as Achievement).node)
      : edgesOf(node, targets);
  });
  return { nodes, edges };
}

/** Every target names an achievement, none is `node` itself, and none comes twice. */
function plainTargets(node: Achievement, targets: readonly (Achievement | null)[]): boolean {
  for (let at = 0; at < targets.length; at++) {
    const target = targets[at];
    if (!target || target === node) return false;
    for (let before = 0; before < at; before++) if (targets[before] === target) return false;
  }
  return true;
}

/** Edges of any list, in order, with unknown ids, self-references and repeats left out. */
function edgesOf(node: Achievement, targets: readonly (Achievement | null)[]): number[] {
  const edges: number[] = [];
  const seen = new Set<number>();
  for (const target of targets) {
    if (!target || target === node || seen.has(target.node)) continue;
    seen.add(target.node);
    edges.push(target.node);
  }
  return edges;
}

/** @returns true when the graph has at least one cycle */
export function checkCycles(context: PlanContext, graph: DependencyGraph): boolean {
  const cycles = findCycles(graph.edges);
  for (const cycle of cycles) {
    const ids = cycle.map((index) => (graph.nodes[index] as Achievement).id);
    const first = graph.nodes[cycle[0] as number] as Achievement;
    const next = ids[1] as string;
    const edge = first.dependencies.ids.indexOf(next);
    reportAt(
      context,
      "dependency-cycle",
      edge >= 0 ? refPath(first, first.dependencies, edge) : fieldPath(first, "dependencies"),
      `dependency cycle ${ids.join(" → ")}: each achievement depends on the next, so none can start; remove one of these dependencies`,
      ids,
    );
  }
  return cycles.length > 0;
}
