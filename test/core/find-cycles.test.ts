import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { findCycles, stronglyConnectedComponents } from "../../src/core/graph/find-cycles.js";
import { adjacencyOf } from "../../src/core/graph/adjacency.js";
import { criticalPath } from "../../src/core/graph/critical-path.js";

/** A random DAG: nodes only depend on nodes with a smaller index. */
const dag = fc
  .integer({ min: 1, max: 60 })
  .chain((size) =>
    fc
      .array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: size, maxLength: size })
      .map((raw) =>
        raw.map((targets, node) => (node === 0 ? [] : [...new Set(targets.map((t) => t % node))])),
      ),
  );

function isEdge(edges: number[][], from: number, to: number): boolean {
  return (edges[from] ?? []).includes(to);
}

describe("findCycles", () => {
  it("finds no cycle in any random DAG", () => {
    fc.assert(fc.property(dag, (edges) => findCycles(adjacencyOf(edges)).length === 0));
  });

  it("finds a real cycle once a back edge is added to a random DAG", () => {
    fc.assert(
      fc.property(
        dag,
        fc.nat(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (edges, start, steps) => {
          // Walk dependency edges from `start` to some `end`, then add end → start: a back edge.
          const from = start % edges.length;
          let end = from;
          for (const step of steps) {
            const out = edges[end] ?? [];
            if (out.length === 0) break;
            end = out[step % out.length]!;
          }
          if (end === from) return true; // no path to close (a self-loop is not a cycle finding)
          const withBackEdge = edges.map((targets) => [...targets]);
          withBackEdge[end]!.push(from);
          const cycles = findCycles(adjacencyOf(withBackEdge));
          expect(cycles.length).toBeGreaterThan(0);
          expect(cycles.some((cycle) => cycle.includes(from) && cycle.includes(end))).toBe(true);
          for (const cycle of cycles) {
            expect(cycle[0]).toBe(cycle[cycle.length - 1]);
            expect(new Set(cycle.slice(0, -1)).size).toBe(cycle.length - 1);
            for (let i = 0; i + 1 < cycle.length; i++) {
              expect(isEdge(withBackEdge, cycle[i]!, cycle[i + 1]!)).toBe(true);
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reports one cycle per strongly connected component, in edge order", () => {
    // 0 → 1 → 2 → 0, and 3 → 4 → 3, and 5 alone.
    const edges = [[1], [2], [0], [4], [3], [0]];
    expect(findCycles(adjacencyOf(edges))).toEqual([
      [0, 1, 2, 0],
      [3, 4, 3],
    ]);
  });

  it("handles a 100,000-node chain and a 100,000-node ring without recursion", () => {
    const size = 100_000;
    const chain = Array.from({ length: size }, (_, i) => (i === 0 ? [] : [i - 1]));
    expect(findCycles(adjacencyOf(chain))).toEqual([]);
    const ring = Array.from({ length: size }, (_, i) => [(i + 1) % size]);
    const [cycle] = findCycles(adjacencyOf(ring));
    expect(cycle).toHaveLength(size + 1);
    expect(stronglyConnectedComponents(adjacencyOf(ring))).toHaveLength(1);
  });
});

describe("criticalPath", () => {
  it("follows the longest chain by upper-bound estimate", () => {
    // 2 depends on 0 and 1; 3 depends on 2. Node 1 is the longer prerequisite.
    const edges = [[], [], [0, 1], [2]];
    const weights = [
      { min: 1, max: 1 },
      { min: 2, max: 5 },
      { min: 1, max: 2 },
      { min: 3, max: 3 },
    ];
    expect(criticalPath(adjacencyOf(edges), weights)).toEqual({
      nodes: [1, 2, 3],
      hours: { min: 6, max: 10 },
    });
  });

  it("is linear on a 100,000-node chain", () => {
    const size = 100_000;
    const chain = Array.from({ length: size }, (_, i) => (i === 0 ? [] : [i - 1]));
    const result = criticalPath(
      adjacencyOf(chain),
      Array.from({ length: size }, () => ({ min: 1, max: 1 })),
    );
    expect(result.nodes).toHaveLength(size);
    expect(result.hours).toEqual({ min: size, max: size });
  });

  it("never exceeds the sum of all estimates on random DAGs", () => {
    fc.assert(
      fc.property(dag, (edges) => {
        const weights = edges.map((_, i) => ({ min: i % 3, max: (i % 3) + 1 }));
        const { nodes, hours } = criticalPath(adjacencyOf(edges), weights);
        for (let i = 0; i + 1 < nodes.length; i++)
          expect(isEdge(edges, nodes[i + 1]!, nodes[i]!)).toBe(true);
        return hours.max <= weights.reduce((sum, w) => sum + w.max, 0);
      }),
    );
  });
});
