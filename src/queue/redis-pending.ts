/**
 * Every delivery queued and not yet finished, across every instance sharing one Redis: a sorted
 * set of job ids scored by when their delivery arrived. It answers one question BullMQ's own keys
 * cannot answer cheaply: how long the oldest delivery still waiting has waited. A waiting delivery
 * may be in BullMQ's wait list, its prioritized set or its delayed set (a retry waiting out its
 * backoff, or a job put back because its turn or its installation's slot had not come), and the
 * delayed set is ordered by when a job may run next, not by when it arrived.
 *
 * An entry leaves when its job completes or fails for good. Should that be missed (the instance
 * died, Redis was away), reading the oldest drops entries whose job is finished or gone on the
 * way, as the order lines do (`redis-order.ts`), so a lost entry never holds the figure up.
 */
import type { Redis } from "ioredis";

/**
 * KEYS: pending, BullMQ's active list. ARGV: job hash prefix, now (ms), grace (ms). The arrival
 * (ms) of the oldest entry whose job waits, or false when none does. Entries whose job is running
 * are passed over (they are the active count's); entries whose job finished are dropped, and so
 * are entries with no job hash once older than the grace (the entry is written just before its
 * job is added, so a young one may be on its way).
 */
const OLDEST = `
local at = 0
while true do
  local entry = redis.call("ZRANGE", KEYS[1], at, at, "WITHSCORES")
  if not entry[1] then return false end
  local job = ARGV[1] .. entry[1]
  local gone
  if redis.call("EXISTS", job) == 0 then
    gone = tonumber(ARGV[2]) - tonumber(entry[2]) > tonumber(ARGV[3])
  else
    gone = redis.call("HEXISTS", job, "finishedOn") == 1
  end
  if gone then
    redis.call("ZREM", KEYS[1], entry[1])
  elseif redis.call("LPOS", KEYS[2], entry[1]) then
    at = at + 1
  else
    return entry[2]
  end
end
`;

export interface PendingDeliveriesOptions {
  /** Key prefix. */
  prefix: string;
  /** BullMQ's key prefix of the queue (`<prefix>:<queue>:`): its job hashes and active list. */
  queueKeyPrefix: string;
  /** How long an entry may wait for its job to appear (default 30 s, well over an enqueue). */
  graceMs?: number;
}

export class PendingDeliveries {
  private readonly key: string;
  private readonly graceMs: number;

  constructor(private readonly options: PendingDeliveriesOptions) {
    this.key = `${options.prefix}:pending`;
    this.graceMs = options.graceMs ?? 30_000;
  }

  /**
   * Record job `id`, whose delivery arrived at `receivedAt` (before the job is added). An entry
   * already there keeps its older arrival.
   */
  async add(redis: Redis, id: string, receivedAt: number): Promise<void> {
    await redis.zadd(this.key, "NX", receivedAt, id);
  }

  /** The job `id` finished (completed, or failed for good). */
  async remove(redis: Redis, id: string): Promise<void> {
    await redis.zrem(this.key, id);
  }

  /** When the oldest delivery still waiting arrived (ms), or undefined when none waits. */
  async oldestWaiting(redis: Redis, now: number): Promise<number | undefined> {
    const { queueKeyPrefix } = this.options;
    const oldest = await redis.eval(
      OLDEST,
      2,
      this.key,
      `${queueKeyPrefix}active`,
      queueKeyPrefix,
      now,
      this.graceMs,
    );
    return typeof oldest === "string" ? Number(oldest) : undefined;
  }
}
