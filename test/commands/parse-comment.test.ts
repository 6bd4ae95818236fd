/**
 * Which lines of a comment are commands: a line starting with `/parallel` in a top-level
 * paragraph, never in code, quotes, HTML or lists; CRLF and unicode safe; look-alikes ignored.
 */
import { describe, expect, it } from "@jest/globals";
import { findCommandLines } from "../../src/commands/parse-comment.js";

describe("findCommandLines", () => {
  it.each([
    ["a bare command", "/parallel status", ["/parallel status"]],
    [
      "a command with options",
      "/parallel batch-subplans --level 3 --dry-run",
      ["/parallel batch-subplans --level 3 --dry-run"],
    ],
    ["the prefix alone", "/parallel", ["/parallel"]],
    [
      "a command after prose in the same paragraph",
      "Could you look?\n/parallel status",
      ["/parallel status"],
    ],
    [
      "two commands on consecutive lines",
      "/parallel status\n/parallel validate",
      ["/parallel status", "/parallel validate"],
    ],
    [
      "commands in separate paragraphs",
      "/parallel help\n\nthanks\n\n/parallel status --plan X",
      ["/parallel help", "/parallel status --plan X"],
    ],
    ["leading spaces (still a paragraph)", "   /parallel status", ["/parallel status"]],
    ["trailing spaces trimmed", "/parallel status   ", ["/parallel status"]],
    [
      "underscores kept as typed",
      "/parallel status --plan MY_PLAN_X",
      ["/parallel status --plan MY_PLAN_X"],
    ],
    [
      "CRLF line ends",
      "hi\r\n/parallel status\r\n/parallel help\r\n",
      ["/parallel status", "/parallel help"],
    ],
    ["CR line ends", "hi\r/parallel status", ["/parallel status"]],
    ["a no-break space after the prefix", "/parallel\u00a0status", ["/parallel\u00a0status"]],
    [
      "unicode in the arguments",
      "/parallel status --plan 計画-✨",
      ["/parallel status --plan 計画-✨"],
    ],
    ["a setext heading the user typed", "/parallel status\n---", ["/parallel status"]],
    ["a command below a fenced block", "```\ncode\n```\n/parallel status", ["/parallel status"]],
  ])("finds %s", (_name, body, expected) => {
    expect(findCommandLines(body)).toEqual(expected);
  });

  it.each([
    ["a fenced block", "```\n/parallel status\n```"],
    ["a tilde fence", "~~~md\n/parallel status\n~~~"],
    ["an unclosed fence", "```\n/parallel status"],
    ["an indented code block", "    /parallel status"],
    ["inline code", "`/parallel status`"],
    ["a code span running over lines", "see `the command\n/parallel status` here"],
    ["an HTML comment block", "<!--\n/parallel status\n-->"],
    ["an inline HTML comment over lines", "text <!-- note\n/parallel status --> more"],
    ["an HTML block", "<details>\n/parallel status\n</details>"],
    ["a quote", "> /parallel status"],
    ["a nested quote", "> > /parallel status"],
    ["a lazy quote continuation", "> quoted\n/parallel status"],
    ["a list item", "- /parallel status"],
    ["an ordered list item", "1. /parallel status"],
    ["an ATX heading", "# /parallel status"],
    ["a mid-line mention", "please run /parallel status"],
    ["an escaped slash", "\\/parallel status"],
    ["a longer word", "/parallelize everything"],
    ["a hyphenated look-alike", "/parallel-plans status"],
    ["punctuation after the prefix", "/parallel: status"],
    ["another case", "/Parallel status"],
    ["a full-width slash", "／parallel status"],
    ["a zero-width space after the prefix", "/parallel\u200bstatus"],
    ["a link", "[/parallel status](https://example.com)"],
    ["an empty body", ""],
    ["no prefix at all", "LGTM, thanks!"],
  ])("ignores %s", (_name, body) => {
    expect(findCommandLines(body)).toEqual([]);
  });

  it("answers each command of a long comment in order", () => {
    const body = Array.from({ length: 8 }, (_, i) => `/parallel status --plan P${i}`).join("\n\n");
    expect(findCommandLines(body)).toHaveLength(8);
    expect(findCommandLines(body)[7]).toBe("/parallel status --plan P7");
  });

  it("ignores bodies longer than GitHub allows", () => {
    expect(findCommandLines(`/parallel status\n${"x".repeat(80_000)}`)).toEqual([]);
  });
});
