/**
 * Replies: the command quoted inertly, long text fenced inside `<details>`, and replies over
 * GitHub's 65,536-character limit split into numbered comments whose fenced parts rebuild the text.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import {
  COMMENT_LIMIT,
  layoutReply,
  quoteCommand,
  splitLines,
} from "../../src/commands/reply-layout.js";

const INFO = { command: "batch-subplans", comment: 42 };

/** The text between the opening fence line and the closing fence of one reply part. */
function fencedText(body: string): string {
  const open = /^(`{3,})markdown$/m.exec(body);
  if (!open) throw new Error("no fence");
  const start = open.index + open[0].length + 1;
  const end = body.indexOf(`\n${open[1]}\n`, start);
  return body.slice(start, end + 1);
}

describe("layoutReply", () => {
  it("quotes the command without pinging or formatting", () => {
    expect(quoteCommand("/parallel assign @octocat **x** <b>")).toBe(
      "> /parallel assign @\u200Boctocat \\*\\*x\\*\\* &lt;b&gt;",
    );
  });

  it("puts a short answer in one comment with the hidden marker", () => {
    const [body, ...rest] = layoutReply("/parallel status", { body: "**done**" }, INFO);
    expect(rest).toEqual([]);
    expect(body).toBe(
      '> /parallel status\n\n**done**\n\n<!-- parallel-plans:{"kind":"reply","command":"batch-subplans","comment":42,"part":1,"parts":1} -->\n',
    );
  });

  it("fences a prompt with a fence longer than any backtick run inside", () => {
    const text = "use ````js\ncode\n```` blocks\n";
    const [body] = layoutReply(
      "/parallel discover",
      { body: "x", attachment: { summary: "Prompt", text, language: "markdown" } },
      INFO,
    );
    expect(body).toContain("<details>\n<summary>Prompt</summary>\n\n`````markdown\nuse ````js");
    expect(body).toContain("blocks\n`````\n\n</details>");
  });

  it("splits a 100,000-character prompt into numbered comments within the limit", () => {
    const line = "x".repeat(79) + "\n";
    const text = line.repeat(1250);
    expect(text.length).toBe(100_000);
    const bodies = layoutReply(
      "/parallel batch-subplans --level 1",
      {
        body: "**Batch SUBPLAN creation**",
        attachment: { summary: "Prompt", text, language: "markdown" },
      },
      INFO,
    );
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(bodies[0]).toContain("**Batch SUBPLAN creation**");
    expect(bodies[0]).toContain("<summary>Prompt (part 1 of 2)</summary>");
    expect(bodies[1]).toContain("**Part 2 of 2** of the answer to this command, continued.");
    expect(bodies[1]).toContain('"part":2,"parts":2');
    expect(bodies.map(fencedText).join("") === text).toBe(true);
  });

  it("cuts a single line longer than a comment between code points", () => {
    const text = "😀".repeat(60_000);
    const bodies = layoutReply(
      "/parallel discover",
      { body: "x", attachment: { summary: "P", text, language: "markdown" } },
      INFO,
    );
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    // Each part's fence closes on its own line, so each chunk gained one line end.
    const rebuilt = bodies.map((body) => fencedText(body).slice(0, -1)).join("");
    expect(rebuilt === text).toBe(true);
  });
});

describe("splitLines", () => {
  it("rebuilds any text, every piece within the limit", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.integer({ min: 2, max: 50 }),
        (text, max) => {
          const pieces = splitLines(text, max);
          expect(pieces.join("")).toBe(text);
          for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});
