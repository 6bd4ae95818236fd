/**
 * The worker thread's side of {@link analyzeWithDeadline}: receives snapshots and their options,
 * one at a time, and answers each with the analysis report or with the error's message. The
 * thread stays up between analyses, so the core's modules stay loaded and compiled. Runs the same pure core as the
 * main thread; only the thread differs, so the main thread can stop it.
 */
import { parentPort } from "node:worker_threads";
import { analyzeSnapshot } from "../core/analyze.js";
import type { AnalysisReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";

/** What the main thread sends. */
export interface AnalysisRequest {
  snapshot: PlanSnapshot;
  options: AnalysisOptions;
}

/** What the worker answers: the report, or why there is none. */
export type AnalysisAnswer = { ok: true; report: AnalysisReport } | { ok: false; message: string };

/** Analyse one request; never throws (an exception becomes its message). */
export function answer(request: AnalysisRequest): AnalysisAnswer {
  try {
    return { ok: true, report: analyzeSnapshot(request.snapshot, request.options) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (request: AnalysisRequest) => {
  parentPort?.postMessage(answer(request));
});
