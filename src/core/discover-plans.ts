/**
 * Which folders of a snapshot are plans: a folder holding a parallel.json or a PLAN markdown
 * (`PLAN_*.md` by default), kept when it matches one of the configured plan globs (any folder when
 * none are configured, as the CLI does for a path given by hand).
 */
import picomatch from "picomatch";
import type { PlanFolder } from "./model.js";
import { namePatternMatcher } from "./name-pattern.js";
import type { AnalysisOptions } from "./options.js";
import { fillPattern } from "./plan-files.js";
import type { PlanSnapshot } from "./types.js";

const PARALLEL_JSON = "parallel.json";

export function discoverPlans(snapshot: PlanSnapshot, options: AnalysisOptions): PlanFolder[] {
  const isPlanMarkdown = planMarkdownMatcher(options.patterns.plan);
  const inScope = options.plans.length === 0 ? () => true : picomatch(options.plans, { dot: true });
  const folders = new Map<string, { json: string | null; markdown: string[] }>();
  const scoped = new Map<string, boolean>();

  for (const path of snapshot.files.keys()) {
    const slash = path.lastIndexOf("/");
    const isJson = path.endsWith(PARALLEL_JSON) && path.length - slash - 1 === PARALLEL_JSON.length;
    if (!isJson && !isPlanMarkdown(path)) continue;
    const dir = slash === -1 ? "" : path.slice(0, slash);
    if (options.plans.length > 0 && !(scoped.get(dir) ?? scoped.set(dir, inScope(dir)).get(dir)))
      continue;
    const folder = folders.get(dir) ?? { json: null, markdown: [] };
    if (isJson) folder.json = path;
    else folder.markdown.push(path);
    folders.set(dir, folder);
  }

  return [...folders.entries()]
    .map(([dir, found]) => {
      const name = planName(dir, snapshot.rootName);
      const expected = fillPattern(options.patterns.plan, { plan: name });
      const markdown = found.markdown.sort();
      return {
        name,
        dir,
        parallelJson: found.json,
        planMarkdown:
          markdown.find((path) => path.endsWith(`/${expected}`) || path === expected) ??
          markdown[0] ??
          null,
      };
    })
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

function planName(dir: string, rootName: string | undefined): string {
  if (dir === "") return rootName ?? "plan";
  return dir.slice(dir.lastIndexOf("/") + 1);
}

/** Every file path inside a plan folder, relative to the folder. */
export function filesInFolder(snapshot: PlanSnapshot, dir: string): string[] {
  const prefix = dir === "" ? "" : `${dir}/`;
  const paths: string[] = [];
  for (const path of snapshot.files.keys()) {
    if (path.startsWith(prefix)) paths.push(path.slice(prefix.length));
  }
  return paths;
}

/**
 * Whether a path is a PLAN markdown. The usual pattern (`PLAN_{plan}.md`) is two string
 * comparisons on the file name; any other goes through the linear pattern matcher. Every file of
 * the snapshot passes here.
 */
function planMarkdownMatcher(pattern: string): (path: string) => boolean {
  const parts = pattern.split("{plan}");
  if (parts.length === 2 && !pattern.includes("/") && !/\{(?:token|nn)\}/.test(pattern)) {
    const [prefix, suffix] = parts as [string, string];
    return (path) => {
      const base = path.lastIndexOf("/") + 1;
      return (
        path.length - base > prefix.length + suffix.length &&
        path.endsWith(suffix) &&
        path.startsWith(prefix, base)
      );
    };
  }
  return namePatternMatcher(pattern);
}
