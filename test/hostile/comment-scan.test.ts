/**
 * The command finder on hostile comments: every body of the fuzz corpus (nested lists and quotes,
 * emphasis runs, brackets, links, footnotes, backticks, HTML openers, all at GitHub's 65,536
 * characters) is scanned within a generous hang guard, and on ordinary comments it finds exactly
 * what a full CommonMark parse (remark) finds.
 */
import { describe, expect, it } from "@jest/globals";
import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { findCommandLines } from "../../src/commands/parse-comment.js";
import { hostileComments, MAX_COMMENT_CHARS } from "../../bench/support/hostile-comments.js";

/** A hang guard, not a benchmark (bench/comment-scan.bench.js measures): 20× the target. */
const HANG_MS = 2_000;

describe("hostile comments at the maximum length", () => {
  const corpus = hostileComments();

  it("has at least 200 bodies, each as long as GitHub allows", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const { body } of corpus) expect(body.length).toBe(MAX_COMMENT_CHARS);
  });

  it.each(corpus.map((c) => [c.name, c.body] as const))("scans %s in bounded time", (_n, body) => {
    const start = performance.now();
    const lines = findCommandLines(body);
    expect(performance.now() - start).toBeLessThan(HANG_MS);
    for (const line of lines) expect(line.startsWith("/parallel")).toBe(true);
  });
});

/** What a full CommonMark parse says: a `/parallel` line in a top-level paragraph, not in code or HTML. */
function remarkCommandLines(body: string): string[] {
  const root: Root = unified().use(remarkParse).parse(body);
  const lines: string[] = [];
  for (const block of root.children) {
    const start = block.position?.start.offset ?? 0;
    const end = block.position?.end.offset ?? 0;
    const setext = block.type === "heading" && body[start] !== "#";
    if (block.type !== "paragraph" && !setext) continue;
    const inert: [number, number][] = [];
    const stack: Nodes[] = [block];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === "inlineCode" || node.type === "html") {
        inert.push([node.position!.start.offset!, node.position!.end.offset!]);
      } else if ("children" in node) stack.push(...(node.children as Nodes[]));
    }
    let offset = start;
    for (const line of body.slice(start, end).split(/\r\n|\r|\n/)) {
      const at = offset + line.length - line.trimStart().length;
      const text = line.trimStart();
      const command = text.startsWith("/parallel") && /^(\s|$)/u.test(text.slice(9));
      if (command && !inert.some(([from, to]) => at > from && at < to)) lines.push(line.trim());
      offset += line.length + (body.startsWith("\r\n", offset + line.length) ? 2 : 1);
    }
  }
  return lines;
}

/** Blocks people write in comments, some holding commands, combined at random. */
const BLOCKS = [
  "/parallel status",
  "/parallel batch-subplans --level 2 --plan MY_PLAN",
  "Thanks! Could you run this?\n/parallel validate",
  "  /parallel help",
  "    /parallel status",
  "```\n/parallel status\n```",
  "~~~md\nsome code\n/parallel status\n~~~",
  "```js\nconst a = `x`;\n",
  "> /parallel status\n> quoted",
  "> quoted\n/parallel status",
  "> > nested\n> /parallel help",
  "- item\n- /parallel status\n  /parallel help",
  "1. first\n2. second\n/parallel status",
  "- item\n\n  /parallel status",
  "-\n  /parallel status",
  "* * *",
  "---",
  "/parallel status\n---",
  "Title\n===",
  "# /parallel status",
  "<!-- hidden\n/parallel status\n-->",
  "<details>\n<summary>log</summary>\n/parallel status\n</details>",
  "<div>\n\n/parallel status\n\n</div>",
  "text <span\ntitle='x'>\n/parallel status</span>",
  "see `the command\n/parallel status` here",
  "``a ` b``\n/parallel status",
  "text with `code` and <b>bold</b>\n/parallel help",
  "**bold** _em_ [link](https://example.com) <https://example.com>",
  "a\\\n/parallel status",
  "\\`not code\n/parallel status`",
  "| a | b |\n|---|---|\n| /parallel | x |",
  "[ref]: https://example.com\n/parallel status",
  "plain prose line",
  "2. two\n/parallel status",
  "<?php\n/parallel status ?>",
  "<![CDATA[\n/parallel status\n]]>",
  "<script>\n/parallel status\n</script>",
  "\t/parallel status",
  "- a\n\t/parallel status",
  "> a\n>\n/parallel status",
];

function ordinaryBodies(count: number): string[] {
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const parts = Array.from(
      { length: 1 + Math.floor(next() * 5) },
      () => BLOCKS[Math.floor(next() * BLOCKS.length)]!,
    );
    const joins = ["\n", "\n\n", "\r\n"];
    return parts.reduce((body, part) => body + joins[Math.floor(next() * joins.length)]! + part);
  });
}

describe("ordinary comments", () => {
  it.each(BLOCKS.map((b) => [b]))("finds what remark finds in %j", (body) => {
    expect(findCommandLines(body)).toEqual(remarkCommandLines(body));
  });

  it("finds what remark finds in 5,000 combinations", () => {
    const differences = ordinaryBodies(5_000)
      .map((body) => ({ body, ours: findCommandLines(body), remark: remarkCommandLines(body) }))
      .filter(({ ours, remark }) => JSON.stringify(ours) !== JSON.stringify(remark));
    expect(differences.slice(0, 3)).toEqual([]);
  });
});
