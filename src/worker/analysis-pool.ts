/**
 * Warm worker threads for analyses with a deadline. A fresh thread per analysis pays a thread
 * start plus a cold load and JIT of the whole core on every check; the pool keeps a few threads
 * and hands each one analysis at a time, queueing the rest. A thread that runs past the deadline
 * is terminated (only that one); a thread that crashes is dropped; either is replaced when the
 * next analysis needs a thread. Idle threads are unref'd, so the pool never keeps a process alive.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnalysisReport } from "../core/model.js";
import type { AnalysisOptions } from "../core/options.js";
import type { PlanSnapshot } from "../core/types.js";
import type { AnalysisAnswer, AnalysisRequest } from "./analysis-worker.js";

/** Default bound on one analysis: far above any real plan (100,000 achievements take ~3 s). */
export const DEFAULT_ANALYSIS_DEADLINE_MS = 30_000;

/**
 * Default number of threads: one core stays with the main thread (webhooks, GitHub requests,
 * rendering), the rest analyse, at most two: a check analyses in tens of milliseconds, so two
 * threads already outrun the GitHub writes each check waits on, and every thread holds its own
 * copy of the core's heap.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/** The analysis did not finish in time; its worker thread was stopped. */
export class AnalysisTimeoutError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`analysis took too long (over ${formatSeconds(deadlineMs)} s)`);
    this.name = "AnalysisTimeoutError";
  }
}

/** How a pool runs its threads. */
export interface PoolOptions {
  /** Bound on one analysis, from the moment a thread takes it (time queued does not count). */
  deadlineMs?: number;
  /** Most threads at once; {@link defaultPoolSize} by default. */
  size?: number;
  /** The worker script; the built `analysis-worker.js` beside this module by default. */
  workerUrl?: URL;
}

interface Job {
  request: AnalysisRequest;
  resolve: (report: AnalysisReport) => void;
  reject: (error: Error) => void;
}

/** One thread and the job it is running, if any. */
interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/** Analyses in a few reused worker threads, each bounded by a deadline. */
export class AnalysisPool {
  readonly deadlineMs: number;
  readonly size: number;
  private readonly workerUrl: URL;
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor({
    deadlineMs = DEFAULT_ANALYSIS_DEADLINE_MS,
    size = defaultPoolSize(),
    workerUrl = new URL("./analysis-worker.js", import.meta.url),
  }: PoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) {
      throw new Error(`the analysis pool needs at least one thread (got ${size})`);
    }
    this.deadlineMs = deadlineMs;
    this.size = size;
    this.workerUrl = workerUrl;
  }

  /**
   * Analyse `snapshot` in a pooled thread; reject with {@link AnalysisTimeoutError} when it takes
   * longer than the deadline, or with the analysis' own error message when it fails.
   */
  analyze(snapshot: PlanSnapshot, options: AnalysisOptions): Promise<AnalysisReport> {
    if (this.closed) return Promise.reject(new Error("the analysis pool is closed"));
    return new Promise<AnalysisReport>((resolve, reject) => {
      this.queue.push({ request: { snapshot, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every thread; queued and running analyses reject. Safe to call more than once. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("the analysis pool is closed"));
    const stopping = [...this.slots].map((slot) => {
      this.drop(slot);
      slot.job?.reject(new Error("the analysis pool is closed"));
      slot.job = undefined;
      return slot.worker.terminate();
    });
    await Promise.all(stopping);
  }

  /** Hand queued jobs to idle threads, starting threads up to the pool's size. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idle.pop() ?? (this.slots.size < this.size ? this.spawn() : undefined);
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(
      () => this.fail(slot, new AnalysisTimeoutError(this.deadlineMs)),
      this.deadlineMs,
    );
    slot.worker.postMessage(job.request);
  }

  private spawn(): Slot {
    // The thread takes the process's Node flags, less those only an entry script may carry.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--input-type"));
    const slot: Slot = { worker: new Worker(this.workerUrl, { execArgv }) };
    slot.worker.unref();
    this.slots.add(slot);
    slot.worker.on("message", (answer: AnalysisAnswer) => this.answered(slot, answer));
    slot.worker.on("error", (error) =>
      this.fail(slot, new Error(`analysis failed: ${error.message}`)),
    );
    slot.worker.on("exit", (code) =>
      this.fail(slot, new Error(`analysis stopped before answering (exit code ${code})`)),
    );
    return slot;
  }

  private answered(slot: Slot, answer: AnalysisAnswer): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    this.idle.push(slot);
    if (answer.ok) job.resolve(answer.report);
    else job.reject(new Error(answer.message));
    this.dispatch();
  }

  /** The thread is done for (timed out, crashed or exited): stop it; its job, if any, rejects. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.has(slot)) return;
    this.drop(slot);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    if (!this.closed) this.dispatch();
  }

  private drop(slot: Slot): void {
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
  }
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
