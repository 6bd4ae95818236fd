/**
 * The server's settings from the environment (Probot's standard variables plus the queue's),
 * checked up front: a bad value stops the start with one sentence naming the variable.
 */

/** A setting that cannot be used; its message is the one line the server prints. */
export class SettingsError extends Error {}

export interface ServerSettings {
  port: number;
  /** Listen address; `0.0.0.0` unless HOST says otherwise (a container needs it). */
  host: string;
  webhookPath: string;
  /** Set: the Redis queue and Redis-backed locks, pacing, caches and limits. */
  redisUrl: string | undefined;
  /** Deliveries one instance runs at once (QUEUE_CONCURRENCY, default 8). */
  concurrency: number;
  /**
   * Deliveries of one installation running at once (QUEUE_INSTALLATION_CONCURRENCY, default 2):
   * in this process in the embedded mode, across every instance in the Redis mode.
   */
  perInstallation: number;
  /** How long SIGTERM waits for running jobs (SHUTDOWN_GRACE_SECONDS, default 8 s). */
  graceMs: number;
  /** WEBHOOK_PROXY_URL: a smee.io channel forwarding deliveries to this server. */
  webhookProxyUrl: string | undefined;
  /**
   * Redis mode: how long a job of an instance that died waits before another instance takes it
   * (QUEUE_STALLED_SECONDS, default 30): the job lock's lifetime and the stalled check's period,
   * and the lifetime of the shared locks (fan-out, sync, commit) a dead instance held.
   */
  stalledMs: number;
}

type Env = Record<string, string | undefined>;

/**
 * Defaults fit `docker stop` (10 s before SIGKILL): an 8 s grace leaves time to log and exit.
 */
export function readSettings(env: Env): ServerSettings {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new SettingsError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}".`);
  const webhookPath = env.WEBHOOK_PATH || "/api/github/webhooks";
  if (!webhookPath.startsWith("/"))
    throw new SettingsError(`WEBHOOK_PATH must start with "/", got "${webhookPath}".`);
  return {
    port: integer(env, "PORT", 3000, 0, 65535),
    host: env.HOST || "0.0.0.0",
    webhookPath,
    redisUrl,
    concurrency: integer(env, "QUEUE_CONCURRENCY", 8, 1, 1000),
    perInstallation: integer(env, "QUEUE_INSTALLATION_CONCURRENCY", 2, 1, 1000),
    graceMs: integer(env, "SHUTDOWN_GRACE_SECONDS", 8, 0, 3600) * 1000,
    webhookProxyUrl: env.WEBHOOK_PROXY_URL || undefined,
    stalledMs: integer(env, "QUEUE_STALLED_SECONDS", 30, 1, 3600) * 1000,
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return value;
}

/**
 * Why this environment cannot serve GitHub in production, or undefined. Outside production the
 * server falls back to Probot's setup flow instead (it registers the app and writes `.env`).
 */
export function missingCredentials(env: Env): string | undefined {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push("APP_ID");
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push("PRIVATE_KEY (or PRIVATE_KEY_PATH)");
  // Outside production Probot's "development" secret is accepted (it matches .env.example).
  if (!env.WEBHOOK_SECRET && env.NODE_ENV === "production") missing.push("WEBHOOK_SECRET");
  if (missing.length === 0) return undefined;
  return `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set: the app cannot authenticate to GitHub or verify deliveries (see .env.example).`;
}
