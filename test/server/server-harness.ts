/**
 * Starts the production server (`startServer`) on a loopback port with a test app, a test RSA
 * key and Probot's Octokit without retries or throttling, and posts signed deliveries to it.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { ProbotOctokit, type ApplicationFunction } from "probot";
import { readSettings } from "../../src/server/settings.js";
import {
  startServer,
  type RunningServer,
  type SharedState,
  type StartOptions,
} from "../../src/server/start-server.js";
import { webhookHeaders, type WebhookPayload } from "../support/webhook-fixtures.js";

export const SECRET = "test-secret";

export const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

/** Probot's Octokit with retries and throttling off (tests are not about them). */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

/** The environment a test server runs with (Probot's variables). */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: "123",
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "fatal",
    HOST: "127.0.0.1",
    PORT: "0",
    ...extra,
  };
}

export interface TestServerOptions extends Partial<Omit<StartOptions, "settings" | "env" | "app">> {
  app: ApplicationFunction | ((shared: SharedState) => ApplicationFunction);
  /** Extra environment (REDIS_URL, QUEUE_CONCURRENCY, SHUTDOWN_GRACE_SECONDS, …). */
  env?: Record<string, string>;
  /** `app` is a factory taking the shared state (the real app wired to Redis), not an app. */
  factory?: boolean;
}

export async function startTestServer(options: TestServerOptions): Promise<RunningServer> {
  const { app, factory, env: extra, ...rest } = options;
  const env = testEnv(extra);
  return startServer({
    Octokit: TestOctokit,
    ...rest,
    settings: readSettings(env),
    env,
    app: factory
      ? (app as (shared: SharedState) => ApplicationFunction)
      : () => app as ApplicationFunction,
  });
}

export interface Answer {
  status: number;
  text: string;
  /** Milliseconds from sending to the answer. */
  ms: number;
}

/** POST a signed delivery of `event` to the server's webhook path. */
export async function postDelivery(
  url: string,
  event: string,
  payload: WebhookPayload,
  id: string = randomUUID(),
  secret = SECRET,
): Promise<Answer> {
  const body = JSON.stringify(payload);
  const started = performance.now();
  const response = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: webhookHeaders(event, body, secret, id),
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs` naming `what`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
