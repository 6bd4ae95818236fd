/**
 * What the HTTP handler and the process lifecycle need of a queue, whichever one runs: the
 * embedded one (process memory) or the Redis one (BullMQ, several instances).
 */
import type { Delivery, DeliveryKeys } from "./delivery.js";

/** `queued`: a worker will run it. `duplicate`: this id is queued, running or done recently. */
export type EnqueueOutcome = "queued" | "duplicate";

/** Runs one delivery (Probot's `receive`); a rejection is a failed attempt. */
export type DeliveryWorker = (delivery: Delivery) => Promise<void>;

/** How one attempt ended: `done`, `retry` (it will run again after a backoff) or `failed`. */
export type AttemptOutcome = "done" | "retry" | "failed";

/** Why a job picked up by a worker was put back to wait instead of running. */
export type DeferReason = "order" | "installation";

/** Told about every attempt, for metrics and logs. */
export interface JobObserver {
  attempted(keys: DeliveryKeys, seconds: number, outcome: AttemptOutcome): void;
  /**
   * A worker took the job but put it back to wait (Redis mode): an earlier delivery of its order
   * key is unfinished, or its installation is at its cap.
   */
  deferred?(keys: DeliveryKeys, reason: DeferReason): void;
}

/** The queue's size as `/metrics` reports it. */
export interface QueueStats {
  /** Waiting to run, including retries waiting out their backoff. */
  waiting: number;
  /** Running now (on this instance for the embedded queue; on any for Redis). */
  active: number;
  /** Age of the oldest waiting delivery in seconds (0 when none waits). */
  oldestAgeSeconds: number;
}

/** A delivery a shutdown left behind, named in the shutdown log. */
export interface UnfinishedDelivery {
  id: string;
  kind: string;
  state: "waiting" | "running";
}

export interface DeliveryQueue {
  /** `embedded` or `redis`, for the startup line and `/ready`. */
  readonly mode: "embedded" | "redis";
  /** Accept a verified delivery; resolves once it is safely queued (or known). */
  enqueue(delivery: Delivery): Promise<EnqueueOutcome>;
  /** Start running deliveries with `worker`. */
  start(worker: DeliveryWorker): void;
  stats(): Promise<QueueStats>;
  /** True when the queue can take deliveries (Redis answers, not closing). */
  ready(): Promise<boolean>;
  /**
   * Stop taking jobs, let running ones finish for up to `graceMs`, and say what was left. The
   * embedded queue's waiting and unfinished jobs are lost; Redis keeps them for another
   * instance (or this one after a restart).
   */
  close(graceMs: number): Promise<UnfinishedDelivery[]>;
}

/** Thrown by `enqueue` when the line is full: the HTTP handler answers 503. */
export class QueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`the delivery queue is full (${limit} waiting)`);
  }
}
