/**
 * The one harness of the server and queue tests: starts the production server (`startServer`)
 * on a loopback port with a test app, the test RSA key and Probot's Octokit without retries or
 * throttling, or `npm start`'s entry in a child process (for signals and crashes), and posts
 * signed deliveries to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { ApplicationFunction } from "probot";
import { readSettings } from "../../src/server/settings.js";
import {
  startServer,
  type RunningServer,
  type SharedState,
  type StartOptions,
} from "../../src/server/start-server.js";
import { PRIVATE_KEY, SECRET, TestOctokit } from "../github/harness.js";
import { transpileSources } from "../support/transpiled-sources.js";
import { webhookHeaders, type WebhookPayload } from "../support/webhook-fixtures.js";

export { SECRET };

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

/** Whether the server at `url` answers `GET /ready` with 200 (false while it cannot be reached). */
export async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/ready`)).status === 200;
  } catch {
    return false;
  }
}

/** `npm start`'s entry with a slow test app in a child process (test/server/fixtures). */
export interface ServerProcess {
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Its exit code, or the signal that ended it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let slowServerEntry: string | undefined;

/**
 * Run test/server/fixtures/slow-server.ts (transpiled once per test file) with `env` and nothing
 * else but PATH: a `gollum` delivery takes WORK_MS and prints `MARK started|finished <id>`.
 */
export function startServerProcess(env: Record<string, string | undefined>): ServerProcess {
  slowServerEntry ??= join(
    transpileSources(["test/server/fixtures/slow-server.ts"]),
    "test/server/fixtures/slow-server.js",
  );
  const child = spawn(process.execPath, [slowServerEntry], {
    env: { PATH: process.env.PATH, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { process: child, output: () => output, exit };
}
