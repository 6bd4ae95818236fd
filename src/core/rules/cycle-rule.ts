/** dependency-cycle: each cycle reported once, with its path in order and the first id repeated last. */
import { fieldPath, refPath } from "../normalize-plan.js";
import type { Achievement } from "../model.js";
import { findCycles } from "../graph/find-cycles.js";
import { reportAt, type PlanContext } from "./plan-context.js";

/** The dependency graph over unique achievements (first of a duplicated id), self-loops left out. */
export interface DependencyGraph {
  nodes: Achievement[];
  /** `edges[a]` lists the nodes a depends on. */
  edges: number[][];
}

export function buildDependencyGraph(context: Pick<PlanContext, "plan">): DependencyGraph {
  const nodes = context.plan.nodes;
  const edges = nodes.map((node) => {
    const targets: number[] = [];
    for (const target of node.dependencies.targets) {
      if (target && target !== node && !targets.includes(target.node)) targets.push(target.node);
    }
    return targets;
  });
  return { nodes, edges };
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
