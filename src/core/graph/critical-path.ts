/** The longest chain of dependencies by estimate, in linear time over a cycle-free graph. */
import { ZERO_HOURS } from "../estimate.js";
import type { HourRange } from "../types.js";
import type { Adjacency } from "./adjacency.js";

/**
 * @param edges `a → b` for every b that a depends on (must be acyclic)
 * @param weights estimate of each node (null counts as zero)
 * @returns node indices from the first to be done to the last, and the chain's hours; the chain
 *   is the longest by upper-bound estimate, ties broken by lower bound
 */
export function criticalPath(
  edges: Adjacency,
  weights: readonly (HourRange | null)[],
): { nodes: number[]; hours: HourRange } {
  const { count, starts, targets } = edges;
  if (count === 0) return { nodes: [], hours: { ...ZERO_HOURS } };
  // Kahn's algorithm on dependency edges: a node is ready once all it depends on are placed.
  // Dependents are kept in compressed rows (one offsets array, one targets array): no array per node.
  const pending = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  for (let node = 0; node < count; node++) {
    pending[node] = (starts[node + 1] as number) - (starts[node] as number);
  }
  for (let at = 0; at < targets.length; at++) {
    const dependency = targets[at] as number;
    offsets[dependency + 1] = (offsets[dependency + 1] as number) + 1;
  }
  for (let node = 0; node < count; node++)
    offsets[node + 1] = (offsets[node + 1] as number) + (offsets[node] as number);
  const fill = offsets.slice(0, count);
  const dependents = new Int32Array(offsets[count] as number);
  for (let node = 0; node < count; node++) {
    const end = starts[node + 1] as number;
    for (let at = starts[node] as number; at < end; at++) {
      const dependency = targets[at] as number;
      dependents[fill[dependency] as number] = node;
      fill[dependency] = (fill[dependency] as number) + 1;
    }
  }
  const order = new Int32Array(count);
  let tail = 0;
  for (let node = 0; node < count; node++) if (pending[node] === 0) order[tail++] = node;
  for (let head = 0; head < tail; head++) {
    const node = order[head] as number;
    for (let at = offsets[node] as number; at < (offsets[node + 1] as number); at++) {
      const dependent = dependents[at] as number;
      pending[dependent] = (pending[dependent] as number) - 1;
      if (pending[dependent] === 0) order[tail++] = dependent;
    }
  }
  const bestMax = new Float64Array(count);
  const bestMin = new Float64Array(count);
  const previous = new Int32Array(count).fill(-1);
  for (let position = 0; position < tail; position++) {
    const node = order[position] as number;
    let fromMax = 0;
    let fromMin = 0;
    let from = -1;
    const end = starts[node + 1] as number;
    for (let at = starts[node] as number; at < end; at++) {
      const dependency = targets[at] as number;
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
