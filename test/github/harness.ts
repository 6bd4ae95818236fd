/**
 * Drives the real app: a Probot instance with a test RSA key (made once per test file), retry and
 * throttling off (tests are not about them), the app loaded with a fixed clock, and GitHub faked
 * by `FakeGitHub` over nock with net connect disabled.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app.js";
import { createDeps, type AppDeps } from "../../src/github/deps.js";
import { mockGitHub } from "../support/github-mock.js";
import type { WebhookPayload } from "../support/webhook-fixtures.js";
import { FakeGitHub } from "./fake-github.js";

export const APP_ID = 123;
export const SECRET = "test-secret";
export const NOW = new Date("2025-06-01T12:00:00Z");

export const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

/**
 * Probot's Octokit without retries and throttling, as every test but a rate-limit one wants. A
 * function default, because Probot merges its own throttle options over a plain object's
 * (`ProbotOctokit.defaults({ throttle: { enabled: false } })` ends up enabled, and every write
 * then waits a second).
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

export function newProbot(options: { baseUrl?: string } = {}): Probot {
  return new Probot({
    ...options,
    appId: APP_ID,
    privateKey: PRIVATE_KEY,
    secret: SECRET,
    Octokit: TestOctokit,
    logLevel: "fatal",
  });
}

/** A Probot running the real app (fresh lock and config cache unless given). */
export async function appProbot(
  deps: Partial<AppDeps> = {},
  options: { baseUrl?: string } = {},
): Promise<Probot> {
  const probot = newProbot(options);
  await probot.load(createApp(createDeps({ now: () => NOW, ...deps })));
  return probot;
}

/** Deliver an event to the app as GitHub would (same id = a redelivery). */
export async function deliver(
  probot: Probot,
  name: string,
  payload: WebhookPayload,
  id: string = randomUUID(),
): Promise<void> {
  await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
}

/** The fake GitHub of the webhook examples' repository (Codertocat/Hello-World). */
export function fakeHelloWorld(): FakeGitHub {
  return new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
}

export const PLAN_ROOT = "work-space/plans";
