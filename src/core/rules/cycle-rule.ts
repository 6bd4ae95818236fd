/** dependency-cycle: each cycle reported once, with its path in order and the first id repeated last. */
import { fieldPath, refPath } from "../normalize-plan.js";
import type { Achievement } from "../model.js";
import type { Adjacency } from "../graph/adjacency.js";
import { findCycles } from "../graph/find-cycles.js";
import { reportAt, type PlanContext } from "./plan-context.js";

/** The dependency graph over unique achievements (first of a duplicated id), self-loops left out. */
export interface DependencyGraph {
  nodes: Achievement[];
  /** `a → b` for each achievement b that node a depends on, once each, in list order. */
  edges: Adjacency;
}

export function buildDependencyGraph(context: Pick<PlanContext, "plan">): DependencyGraph {
  const nodes = context.plan.nodes;
  const count = nodes.length;
  // Two passes over the lists (count each row, then fill it), so both arrays are sized once.
  // `seen[t]` holds the last row that took target t, so a repeated id is skipped in constant
  // time however long the list (the fill pass marks rows as count + node, unlike the first).
  const seen = new Int32Array(count).fill(-1);
  const starts = new Int32Array(count + 1);
  let total = 0;
  for (let node = 0; node < count; node++) {
    total += takeEdges(nodes[node] as Achievement, node, seen, null, total);
    starts[node + 1] = total;
  }
  const edges = new Int32Array(total);
  for (let node = 0; node < count; node++) {
    takeEdges(nodes[node] as Achievement, count + node, seen, edges, starts[node] as number);
  }
  return { nodes, edges: { count, starts, targets: edges } };
}

/**
 * The edges of one achievement: targets that name an achievement, not itself, not seen before in
 * this row (`row` marks them in `seen`). Written into `out` from `from` when given; counted.
 */
function takeEdges(
  achievement: Achievement,
  row: number,
  seen: Int32Array,
  out: Int32Array | null,
  from: number,
): number {
  const targets = achievement.dependencies.targets;
  let taken = 0;
  for (let at = 0; at < targets.length; at++) {
    const target = targets[at];
    if (!target || target === achievement || seen[target.node] === row) continue;
    seen[target.node] = row;
    if (out) out[from + taken] = target.node;
    taken++;
  }
  return taken;
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
