/**
 * What `/metrics` reports (Prometheus text format, prom-client): deliveries by event and
 * outcome, the queue's depth and oldest job, job durations by kind, GitHub requests by route
 * group and status, the rate limit left per installation, retried and failed jobs, and jobs put
 * back to wait for their order or their installation's cap (Redis mode). One
 * registry per server, so tests (and two servers in one process) do not share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryKeys } from "../queue/delivery.js";
import type {
  AttemptOutcome,
  DeferReason,
  JobObserver,
  QueueStats,
} from "../queue/delivery-queue.js";

/** What the HTTP handler did with a delivery. */
export type DeliveryOutcome =
  | "queued"
  | "duplicate"
  | "bad_signature"
  | "bad_request"
  | "too_large"
  | "draining"
  | "unavailable";

export class Metrics implements JobObserver {
  readonly registry = new Registry();
  private readonly deliveries: Counter<"event" | "outcome">;
  private readonly durations: Histogram<"kind" | "outcome">;
  private readonly retried: Counter<"kind">;
  private readonly failed: Counter<"kind">;
  private readonly deferrals: Counter<"reason">;
  private readonly requests: Counter<"route" | "status">;
  private readonly rateLimit: Gauge<"installation" | "resource">;

  /** `stats` is read at every scrape (queue depth and oldest job age). */
  constructor(stats: () => Promise<QueueStats>) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.deliveries = new Counter({
      name: "parallel_plans_deliveries_total",
      help: "Webhook deliveries received, by event and by what the server did with them.",
      labelNames: ["event", "outcome"],
      registers,
    });
    this.durations = new Histogram({
      name: "parallel_plans_job_duration_seconds",
      help: "Time a worker spent on one attempt of a delivery, by kind (event.action).",
      labelNames: ["kind", "outcome"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.retried = new Counter({
      name: "parallel_plans_jobs_retried_total",
      help: "Attempts that failed and will run again after a backoff.",
      labelNames: ["kind"],
      registers,
    });
    this.failed = new Counter({
      name: "parallel_plans_jobs_failed_total",
      help: "Deliveries that failed every attempt (kept for inspection in the Redis mode).",
      labelNames: ["kind"],
      registers,
    });
    this.deferrals = new Counter({
      name: "parallel_plans_jobs_deferred_total",
      help: "Jobs a worker put back to wait (Redis mode): reason=order (an earlier delivery of the branch or pull request is unfinished) or installation (its installation is at QUEUE_INSTALLATION_CONCURRENCY).",
      labelNames: ["reason"],
      registers,
    });
    this.requests = new Counter({
      name: "parallel_plans_github_requests_total",
      help: "Requests to GitHub by route group (graphql, check-runs, issues, …) and status.",
      labelNames: ["route", "status"],
      registers,
    });
    this.rateLimit = new Gauge({
      name: "parallel_plans_github_rate_limit_remaining",
      help: "x-ratelimit-remaining of the last response, per installation and resource.",
      labelNames: ["installation", "resource"],
      registers,
    });
    // One read of the queue per scrape feeds both gauges.
    // A queue that cannot be read (Redis away) leaves the gauges as they were; the scrape and
    // `parallel_plans_deliveries_total{outcome="unavailable"}` still tell.
    let pending: Promise<QueueStats | undefined> | undefined;
    const read = (): Promise<QueueStats | undefined> =>
      (pending ??= stats()
        .catch(() => undefined)
        .finally(() => setImmediate(() => (pending = undefined))));
    new Gauge({
      name: "parallel_plans_queue_depth",
      help: "Deliveries waiting (state=waiting, retries included) or running (state=active).",
      labelNames: ["state"],
      registers,
      async collect() {
        const current = await read();
        if (!current) return;
        this.set({ state: "waiting" }, current.waiting);
        this.set({ state: "active" }, current.active);
      },
    });
    new Gauge({
      name: "parallel_plans_queue_oldest_job_age_seconds",
      help: "How long the oldest waiting delivery has waited.",
      registers,
      async collect() {
        const current = await read();
        if (current) this.set(current.oldestAgeSeconds);
      },
    });
  }

  /** Count a delivery the HTTP handler answered. */
  delivery(event: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ event: event || "unknown", outcome });
  }

  attempted(keys: DeliveryKeys, seconds: number, outcome: AttemptOutcome): void {
    this.durations.observe({ kind: keys.kind, outcome }, seconds);
    if (outcome === "retry") this.retried.inc({ kind: keys.kind });
    if (outcome === "failed") this.failed.inc({ kind: keys.kind });
  }

  deferred(_keys: DeliveryKeys, reason: DeferReason): void {
    this.deferrals.inc({ reason });
  }

  /** Count a GitHub response (or a network failure, status 0). */
  githubRequest(route: string, status: number): void {
    this.requests.inc({ route, status: String(status) });
  }

  /** Record the rate limit a response reported. */
  githubRateLimit(installation: string, resource: string, remaining: number): void {
    this.rateLimit.set({ installation, resource }, remaining);
  }

  /** The Prometheus text exposition. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
