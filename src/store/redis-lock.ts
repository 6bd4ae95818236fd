/**
 * A keyed lock every instance sees (Redis): `SET key token NX PX ttl`, renewed while the task
 * runs, released only by its holder (compare and delete). A holder that dies stops renewing, so
 * its lock lapses after `ttlMs` instead of blocking the key for ever. Waiters poll with a short,
 * growing delay; Redis has no fair queue here, so arrival order between instances is not kept
 * (the delivery queue orders what must be ordered).
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Delete the key only when it still holds our token. */
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;
/** Extend the key's expiry only when it still holds our token. */
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`;

export interface RedisLockOptions {
  /** Key prefix (default `parallel-plans`). */
  prefix?: string;
  /** How long a lock outlives a holder that stopped renewing it (default 30 s). */
  ttlMs?: number;
  /** How long a waiter waits before giving up with an error (default 10 minutes). */
  maxWaitMs?: number;
}

export class RedisLock {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisLockOptions = {},
  ) {
    this.prefix = options.prefix ?? "parallel-plans";
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  }

  /** Runs `task` while holding `key` across every instance; returns its result. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const name = `${this.prefix}:lock:${key}`;
    const token = randomUUID();
    await this.acquire(name, token);
    const renewal = setInterval(
      () => void this.redis.eval(RENEW, 1, name, token, this.ttlMs).catch(() => undefined),
      Math.max(50, Math.floor(this.ttlMs / 3)),
    );
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE, 1, name, token).catch(() => undefined);
    }
  }

  private async acquire(name: string, token: string): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    let delay = 20;
    for (;;) {
      if ((await this.redis.set(name, token, "PX", this.ttlMs, "NX")) === "OK") return;
      if (Date.now() > deadline)
        throw new Error(`lock ${name} still held after ${Math.round(this.maxWaitMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(250, delay * 2);
    }
  }
}
