/**
 * The per-installation pacer of content-creating requests, shared by every instance: the same
 * slot rule as the memory pacer (at least `minGapMs` after the previous slot, at most
 * `perMinute` in any minute and `perHour` in any hour, none before a hold GitHub asked for),
 * with the slots of one key in a Redis sorted set and the next slot reserved in one script, so
 * two instances spending one installation's token queue behind each other instead of both
 * sending. Redis's clock decides, so instances with skewed clocks still agree.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** GitHub's secondary limits for the content-creating requests of one token. */
export interface RedisPacerLimits {
  minGapMs: number;
  perMinute: number;
  perHour: number;
}

const DEFAULT_LIMITS: RedisPacerLimits = { minGapMs: 1000, perMinute: 80, perHour: 500 };

/**
 * KEYS: slots (sorted set by time), hold. ARGV: min gap, per minute, per hour, member.
 * Reserves the earliest slot that keeps every limit; returns how long to wait for it (ms).
 */
const TAKE = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hour = 3600000
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - hour)
local at = math.max(now, tonumber(redis.call("GET", KEYS[2]) or "0"))
local last = redis.call("ZRANGE", KEYS[1], -1, -1, "WITHSCORES")
if last[2] then at = math.max(at, tonumber(last[2]) + tonumber(ARGV[1])) end
local n = redis.call("ZCARD", KEYS[1])
local perMinute = tonumber(ARGV[2])
local perHour = tonumber(ARGV[3])
if n >= perMinute then
  local s = redis.call("ZRANGE", KEYS[1], n - perMinute, n - perMinute, "WITHSCORES")
  at = math.max(at, tonumber(s[2]) + 60000)
end
if n >= perHour then
  local s = redis.call("ZRANGE", KEYS[1], n - perHour, n - perHour, "WITHSCORES")
  at = math.max(at, tonumber(s[2]) + hour)
end
redis.call("ZADD", KEYS[1], at, ARGV[4])
redis.call("PEXPIRE", KEYS[1], hour + at - now)
return at - now
`;

/** KEYS: hold. ARGV: hold length from now (ms). Keeps the later of the two holds. */
const HOLD = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local held = tonumber(redis.call("GET", KEYS[1]) or "0")
if untilMs > held then redis.call("SET", KEYS[1], untilMs, "PX", tonumber(ARGV[1]) + 1000) end
return 0
`;

export class RedisPacer {
  readonly limits: RedisPacerLimits;
  /** Total time callers of this instance waited, in ms. */
  waited = 0;

  constructor(
    private readonly redis: Redis,
    limits: Partial<RedisPacerLimits> = {},
    private readonly prefix = "parallel-plans",
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Reserves the next slot of `key` across every instance and waits until it comes. */
  async take(key: string): Promise<void> {
    const { minGapMs, perMinute, perHour } = this.limits;
    const wait = Number(
      await this.redis.eval(
        TAKE,
        2,
        `${this.prefix}:pace:${key}`,
        `${this.prefix}:pace:${key}:hold`,
        minGapMs,
        perMinute,
        perHour,
        randomUUID(),
      ),
    );
    if (wait > 0) {
      this.waited += wait;
      await this.sleep(wait);
    }
  }

  /** GitHub said to wait: no slot of `key` on any instance before `untilMs` (this clock). */
  async holdUntil(key: string, untilMs: number): Promise<void> {
    const ms = Math.ceil(untilMs - Date.now());
    if (ms <= 0) return;
    await this.redis.eval(HOLD, 1, `${this.prefix}:pace:${key}:hold`, ms);
  }
}
