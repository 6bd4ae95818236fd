/**
 * At most `cap` deliveries of one installation run at once across every instance sharing one
 * Redis, so one busy organisation cannot fill every worker. A running job holds a lease (a member
 * of the installation's sorted set, scored by when it expires), renewed while it runs: a job whose
 * instance died stops renewing, and its lease lapses after `ttlMs`. A job over the cap joins the
 * installation's waiters, scored by when its delivery arrived; a freed slot goes to the oldest
 * waiter, so a steady stream of newer deliveries cannot starve an older one.
 */
import type { Redis } from "ioredis";

/**
 * KEYS: leases, waiters. ARGV: job id, cap, ttl (ms), arrival (ms), job hash prefix. 1 when the
 * job holds (or now takes) a lease, 0 when it must wait. Waiters whose job finished or is gone
 * are dropped on the way, so a lost job does not hold a place.
 */
const ACQUIRE = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local ttl = tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now)
if redis.call("ZSCORE", KEYS[1], id) then
  redis.call("ZADD", KEYS[1], now + ttl, id)
  redis.call("ZREM", KEYS[2], id)
  return 1
end
redis.call("ZADD", KEYS[2], "NX", ARGV[4], id)
redis.call("PEXPIRE", KEYS[2], 24 * 3600 * 1000)
local free = tonumber(ARGV[2]) - redis.call("ZCARD", KEYS[1])
if free <= 0 then return 0 end
local ahead = 0
local i = 0
while true do
  local w = redis.call("ZRANGE", KEYS[2], i, i)[1]
  if w == id then break end
  local job = ARGV[5] .. w
  if redis.call("EXISTS", job) == 0 or redis.call("HEXISTS", job, "finishedOn") == 1 then
    redis.call("ZREM", KEYS[2], w)
  else
    ahead = ahead + 1
    if ahead >= free then return 0 end
    i = i + 1
  end
end
redis.call("ZREM", KEYS[2], id)
redis.call("ZADD", KEYS[1], now + ttl, id)
redis.call("PEXPIRE", KEYS[1], ttl)
return 1
`;

/** KEYS: leases. ARGV: job id, ttl (ms). Extends a lease still held. */
const RENEW = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = redis.call("ZADD", KEYS[1], "XX", "CH", now + tonumber(ARGV[2]), ARGV[1])
redis.call("PEXPIRE", KEYS[1], ARGV[2])
return n
`;

/** KEYS: leases, waiters. ARGV: job id. Frees the lease; returns the oldest waiter (or false). */
const RELEASE = `
redis.call("ZREM", KEYS[1], ARGV[1])
redis.call("ZREM", KEYS[2], ARGV[1])
return redis.call("ZRANGE", KEYS[2], 0, 0)[1] or false
`;

export interface InstallationLeasesOptions {
  /** Key prefix. */
  prefix: string;
  /** What BullMQ puts before a job id to name its hash (`<prefix>:<queue>:`). */
  jobKeyPrefix: string;
  /** Deliveries of one installation running at once (QUEUE_INSTALLATION_CONCURRENCY). */
  cap: number;
  /** How long a lease outlives a holder that stopped renewing it (the job lock's duration). */
  ttlMs: number;
}

/** A lease held by a running job: renewed until `release`. */
export interface Lease {
  /** Free the slot; returns the oldest waiter's job id, to wake it. */
  release(): Promise<string | undefined>;
}

export class InstallationLeases {
  constructor(private readonly options: InstallationLeasesOptions) {}

  /** A lease for job `id` of `installation`, or undefined when the installation is at its cap. */
  async acquire(
    redis: Redis,
    installation: number,
    id: string,
    arrivedAt: number,
  ): Promise<Lease | undefined> {
    const { cap, ttlMs, jobKeyPrefix } = this.options;
    const [leases, waiters] = this.keys(installation);
    const granted = await redis.eval(
      ACQUIRE,
      2,
      leases,
      waiters,
      id,
      cap,
      ttlMs,
      arrivedAt,
      jobKeyPrefix,
    );
    if (granted !== 1) return undefined;
    const renewal = setInterval(
      () => void redis.eval(RENEW, 1, leases, id, ttlMs).catch(() => undefined),
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    renewal.unref();
    return {
      release: async () => {
        clearInterval(renewal);
        const next = await redis.eval(RELEASE, 2, leases, waiters, id);
        return typeof next === "string" ? next : undefined;
      },
    };
  }

  private keys(installation: number): [string, string] {
    const base = `${this.options.prefix}:installation:${installation}`;
    return [`${base}:leases`, `${base}:waiters`];
  }
}
