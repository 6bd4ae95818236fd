/**
 * The plan as the analysis sees it: parallel.json normalised into achievements and levels (tolerant
 * of schema errors so every rule still runs), the PLAN markdown's achievements, and the files found.
 */
import type { HourRange, Position, Status, TimeFigures, Finding } from "./types.js";

/** The fields of an achievement that name other achievements. */
export type RefField = "dependencies" | "optional_dependencies" | "blocks";

/**
 * The ids one field of an achievement names (`dependencies`, `optional_dependencies`, `blocks`).
 * One object per field, reusing the parsed array when it holds only strings: plans of 100,000
 * achievements would otherwise allocate an object per reference. JSON paths are built only when a
 * finding needs one (see `refPath`).
 */
export interface RefList {
  field: RefField;
  /** The ids named, in order (entries that are not strings are skipped). */
  ids: readonly string[];
  /** Index in the JSON array of each id when entries were skipped; null when it is the position. */
  indices: readonly number[] | null;
  /** The achievement each id names (null when none has that id), resolved once after reading. */
  targets: (Achievement | null)[];
}
/** `started_at`, `completed_at` (ISO 8601 text) and `actual_hours` as written in parallel.json. */
export interface DeclaredTimes {
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly actualHours: number | null;
}

/** One achievement of parallel.json. */
export interface Achievement {
  id: string;
  /** File token: the id without its dots ("3.2" → "32"). */
  token: string;
  title: string;
  /** The level number of the level that holds it. */
  level: number;
  /** Index of the holding level in `levels[]`. */
  levelIndex: number;
  estimate: HourRange | null;
  /** The raw estimated_hours value as written, for display. */
  estimateText: string | null;
  dependencies: RefList;
  optionalDependencies: RefList;
  /** Present only when the achievement has a `blocks` array. */
  blocks: RefList | null;
  /** Status as written in parallel.json (null when absent or not one of the seven). */
  declaredStatus: Status | null;
  subplanPath: string | null;
  executor: string | null;
  /** The time fields as written in parallel.json. */
  times: DeclaredTimes;
  /** Index of the achievement in its level's `achievements` array. */
  indexInLevel: number;
  /** Index in `ParallelPlan.nodes`, or -1 for a later achievement repeating an earlier id. */
  node: number;
}

/** One level of parallel.json. */
export interface Level {
  level: number;
  index: number;
  canParallelize: boolean;
  maxParallelism: number | null;
  description: string | null;
  reason: string | null;
  achievementIds: string[];
  /** The level's achievements that are nodes (the first of each id), in file order. */
  nodes: Achievement[];
}

/** parallel.json, normalised. */
export interface ParallelPlan {
  planName: string | null;
  levels: Level[];
  achievements: Achievement[];
  /** One achievement per id, in file order: the first one wins, duplicates are reported. */
  nodes: Achievement[];
  /** The same, by id. */
  byId: ReadonlyMap<string, Achievement>;
}

/** A sub-section of an achievement in the PLAN markdown ("Purpose", "Deliverables", …). */
export interface PlanSection {
  /** Normalised key: purpose, what, deliverables, approach, success_criteria, dependencies, or the heading slug. */
  key: string;
  heading: string;
  /** The section's markdown text, as written. */
  text: string;
}

/** An achievement described in PLAN_<NAME>.md. */
export interface PlanAchievement {
  id: string;
  title: string;
  estimateText: string | null;
  estimate: HourRange | null;
  sections: PlanSection[];
  /** Where the achievement is introduced in the markdown. */
  position: Position;
}

/** PLAN_<NAME>.md as the analysis sees it. */
export interface PlanDocument {
  title: string | null;
  achievements: PlanAchievement[];
}

/** The files that exist for one achievement, as paths relative to the snapshot root. */
export interface AchievementFiles {
  subplan: string | null;
  executions: string[];
  approved: string | null;
}

/** A plan folder found in a snapshot. */
export interface PlanFolder {
  /** Folder name, which is the plan name. */
  name: string;
  /** Folder path relative to the snapshot root ("" for the root itself). */
  dir: string;
  /** Path of parallel.json when the folder has one. */
  parallelJson: string | null;
  /** Path of PLAN_<NAME>.md (or the only PLAN_*.md) when the folder has one. */
  planMarkdown: string | null;
}

/** Everything the analysis knows about one achievement, for renderers and the app. */
export interface AchievementReport {
  id: string;
  title: string;
  level: number;
  estimate: HourRange | null;
  estimateText: string | null;
  dependencies: string[];
  /** Status as written in parallel.json. */
  declaredStatus: Status | null;
  /** Status the files prove (filesystem first). */
  derivedStatus: Status;
  /** The status the analysis works with: failed/skipped as declared, else the files'. */
  status: Status;
  files: AchievementFiles;
  executor: string | null;
  /** The time fields as written in parallel.json (absent in reports built by hand). */
  times?: DeclaredTimes;
  /** True when not complete/skipped and every dependency is complete or skipped. */
  ready: boolean;
}

export interface LevelReport {
  level: number;
  canParallelize: boolean;
  maxParallelism: number | null;
  description: string | null;
  achievements: string[];
  /** Every dependency outside the level is complete or skipped. */
  ready: boolean;
  /** Every achievement of the level is complete or skipped. */
  complete: boolean;
  figures: TimeFigures;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  notices: number;
}

/** The analysis of one plan folder: what every renderer and the app consume. */
export interface PlanReport {
  name: string;
  dir: string;
  /** No finding at or above the failure threshold. */
  ok: boolean;
  findings: Finding[];
  levels: LevelReport[];
  achievements: AchievementReport[];
  /** Ids ready to start now. */
  ready: string[];
  /** Plan-wide figures (sum over levels of each level's parallel time). */
  figures: TimeFigures | null;
  /** Longest chain of dependencies by upper-bound estimate; empty when the graph has a cycle. */
  criticalPath: { ids: string[]; hours: HourRange };
  summary: FindingSummary;
  /** The PLAN markdown, when there is one (prompts are built from it). */
  document: PlanDocument | null;
}

/** The analysis of every plan found under a path. */
export interface AnalysisReport {
  plans: PlanReport[];
}
