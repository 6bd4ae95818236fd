/**
 * The embedded queue (no REDIS_URL): deliveries wait in process memory and run here with
 * bounded concurrency overall and per installation, in arrival order per order key (pushes to
 * one branch, events of one pull request). A failed attempt is retried after a backoff, in its
 * place in the line. A crash (SIGKILL, out of memory) loses what is waiting or running: that is
 * the price of needing no other server (docs/operations.md).
 */
import type { Delivery, DeliveryKeys } from "./delivery.js";
import { deliveryKeys } from "./delivery.js";
import type {
  DeliveryQueue,
  DeliveryWorker,
  EnqueueOutcome,
  JobObserver,
  QueueStats,
  UnfinishedDelivery,
} from "./delivery-queue.js";
import { QueueFullError } from "./delivery-queue.js";
import { RecentDeliveries } from "./recent-deliveries.js";

/** How long a burst of deliveries may hold all work back. */
const BURST_DEFER_MS = 2000;

export interface MemoryQueueOptions {
  /** Deliveries running at once in this process (default 8). */
  concurrency?: number;
  /** Deliveries of one installation running at once (default 2): one busy org cannot take all. */
  perInstallation?: number;
  /** Attempts per delivery, the first included (default 3). */
  attempts?: number;
  /** Backoff before the second attempt, doubled for each later one (default 2 s). */
  backoffMs?: number;
  /** Deliveries waiting at most; past it the HTTP handler answers 503 (default 10,000). */
  maxWaiting?: number;
  /**
   * True while deliveries are being received: then no new job starts (at most one once a
   * delivery has waited 2 s), so the work, which shares this process's one thread, does not
   * slow the acknowledgements GitHub waits for.
   */
  busy?: () => boolean;
  observer?: JobObserver;
  /** Told about a failed attempt (the error is logged there, with the delivery). */
  onError?: (delivery: Delivery, error: unknown, outcome: "retry" | "failed") => void;
  now?: () => number;
  recent?: RecentDeliveries;
}

interface Job {
  delivery: Delivery;
  keys: DeliveryKeys;
  attempt: number;
  /** A retry waits until then (ms since the epoch). */
  notBefore: number;
}

