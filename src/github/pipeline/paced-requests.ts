/**
 * Every request an event's Octokit sends goes through here: content-creating requests (REST
 * POST / PATCH / PUT / DELETE) take a slot of the installation's pacer; every request, reads and
 * GraphQL queries included, counts against a bound on concurrent requests per installation but
 * is otherwise sent at once. A 403 or 429 that GitHub marks as a rate limit (`retry-after`,
 * `x-ratelimit-remaining: 0`, "secondary rate limit", GraphQL `RATE_LIMITED`) holds the
 * installation's pacer and is retried after the time GitHub gave; Octokit's own retries (5xx)
 * stay underneath.
 *
 * This replaces Probot's throttling plugin, which sends every GraphQL query through the same
 * one-a-second limiter as mutations and knows no per-minute or per-hour budget.
 */
import type { ProbotOctokit } from "probot";
import type { RequestPacer } from "../deps.js";

/** Concurrent requests per installation (GitHub allows 100 per token across REST and GraphQL). */
export const MAX_CONCURRENT_PER_INSTALLATION = 10;
/** Rate-limited requests are retried this often before the error reaches the handler. */
const RATE_LIMIT_RETRIES = 2;
/** A wait longer than this fails the request instead (the check says so; Re-run later). */
const MAX_WAIT_MS = 2 * 60_000;
/** GitHub's advice when a secondary limit comes without `retry-after`: wait a minute. */
const SECONDARY_FALLBACK_MS = 60_000;

export interface PacingOptions {
  pacer: RequestPacer;
  /** The pacer key, `installation:<id>`. */
  key: string;
  log?: { warn: (meta: object, message: string) => void };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The pacer key of an installation. */
export function installationKey(installationId: number | undefined): string {
  return `installation:${installationId ?? "app"}`;
}

/** Whether GitHub counts the request as creating content (REST writes; not GraphQL, not auth). */
export function createsContent(method: string, url: string): boolean {
  if (method === "GET" || method === "HEAD" || isTokenRequest(url)) return false;
  const { pathname } = new URL(url, "https://api.github.invalid");
  return !/(^|\/api)\/graphql$/.test(pathname);
}

/**
 * The installation token request: Octokit's auth sends it through the same hook from inside the
 * first request of an event, so it must neither wait for a slot (all slots could be held by
 * requests waiting for this very token) nor be paced.
 */
function isTokenRequest(url: string): boolean {
  const { pathname } = new URL(url, "https://api.github.invalid");
  return /\/app\/installations\/[^/]+\/access_tokens$/.test(pathname);
}

const slots = new Map<string, Semaphore>();

/** Route every request of `octokit` through the installation's pacer and concurrency bound. */
export function paceRequests(octokit: ProbotOctokit, options: PacingOptions): ProbotOctokit {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const semaphore = slots.get(options.key) ?? new Semaphore(MAX_CONCURRENT_PER_INSTALLATION);
  slots.set(options.key, semaphore);
  octokit.hook.wrap("request", async (request, endpoint) => {
    if (isTokenRequest(endpoint.url)) return request(endpoint);
    const paced = createsContent(endpoint.method, endpoint.url);
    for (let attempt = 0; ; attempt++) {
      if (paced) await options.pacer.take(options.key);
      let wait: number | null;
      try {
        const response = await semaphore.run(async () => request(endpoint));
        wait = graphqlRateLimited(response, now());
        if (wait === null) return response;
      } catch (error) {
        wait = rateLimitWait(error, now());
        if (wait === null) throw error;
        if (attempt >= RATE_LIMIT_RETRIES || wait > MAX_WAIT_MS) throw error;
      }
      if (attempt >= RATE_LIMIT_RETRIES || wait > MAX_WAIT_MS)
        throw new Error(
          `GitHub's rate limit holds this installation for ${Math.ceil(wait / 1000)} s`,
        );
      options.log?.warn(
        { key: options.key, method: endpoint.method, url: endpoint.url, waitMs: wait },
        "rate limited by GitHub; retrying after its wait",
      );
      await options.pacer.holdUntil(options.key, now() + wait);
      await sleep(wait);
    }
  });
  return octokit;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** How long GitHub asked to wait, for a 403/429 that is a rate limit; null otherwise. */
export function rateLimitWait(error: unknown, nowMs: number): number | null {
  const { status, message, response } = (error ?? {}) as HttpError;
  if (status !== 403 && status !== 429) return null;
  const headers = response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (String(headers["x-ratelimit-remaining"]) === "0") return resetWait(headers, nowMs);
  if (/secondary rate limit/i.test(message ?? "")) return SECONDARY_FALLBACK_MS;
  // 429 without headers is still a limit; a plain 403 is a permission problem.
  return status === 429 ? SECONDARY_FALLBACK_MS : null;
}

function resetWait(headers: Record<string, string | number | undefined>, nowMs: number): number {
  const reset = Number(headers["x-ratelimit-reset"]) * 1000;
  // One second past the reset, as GitHub advises.
  return Number.isFinite(reset) ? Math.max(0, reset - nowMs) + 1000 : SECONDARY_FALLBACK_MS;
}

/** GraphQL reports its rate limit in a 200 answer's `errors`. */
function graphqlRateLimited(
  response: { data?: unknown; headers?: Record<string, string | number | undefined> },
  nowMs: number,
): number | null {
  const errors = (response.data as { errors?: { type?: string }[] } | undefined)?.errors;
  if (!Array.isArray(errors) || !errors.some((e) => e?.type === "RATE_LIMITED")) return null;
  return resetWait(response.headers ?? {}, nowMs);
}

/** At most `limit` tasks at once; the rest wait in order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
