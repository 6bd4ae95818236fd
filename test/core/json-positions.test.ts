/**
 * The fast position pass against the general walker (jsonc-parser's visitor, used for texts with
 * a lone "\r"): the same text with its line breaks written "\n" and "\r" must give the same line
 * and column for every path, present or missing, at any indentation and with escaped keys.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { parseTree, findNodeAtLocation, type Node } from "jsonc-parser";
import { parseJsonDocument, type JsonPath } from "../../src/core/json-document.js";
import { locateObjects, PathTrie } from "../../src/core/json-positions.js";
import { REGEX_DEPTH } from "../../src/core/json-skip.js";

/** Every path of a value, plus a missing child of each container. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
    paths.push([...prefix, value.length]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
    paths.push([...prefix, 'missing"key']);
  }
  return paths;
}

function positions(text: string, paths: JsonPath[]) {
  const parsed = parseJsonDocument(text, 64);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document.locateAll(paths);
}

const keyed = fc.string({ unit: fc.constantFrom("a", "b", '"', "\\", "é", "/", "\u2028", " ") });
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1.5e10, "", "x", 'q"\\"', "\\\\"),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keyed, tie("value"), { maxKeys: 4 }),
  ),
}));

/** Strings made of what a skipper could mistake for structure. */
const tricky = fc.string({
  unit: fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", " ", "é", "😀", "\u2028"),
  maxLength: 5,
});

/** Values nested deeper than the skipping expression reaches, with tricky strings at each level. */
const deep = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, 0, -1.5e10),
    tricky,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(tricky, tie("value"), { maxKeys: 3 }),
    fc
      .tuple(fc.integer({ min: 1, max: 2 * REGEX_DEPTH + 2 }), tie("value"), tricky)
      .map(([depth, inner, side]) => {
        let value = inner;
        for (let level = 0; level < depth; level++) {
          value = level % 2 === 0 ? [side, value, [side]] : { [side]: { side }, k: value, z: side };
        }
        return value;
      }),
  ),
}));

/** A value with a few of its paths (present or missing), in any order and possibly repeated. */
const someOfItsPaths = deep.value.chain((value) =>
  fc.tuple(
    fc.constant(value),
    fc.array(fc.constantFrom(...pathsOf(value)), { minLength: 1, maxLength: 4 }),
  ),
);

