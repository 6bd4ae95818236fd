/**
 * The scaled queue (REDIS_URL): BullMQ on Redis, shared by every instance. Jobs persist; a
 * worker that dies mid-job stops renewing its lock, and BullMQ's stalled check hands the job to
 * another instance; failed attempts back off exponentially; jobs that fail every attempt are kept
 * for inspection (a week). A delivery id is claimed in Redis (`SET NX`) before it is queued, so a
 * redelivery to any instance is recognised; the claim outlives the job by the "done recently"
 * window, and is dropped when the job gives up so a maintainer's redelivery runs it again.
 *
 * The embedded queue's scheduling holds across instances too: deliveries with one order key run
 * one after the other in arrival order (`RedisOrder`), and at most `perInstallation` of one
 * installation run at once (`InstallationLeases`). A job that must wait is moved back to BullMQ's
 * delayed set, so it holds no worker slot, and is woken when the job ahead of it finishes (or
 * looks again after a short delay, should that wake-up be missed).
 */
import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
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
import { REMEMBER_DONE_MS } from "./recent-deliveries.js";
import { InstallationLeases, type Lease } from "./redis-installation-leases.js";
import { RedisOrder } from "./redis-order.js";
import { PendingDeliveries } from "./redis-pending.js";

/** The BullMQ queue every instance of one app shares. */
export const QUEUE_NAME = "parallel-plans-deliveries";
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;
const ENQUEUE_TIMEOUT_MS = 5000;
const PING_TIMEOUT_MS = 2000;
/**
 * How long a waiting job sleeps before it looks again, should the wake-up from the job ahead of
 * it be missed (it was being moved to the delayed set at that moment, or its instance died).
 */
const ORDER_RECHECK_MS = 500;
const INSTALLATION_RECHECK_MS = 1000;
/** How long a burst of deliveries may hold this instance's work back (as in the embedded queue). */
const BURST_DEFER_MS = 2000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export interface RedisQueueOptions {
  /** `redis://…` (REDIS_URL). */
  url: string;
  /** Key prefix, so several apps (or tests) can share one Redis (default `parallel-plans`). */
  prefix?: string;
  /** Deliveries this instance runs at once (default 8). */
  concurrency?: number;
  /** Deliveries of one installation running at once across all instances (default 2). */
  perInstallation?: number;
  /** Attempts per delivery, the first included (default 3). */
  attempts?: number;
  /** Backoff before the second attempt, doubled for each later one (default 2 s). */
  backoffMs?: number;
  /**
   * How long a running job's lock lasts without renewal (default 30 s): after a crash, its job
   * is handed to another instance within about this plus `stalledIntervalMs`.
   */
  lockDurationMs?: number;
  /** How often this instance looks for other instances' stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  rememberMs?: number;
  /**
   * True while this instance is receiving deliveries: then a job it took waits before it starts
   * (one at a time once its delivery has waited 2 s), so the work, which shares this process's
   * thread, does not slow the acknowledgements GitHub waits for.
   */
  busy?: () => boolean;
  observer?: JobObserver;
  onError?: (delivery: Delivery, error: unknown, outcome: "retry" | "failed") => void;
}

/** ioredis options BullMQ needs on a worker's connections (blocking commands must never give up). */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * The connection deliveries are queued on: with Redis away a command fails at once instead of
 * waiting for a reconnection, so the webhook answers 503 (and GitHub shows the failure) and
 * `/ready` says so; ioredis keeps reconnecting, and both recover when Redis is back.
 */
function enqueueConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

export class RedisQueue implements DeliveryQueue {
  readonly mode = "redis" as const;
  private readonly connection: Redis;
  private readonly queue: Queue<Delivery>;
  private readonly prefix: string;
  private readonly attempts: number;
  private readonly rememberSeconds: number;
  private worker: Worker<Delivery> | undefined;
  private workerConnection: Redis | undefined;
  private readonly running = new Map<string, { delivery: Delivery; done: Promise<unknown> }>();
  private readonly order: RedisOrder;
  private readonly leases: InstallationLeases;
  private readonly pending: PendingDeliveries;
  private closing = false;
  /** Jobs past the burst gate (checking their turn, or running) on this instance. */
  private working = 0;
  /** Resolves once the enqueue connection first reached Redis (its commands fail before). */
  private readonly connected: Promise<void>;
  private wasConnected = false;

  constructor(private readonly options: RedisQueueOptions) {
    this.prefix = options.prefix ?? "parallel-plans";
    this.attempts = options.attempts ?? 3;
    this.rememberSeconds = Math.ceil((options.rememberMs ?? REMEMBER_DONE_MS) / 1000);
    this.connection = enqueueConnection(options.url);
    this.connection.on("error", () => undefined); // surfaced by ready() and enqueue()
    this.connected = new Promise((resolve) =>
      this.connection.once("ready", () => {
        this.wasConnected = true;
        resolve();
      }),
    );
    const jobKeyPrefix = `${this.prefix}:${QUEUE_NAME}:`;
    this.order = new RedisOrder({ prefix: this.prefix, jobKeyPrefix });
    this.pending = new PendingDeliveries({ prefix: this.prefix, queueKeyPrefix: jobKeyPrefix });
    this.leases = new InstallationLeases({
      prefix: this.prefix,
      jobKeyPrefix,
      cap: options.perInstallation ?? 2,
      ttlMs: options.lockDurationMs ?? 30_000,
    });
    this.queue = new Queue<Delivery>(QUEUE_NAME, {
      connection: this.connection,
      prefix: this.prefix,
    });
    this.queue.on("error", () => undefined);
  }

