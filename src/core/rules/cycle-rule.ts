/** dependency-cycle: each cycle reported once, with its path in order and the first id repeated last. */
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
  const nodes = [...context.plan.byId.values()];
  const indexOf = new Map(nodes.map((node, index) => [node.id, index]));
  const edges = nodes.map((node) => {
    const targets: number[] = [];
    for (const ref of node.dependencies) {
      const target = indexOf.get(ref.id);
      if (target !== undefined && ref.id !== node.id && !targets.includes(target))
        targets.push(target);
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
    const edge = first.dependencies.find((ref) => ref.id === next);
    reportAt(
      context,
      "dependency-cycle",
      edge ? edge.path : [...first.path, "dependencies"],
      `dependency cycle ${ids.join(" → ")}: each achievement depends on the next, so none can start; remove one of these dependencies`,
      ids,
    );
  }
  return cycles.length > 0;
}
