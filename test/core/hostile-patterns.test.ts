/**
 * Configured file-name patterns cannot stall a command: naming patterns are matched without a
 * regex built from their text, plan-folder globs are held to a grammar that cannot backtrack
 * without bound, and the config schema (itself linear) refuses the rest. Timings are measured by
 * bench/analysis.bench.js; these bounds only guard against a hang.
 */
import { describe, expect, it } from "@jest/globals";
import { configToOptions, parseConfig } from "../../src/core/config.js";
import { discoverPlans } from "../../src/core/discover-plans.js";
import { namePatternMatcher } from "../../src/core/name-pattern.js";
import { DEFAULT_PATTERNS, resolveOptions } from "../../src/core/options.js";
import type { PlanSnapshot } from "../../src/core/types.js";
import { planInputMatcher } from "../../src/sources/plan-inputs.js";

const HANG_GUARD_MS = 2_000;

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

/** Names that almost match `x{token}{token}…y`: long runs of the placeholder's text, no `y`. */
const NEAR_MISSES = [
  `x${"a".repeat(5_000)}`,
  `x${"a".repeat(200)}z`,
  `subplans/x${"ab".repeat(2_000)}.m`,
];

describe("naming patterns built to backtrack", () => {
  // The pattern that stalled every command: each {token} became `[^/]*`, so a file name that
  // almost matched was tried in every way of sharing its characters among 26 placeholders.
  const stalling = `subplans/x${"{token}".repeat(26)}y.md`;
  const family = [
    stalling,
    `subplans/${"{plan}a".repeat(25)}b.md`,
    `subplans/${"{token}_".repeat(24)}{nn}.md`,
    `PLAN_${"{plan}{token}".repeat(13)}!.md`,
    `${"{plan}/".repeat(20)}x{token}.md`,
  ];

  it.each(family.map((pattern) => [pattern.slice(0, 40), pattern]))(
    "the matcher for %s… answers at once on near misses",
    (_label, pattern) => {
      const matches = namePatternMatcher(pattern);
      for (const name of NEAR_MISSES) {
        const { ms, value } = timed(() => matches(name));
        expect(value).toBe(false);
        expect(ms).toBeLessThan(HANG_GUARD_MS);
      }
    },
  );

  it("is accepted by the config schema and read through by the CLI's input matcher", () => {
    const { config, findings } = parseConfig(`patterns:\n  subplan: "${stalling}"\n`, "c.yml");
    expect(findings).toEqual([]);
    const reads = planInputMatcher(configToOptions(config).patterns);
    const { ms, value } = timed(() => reads(`plans/X/subplans/x${"a".repeat(5_000)}.md`));
    expect(value).toBe(false);
    expect(ms).toBeLessThan(HANG_GUARD_MS);
    expect(reads(`plans/X/subplans/x${"t".repeat(26)}y.md`)).toBe(true);
  });

  it.each([
    ["subplans/x{token}{token}y.md", "subplans/xaby.md", true],
    ["subplans/x{token}{token}y.md", "subplans/xay.md", false],
    ["a{plan}b{plan}b", "aXbbYbb", true],
    ["a{plan}b{plan}b", "ab", false],
    ["PLAN_{plan}.md", "PLAN_.md", false],
    ["{plan}/PLAN.md", "plans/X/PLAN.md", true],
    ["{plan}/PLAN.md", "PLAN.md", false],
    ["S_{token}.md", "S_1/2.md", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(namePatternMatcher(pattern)(path)).toBe(expected);
  });
});

describe("the config schema's pattern grammar", () => {
  it.each([
    ["patterns:\n  plan: 'PLAN_*.md'", "/patterns/plan"],
    ["patterns:\n  subplan: 's/(a+)+{token}.md'", null],
    ["patterns:\n  subplan: 's/[ab]{token}.md'", "/patterns/subplan"],
    ["patterns:\n  approved: 'A_{token}{x}.md'", "/patterns/approved"],
    ["plans: ['a*b*c/*']", "/plans/0"],
    ["plans: ['{a,b}/*']", "/plans/0"],
    ["plans: ['a/?/b']", "/plans/0"],
    ["plans: ['**/**/**/*']", "/plans/0"],
  ])("%s is refused at %s", (text, pointer) => {
    const { findings } = parseConfig(`${text}\n`, "c.yml");
    if (pointer === null) expect(findings).toEqual([]);
    else expect(findings.map((f) => f.message.split(":")[0])).toContain(pointer);
  });

  it("names the rule in its message", () => {
    const { findings } = parseConfig("patterns:\n  plan: 'PLAN_*.md'\n", "c.yml");
    expect(findings[0]?.message).toContain("no glob or regex characters");
  });
});

describe("plan-folder globs the grammar allows", () => {
  const globs = ["**/*/**/*", "*/**/**/*", "**/**/**", "**/a*/**/b*", "a*/*b/c*/*"];
  const deep = Array.from({ length: 60 }, (_, i) => `a${"b".repeat(i % 7)}`).join("/");
  const snapshot: PlanSnapshot = {
    files: new Map(
      [
        `${deep}/parallel.json`,
        `${deep}/x/y/PLAN_y.md`,
        "a/b/c/parallel.json",
        "x/ay/z/bq/parallel.json",
        "a1/2b/c4/d/parallel.json",
      ].map((path) => [path, { path, size: 2, content: "{}" }]),
    ),
  };

  it.each(globs)("%s finds plans in deep trees at once", (glob) => {
    const options = resolveOptions({ plans: [glob], patterns: DEFAULT_PATTERNS });
    expect(parseConfig(`plans: ['${glob}']\n`, "c.yml").findings).toEqual([]);
    const { ms, value } = timed(() => discoverPlans(snapshot, options));
    expect(ms).toBeLessThan(HANG_GUARD_MS);
    expect(value.length).toBeGreaterThan(0);
  });
});