export class MemoryQueue implements DeliveryQueue {
  readonly mode = "embedded" as const;
  private readonly concurrency: number;
  private readonly perInstallation: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxWaiting: number;
  private readonly now: () => number;
  private readonly recent: RecentDeliveries;
  private readonly waiting: Job[] = [];
  private readonly running = new Map<string, { job: Job; done: Promise<void> }>();
  private readonly runningPerInstallation = new Map<number, number>();
  private readonly runningOrderKeys = new Set<string>();
  private worker: DeliveryWorker | undefined;
  private closing = false;
  private wakeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MemoryQueueOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.perInstallation = options.perInstallation ?? 2;
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 2000;
    this.maxWaiting = options.maxWaiting ?? 10_000;
    this.now = options.now ?? Date.now;
    this.recent = options.recent ?? new RecentDeliveries(this.now);
  }

  async enqueue(delivery: Delivery): Promise<EnqueueOutcome> {
    if (this.closing) throw new Error("the delivery queue is closing");
    if (this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.maxWaiting);
    if (!this.recent.claim(delivery.id)) return "duplicate";
    this.waiting.push({ delivery, keys: deliveryKeys(delivery), attempt: 1, notBefore: 0 });
    // After this turn: the HTTP handler answers before any of the work runs.
    setImmediate(() => this.pump());
    return "queued";
  }

  start(worker: DeliveryWorker): void {
    this.worker = worker;
    this.pump();
  }

  async stats(): Promise<QueueStats> {
    const oldest = this.waiting.reduce(
      (min, job) => Math.min(min, job.delivery.receivedAt),
      Number.POSITIVE_INFINITY,
    );
    return {
      waiting: this.waiting.length,
      active: this.running.size,
      oldestAgeSeconds: Number.isFinite(oldest) ? Math.max(0, (this.now() - oldest) / 1000) : 0,
    };
  }

  async ready(): Promise<boolean> {
    return !this.closing && this.worker !== undefined;
  }

  async close(graceMs: number): Promise<UnfinishedDelivery[]> {
    this.closing = true;
    clearTimeout(this.wakeTimer);
    const left: UnfinishedDelivery[] = this.waiting
      .splice(0)
      .map(({ delivery, keys }) => ({ id: delivery.id, kind: keys.kind, state: "waiting" }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([
      Promise.allSettled([...this.running.values()].map((r) => r.done)),
      timeout,
    ]);
    clearTimeout(timer);
    for (const { job } of this.running.values())
      left.push({ id: job.delivery.id, kind: job.keys.kind, state: "running" });
    return left;
  }

  /** Start every waiting job the limits allow, in arrival order. */
  private pump(): void {
    if (!this.worker || this.closing) return;
    const now = this.now();
    // An order key whose earlier delivery cannot start yet blocks its later ones too.
    const blocked = new Set<string>();
    let nextWake = Number.POSITIVE_INFINITY;
    const busy = this.options.busy?.() ?? false;
    // During a burst the work waits (GitHub's pacing, not this, decides when checks finish);
    // a delivery that has waited BURST_DEFER_MS gets one slot, so a steady stream starves none.
    const starving =
      busy &&
      this.waiting.length > 0 &&
      now - this.waiting[0]!.delivery.receivedAt > BURST_DEFER_MS;
    const limit = busy ? (starving ? 1 : 0) : this.concurrency;
    // Nothing else wakes the queue when a burst of deliveries ends: look again shortly.
    if (busy && this.waiting.length > 0) nextWake = now + 5;
    for (let i = 0; i < this.waiting.length && this.running.size < limit;) {
      const job = this.waiting[i]!;
      const { orderKey, installation } = job.keys;
      const busyOrder =
        orderKey !== undefined && (blocked.has(orderKey) || this.runningOrderKeys.has(orderKey));
      const busyInstallation =
        installation !== undefined &&
        (this.runningPerInstallation.get(installation) ?? 0) >= this.perInstallation;
      if (busyOrder || busyInstallation || job.notBefore > now) {
        if (job.notBefore > now) nextWake = Math.min(nextWake, job.notBefore);
        if (orderKey !== undefined) blocked.add(orderKey);
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.run(job);
    }
    if (Number.isFinite(nextWake)) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, nextWake - now));
      this.wakeTimer.unref();
    }
  }

  private run(job: Job): void {
    const { delivery, keys } = job;
    if (keys.orderKey !== undefined) this.runningOrderKeys.add(keys.orderKey);
    if (keys.installation !== undefined)
      this.runningPerInstallation.set(
        keys.installation,
        (this.runningPerInstallation.get(keys.installation) ?? 0) + 1,
      );
    const started = this.now();
    // The work starts in the next check phase, so pending I/O (acknowledgements) goes first.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.attempt(job))
      .then((outcome) => {
        this.running.delete(delivery.id);
        if (keys.orderKey !== undefined) this.runningOrderKeys.delete(keys.orderKey);
        if (keys.installation !== undefined) {
          const count = (this.runningPerInstallation.get(keys.installation) ?? 1) - 1;
          if (count > 0) this.runningPerInstallation.set(keys.installation, count);
          else this.runningPerInstallation.delete(keys.installation);
        }
        this.options.observer?.attempted(keys, (this.now() - started) / 1000, outcome);
        if (outcome === "done") this.recent.finished(delivery.id);
        if (outcome === "failed") this.recent.release(delivery.id);
        if (outcome === "retry" && !this.closing) {
          const backoff = this.backoffMs * 2 ** (job.attempt - 1);
          // Back in its place at the front, so later deliveries of its order key keep waiting.
          this.waiting.unshift({
            ...job,
            attempt: job.attempt + 1,
            notBefore: this.now() + backoff,
          });
        }
        this.pump();
      });
    this.running.set(delivery.id, { job, done });
  }

  private async attempt(job: Job): Promise<"done" | "retry" | "failed"> {
    try {
      await this.worker!(job.delivery);
      return "done";
    } catch (error) {
      const outcome = job.attempt < this.attempts && !this.closing ? "retry" : "failed";
      this.options.onError?.(job.delivery, error, outcome);
      return outcome;
    }
  }
}
