/**
 * One analysis with a bound on its time: the core runs in a worker thread, and when it has not
 * answered by the deadline the thread is terminated and the promise rejects. The app serves every
 * installation from one process, so a plan (or config) that makes the analysis slow must cost one
 * failed check, not a stalled worker.
 */
import { Worker } from "node:worker_threads";
import type { AnalysisReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import type { AnalysisAnswer, AnalysisRequest } from "./analysis-worker.js";

/** Default bound on one analysis: far above any real plan (100,000 achievements take ~3 s). */
export const DEFAULT_ANALYSIS_DEADLINE_MS = 30_000;

/** The analysis did not finish in time; its worker thread was stopped. */
export class AnalysisTimeoutError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`analysis took too long (over ${formatSeconds(deadlineMs)} s)`);
    this.name = "AnalysisTimeoutError";
  }
}

export interface DeadlineOptions {
  /** The worker script; the built `analysis-worker.js` beside this module by default. */
  workerUrl?: URL;
}

/**
 * Analyse `snapshot` in a worker thread; reject with {@link AnalysisTimeoutError} when it takes
 * longer than `deadlineMs`, or with the analysis' own error message when it fails.
 */
export function analyzeWithDeadline(
  snapshot: PlanSnapshot,
  options: AnalysisOptions,
  deadlineMs: number = DEFAULT_ANALYSIS_DEADLINE_MS,
  { workerUrl = new URL("./analysis-worker.js", import.meta.url) }: DeadlineOptions = {},
): Promise<AnalysisReport> {
  return new Promise<AnalysisReport>((resolve, reject) => {
    // The thread takes the process's Node flags, less those only an entry script may carry.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--input-type"));
    const worker = new Worker(workerUrl, { execArgv });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new AnalysisTimeoutError(deadlineMs))),
      deadlineMs,
    );
    worker.once("message", (answer: AnalysisAnswer) =>
      settle(() => (answer.ok ? resolve(answer.report) : reject(new Error(answer.message)))),
    );
    worker.once("error", (error) =>
      settle(() => reject(new Error(`analysis failed: ${error.message}`))),
    );
    worker.once("exit", (code) =>
      settle(() => reject(new Error(`analysis stopped before answering (exit code ${code})`))),
    );
    const request: AnalysisRequest = { snapshot, options };
    worker.postMessage(request);
  });
}

/**
 * The app's analysis: {@link analyzeWithDeadline} with a fixed deadline, in the shape of the
 * pipeline's injected `analyze` collaborator. A plan that makes it too slow fails its check with
 * "analysis took too long" and frees the process for every other installation.
 */
export function analyzerWithDeadline(
  deadlineMs: number = DEFAULT_ANALYSIS_DEADLINE_MS,
  deadline: DeadlineOptions = {},
): (snapshot: PlanSnapshot, options: AnalysisOptions) => Promise<AnalysisReport> {
  return (snapshot, options) => analyzeWithDeadline(snapshot, options, deadlineMs, deadline);
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
