/** Which plan globs let every plan come with the event's one query. */
import { describe, expect, it } from "@jest/globals";
import { MAX_PLAN_ROOTS, planRoots } from "../../../src/github/pipeline/plan-roots.js";

describe("planRoots", () => {
  it.each([
    ["the default", ["work-space/plans/*"], ["work-space/plans"]],
    ["two roots, sorted, once each", ["b/plans/*", "a/*", "b/plans/*"], ["a", "b/plans"]],
    ["a dotted folder", [".plans/*"], [".plans"]],
  ])("lists the roots of %s", (_what, globs, roots) => {
    expect(planRoots(globs)).toEqual(roots);
  });

  it.each([
    ["no glob (any folder is a plan)", []],
    ["a globstar", ["docs/**/plans/*"]],
    ["a wildcard inside the folder", ["work-*/plans/*"]],
    ["a folder, not its children", ["work-space/plans"]],
    ["plans at the repository root", ["*"]],
    ["a brace set", ["{a,b}/*"]],
    ["an extglob", ["a/+(x)/*"]],
    ["a parent step", ["../plans/*"]],
    ["an empty segment", ["a//*"]],
    ["one glob of several", ["a/*", "b/**"]],
    ["too many roots", Array.from({ length: MAX_PLAN_ROOTS + 1 }, (_, i) => `r${i}/*`)],
  ])("needs the tree for %s", (_what, globs) => {
    expect(planRoots(globs)).toBeNull();
  });
});
