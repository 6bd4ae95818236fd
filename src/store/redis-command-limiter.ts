/**
 * The per-user, per-repository limit on slash commands, shared by every instance: a sliding
 * window of command times in a Redis sorted set, updated in one script so two instances cannot
 * both admit the eleventh command. As in the memory limiter, the first refusal in a window is
 * answered once; later ones cost no request.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * KEYS: times (sorted set), notified flag. ARGV: window ms, limit, count, member prefix.
 * Returns { allowed, notify (0/1), oldest time ms }. Time is Redis's, so instances agree.
 */
const TAKE = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window)
local counted = redis.call("ZCARD", KEYS[1])
if counted == 0 then redis.call("DEL", KEYS[2]) end
local allowed = math.max(0, math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) - counted))
for i = 1, allowed do redis.call("ZADD", KEYS[1], now, ARGV[4] .. ":" .. i) end
if allowed > 0 then redis.call("PEXPIRE", KEYS[1], window) end
local notify = 0
if tonumber(ARGV[3]) > allowed then
  if redis.call("SET", KEYS[2], "1", "PX", window, "NX") then notify = 1 end
end
local oldest = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
return { allowed, notify, oldest[2] or tostring(now) }
`;

/** What the limiter allows of a comment's commands (the memory limiter's shape). */
export interface RedisAdmission {
  allowed: number;
  notify: boolean;
  retryAt: Date;
}

export class RedisCommandLimiter {
  constructor(
    private readonly redis: Redis,
    readonly limit: number,
    readonly windowMs: number,
    private readonly prefix = "parallel-plans",
  ) {}

  async take(repositoryId: number, login: string, count: number): Promise<RedisAdmission> {
    const key = `${this.prefix}:commands:${repositoryId}:${login.toLowerCase()}`;
    const [allowed, notify, oldest] = (await this.redis.eval(
      TAKE,
      2,
      key,
      `${key}:notified`,
      this.windowMs,
      this.limit,
      count,
      randomUUID(),
    )) as [number, number, string];
    return { allowed, notify: notify === 1, retryAt: new Date(Number(oldest) + this.windowMs) };
  }
}
