/**
 * A directed graph over nodes 0..count-1 in compressed rows: the targets of node `n` are
 * `targets[starts[n]]` up to (not including) `targets[starts[n + 1]]`. Two flat integer arrays
 * instead of an array per node: on plans of 100,000 achievements the graph passes read a few
 * hundred kilobytes in order rather than chasing a pointer per node, and nothing per node is
 * allocated.
 */
export interface Adjacency {
  readonly count: number;
  /** `count + 1` offsets into `targets`. */
  readonly starts: Int32Array;
  readonly targets: Int32Array;
}

/** Adjacency from one list of targets per node, kept in list order. */
export function adjacencyOf(lists: readonly (readonly number[])[]): Adjacency {
  const count = lists.length;
  const starts = new Int32Array(count + 1);
  for (let node = 0; node < count; node++) {
    starts[node + 1] = (starts[node] as number) + (lists[node] as readonly number[]).length;
  }
  const targets = new Int32Array(starts[count] as number);
  for (let node = 0; node < count; node++) targets.set(lists[node] as number[], starts[node]);
  return { count, starts, targets };
}

/** Whether `node`'s row holds `target`. */
export function hasEdge(graph: Adjacency, node: number, target: number): boolean {
  const end = graph.starts[node + 1] as number;
  for (let at = graph.starts[node] as number; at < end; at++) {
    if (graph.targets[at] === target) return true;
  }
  return false;
}
