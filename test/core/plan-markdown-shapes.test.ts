/**
 * The reader's optimised code outlives full garbage collections (core/held-shapes.ts):
 * V8's test intrinsics optimise the reader's functions after a few reads, then the heap is
 * collected as a long-running app's is between events, with no reader alive, and every function
 * must still be optimised. (A class instance, spread copy or late property whose shape no live
 * object holds any more makes V8 throw the code away: "weak objects" in --trace-deopt.)
 */
import { describe, expect, it } from "@jest/globals";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parsePlanMarkdown } from "../../src/core/plan-markdown.js";
import { PlanReader } from "../../src/core/plan-markdown/achievement-reader.js";
import { BlockTracker } from "../../src/core/plan-markdown/block-tracker.js";
import { splitIntoChunks } from "../../src/core/plan-markdown/chunking.js";
import { inlineText, paragraphLines } from "../../src/core/plan-markdown/inline-text.js";
import { parsePlainBlocks } from "../../src/core/plan-markdown/plain-blocks.js";
import { plainInline } from "../../src/core/plan-markdown/plain-inline.js";
import { readLabel, sectionText } from "../../src/core/plan-markdown/section-labels.js";
import { Locator, walk } from "../../src/core/plan-markdown/tree-walk.js";
import { seedsPlanMarkdown } from "../../bench/support/seeds-plan.js";

setFlagsFromString("--allow-natives-syntax");
setFlagsFromString("--expose-gc");
type Intrinsic = (f: unknown) => number;
const collect = runInNewContext("gc") as () => void;
const prepare = new Function("f", "%PrepareFunctionForOptimization(f);") as Intrinsic;
const optimizeOnNextCall = new Function("f", "%OptimizeFunctionOnNextCall(f);") as Intrinsic;
const optimizationStatus = new Function("f", "return %GetOptimizationStatus(f);") as Intrinsic;
/** V8's OptimizationStatus::kOptimized bit. */
const OPTIMIZED = 1 << 4;

const FUNCTIONS: Record<string, unknown> = {
  parsePlanMarkdown,
  splitIntoChunks,
  "BlockTracker.advance": BlockTracker.prototype.advance,
  parsePlainBlocks,
  plainInline,
  walk,
  "Locator.offset": Locator.prototype.offset,
  "Locator.lineStart": Locator.prototype.lineStart,
  "Locator.position": Locator.prototype.position,
  "PlanReader.heading": PlanReader.prototype.heading,
  "PlanReader.paragraph": PlanReader.prototype.paragraph,
  "PlanReader.thematicBreak": PlanReader.prototype.thematicBreak,
  inlineText,
  paragraphLines,
  readLabel,
  sectionText,
};

/** Names of the functions V8 holds optimised code for. */
const optimised = () =>
  Object.entries(FUNCTIONS)
    .filter(([, f]) => (optimizationStatus(f) & OPTIMIZED) !== 0)
    .map(([name]) => name);

describe("the PLAN reader's optimised code", () => {
  it("is kept through full garbage collections with no reader alive", () => {
    const text = seedsPlanMarkdown(300);
    Object.values(FUNCTIONS).forEach(prepare);
    parsePlanMarkdown(text);
    parsePlanMarkdown(text);
    Object.values(FUNCTIONS).forEach(optimizeOnNextCall);
    parsePlanMarkdown(text);
    const before = optimised();

    // Dead shapes survive a few collections (V8 retains maps for some), so collect several times.
    for (let i = 0; i < 6; i++) collect();

    const after = optimised();
    expect(before.length).toBeGreaterThanOrEqual(Object.keys(FUNCTIONS).length - 4);
    // The previous reader lost 11 to 13 of these. One may still be lost now and then: V8 also
    // keeps, weakly, the shape of the last value stored in a field (a line's bold lead, say),
    // and whether that one is still alive depends on when the collection ran (seen in about one
    // run of four of the whole core suite, never alone).
    expect(before.filter((name) => !after.includes(name)).length).toBeLessThanOrEqual(1);
  });
});
