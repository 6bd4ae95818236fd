/**
 * The plain reader (pieces read without micromark) makes the tree remark makes, on every piece it
 * accepts: the repository's markdown, hand-picked tricky shapes, and random documents built from
 * the blocks and inline marks PLANs use. Compared are every node's type, heading depth, text
 * values and the positions the PLAN reader uses.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import type { Nodes } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { splitIntoChunks } from "../../src/core/plan-markdown/chunking.js";
import { parsePlainBlocks } from "../../src/core/plan-markdown/plain-blocks.js";

const remark = unified().use(remarkParse);
const POSITIONED = new Set([
  "heading",
  "paragraph",
  "strong",
  "emphasis",
  "inlineCode",
  "listItem",
  "thematicBreak",
]);

interface Shape {
  type: string;
  depth?: number;
  value?: string;
  at?: number[];
  children?: Shape[];
}

/** What the comparison looks at in a node. */
function shape(node: Nodes): Shape {
  const out: Shape = { type: node.type };
  if (node.type === "heading") out.depth = node.depth;
  if (node.type === "text" || node.type === "inlineCode") out.value = node.value;
  const p = node.position;
  if (POSITIONED.has(node.type) && p) {
    out.at = [p.start.offset ?? -1, p.end.offset ?? -1, p.start.line, p.start.column];
    out.at.push(p.end.line, p.end.column);
  }
  if ("children" in node) out.children = node.children.map(shape);
  return out;
}

/** "outside", or whether the plain tree equals remark's (with both on failure). */
function check(text: string): { plain: Shape; remark: Shape } | "outside" {
  const plain = parsePlainBlocks(text);
  if (plain === null) return "outside";
  return { plain: shape(plain), remark: shape(remark.parse(text)) };
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("the plain PLAN reader", () => {
  it("makes remark's tree for every piece of the repository's markdown it accepts", () => {
    const files = [...markdownFiles("examples"), ...markdownFiles("docs"), "README.md"];
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const chunk of splitIntoChunks(text)) {
        const result = check(text.slice(chunk.start, chunk.end));
        if (result === "outside") continue;
        accepted++;
        expect([file, chunk.line, result.plain]).toEqual([file, chunk.line, result.remark]);
      }
    }
    expect(accepted).toBeGreaterThan(40);
  });

  it("accepts every piece of the example PLANs that keep to the subset", () => {
    for (const name of ["PARALLEL-EXECUTION-AUTOMATION", "RELEASE-PIPELINE"]) {
      const text = readFileSync(`examples/${name}/PLAN_${name}.md`, "utf8");
      const outside = splitIntoChunks(text).filter(
        (chunk) => parsePlainBlocks(text.slice(chunk.start, chunk.end)) === null,
      );
      expect([name, outside]).toEqual([name, []]);
    }
  });

  it.each([
    ["a setext underline", "Title\n---"],
    ["a short setext underline", "Title\n-"],
    ["a block quote", "> quoted"],
    ["a fenced code block", "```\ncode\n```"],
    ["indented code", "    code"],
    ["a link", "see [the docs](x.md)"],
    ["HTML", "a <b>bold</b> word"],
    ["an entity", "a &amp; b"],
    ["an escape", "a \\* b"],
    ["a tab", "-\tx"],
    ["an empty item", "-\n- x"],
    ["a rule of stars", "***"],
    ["an ordered item that cannot interrupt", "text\n2. two"],
    ["a heading closed by #", "## Title ##"],
    ["an item holding a heading", "- # x"],
    ["a code span over a line end", "a `b\nc` d"],
    ["CRLF line ends", "a\r\nb"],
    ["a paragraph of hundreds of delimiter runs", "*a ".repeat(300)],
    [
      "a paragraph of hundreds of unmatched backtick runs",
      Array.from({ length: 300 }, (_, i) => "`".repeat(i + 1)).join(" a "),
    ],
  ])("leaves %s to remark", (_name, text) => {
    expect(parsePlainBlocks(text)).toBeNull();
  });

  it.each([
    [
      "bold entries and labels",
      "**Achievement 1.1: T** ⏱️ 2-3 hours\n\n- **Purpose**: p\n- **What**: w",
    ],
    ["hard breaks", "**Status**: a  \n**Created**: b  \nlast  "],
    ["a nested list", "1. **Phase**: x\n   - one\n   - two\n2. next\n\n   more"],
    ["lazy lines", "- item\ncontinued lazily\n  and indented"],
    ["emphasis by the rule of three", "*a**b*, **a*b**, ***a***, **a*, *a**"],
    ["underscores inside words", "EXECUTION_TASK_11_01 and _02, __init__ x__y__z"],
    ["punctuation beside delimiters", "**(x)** (**y**) **x:** a**b**c 🔄**x**"],
    ["code spans", "`a` ``b`c`` ` ` `  x  ` `open"],
    ["rules and headings", "# T\n---\n## 📋 Index\n\n---  "],
  ])("makes remark's tree for %s", (_name, text) => {
    const result = check(text);
    expect(result).not.toBe("outside");
    if (result !== "outside") expect(result.plain).toEqual(result.remark);
  });

  it("makes remark's tree for random documents of PLAN blocks and marks", () => {
    const word = fc.constantFrom(
      ..."a foo x_y _u_ * ** *** _ __ ` `` `code` 🔄 ⏱️ 2-3h (1-2h) : . , é ! # 1. - + ' \" )".split(
        " ",
      ),
      "Achievement 1.2:",
      "**Purpose**:",
      "**Status:**",
      "*em*",
      "_em_",
      "**(x)**",
      "a**b**c",
      "***a***",
      "** a **",
      "*a *b* c*",
    );
    const prefix = fc.constantFrom(
      "",
      "",
      "",
      "- ",
      "* ",
      "+ ",
      "1. ",
      "2. ",
      "1) ",
      "10. ",
      "  ",
      "   ",
      "    ",
      "      ",
      "  - ",
      "   - ",
      "    - ",
      "  1. ",
      "      1. ",
      "# ",
      "## ",
      "### ",
      "#",
      "-",
      "-  ",
      "-     ",
    );
    const textLine = fc
      .tuple(
        prefix,
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("", "", " ", "  "),
      )
      .map(([p, words, end]) => `${p}${words.join(" ")}${end}`);
    const line = fc.oneof(
      { weight: 8, arbitrary: textLine },
      { weight: 1, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: fc.constantFrom("---", "---  ", "--", "-", "***", "- - -", "==") },
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
        const result = check(lines.join("\n"));
        if (result !== "outside") expect(result.plain).toEqual(result.remark);
      }),
      { numRuns: 3000 },
    );
  });
});