  async enqueue(delivery: Delivery): Promise<EnqueueOutcome> {
    if (this.closing) throw new Error("the delivery queue is closing");
    // A Redis that is away fails at once; a slow one must not hold the answer past GitHub's
    // 10 s either: answer 503 well before that.
    return within(this.claimAndAdd(delivery), ENQUEUE_TIMEOUT_MS, "queueing the delivery");
  }

  private async claimAndAdd(delivery: Delivery): Promise<EnqueueOutcome> {
    const claim = this.claimKey(delivery.id);
    const claimed = await this.connection.set(claim, "1", "EX", this.rememberSeconds, "NX");
    if (claimed === null) return "duplicate";
    const { orderKey, kind } = deliveryKeys(delivery);
    try {
      // In line before the job exists, so no worker can run it ahead of its place.
      if (orderKey !== undefined) await this.order.join(this.connection, orderKey, delivery.id);
      // Counted as waiting from its arrival, wherever BullMQ keeps it until it finishes.
      await this.pending.add(this.connection, delivery.id, delivery.receivedAt);
      // A job kept after failing every attempt holds the id: a redelivery retries it.
      const existing = await this.queue.getJob(delivery.id);
      if (existing && (await existing.isFailed())) {
        await existing.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
        return "queued";
      }
      if (existing && (await existing.isCompleted())) await existing.remove();
      await this.queue.add(kind, delivery, {
        jobId: delivery.id,
        attempts: this.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs ?? 2000 },
        removeOnComplete: { age: this.rememberSeconds },
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      });
      return "queued";
    } catch (error) {
      // Not queued: let GitHub's (or the maintainer's) redelivery try again. An entry left in
      // the order line (Redis went away) is dropped by the next job of its key after a grace.
      await this.connection.del(claim).catch(() => undefined);
      if (orderKey !== undefined)
        await this.order.leave(this.connection, orderKey, delivery.id).catch(() => undefined);
      throw error;
    }
  }

  start(run: DeliveryWorker): void {
    const { observer, onError } = this.options;
    const connection = (this.workerConnection = redisConnection(this.options.url));
    this.worker = new Worker<Delivery>(
      QUEUE_NAME,
      async (job: Job<Delivery>, token?: string) => {
        await this.afterBurst(job.data);
        this.working++;
        try {
          await this.process(job, token, connection, run);
        } finally {
          this.working--;
        }
      },
      {
        connection,
        prefix: this.prefix,
        concurrency: this.options.concurrency ?? 8,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 2,
      },
    );
    this.worker.on("error", () => undefined);
    this.worker.on("completed", (job) => {
      const keys = deliveryKeys(job.data);
      observer?.attempted(keys, seconds(job), "done");
      void this.finished(keys, job.data.id);
    });
    this.worker.on("failed", (job, error) => {
      if (!job) return;
      const keys = deliveryKeys(job.data);
      const outcome = job.attemptsMade < (job.opts.attempts ?? 1) ? "retry" : "failed";
      observer?.attempted(keys, seconds(job), outcome);
      onError?.(job.data, error, outcome);
      if (outcome === "retry") return;
      void this.connection.del(this.claimKey(job.data.id)).catch(() => 0);
      // Given up: its place goes to the next delivery of its key, which must not wait for ever.
      void this.finished(keys, job.data.id);
    });
  }

  /** Run the job if its turn has come and its installation has a free slot; else defer it. */
  private async process(
    job: Job<Delivery>,
    token: string | undefined,
    connection: Redis,
    run: DeliveryWorker,
  ): Promise<void> {
    const keys = deliveryKeys(job.data);
    const id = job.id!;
    if (keys.orderKey !== undefined && !(await this.order.isTurn(connection, keys.orderKey, id)))
      return this.defer(job, token, keys, "order", ORDER_RECHECK_MS);
    let lease: Lease | undefined;
    if (keys.installation !== undefined) {
      lease = await this.leases.acquire(connection, keys.installation, id, job.data.receivedAt);
      if (!lease) return this.defer(job, token, keys, "installation", INSTALLATION_RECHECK_MS);
    }
    const done = run(job.data);
    this.running.set(id, { delivery: job.data, done: done.catch(() => undefined) });
    try {
      await done;
    } finally {
      this.running.delete(id);
      // A lease not released (Redis away) lapses after the lock's duration.
      const next = await lease?.release().catch(() => undefined);
      if (next !== undefined) void this.wake(next);
    }
  }

  /** Wait while deliveries arrive, as the embedded queue does; one job may start after 2 s. */
  private async afterBurst(delivery: Delivery): Promise<void> {
    const busy = this.options.busy;
    if (!busy) return;
    while (
      busy() &&
      !this.closing &&
      !(this.working === 0 && Date.now() - delivery.receivedAt > BURST_DEFER_MS)
    )
      await this.tick();
  }

  private nextTick: Promise<void> | undefined;

  /** 5 ms from now, one timer shared by every job waiting out a burst. */
  private tick(): Promise<void> {
    return (this.nextTick ??= new Promise<void>((resolve) =>
      setTimeout(() => {
        this.nextTick = undefined;
        resolve();
      }, 5),
    ));
  }

  /**
   * Put a job that may not run yet back in BullMQ's delayed set for `ms` (no worker slot held,
   * no attempt spent); the job ahead of it wakes it sooner when it finishes.
   */
  private async defer(
    job: Job<Delivery>,
    token: string | undefined,
    keys: DeliveryKeys,
    reason: "order" | "installation",
    ms: number,
  ): Promise<never> {
    await job.moveToDelayed(Date.now() + ms, token);
    this.options.observer?.deferred?.(keys, reason);
    throw new DelayedError();
  }

  /** The job `id` waits in the delayed set for a turn that has come: run it now. */
  private async wake(id: string): Promise<void> {
    try {
      const job = await this.queue.getJob(id);
      // Not delayed (still deciding to wait, or already running): it looks again by itself.
      if (job && (await job.isDelayed())) await job.promote();
    } catch {
      // Raced with its own move: the recheck delay bounds the wait.
    }
  }

  /**
   * Job `id` completed or gave up: it waits no more, and its place in its key's line goes to the
   * next job. Either write may be lost (Redis away): the readers drop finished entries themselves.
   */
  private async finished(keys: DeliveryKeys, id: string): Promise<void> {
    await Promise.all([
      this.pending.remove(this.connection, id).catch(() => undefined),
      this.leaveLine(keys, id),
    ]);
  }

  private async leaveLine(keys: DeliveryKeys, id: string): Promise<void> {
    if (keys.orderKey === undefined || !this.workerConnection) return;
    const next = await this.order
      .leave(this.workerConnection, keys.orderKey, id)
      .catch(() => undefined);
    if (next !== undefined) await this.wake(next);
  }

  async stats(): Promise<QueueStats> {
    return within(this.readStats(), PING_TIMEOUT_MS, "the queue's counts");
  }

  private async readStats(): Promise<QueueStats> {
    const now = Date.now();
    const [counts, oldest] = await Promise.all([
      this.queue.getJobCounts("wait", "delayed", "prioritized", "active"),
      this.pending.oldestWaiting(this.connection, now),
    ]);
    return {
      waiting: (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000),
    };
  }

  async ready(): Promise<boolean> {
    if (this.closing) return false;
    try {
      if (this.connection.status !== "ready") {
        // Only the first connection is waited for (at startup); later, Redis is away.
        if (this.wasConnected) return false;
        await within(this.connected, PING_TIMEOUT_MS, "connecting");
      }
      return (await within(this.connection.ping(), PING_TIMEOUT_MS, "PING")) === "PONG";
    } catch {
      return false;
    }
  }

  async close(graceMs: number): Promise<UnfinishedDelivery[]> {
    // With Redis gone, BullMQ's close would wait for it for ever: a shutdown must end.
    let timer: NodeJS.Timeout | undefined;
    const abandon = new Promise<UnfinishedDelivery[]>((resolve) => {
      timer = setTimeout(() => {
        this.connection.disconnect();
        this.workerConnection?.disconnect();
        void this.worker?.close(true).catch(() => undefined);
        void this.queue.disconnect().catch(() => undefined);
        resolve(this.runningDeliveries());
      }, graceMs + 5000);
    });
    const closed = await Promise.race([this.closeInOrder(graceMs), abandon]);
    clearTimeout(timer);
    return closed;
  }

  private runningDeliveries(): UnfinishedDelivery[] {
    return [...this.running.values()].map(({ delivery }) => ({
      id: delivery.id,
      kind: deliveryKeys(delivery).kind,
      state: "running" as const,
    }));
  }

  private async closeInOrder(graceMs: number): Promise<UnfinishedDelivery[]> {
    this.closing = true;
    const worker = this.worker;
    let left: UnfinishedDelivery[] = [];
    if (worker) {
      // Take no more jobs, then give the running ones the grace period.
      await worker.pause(true);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.running.values()].map((r) => r.done)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
      left = this.runningDeliveries();
      // Forced: our jobs are finished or left behind (their locks lapse and another instance
      // runs them again). Waiting for BullMQ's fetch loop instead can hang for ever once Redis
      // has restarted under it (its blocking fetch never settles).
      await worker.close(true).catch(() => undefined);
      // BullMQ leaves a connection it was given open: ours to close, like the queue's.
      await this.workerConnection?.quit().catch(() => this.workerConnection?.disconnect());
    }
    await this.disconnect();
    return left;
  }

  private async disconnect(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    // BullMQ leaves a connection it was given open: it is ours to close.
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private claimKey(id: string): string {
    return `${this.prefix}:delivery:${id}`;
  }
}

function seconds(job: Job): number {
  return job.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : 0;
}
