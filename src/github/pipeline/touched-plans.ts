/**
 * Which plan folders a change touches: every changed path (added, modified, removed, or either
 * side of a rename) maps to the plan folder holding it. Pure: paths and rules in, folders out.
 *
 * A folder is a plan folder when it matches one of the config's `plans` globs, so
 * `work-space/plans/X/subplans/SUBPLAN_X_11.md` touches `work-space/plans/X`. Before the app has
 * read a repository's config it cannot know custom globs, so it also takes any path shaped like a
 * plan file (`parallel.json`, `PLAN_*.md`, a SUBPLAN…) as touching the folder the naming pattern
 * puts it in; the check then drops folders the real config does not call plans.
 */
import picomatch from "picomatch";
import { DEFAULT_CONFIG, type RepoConfig } from "../../core/config.js";
import { namePatternMatcher, type NamePatternMatcher } from "../../core/name-pattern.js";

/** Where the repository config lives (read from the default branch only). */
export const CONFIG_PATH = ".github/parallel-plans.yml";

/** What decides which folders are plan folders. */
export interface PlanRules {
  plans: readonly string[];
  patterns: RepoConfig["patterns"];
  /** True when read from the repository's config; false when assumed (the defaults). */
  known: boolean;
}

/** The rules of a config read from the default branch, or the assumed defaults. */
export function rulesFor(config: RepoConfig | undefined): PlanRules {
  const source = config ?? DEFAULT_CONFIG;
  return { plans: source.plans, patterns: source.patterns, known: config !== undefined };
}

/** The plan folders the paths touch, sorted and without duplicates. */
export function touchedPlanFolders(paths: Iterable<string>, rules: PlanRules): string[] {
  const inScope = rules.plans.length > 0 ? picomatch([...rules.plans], { dot: true }) : null;
  const shaped = rules.known ? [] : planFileShapes(rules.patterns);
  const folders = new Set<string>();
  for (const raw of paths) {
    const segments = raw.replace(/^\/+/, "").split("/");
    for (let depth = 1; depth < segments.length && inScope; depth++) {
      const folder = segments.slice(0, depth).join("/");
      if (inScope(folder)) folders.add(folder);
    }
    for (const shape of shaped) {
      if (segments.length <= shape.depth) continue;
      if (shape.matches(segments.slice(-shape.depth).join("/")))
        folders.add(segments.slice(0, -shape.depth).join("/"));
    }
  }
  return [...folders].sort();
}

/** Whether the change edits the repository config itself. */
export function touchesConfig(paths: Iterable<string>): boolean {
  for (const path of paths) if (path === CONFIG_PATH) return true;
  return false;
}

interface Shape {
  depth: number;
  matches: NamePatternMatcher;
}

/**
 * A matcher per naming pattern for the last `depth` segments of a path: the core's linear
 * matcher (placeholders confined to one segment), so no regex is ever built from configured text.
 */
function planFileShapes(patterns: RepoConfig["patterns"]): Shape[] {
  const all = [
    "parallel.json",
    patterns.plan,
    patterns.subplan,
    patterns.execution,
    patterns.approved,
  ];
  return all.map((pattern) => ({
    depth: pattern.split("/").length,
    matches: namePatternMatcher(pattern),
  }));
}
