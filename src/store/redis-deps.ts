/**
 * The app's shared collaborators (src/github/deps.ts) backed by one Redis, for the scaled mode:
 * every instance behind the load balancer sees the same locks (with expiry), the same
 * per-installation pacing, the same permission cache and the same command limits, so two
 * instances receiving the push and the synchronize of one SHA serialise on it instead of both
 * creating a check run.
 */
import type { Redis } from "ioredis";
import type { Access } from "../commands/permission.js";
import type { RepoConfig } from "../core/config.js";
import { DEFAULT_COMMAND_LIMIT, DEFAULT_WINDOW_MS } from "../github/comments/rate-limiter.js";
import { PERMISSION_TTL_MS } from "../github/comments/permission-cache.js";
import type {
  AppDeps,
  CommandLimiter,
  ConfigStore,
  KeyedLock,
  PermissionStore,
  RequestPacer,
} from "../github/deps.js";
import { CONFIG_TTL_MS } from "../github/pipeline/config-cache.js";
import { GITHUB_CREATION_LIMITS } from "../github/pipeline/memory-pacer.js";
import { RedisCommandLimiter } from "./redis-command-limiter.js";
import { RedisJsonCache } from "./redis-json-cache.js";
import { RedisLock } from "./redis-lock.js";
import { RedisPacer } from "./redis-pacer.js";

/** The collaborators that hold shared state, all in `redis` under `prefix`. */
export type SharedDeps = Pick<
  AppDeps,
  "locks" | "configs" | "permissions" | "commandLimits" | "pacer"
>;

/** `lockTtlMs`: how long a lock outlives a holder that died (default 30 s). */
export function redisDeps(redis: Redis, prefix = "parallel-plans", lockTtlMs?: number): SharedDeps {
  const configCache = new RedisJsonCache<RepoConfig>(redis, `${prefix}:config`, CONFIG_TTL_MS);
  const configs: ConfigStore = {
    get: (repositoryId) => configCache.get(String(repositoryId)),
    set: (repositoryId, config) => configCache.set(String(repositoryId), config),
    forget: (repositoryId) => configCache.forget(String(repositoryId)),
  };
  const accessCache = new RedisJsonCache<Access>(redis, `${prefix}:permission`, PERMISSION_TTL_MS);
  const permissions: PermissionStore = {
    get: (repositoryId, login) => accessCache.get(`${repositoryId}:${login.toLowerCase()}`),
    set: (repositoryId, login, access) =>
      accessCache.set(`${repositoryId}:${login.toLowerCase()}`, access),
  };
  const locks: KeyedLock = new RedisLock(redis, { prefix, ttlMs: lockTtlMs });
  const pacer: RequestPacer = new RedisPacer(redis, GITHUB_CREATION_LIMITS, prefix);
  const commandLimits: CommandLimiter = new RedisCommandLimiter(
    redis,
    DEFAULT_COMMAND_LIMIT,
    DEFAULT_WINDOW_MS,
    prefix,
  );
  return { locks, configs, permissions, commandLimits, pacer };
}
