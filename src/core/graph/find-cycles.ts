/**
 * Cycles in a dependency graph, in linear time and without recursion (plans of 100,000
 * achievements must not overflow the stack): Tarjan's strongly connected components, walked with
 * an explicit stack, then one concrete cycle per component found by a breadth-first search.
 */

import type { Adjacency } from "./adjacency.js";

/**
 * @param edges `a → b` for every b that a depends on
 * @returns one cycle per strongly connected component of two or more nodes, as node indices in
 *   edge order with the first node repeated last (self-loops are not reported here)
 */
export function findCycles(edges: Adjacency): number[][] {
  return stronglyConnectedComponents(edges, 2).map((component) => cycleThrough(component, edges));
}

/**
 * Tarjan's algorithm with an explicit call stack. Components come out in reverse topological order.
 * Only those of at least `minSize` nodes are kept: in a plan almost every achievement is a
 * component of its own, and cycle finding needs none of them.
 */
export function stronglyConnectedComponents(edges: Adjacency, minSize = 1): number[][] {
  const { count, starts, targets } = edges;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let next = 0;

  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    callNode.push(start);
    callEdge.push(starts[start] as number);
    index[start] = low[start] = next++;
    stack.push(start);
    onStack[start] = 1;

    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const node = callNode[top] as number;
      // callEdge holds the position in `targets` of the next edge of `node` to explore.
      const edgeAt = callEdge[top] as number;
      if (edgeAt < (starts[node + 1] as number)) {
        callEdge[top] = edgeAt + 1;
        const target = targets[edgeAt] as number;
        if (index[target] === -1) {
          index[target] = low[target] = next++;
          stack.push(target);
          onStack[target] = 1;
          callNode.push(target);
          callEdge.push(starts[target] as number);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node] as number, index[target] as number);
        }
        continue;
      }
      // All edges of `node` explored: return to the caller.
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[node] as number);
      }
      if (low[node] === index[node] && minSize > 1 && stack[stack.length - 1] === node) {
        // A component of one node (nothing above it on the stack): not kept.
        stack.pop();
        onStack[node] = 0;
      } else if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        if (component.length >= minSize) components.push(component);
      }
    }
  }
  return components;
}

/** A shortest cycle through the component's smallest node, staying inside the component. */
function cycleThrough(component: readonly number[], edges: Adjacency): number[] {
  const members = new Set(component);
  const root = component.reduce((a, b) => (b < a ? b : a));
  const parent = new Map<number, number>([[root, -1]]);
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const end = edges.starts[node + 1] as number;
    for (let at = edges.starts[node] as number; at < end; at++) {
      const target = edges.targets[at] as number;
      if (!members.has(target)) continue;
      if (target === root) return closeCycle(node, parent, root);
      if (!parent.has(target)) {
        parent.set(target, node);
        queue.push(target);
      }
    }
  }
  // Unreachable for a real component of two or more nodes; kept total for safety.
  return [root, root];
}

function closeCycle(last: number, parent: ReadonlyMap<number, number>, root: number): number[] {
  const path: number[] = [];
  for (let node = last; node !== -1; node = parent.get(node) as number) path.push(node);
  path.reverse();
  path.push(root);
  return path;
}
