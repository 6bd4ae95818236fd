/**
 * Builds and starts the production server: the metrics, the queue of the configured mode
 * (embedded or Redis), Probot with the app loaded and its Octokit counting requests, the workers
 * and the HTTP server. `stop()` drains: deliveries get 503, running jobs get the grace period,
 * and what was left is returned for the shutdown log.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { createProbot, type ApplicationFunction, type Probot, type ProbotOctokit } from "probot";
import { AppOctokit } from "../app.js";
import { Metrics } from "../ops/metrics.js";
import { requestMetrics } from "../ops/octokit-metrics.js";
import type { Delivery } from "../queue/delivery.js";
import type { DeliveryQueue, UnfinishedDelivery } from "../queue/delivery-queue.js";
import { MemoryQueue } from "../queue/memory-queue.js";
import { RedisQueue } from "../queue/redis-queue.js";
import type { ServerSettings } from "./settings.js";
import { createWebhookServer, type WebhookServer } from "./webhook-server.js";

export interface StartOptions {
  settings: ServerSettings;
  /** Probot's standard variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, LOG_LEVEL, GHE_HOST…). */
  env: Record<string, string | undefined>;
  /** The app, given where shared state lives (Redis when scaled). */
  app: (shared: SharedState) => ApplicationFunction;
  /** Probot's Octokit class to extend (default `AppOctokit`; tests pass one without retries). */
  Octokit?: typeof ProbotOctokit;
  /** Redis key prefix (tests isolate themselves with it). */
  redisPrefix?: string;
  /** Redis job lock duration and stalled check interval (tests shorten both). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Backoff before a failed attempt's retry. */
  backoffMs?: number;
  /** The webhook body cap (default GitHub's 25 MB). */
  maxBodyBytes?: number;
  /** GitHub's API root, when not from GHE_HOST (benches point it at a loopback stand-in). */
  baseUrl?: string;
}

/** Where the app's locks, pacing, caches and limits live. */
export interface SharedState {
  mode: "embedded" | "redis";
  /** The connection for them in the Redis mode (closed by `stop()`). */
  redis: Redis | undefined;
  /** Redis key prefix. */
  prefix: string;
  /**
   * How long a Redis lock outlives an instance that died holding it: the job lock's lifetime,
   * so a job taken over after a crash does not then wait longer for the dead holder's locks.
   */
  lockTtlMs: number;
}

export interface RunningServer {
  /** `http://host:port` the server listens on. */
  url: string;
  port: number;
  probot: Probot;
  queue: DeliveryQueue;
  metrics: Metrics;
  http: Server;
  /** Refuse deliveries, finish (or time out) running jobs, close; returns what was left. */
  stop(): Promise<UnfinishedDelivery[]>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { settings } = options;
  const metrics = new Metrics(() => queue.stats());
  // Set once the HTTP server exists; the queue asks it whether deliveries are arriving.
  let web: WebhookServer | undefined = undefined;
  const Octokit = (options.Octokit ?? AppOctokit).plugin(requestMetrics(metrics));
  // REDIS_URL is the queue's and the shared state's: Probot would open a connection of its own
  // for its throttling, which this app turns off in favour of per-installation pacing.
  const probotEnv = { ...options.env, REDIS_URL: undefined };
  const probot = createProbot({
    env: probotEnv,
    overrides: { Octokit, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) },
  });
  const onError = (delivery: Delivery, error: unknown, outcome: "retry" | "failed") => {
    const meta = { err: error, id: delivery.id, event: delivery.name };
    if (outcome === "retry") probot.log.warn(meta, "delivery failed, will retry");
    else probot.log.error(meta, "delivery failed every attempt");
  };
  const queue: DeliveryQueue = settings.redisUrl
    ? new RedisQueue({
        url: settings.redisUrl,
        prefix: options.redisPrefix ?? "parallel-plans",
        concurrency: settings.concurrency,
        perInstallation: settings.perInstallation,
        busy: () => web?.receiving() ?? false,
        lockDurationMs: options.lockDurationMs ?? settings.stalledMs,
        stalledIntervalMs: options.stalledIntervalMs ?? settings.stalledMs,
        backoffMs: options.backoffMs,
        observer: metrics,
        onError,
      })
    : new MemoryQueue({
        busy: () => web?.receiving() ?? false,
        concurrency: settings.concurrency,
        perInstallation: settings.perInstallation,
        backoffMs: options.backoffMs,
        observer: metrics,
        onError,
      });
  if (!(await queue.ready().catch(() => false)) && settings.redisUrl) {
    await queue.close(0);
    throw new Error("Redis at REDIS_URL did not answer a PING");
  }
  const prefix = options.redisPrefix ?? "parallel-plans";
  // Locks, pacing and caches get their own connection: a blocked queue command must not
  // hold them up, and their commands fail (and the job retries) when Redis is gone.
  const redis = settings.redisUrl ? new Redis(settings.redisUrl) : undefined;
  redis?.on("error", () => undefined);
  const lockTtlMs = options.lockDurationMs ?? settings.stalledMs;
  await probot.load(options.app({ mode: queue.mode, redis, prefix, lockTtlMs }));
  const running = queue;
  running.start((delivery) =>
    probot.receive({
      id: delivery.id,
      name: delivery.name,
      payload: delivery.payload,
    } as Parameters<Probot["receive"]>[0]),
  );
  web = createWebhookServer({
    probot,
    queue: running,
    metrics,
    webhooksPath: settings.webhookPath,
    maxBodyBytes: options.maxBodyBytes,
  });
  await new Promise<void>((resolve, reject) => {
    web.server.once("error", reject);
    web.server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = web.server.address() as AddressInfo;
  const shownHost = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  let stopping: Promise<UnfinishedDelivery[]> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    probot,
    queue: running,
    metrics,
    http: web.server,
    stop: () =>
      (stopping ??= (async () => {
        web.drain();
        const left = await running.close(settings.graceMs);
        // Nothing uses it once the queue is closed; quit would wait for a Redis that is away.
        redis?.disconnect();
        await new Promise<void>((resolve) => {
          web.server.close(() => resolve());
          web.server.closeAllConnections();
        });
        return left;
      })()),
  };
}
