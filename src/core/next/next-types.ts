/**
 * What can be done with a plan now: the methodology's execution menu (prepare SUBPLANs, prepare
 * EXECUTIONs, execute a level) with time figures, what waits and for what, and the three recovery
 * choices of a failed achievement. Decided once in core; the CLI, the app's replies and the check
 * summary only render it.
 */
import type { HourRange, Status } from "../types.js";

/** One achievement named by a choice, with the status the analysis works with. */
export interface NextRef {
  id: string;
  title: string;
  status: Status;
}

/** Write the SUBPLANs a level still lacks (the batch SUBPLAN prompt). */
export interface CreateSubplansChoice {
  kind: "create-subplans";
  level: number;
  /** Open achievements of the level without a SUBPLAN. */
  missing: NextRef[];
}

/** Write the EXECUTION_TASKs of achievements that have a SUBPLAN but no EXECUTION_TASK yet. */
export interface CreateExecutionsChoice {
  kind: "create-executions";
  level: number;
  ready: NextRef[];
  /** Open achievements of the level still without a SUBPLAN (left out of the prompt). */
  waitingForSubplan: NextRef[];
}

/** Run the EXECUTION_TASKs of a level: in parallel on a parallel level, else one after another. */
export interface ExecuteLevelChoice {
  kind: "execute-level";
  level: number;
  parallel: boolean;
  /**
   * Executors working at once on the level's open achievements: `max_parallelism` (capped at
   * their count), 1 on a sequential level.
   */
  lanes: number;
  /** Achievements with an EXECUTION_TASK whose dependencies are all done: they can start now. */
  achievements: NextRef[];
  /** The EXECUTION_TASK files of each, in the same order: what the executors are handed. */
  tasks: string[][];
  /** Open achievements of the level that cannot start yet (no EXECUTION_TASK, or a dependency). */
  notYet: NextRef[];
  /** The level's open achievements done by one executor, one after another. */
  sequential: HourRange;
  /** Their wall time with `lanes` executors. */
  wall: HourRange;
  /** Ids left out of the sums because their estimate is missing or unreadable. */
  unestimated: string[];
}

/** Fix the plan's errors first: batch prompts refuse a plan with errors. */
export interface FixErrorsChoice {
  kind: "fix-errors";
  errors: number;
}

/** Write parallel.json with the discovery prompt (the plan has a PLAN only). */
export interface DiscoverChoice {
  kind: "discover";
}

/** The three ways forward from a failed achievement. */
export interface RecoverChoice {
  kind: "recover";
  achievement: NextRef;
  level: number;
  retry: {
    /** The status to write instead of `failed`: what the files prove. */
    resetTo: Status;
    /** EXECUTION_TASK files of the failed attempt, to revise or follow with a new one. */
    executions: string[];
    /** Its estimate: the cost of doing it again. */
    estimate: HourRange | null;
  };
  skip: {
    /** Achievements that become ready once it is skipped. */
    unblocks: NextRef[];
    /** Every achievement that waits on it, directly or not (skipping drops its output for them). */
    dependents: string[];
  };
  sequential: {
    /** The open achievements of its level, the failed one included, done by one executor. */
    achievements: string[];
    /** Their sum: the time going sequential takes. */
    sequential: HourRange;
    /** Their wall time as planned (the level's parallelism). */
    planned: HourRange;
    /** sequential − planned: what going sequential costs. */
    extra: HourRange;
  };
}

/** Any choice of the menu. */
export type NextChoice =
  | FixErrorsChoice
  | DiscoverChoice
  | CreateSubplansChoice
  | CreateExecutionsChoice
  | ExecuteLevelChoice
  | RecoverChoice;

/** A level that cannot start yet, and the achievements outside it it waits for. */
export interface BlockedLevel {
  level: number;
  waitingFor: NextRef[];
}

/** The menu of one plan. */
export interface NextPlan {
  name: string;
  dir: string;
  /** Every achievement is complete or skipped. */
  finished: boolean;
  choices: NextChoice[];
  blocked: BlockedLevel[];
}
