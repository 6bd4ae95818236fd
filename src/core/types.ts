/**
 * The vocabulary shared by every part of parallel-plans: what a plan folder looks like once read,
 * what a finding is, and the report model every renderer consumes.
 */

/** The seven achievement statuses of the methodology (seed 003, "Status Field"). */
export const STATUSES = [
  "not_started",
  "subplan_created",
  "execution_created",
  "in_progress",
  "complete",
  "failed",
  "skipped",
] as const;
export type Status = (typeof STATUSES)[number];

export type Severity = "error" | "warning" | "notice";

/** Stable rule codes (DESIGN.md §4): users and tests key on them. */
export const RULES = {
  "json-syntax": "error",
  schema: "error",
  "duplicate-id": "error",
  "ambiguous-id": "error",
  "unknown-dependency": "error",
  "self-dependency": "error",
  "dependency-cycle": "error",
  "level-order": "error",
  "blocks-mismatch": "warning",
  "missing-subplan": "error",
  "missing-execution": "warning",
  "status-drift": "warning",
  "dependency-not-complete": "error",
  "plan-mismatch": "warning",
  "shared-deliverable": "warning",
  "missing-parallel-json": "notice",
  "missing-plan-markdown": "notice",
  "file-too-large": "error",
  "symlink-outside": "error",
} as const satisfies Record<string, Severity>;
export type RuleCode = keyof typeof RULES;

/** One problem found in a plan, located at the offending value. */
export interface Finding {
  rule: RuleCode;
  severity: Severity;
  /** Path of the file, relative to the snapshot root (POSIX separators). */
  file: string;
  /** 1-based line of the offending value. */
  line: number;
  /** 1-based column of the offending value. */
  column: number;
  message: string;
  /** Achievement ids the finding is about; for a cycle, the cycle in order with the first id repeated last. */
  achievements: string[];
}

/** A file of a snapshot. `content` is present only for files the analysis must read. */
export interface SnapshotFile {
  /** Path relative to the snapshot root, POSIX separators, no leading "./". */
  path: string;
  /** Size in bytes. */
  size: number;
  /** The bytes (or already-decoded text) when the source read the file. */
  content?: Uint8Array | string;
  /**
   * A symbolic link resolving outside the folder read (or its repository): listed so it can be
   * reported (`symlink-outside`), never read, and no evidence of anything (size 0, no content).
   */
  symlinkOutside?: boolean;
}

/**
 * The same picture of "some files" whether they come from a local folder or a commit on GitHub:
 * every path that exists, and the contents of the files the analysis reads.
 */
export interface PlanSnapshot {
  files: ReadonlyMap<string, SnapshotFile>;
  /** Name of the root folder, used as the plan name when the root itself is a plan folder. */
  rootName?: string;
}

/** An estimate in hours; a range keeps both ends, a single figure has min === max. */
export interface HourRange {
  readonly min: number;
  readonly max: number;
}

/** Time figures for a group of achievements. */
export interface TimeFigures {
  /** Sum of estimates: one executor doing everything. */
  sequential: HourRange;
  /** Wall time with the plan's parallelism: max for a parallel level, sum for a sequential one. */
  parallel: HourRange;
  /** sequential − parallel, per end of the range. */
  saved: HourRange;
  /** saved / sequential in percent (0–100), per end of the range; 0 when sequential is 0. */
  savedPercent: HourRange;
  /** Ids whose estimate is missing or unreadable (left out of the sums). */
  unestimated: string[];
}

/** Source position of a value inside a file. */
export interface Position {
  line: number;
  column: number;
}

/** Order of severities, for thresholds such as `fail_on`. */
export const SEVERITY_RANK: Record<Severity, number> = { notice: 0, warning: 1, error: 2 };
