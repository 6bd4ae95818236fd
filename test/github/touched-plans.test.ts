/** Changed paths → plan folders: globs when the config is known, plan-shaped names before. */
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/core/config.js";
import {
  rulesFor,
  type PlanRules,
  touchedPlanFolders,
  touchesConfig,
} from "../../src/github/pipeline/touched-plans.js";

const assumed = rulesFor(undefined);
const known = rulesFor(DEFAULT_CONFIG);
const custom = rulesFor({ ...DEFAULT_CONFIG, plans: ["docs/**/plans/*"] });

describe("touchedPlanFolders", () => {
  it.each([
    ["a file of a plan", ["work-space/plans/X/parallel.json"], known, ["work-space/plans/X"]],
    [
      "files deep in a plan",
      ["work-space/plans/X/execution/feedbacks/APPROVED_11.md"],
      known,
      ["work-space/plans/X"],
    ],
    [
      "two plans, sorted, once each",
      ["work-space/plans/B/a.md", "work-space/plans/A/b.md", "work-space/plans/B/c.md"],
      known,
      ["work-space/plans/A", "work-space/plans/B"],
    ],
    [
      "files outside the plans",
      ["README.md", "work-space/notes.md", "work-space/plans"],
      known,
      [],
    ],
    ["a plan-shaped file outside the globs, config known", ["tools/X/parallel.json"], known, []],
    [
      "a plan-shaped file outside the globs, config assumed",
      ["tools/X/parallel.json"],
      assumed,
      ["tools/X"],
    ],
    [
      "a SUBPLAN outside the globs, config assumed",
      ["docs/X/subplans/SUBPLAN_X_11.md"],
      assumed,
      ["docs/X"],
    ],
    [
      "an APPROVED file, config assumed",
      ["a/b/X/execution/feedbacks/APPROVED_32.md"],
      assumed,
      ["a/b/X"],
    ],
    ["a plan-shaped file at the root", ["parallel.json", "PLAN_X.md"], assumed, []],
    [
      "a `**` glob",
      ["docs/team/a/plans/P/parallel.json", "docs/plans/Q/x.md"],
      custom,
      ["docs/plans/Q", "docs/team/a/plans/P"],
    ],
    ["a leading slash", ["/work-space/plans/X/parallel.json"], known, ["work-space/plans/X"]],
  ])("maps %s", (_what, paths, rules, expected) => {
    expect(touchedPlanFolders(paths, rules)).toEqual(expected);
  });

  it("treats regex and glob characters in paths as plain text", () => {
    const paths = ["work-space/plans/a(b)*[c]/parallel.json", "work-space/plans/$x{1}/p.md"];
    expect(touchedPlanFolders(paths, known)).toEqual([
      "work-space/plans/$x{1}",
      "work-space/plans/a(b)*[c]",
    ]);
  });

  it("stays fast on a pull request of 3,000 deep paths", () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `${"deep/".repeat(40)}file-${i}.md`);
    const started = performance.now();
    expect(touchedPlanFolders(paths, assumed)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it("matches a placeholder-heavy naming pattern in linear time, without building a regex", () => {
    const hostile: PlanRules = {
      plans: [],
      patterns: { ...DEFAULT_CONFIG.patterns, plan: `${"{token}".repeat(25)}x.md` },
      known: false,
    };
    const long = `${"a".repeat(5000)}.md`;
    const started = performance.now();
    expect(touchedPlanFolders([`p/X/${long}`, `p/Y/${"b".repeat(25)}x.md`], hostile)).toEqual([
      "p/Y",
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("touchesConfig", () => {
  it("spots the config path only", () => {
    expect(touchesConfig(["a", ".github/parallel-plans.yml"])).toBe(true);
    expect(touchesConfig([".github/parallel-plans.yaml", "x/.github/parallel-plans.yml"])).toBe(
      false,
    );
  });
});
