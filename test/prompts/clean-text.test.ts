/**
 * Plan text cleaning: what it keeps and drops on ordinary text, and that hostile text (long runs
 * of spaces or newlines) is cleaned in linear time instead of hanging the app or the CLI.
 */
import { describe, expect, it } from "@jest/globals";
import { cleanBlock, cleanLine, inItem } from "../../src/prompts/clean-text.js";

/** A hang guard, not a benchmark: the quadratic regexes took seconds on a quarter of this. */
const HANG_MS = 2000;
const RUN = 200_000;

function elapsed(clean: () => string): number {
  const start = performance.now();
  clean();
  return performance.now() - start;
}

describe("cleanBlock", () => {
  it.each([
    ["plain text", "plain text"],
    ["\n\n  first\t \nsecond  \n\n\n", "  first\nsecond"],
    ["a\r\nb\rc\u2028d", "a\nb\nc\nd"],
    ["keeps\n\n\ninner blank lines", "keeps\n\n\ninner blank lines"],
    ["shows \u001b[2Jescapes and \u202Ebidi", "shows \\u001B[2Jescapes and \\u202Ebidi"],
    ["keeps a no-break space\u00a0", "keeps a no-break space\u00a0"],
    [" \t\n \n", ""],
    ["", ""],
  ])("cleans %j to %j", (text, cleaned) => {
    expect(cleanBlock(text)).toBe(cleaned);
  });

  it.each([
    ["spaces before a letter", `${" ".repeat(RUN)}x`],
    ["newlines before a letter", `${"\n".repeat(RUN)}x`],
    ["newlines after a letter", `x${"\n".repeat(RUN)}`],
    ["space-newline pairs", `${" \n".repeat(RUN / 2)}x`],
  ])("cleans %s in linear time", (_what, text) => {
    expect(elapsed(() => cleanBlock(text))).toBeLessThan(HANG_MS);
  });
});

describe("cleanLine", () => {
  it.each([
    ["  A   title\n with\tbreaks  ", 200, "A title with breaks"],
    ["9.9\u001b[2J", 20, "9.9\\u001B[2J"],
    ["abcdef", 4, "abc…"],
  ])("cleans %j (max %d) to %j", (text, max, cleaned) => {
    expect(cleanLine(text, max)).toBe(cleaned);
  });

  it.each([
    ["spaces", `${" ".repeat(RUN)}x`],
    ["newlines", `${"\n".repeat(RUN)}x`],
  ])("cleans a line of %s in linear time", (_what, text) => {
    expect(elapsed(() => cleanLine(text))).toBeLessThan(HANG_MS);
  });
});

describe("inItem", () => {
  it("indents continuation lines but not blank ones", () => {
    expect(inItem("one\n\ntwo  \n")).toBe("one\n\n  two");
  });
});
