/**
 * Arrival order per order key (pushes to one branch, events of one pull request) across every
 * instance sharing one Redis. Each key has a line, a sorted set of job ids scored by when Redis
 * saw them arrive; a job runs only when it is at the head. The head leaves the line when its job
 * completes or fails for good (its BullMQ hash has `finishedOn`), or when its job is gone (removed,
 * or never queued because Redis went away between the two writes), so no key waits for ever. A job
 * whose worker died is still unfinished, so it keeps its place and runs again before the later
 * ones. A line no one has touched for `ttlMs` expires.
 */
import type { Redis } from "ioredis";

/**
 * KEYS: line. ARGV: job id, ttl (ms). Joins at the end: scored by Redis's clock (ms), at least one
 * past the last entry, so arrival order holds even within one millisecond.
 */
const JOIN = `
local t = redis.call("TIME")
local at = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = redis.call("ZRANGE", KEYS[1], -1, -1, "WITHSCORES")
if last[2] and last[1] ~= ARGV[1] then at = math.max(at, tonumber(last[2]) + 1) end
redis.call("ZADD", KEYS[1], at, ARGV[1])
redis.call("PEXPIRE", KEYS[1], ARGV[2])
return 1
`;

/**
 * KEYS: line. ARGV: job id, job hash prefix, grace (ms), ttl (ms). 1 when the job is at the head
 * (after dropping heads whose job finished or is gone), or not in the line at all (it expired:
 * run rather than wait for nothing); 0 while an earlier job is unfinished. A head with no job
 * hash is dropped only after the grace, since it joins the line just before its job is added.
 */
const TURN = `
if not redis.call("ZSCORE", KEYS[1], ARGV[1]) then return 1 end
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
while true do
  local head = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
  if head[1] == ARGV[1] then
    redis.call("PEXPIRE", KEYS[1], ARGV[4])
    return 1
  end
  local job = ARGV[2] .. head[1]
  local gone
  if redis.call("EXISTS", job) == 0 then
    gone = now - tonumber(head[2]) > tonumber(ARGV[3])
  else
    gone = redis.call("HEXISTS", job, "finishedOn") == 1
  end
  if not gone then return 0 end
  redis.call("ZREM", KEYS[1], head[1])
end
`;

/** KEYS: line. ARGV: job id. Leaves the line; returns the new head's id (or false). */
const LEAVE = `
redis.call("ZREM", KEYS[1], ARGV[1])
local head = redis.call("ZRANGE", KEYS[1], 0, 0)
return head[1] or false
`;

export interface RedisOrderOptions {
  /** Key prefix for the lines. */
  prefix: string;
  /** What BullMQ puts before a job id to name its hash (`<prefix>:<queue>:`). */
  jobKeyPrefix: string;
  /** How long a line outlives its last use (default one day). */
  ttlMs?: number;
  /** How long an entry may wait for its job to appear (default 30 s, well over an enqueue). */
  graceMs?: number;
}

export class RedisOrder {
  private readonly ttlMs: number;
  private readonly graceMs: number;

  constructor(private readonly options: RedisOrderOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 3600 * 1000;
    this.graceMs = options.graceMs ?? 30_000;
  }

  /** Put `id` at the end of `orderKey`'s line (before its job is added to the queue). */
  async join(redis: Redis, orderKey: string, id: string): Promise<void> {
    await redis.eval(JOIN, 1, this.line(orderKey), id, this.ttlMs);
  }

  /** Whether every earlier job of `orderKey` has finished, so `id` may run now. */
  async isTurn(redis: Redis, orderKey: string, id: string): Promise<boolean> {
    const { jobKeyPrefix } = this.options;
    const turn = await redis.eval(
      TURN,
      1,
      this.line(orderKey),
      id,
      jobKeyPrefix,
      this.graceMs,
      this.ttlMs,
    );
    return turn === 1;
  }

  /** Take `id` out of the line; returns the job now at the head, to wake it. */
  async leave(redis: Redis, orderKey: string, id: string): Promise<string | undefined> {
    const next = await redis.eval(LEAVE, 1, this.line(orderKey), id);
    return typeof next === "string" ? next : undefined;
  }

  private line(orderKey: string): string {
    return `${this.options.prefix}:order:${orderKey}`;
  }
}
