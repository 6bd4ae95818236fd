/**
 * A small cache of JSON values with expiry in Redis (`SET key json PX ttl`), shared by every
 * instance: the repository configs and the commenters' permissions live here when scaled.
 */
import type { Redis } from "ioredis";

export class RedisJsonCache<T> {
  constructor(
    private readonly redis: Redis,
    /** Full key prefix, e.g. `parallel-plans:config`. */
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<T | undefined> {
    const text = await this.redis.get(`${this.prefix}:${key}`);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: T): Promise<void> {
    await this.redis.set(`${this.prefix}:${key}`, JSON.stringify(value), "PX", this.ttlMs);
  }

  async forget(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}:${key}`);
  }
}
