/**
 * Which SUBPLAN / EXECUTION_TASK / APPROVED files exist for each achievement, from the configured
 * naming patterns, and the status those files prove (filesystem first, DESIGN.md §2).
 */
import type { AchievementFiles } from "./model.js";
import type { NamingPatterns } from "./options.js";
import type { Status } from "./types.js";

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A matcher for execution files: the pattern's literal parts escaped, `{token}` and `{nn}` as
 * captures confined to one path segment. Anchored, no nested quantifiers: linear on any name.
 */
function executionMatcher(pattern: string, plan: string): RegExp {
  const parts = fillPattern(pattern, { plan }).split(/(\{token\}|\{nn\})/);
  const source = parts
    .map((part) =>
      part === "{token}" ? "([^/]{1,64}?)" : part === "{nn}" ? "(\\d{1,4})" : escapeRegExp(part),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

/** The files of a plan folder, indexed by achievement token. */
export class PlanFileIndex {
  private readonly paths: ReadonlySet<string>;
  private readonly executions = new Map<string, string[]>();

  /**
   * @param dir plan folder, relative to the snapshot root ("" for the root)
   * @param relativePaths every file path inside the folder, relative to the folder
   */
  constructor(
    private readonly dir: string,
    private readonly plan: string,
    private readonly patterns: NamingPatterns,
    relativePaths: readonly string[],
  ) {
    this.paths = new Set(relativePaths);
    const matcher = executionMatcher(patterns.execution, plan);
    const tokenGroup =
      patterns.execution.indexOf("{token}") < patterns.execution.indexOf("{nn}") ? 1 : 2;
    for (const path of relativePaths) {
      const match = matcher.exec(path);
      if (!match) continue;
      const token = match[tokenGroup] as string;
      const list = this.executions.get(token);
      if (list) list.push(path);
      else this.executions.set(token, [path]);
    }
    for (const list of this.executions.values()) list.sort();
  }

  /** Files for an achievement token; `subplanPath` (from parallel.json) counts when it exists. */
  filesFor(token: string, subplanPath: string | null = null): AchievementFiles {
    const subplan = fillPattern(this.patterns.subplan, { plan: this.plan, token });
    const approved = fillPattern(this.patterns.approved, { plan: this.plan, token });
    const declared = subplanPath === null ? null : this.resolveDeclared(subplanPath);
    return {
      subplan: this.paths.has(subplan) ? this.rooted(subplan) : declared,
      executions: (this.executions.get(token) ?? []).map((path) => this.rooted(path)),
      approved: this.paths.has(approved) ? this.rooted(approved) : null,
    };
  }

  /** The expected SUBPLAN path of a token (whether or not it exists), from the snapshot root. */
  expectedSubplan(token: string): string {
    return this.rooted(fillPattern(this.patterns.subplan, { plan: this.plan, token }));
  }

  /** Whether a path declared in parallel.json (relative to the plan folder) exists. */
  resolveDeclared(path: string): string | null {
    const normalized = path.replace(/^\.\//, "");
    return this.paths.has(normalized) ? this.rooted(normalized) : null;
  }

  private rooted(path: string): string {
    return this.dir === "" ? path : `${this.dir}/${path}`;
  }
}

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
