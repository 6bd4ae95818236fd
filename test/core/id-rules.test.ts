import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { normalizePlan } from "../../src/core/normalize-plan.js";
import { tokensMayCollide } from "../../src/core/rules/id-rules.js";

function nodesOf(ids: readonly string[]) {
  return normalizePlan({
    plan_name: "P",
    levels: [{ level: 1, can_parallelize: true, achievements: ids.map((id) => ({ id })) }],
  }).nodes;
}

const id = fc
  .array(fc.constantFrom("1", "2", "0", "."), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(""));

describe("tokensMayCollide", () => {
  it("never says no when two ids share a token", () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 12 }), (ids) => {
        const nodes = nodesOf(ids);
        const tokens = new Set(nodes.map((node) => node.token));
        if (tokens.size < nodes.length) expect(tokensMayCollide(nodes)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [["1.1", "1.2", "2.1", "10.1", "10.12"], false],
    [["1.001", "10.001", "100.001"], false],
    [["1.23", "12.3"], true],
    [["1.10", "10.1"], true],
    [["1", "2"], true],
    [["1.2.3"], true],
  ])("answers %j with %p", (ids, expected) => {
    expect(tokensMayCollide(nodesOf(ids))).toBe(expected);
  });
});
