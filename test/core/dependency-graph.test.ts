import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { adjacencyOf, hasEdge, type Adjacency } from "../../src/core/graph/adjacency.js";
import { normalizePlan } from "../../src/core/normalize-plan.js";
import { buildDependencyGraph } from "../../src/core/rules/cycle-rule.js";

function rows(graph: Adjacency): number[][] {
  return Array.from({ length: graph.count }, (_, node) =>
    Array.from(graph.targets.subarray(graph.starts[node], graph.starts[node + 1])),
  );
}

function graphOf(achievements: { id: string; dependencies?: unknown }[]) {
  const plan = normalizePlan({
    plan_name: "P",
    levels: [{ level: 1, can_parallelize: false, achievements }],
  });
  return buildDependencyGraph({ plan });
}

describe("adjacency rows", () => {
  it("keep every list in order and answer hasEdge from the rows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(20), { maxLength: 6 }), { maxLength: 20 }), (lists) => {
        const graph = adjacencyOf(lists);
        expect(rows(graph)).toEqual(lists);
        for (let node = 0; node < lists.length; node++) {
          for (let target = 0; target <= 20; target++) {
            expect(hasEdge(graph, node, target)).toBe(lists[node]!.includes(target));
          }
        }
      }),
    );
  });
});

describe("buildDependencyGraph", () => {
  it("takes each named achievement once, in list order, leaving out itself and unknown ids", () => {
    const graph = graphOf([
      { id: "1.1" },
      { id: "1.2", dependencies: ["1.1"] },
      { id: "1.3", dependencies: ["1.2", "9.9", "1.3", "1.1", "1.2", 7, "1.1"] },
      { id: "1.2", dependencies: ["1.1"] },
    ]);
    expect(graph.nodes.map((node) => node.id)).toEqual(["1.1", "1.2", "1.3"]);
    expect(rows(graph.edges)).toEqual([[], [0], [1, 0]]);
  });

  it("stays linear on one list naming the same achievements over and over", () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `1.${i + 1}`);
    const repeated = Array.from({ length: 200_000 }, (_, i) => ids[i % ids.length] as string);
    const graph = graphOf([...ids.map((id) => ({ id })), { id: "2.1", dependencies: repeated }]);
    expect(rows(graph.edges)[ids.length]).toEqual(ids.map((_, node) => node));
  });
});
