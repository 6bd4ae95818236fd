/**
 * Analyses with a bound on their time: the core runs in a worker thread, and when it has not
 * answered by the deadline the thread is terminated and the promise rejects. The app serves every
 * installation from one process, so a plan (or config) that makes the analysis slow must cost one
 * failed check, not a stalled worker. The app's runner keeps its threads warm (see
 * {@link AnalysisPool}); {@link analyzeWithDeadline} is the one-off form.
 */
import type { AnalysisReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import { AnalysisPool, DEFAULT_ANALYSIS_DEADLINE_MS } from "./analysis-pool.js";

export { AnalysisTimeoutError, DEFAULT_ANALYSIS_DEADLINE_MS } from "./analysis-pool.js";

export interface DeadlineOptions {
  /** The worker script; the built `analysis-worker.js` beside this module by default. */
  workerUrl?: URL;
  /** Most threads analysing at once (the pooled runner only); one per spare core, at most 2. */
  poolSize?: number;
}

/** The pipeline's `analyze` collaborator, plus a way to stop its threads. */
export interface DeadlineAnalyzer {
  (snapshot: PlanSnapshot, options: AnalysisOptions): Promise<AnalysisReport>;
  /** Terminate the threads; later analyses reject. Idle threads never hold the process open. */
  close(): Promise<void>;
}

/**
 * Analyse `snapshot` in a thread of its own, started for this analysis and stopped after it;
 * reject with {@link AnalysisTimeoutError} when it takes longer than `deadlineMs`, or with the
 * analysis' own error message when it fails. Pays a thread start and a cold core every time: for
 * repeated analyses use {@link analyzerWithDeadline}.
 */
export async function analyzeWithDeadline(
  snapshot: PlanSnapshot,
  options: AnalysisOptions,
  deadlineMs: number = DEFAULT_ANALYSIS_DEADLINE_MS,
  { workerUrl }: DeadlineOptions = {},
): Promise<AnalysisReport> {
  const pool = new AnalysisPool({ deadlineMs, size: 1, workerUrl });
  try {
    return await pool.analyze(snapshot, options);
  } finally {
    await pool.close();
  }
}

/**
 * The app's analysis: a pool of warm threads with a fixed deadline per analysis, in the shape of
 * the pipeline's injected `analyze` collaborator. A plan that makes it too slow fails its check
 * with "analysis took too long" and frees the process for every other installation.
 */
export function analyzerWithDeadline(
  deadlineMs: number = DEFAULT_ANALYSIS_DEADLINE_MS,
  { workerUrl, poolSize }: DeadlineOptions = {},
): DeadlineAnalyzer {
  const pool = new AnalysisPool({ deadlineMs, size: poolSize, workerUrl });
  return Object.assign(
    (snapshot: PlanSnapshot, options: AnalysisOptions) => pool.analyze(snapshot, options),
    { close: () => pool.close() },
  );
}