describe("the position pass", () => {
  it("agrees with the general walker on every path of any JSON text", () => {
    fc.assert(
      fc.property(json.value, fc.constantFrom(0, 1, 2, 4, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent) ?? "null";
        const paths = pathsOf(value);
        expect(positions(text, paths)).toEqual(positions(text.replaceAll("\n", "\r"), paths));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the general walker on a few paths of deep texts, skipping everything else", () => {
    fc.assert(
      fc.property(someOfItsPaths, fc.constantFrom(0, 2, "\t"), ([value, paths], indent) => {
        const text = JSON.stringify(value, null, indent);
        const expected = positions(text.replaceAll("\n", "\r"), paths);
        expect(positions(text, paths)).toEqual(expected);
        expect(positions(text.replaceAll("\n", "\r\n"), paths)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("finds a path missing from a key's first value in the same key written again later", () => {
    const tail = ', "x": [' + '{"y": ["]", "\\"}"]}, '.repeat(50) + "0]";
    const text = `{"a": {"b": 1}${tail}, "a": {"c": 2}${tail}}`;
    expect(
      positions(text, [
        ["a", "b"],
        ["a", "c"],
        ["a", "d"],
      ]),
    ).toEqual([
      { line: 1, column: text.indexOf("1") + 1 },
      { line: 1, column: text.indexOf("2") + 1 },
      { line: 1, column: text.indexOf("{", 1) + 1 },
    ]);
  });

  it("places an index past the end of an array, or of a deep one, at the array", () => {
    const deepArray = "[".repeat(3 * REGEX_DEPTH) + "]".repeat(3 * REGEX_DEPTH);
    const text = `{\n  "a": [\n    ${deepArray},\n    "]"\n  ],\n  "b": 1\n}`;
    expect(positions(text, [["a", 2], ["a", 0, 0, 5], ["b"]])).toEqual([
      { line: 2, column: 8 },
      { line: 3, column: 6 },
      { line: 6, column: 8 },
    ]);
  });

  it("places a key written twice at its first value, and what only the second holds there", () => {
    const text = '{\n  "a": 1,\n  "a": {\n    "b": 2\n  }\n}';
    const expected = [
      { line: 2, column: 8 },
      { line: 4, column: 10 },
    ];
    expect(positions(text, [["a"], ["a", "b"]])).toEqual(expected);
    expect(positions(text.replaceAll("\n", "\r"), [["a"], ["a", "b"]])).toEqual(expected);
  });

  it("counts columns in UTF-16 units after CRLF line breaks", () => {
    const text = '{\r\n  "😀": [1,\r\n    "x"]\r\n}';
    expect(positions(text, [["😀", 1], ["😀"]])).toEqual([
      { line: 3, column: 5 },
      { line: 2, column: 9 },
    ]);
  });
});

describe("the wanted paths as a tree", () => {
  it("counts a path asked twice once, and what is still to be found along its ancestors", () => {
    const root = new PathTrie();
    const ab = root.insert(["a", "b"]);
    expect(root.insert(["a", "b"])).toBe(ab);
    const a = root.insert(["a"]);
    root.insert(["c", 3]);
    expect([root.pending, a.pending, ab.pending, root.lastIndex]).toEqual([3, 2, 1, -1]);
    expect(root.children.get("c")?.lastIndex).toBe(3);
    expect(ab.found()).toBe(2);
    expect([root.pending, a.pending]).toEqual([2, 1]);
  });
});

/** Members of the object node jsonc-parser's syntax tree has at `path`, as `locateObjects` gives them. */
function treeObject(root: Node, path: JsonPath) {
  const node = path.length === 0 ? root : findNodeAtLocation(root, path);
  if (node?.type !== "object") return null;
  return {
    offset: node.offset,
    end: node.offset + node.length,
    members: (node.children ?? []).map((property) => {
      const [key, value] = property.children as [Node, Node];
      return {
        key: key.value as string,
        keyOffset: key.offset,
        valueOffset: value.offset,
        valueEnd: value.offset + value.length,
      };
    }),
  };
}

describe("the object pass (status sync)", () => {
  it("finds every object and its members where jsonc-parser's syntax tree has them", () => {
    fc.assert(
      fc.property(json.value, fc.constantFrom(0, 1, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent) ?? "null";
        const root = parseTree(text) as Node;
        // Paths of one length cannot lead inside one another, as the pass requires.
        const byLength = new Map<number, JsonPath[]>();
        for (const path of pathsOf(value)) {
          byLength.set(path.length, [...(byLength.get(path.length) ?? []), path]);
        }
        for (const paths of byLength.values()) {
          expect(locateObjects(text, paths)).toEqual(paths.map((path) => treeObject(root, path)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds objects nested deeper than the skipping expression reaches", () => {
    fc.assert(
      fc.property(someOfItsPaths, fc.constantFrom(0, 2), ([value, paths], indent) => {
        const text = JSON.stringify(value, null, indent);
        const longest = Math.max(...paths.map((path) => path.length));
        const deepest = paths.filter((path) => path.length === longest);
        expect(locateObjects(text, deepest)).toEqual(
          deepest.map((path) => treeObject(parseTree(text) as Node, path)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("reads a key written twice as its last value, as JSON.parse does", () => {
    const text = '{"a": {"b": 1}, "a": {"b": 2, "b": 3}}';
    const [found] = locateObjects(text, [["a"]]);
    expect(found?.offset).toBe(text.lastIndexOf("{"));
    expect(found?.members.map((member) => text.slice(member.valueOffset, member.valueEnd))).toEqual(
      ["2", "3"],
    );
  });
});
