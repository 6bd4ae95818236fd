/**
 * Which SUBPLAN / EXECUTION_TASK / APPROVED files exist for each achievement, from the configured
 * naming patterns, and the status those files prove (filesystem first, DESIGN.md §2).
 */
import type { AchievementFiles } from "./model.js";
import { DEFAULT_PATTERNS, type NamingPatterns } from "./options.js";
import type { Status } from "./types.js";
import { holdShape } from "./held-shapes.js";

/** Fill a pattern's placeholders. */
export function fillPattern(
  pattern: string,
  values: { plan: string; token?: string; nn?: string },
): string {
  return pattern
    .split("{plan}")
    .join(values.plan)
    .split("{token}")
    .join(values.token ?? "{token}")
    .split("{nn}")
    .join(values.nn ?? "{nn}");
}

/**
 * A naming pattern split around its placeholders, so a file name is recognised with two string
 * comparisons and its token sliced out (a plan folder may hold tens of thousands of files).
 */
export interface SplitPattern {
  prefix: string;
  /** Text between `{token}` and `{nn}` (execution pattern only). */
  middle: string | null;
  suffix: string;
}

export function splitPattern(pattern: string, plan: string): SplitPattern | null {
  const filled = fillPattern(pattern, { plan });
  const parts = filled.split("{token}");
  if (parts.length !== 2) return null;
  const [prefix, rest] = parts as [string, string];
  const nn = rest.split("{nn}");
  if (nn.length === 1) return { prefix, middle: null, suffix: rest };
  if (nn.length !== 2 || prefix.includes("{nn}")) return null;
  return { prefix, middle: nn[0] as string, suffix: nn[1] as string };
}

/**
 * The token in `path` when it follows the pattern, else null. Works on offsets into `path` and
 * slices only the token: every file of a plan folder passes here, up to three times.
 */
export function tokenIn(path: string, pattern: SplitPattern): string | null {
  const { prefix, middle, suffix } = pattern;
  if (path.length <= prefix.length + suffix.length) return null;
  if (!path.startsWith(prefix) || !path.endsWith(suffix)) return null;
  const start = prefix.length;
  const end = path.length - suffix.length;
  if (middle === null) return hasSlash(path, start, end) ? null : path.slice(start, end);
  // The last `middle` that ends before the suffix; the token is what comes before it.
  const at = path.lastIndexOf(middle, end - middle.length);
  if (at <= start) return null;
  const digits = end - at - middle.length;
  if (digits < 1 || digits > 4) return null;
  for (let i = end - digits; i < end; i++) {
    const code = path.charCodeAt(i);
    if (code < 48 || code > 57) return null;
  }
  return hasSlash(path, start, at) ? null : path.slice(start, at);
}

function hasSlash(path: string, start: number, end: number): boolean {
  const slash = path.indexOf("/", start);
  return slash !== -1 && slash < end;
}

const NO_FILES: readonly string[] = Object.freeze([]);

/** What most achievements of a large plan have: no file yet. Shared and frozen. */
const NOTHING: AchievementFiles = Object.freeze({
  subplan: null,
  executions: NO_FILES as string[],
  approved: null,
});

/** The files of a plan folder, indexed by achievement token. */
export class PlanFileIndex {
  /** Every path, as a set: built the first time a declared `subplan_path` is looked up. */
  private paths: ReadonlySet<string> | null = null;
  /**
   * The files of each token that has any, in one map: an achievement's files are one lookup, and
   * every achievement of that token is handed the same (never modified) object.
   */
  private readonly byToken = new Map<string, AchievementFiles>();
  private readonly subplanPattern: SplitPattern | null;

  /**
   * @param dir plan folder, relative to the snapshot root ("" for the root)
   * @param relativePaths every file path inside the folder, relative to the folder
   */
  constructor(
    private readonly dir: string,
    plan: string,
    patterns: NamingPatterns,
    private readonly relativePaths: readonly string[],
  ) {
    this.prefix = dir === "" ? "" : `${dir}/`;
    this.subplanPattern = splitPattern(patterns.subplan, plan);
    const approved = splitPattern(patterns.approved, plan);
    const execution = splitPattern(patterns.execution, plan);
    const withExecutions: string[][] = [];
    for (const path of relativePaths) {
      let token = this.subplanPattern && tokenIn(path, this.subplanPattern);
      if (token !== null) {
        this.filesOf(token).subplan = this.rooted(path);
        continue;
      }
      token = approved && tokenIn(path, approved);
      if (token !== null) {
        this.filesOf(token).approved = this.rooted(path);
        continue;
      }
      token = execution && tokenIn(path, execution);
      if (token !== null) {
        const files = this.filesOf(token);
        if (files.executions === NO_FILES) {
          // Most achievements have one EXECUTION_TASK: a literal of one is exactly that long,
          // where pushing into [] would reserve room for seventeen.
          files.executions = [this.rooted(path)];
          withExecutions.push(files.executions);
        } else {
          files.executions.push(this.rooted(path));
        }
      }
    }
    for (const list of withExecutions) list.sort();
  }

  /** Files for an achievement token; `subplanPath` (from parallel.json) counts when it exists. */
  filesFor(token: string, subplanPath: string | null = null): AchievementFiles {
    const files = this.byToken.get(token);
    if (files !== undefined && (files.subplan !== null || subplanPath === null)) return files;
    const declared = subplanPath === null ? null : this.resolveDeclared(subplanPath);
    if (declared === null) return files ?? NOTHING;
    return {
      subplan: declared,
      executions: files?.executions ?? (NO_FILES as string[]),
      approved: files?.approved ?? null,
    };
  }

  /** The (still growing) files record of a token, created on first sight. */
  private filesOf(token: string): AchievementFiles {
    let files = this.byToken.get(token);
    if (files === undefined) {
      files = { subplan: null, executions: NO_FILES as string[], approved: null };
      this.byToken.set(token, files);
    }
    return files;
  }

  /** The expected SUBPLAN path of a token (whether or not it exists), from the snapshot root. */
  expectedSubplan(token: string): string {
    const pattern = this.subplanPattern;
    return this.rooted(pattern ? pattern.prefix + token + pattern.suffix : `SUBPLAN_${token}.md`);
  }

  /** Whether a path declared in parallel.json (relative to the plan folder) exists. */
  resolveDeclared(path: string): string | null {
    const normalized = path.replace(/^\.\//, "");
    this.paths ??= new Set(this.relativePaths);
    return this.paths.has(normalized) ? this.rooted(normalized) : null;
  }

  /** `dir/`, or "" for the root: one concatenation per rooted path. */
  private readonly prefix: string;

  private rooted(path: string): string {
    return this.prefix === "" ? path : this.prefix + path;
  }
}

holdShape(new PlanFileIndex("", "", DEFAULT_PATTERNS, []));

/** The status the files prove: APPROVED → complete, EXECUTION_TASK → in_progress, SUBPLAN → subplan_created. */
export function deriveStatus(files: AchievementFiles): Status {
  if (files.approved) return "complete";
  if (files.executions.length > 0) return "in_progress";
  if (files.subplan) return "subplan_created";
  return "not_started";
}

/**
 * The status the analysis works with: `failed` and `skipped` are decisions people make and the
 * files cannot show, so they are kept; everything else comes from the files.
 */
export function effectiveStatus(declared: Status | null, derived: Status): Status {
  return declared === "failed" || declared === "skipped" ? declared : derived;
}

/** complete and skipped both release dependents. */
export function isDone(status: Status): boolean {
  return status === "complete" || status === "skipped";
}
