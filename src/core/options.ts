/**
 * What the analysis can be told: file naming patterns, size limits and the failure threshold.
 * Defaults follow DESIGN.md §2; the repository config (`.github/parallel-plans.yml`) overrides them.
 */
import type { Severity } from "./types.js";

/**
 * File naming patterns, relative to the plan folder. Placeholders: `{plan}` (plan name),
 * `{token}` (achievement id without dots), `{nn}` (execution number, digits).
 */
export interface NamingPatterns {
  plan: string;
  subplan: string;
  execution: string;
  approved: string;
}

export interface Limits {
  /**
   * Largest markdown file parsed (PLAN, SUBPLAN, EXECUTION, feedback), in bytes; larger files get
   * `file-too-large`.
   */
  maxFileBytes: number;
  /** Largest parallel.json parsed, in bytes; a larger one gets `file-too-large`. */
  maxJsonBytes: number;
  /** Deepest JSON nesting accepted in parallel.json. */
  maxJsonDepth: number;
  /** Most findings reported per rule per plan (the rest are counted in one closing finding). */
  maxFindingsPerRule: number;
}

export interface AnalysisOptions {
  patterns: NamingPatterns;
  limits: Limits;
  /** Lowest severity that makes a plan not ok. */
  failOn: Exclude<Severity, "notice">;
  /** Globs (relative to the snapshot root) of folders that are plans; empty means any folder. */
  plans: string[];
}

export const DEFAULT_PATTERNS: NamingPatterns = {
  plan: "PLAN_{plan}.md",
  subplan: "subplans/SUBPLAN_{plan}_{token}.md",
  execution: "execution/EXECUTION_TASK_{plan}_{token}_{nn}.md",
  approved: "execution/feedbacks/APPROVED_{token}.md",
};

export const DEFAULT_LIMITS: Limits = {
  // Measured (bench/hostile.bench.js, on a shared 2-core machine): reading a PLAN markdown is
  // the slowest step of every command; the slowest command on the slowest hostile PLAN took
  // 1.5 s at 256 KiB and 3.3 s at 512 KiB. A real PLAN is a few tens of KiB.
  maxFileBytes: 256 * 1024,
  // Measured the same way on parallel.json alone (10,000 achievements are 3.9 MB): the slowest
  // command on the slowest hostile parallel.json (deep nesting) took 0.9 s at 4 MiB, 2.9 s on a
  // busier machine, and 2.6 s / 3.0 s at 8 MiB. Only `sync` with thousands of drifted statuses
  // is slower (33 s at 4 MiB): its edits and diff grow faster than the file.
  maxJsonBytes: 4 * 1024 * 1024,
  maxJsonDepth: 64,
  maxFindingsPerRule: 200,
};

export const DEFAULT_OPTIONS: AnalysisOptions = {
  patterns: DEFAULT_PATTERNS,
  limits: DEFAULT_LIMITS,
  failOn: "error",
  plans: [],
};

/** Options with every field present, from a partial override. */
export function resolveOptions(partial: Partial<AnalysisOptions> = {}): AnalysisOptions {
  return {
    patterns: { ...DEFAULT_PATTERNS, ...partial.patterns },
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
    failOn: partial.failOn ?? DEFAULT_OPTIONS.failOn,
    plans: partial.plans ?? DEFAULT_OPTIONS.plans,
  };
}
