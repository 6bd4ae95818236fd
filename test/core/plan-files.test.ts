import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { DEFAULT_PATTERNS } from "../../src/core/options.js";
import { splitPattern, tokenIn, type SplitPattern } from "../../src/core/plan-files.js";

/** The straightforward reading of a file name against a split pattern: what tokenIn must agree with. */
function reference(path: string, pattern: SplitPattern): string | null {
  if (path.length <= pattern.prefix.length + pattern.suffix.length) return null;
  if (!path.startsWith(pattern.prefix) || !path.endsWith(pattern.suffix)) return null;
  const inner = path.slice(pattern.prefix.length, path.length - pattern.suffix.length);
  if (pattern.middle === null) return inner.includes("/") ? null : inner;
  const at = inner.lastIndexOf(pattern.middle);
  if (at <= 0) return null;
  const token = inner.slice(0, at);
  const number = inner.slice(at + pattern.middle.length);
  return /^\d{1,4}$/.test(number) && !token.includes("/") ? token : null;
}

const patterns = {
  subplan: splitPattern(DEFAULT_PATTERNS.subplan, "P")!,
  execution: splitPattern(DEFAULT_PATTERNS.execution, "P")!,
  approved: splitPattern(DEFAULT_PATTERNS.approved, "P")!,
  adjacent: { prefix: "x/", middle: "", suffix: ".md" },
  repeated: { prefix: "a_", middle: "_a_", suffix: "_a" },
};

/** Paths made of the patterns' own pieces, digits and separators, so near misses are common. */
const piece = fc.constantFrom(
  ..."0123456789/_.-a".split(""),
  "subplans/",
  "SUBPLAN_P_",
  "execution/",
  "EXECUTION_TASK_P_",
  "feedbacks/",
  "APPROVED_",
  "_",
  ".md",
  "_a_",
  "x/",
);
const path = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

describe("tokenIn", () => {
  it.each(Object.entries(patterns))(
    "reads %s file names as the reference reading does",
    (_, pattern) => {
      fc.assert(
        fc.property(path, (candidate) => {
          expect(tokenIn(candidate, pattern)).toBe(reference(candidate, pattern));
        }),
        { numRuns: 3000 },
      );
    },
  );

  it.each([
    ["subplans/SUBPLAN_P_32.md", patterns.subplan, "32"],
    ["execution/EXECUTION_TASK_P_32_01.md", patterns.execution, "32"],
    ["execution/EXECUTION_TASK_P_3_2_01.md", patterns.execution, "3_2"],
    ["execution/EXECUTION_TASK_P_32_12345.md", patterns.execution, null],
    ["execution/EXECUTION_TASK_P__01.md", patterns.execution, null],
    ["execution/feedbacks/APPROVED_32.md", patterns.approved, "32"],
    ["subplans/SUBPLAN_P_3/2.md", patterns.subplan, null],
  ])("reads %s", (candidate, pattern, token) => {
    expect(tokenIn(candidate, pattern)).toBe(token);
  });
});
