/** The longest chain of dependencies by estimate, in linear time over a cycle-free graph. */
import { ZERO_HOURS } from "../estimate.js";
import type { HourRange } from "../types.js";

/**
 * @param edges `edges[a]` holds every b such that a depends on b (must be acyclic)
 * @param weights estimate of each node (null counts as zero)
 * @returns node indices from the first to be done to the last, and the chain's hours; the chain
 *   is the longest by upper-bound estimate, ties broken by lower bound
 */
export function criticalPath(
  edges: readonly (readonly number[])[],
  weights: readonly (HourRange | null)[],
): { nodes: number[]; hours: HourRange } {
  const count = edges.length;
  if (count === 0) return { nodes: [], hours: { ...ZERO_HOURS } };
  // Kahn's algorithm on dependency edges: a node is ready once all it depends on are placed.
  const pending = new Int32Array(count);
  const dependents: number[][] = Array.from({ length: count }, () => []);
  for (let node = 0; node < count; node++) {
    for (const dependency of edges[node] as readonly number[]) {
      pending[node] = (pending[node] as number) + 1;
      (dependents[dependency] as number[]).push(node);
    }
  }
  const order: number[] = [];
  for (let node = 0; node < count; node++) if (pending[node] === 0) order.push(node);
  for (let head = 0; head < order.length; head++) {
    for (const dependent of dependents[order[head] as number] as number[]) {
      pending[dependent] = (pending[dependent] as number) - 1;
      if (pending[dependent] === 0) order.push(dependent);
    }
  }
  const bestMax = new Float64Array(count);
  const bestMin = new Float64Array(count);
  const previous = new Int32Array(count).fill(-1);
  for (const node of order) {
    let fromMax = 0;
    let fromMin = 0;
    let from = -1;
    for (const dependency of edges[node] as readonly number[]) {
      const max = bestMax[dependency] as number;
      const min = bestMin[dependency] as number;
      if (from === -1 || max > fromMax || (max === fromMax && min > fromMin)) {
        fromMax = max;
        fromMin = min;
        from = dependency;
      }
    }
    const weight = weights[node] ?? ZERO_HOURS;
    bestMax[node] = fromMax + weight.max;
    bestMin[node] = fromMin + weight.min;
    previous[node] = from;
  }
  let end = 0;
  for (let node = 1; node < count; node++) {
    if (
      (bestMax[node] as number) > (bestMax[end] as number) ||
      (bestMax[node] === bestMax[end] && (bestMin[node] as number) > (bestMin[end] as number))
    ) {
      end = node;
    }
  }
  const nodes: number[] = [];
  for (let node = end; node !== -1; node = previous[node] as number) nodes.push(node);
  nodes.reverse();
  return { nodes, hours: { min: bestMin[end] as number, max: bestMax[end] as number } };
}
