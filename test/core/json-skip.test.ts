/**
 * Skipping JSON values: every value of a text, at any nesting (shallower and deeper than the
 * regular expression reaches), must end where jsonc-parser's syntax tree says it ends, whatever
 * its strings hold (quotes, backslashes, brackets).
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { parseTree, type Node } from "jsonc-parser";
import { REGEX_DEPTH, REGEX_ITEMS, skipRest, skipValue } from "../../src/core/json-skip.js";

/** Every node of jsonc-parser's tree for `text`, values and property keys alike. */
function nodesOf(text: string): Node[] {
  const nodes: Node[] = [];
  const stack = [parseTree(text) as Node];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    nodes.push(node);
    stack.push(...(node.children ?? []));
  }
  return nodes.filter((node) => node.type !== "property");
}

/** Strings made of what a skipper could mistake for structure. */
const tricky = fc.string({
  unit: fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", " ", "a", "\n", "\u2028", "😀"),
  maxLength: 6,
});

/** A value wrapped `depth` times in arrays and objects, with tricky strings beside each level. */
function nested(depth: number, inner: unknown, side: string): unknown {
  let value = inner;
  for (let level = 0; level < depth; level++) {
    value = level % 2 === 0 ? [side, value, side] : { [side]: side, k: value, [`${side}2`]: [] };
  }
  return value;
}

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1.5e10, 1e21),
    tricky,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(tricky, tie("value"), { maxKeys: 4 }),
    fc
      .tuple(fc.integer({ min: 0, max: 3 * REGEX_DEPTH }), tie("value"), tricky)
      .map(([depth, inner, side]) => nested(depth, inner, side)),
  ),
}));

describe("skipValue", () => {
  it("ends every value of any JSON text where jsonc-parser's syntax tree ends it", () => {
    fc.assert(
      fc.property(json.value, fc.constantFrom(0, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        for (const node of nodesOf(text)) {
          expect(skipValue(text, node.offset)).toBe(node.offset + node.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["as deep as the expression reaches", REGEX_DEPTH],
    ["one level deeper", REGEX_DEPTH + 1],
    ["three times deeper", 3 * REGEX_DEPTH],
    ["deeper than any plan may be (1,000 levels)", 1000],
  ])("skips a container nested %s", (_name, depth) => {
    const text = JSON.stringify([nested(depth, "]", ' ]\\"{'), 1]);
    expect(skipValue(text, 1)).toBe(text.length - ",1]".length);
  });

  it.each([
    ["strings", '"]",'],
    ["arrays of strings", '["{"],'],
    [
      "objects holding arrays wider than the expression takes",
      `{"k": [${"0,".repeat(REGEX_ITEMS)}0]},`,
    ],
  ])("skips containers of more items than the expression takes in one run: %s", (_name, item) => {
    const inner = `[${item.repeat(3 * REGEX_ITEMS)}[]]`;
    const text = `[${inner}, [${inner}], {"k": ${inner}}]`;
    expect(skipValue(`${text}, 1`, 0)).toBe(text.length);
    expect(skipValue(text, 1)).toBe(1 + inner.length);
  });

  it("skips a string with more escapes than the expression takes in one run", () => {
    const text = `["${'\\"]'.repeat(3 * REGEX_ITEMS)}"], 1`;
    expect(skipValue(text, 0)).toBe(text.length - ", 1".length);
  });

  it("skips an array of four million strings without exhausting the expression's stack", () => {
    const text = `[${'"",'.repeat(4_000_000)}""], 1`;
    expect(skipValue(text, 0)).toBe(text.length - ", 1".length);
  });

  it("skips strings whose quotes are escaped after backslashes", () => {
    const text = String.raw`["\\", "\"", "\\\"]", "\\\\"], "after"`;
    expect(skipValue(text, 0)).toBe(text.indexOf(', "after"'));
  });
});

describe("skipRest", () => {
  it("goes from between two tokens of a container to just past its closer", () => {
    const text = '{"a": [1, {"b": "]}"}], "c": {"d": [[[]]]}} , 2';
    expect(skipRest(text, text.indexOf(', "c"'))).toBe(text.lastIndexOf("}") + 1);
    expect(skipRest(text, text.indexOf("1") + 1)).toBe(text.indexOf('"}]') + 3);
  });

  it("ends at the end of a text that never closes the container", () => {
    expect(skipRest('[1, "]', 1)).toBe(6);
    expect(skipRest("[".repeat(3 * REGEX_DEPTH), 1)).toBe(3 * REGEX_DEPTH);
  });
});
