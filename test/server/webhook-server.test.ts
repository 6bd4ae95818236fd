/**
 * The production server (`npm start` with credentials), embedded mode: a delivery is capped,
 * verified, queued and answered 202 before any work; a worker then runs the real app. Oversized
 * bodies get 413 and bad signatures 400 without a request to GitHub; /ping, /ready and /metrics
 * answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { request as httpRequest } from "node:http";
import type { Probot } from "probot";
import { createApp } from "../../src/app.js";
import { createDeps } from "../../src/github/deps.js";
import type { RunningServer } from "../../src/server/start-server.js";
import { fakeHelloWorld, NOW, PLAN_ROOT } from "../github/harness.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { pushTouching, webhookHeaders } from "../support/webhook-fixtures.js";
import { postDelivery, SECRET, startTestServer, waitFor } from "./server-harness.js";

installNockGuards();

const CAP = 64 * 1024;
let server: RunningServer;
let slowRuns = 0;
let slowDone = 0;

/** The real app, plus a handler for `gollum` that takes 5 s (work the answer must not wait for). */
function appWithSlowHandler(app: Probot): void {
  createApp(createDeps({ now: () => NOW }))(app);
  app.on("gollum", async () => {
    slowRuns++;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    slowDone++;
  });
}

beforeAll(async () => {
  server = await startTestServer({ app: appWithSlowHandler, maxBodyBytes: CAP });
});

afterAll(async () => {
  await server.stop();
});

/** POST with a streamed (chunked) body: no content-length header for the server to trust. */
function postChunked(headers: Record<string, string>, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}/api/github/webhooks`,
      { method: "POST", headers },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? resolve(-1) : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the webhook server", () => {
  it("answers GET /ping with PONG and GET /ready with 200 while it takes deliveries", async () => {
    const ping = await fetch(`${server.url}/ping`);
    expect(await ping.text()).toBe("PONG");
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it("answers a delivery whose work takes 5 s before the work is done", async () => {
    const payload = { action: "x", pages: [], installation: { id: 1 }, repository: { id: 9 } };
    const answer = await postDelivery(server.url, "gollum", payload);
    expect(answer.status).toBe(202);
    expect(slowDone).toBe(0);
    // A hang guard, not a performance claim: the work alone takes 5 s.
    expect(answer.ms).toBeLessThan(2500);
    await waitFor("the slow handler to start", () => slowRuns === 1);
    await waitFor("the slow handler to finish", () => slowDone === 1, 8000);
  }, 15_000);

  it("queues a signed delivery and a worker runs the real app on it", async () => {
    const payload = pushTouching({ modified: [`${PLAN_ROOT}/BROKEN-GRAPH/parallel.json`] });
    const gh = fakeHelloWorld().addFolder(
      `${PLAN_ROOT}/BROKEN-GRAPH`,
      "examples/broken/BROKEN-GRAPH",
    );
    gh.expectToken().expectGraphql().expectCreate();
    const answer = await postDelivery(server.url, "push", payload);
    expect(answer).toMatchObject({ status: 202, text: "queued\n" });
    await waitFor("the check run to complete", () => gh.runs[0]?.status === "completed");
    expect(gh.runs[0]!.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("answers a redelivery of the same id without running the work again", async () => {
    const mock = mockGitHub();
    const payload = { action: "x", pages: [], installation: { id: 1 }, repository: { id: 9 } };
    const id = "6a6e1d7e-0000-4000-8000-000000000001";
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postDelivery(server.url, "gollum", payload, id));
    expect(answers.map((a) => `${a.status} ${a.text}`)).toEqual([
      "202 queued\n",
      "202 already received\n",
      "202 already received\n",
    ]);
    await waitFor("the slow handler to start", () => slowRuns === 2);
    await waitFor("the slow handler to finish", () => slowDone === 2, 8000);
    expect(slowRuns).toBe(2);
    mock.done();
  }, 15_000);

  it("refuses a body whose declared size is over the cap with 413 and no request", async () => {
    const mock = mockGitHub();
    const answer = await postDelivery(server.url, "push", { padding: "x".repeat(CAP) });
    expect(answer.status).toBe(413);
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("refuses a streamed body once it grows over the cap", async () => {
    const mock = mockGitHub();
    const chunk = "x".repeat(16 * 1024);
    const headers = {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": "d-1",
    };
    expect(await postChunked(headers, Array(6).fill(chunk) as string[])).toBe(413);
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("answers 400 to a bad signature, a bad delivery id or a non-JSON body, 404 elsewhere", async () => {
    const mock = mockGitHub();
    const payload = pushTouching({ modified: [`${PLAN_ROOT}/X/parallel.json`] });
    const bad = await postDelivery(server.url, "push", payload, undefined, "not-the-secret");
    expect(bad).toMatchObject({
      status: 400,
      text: "signature does not match the webhook secret\n",
    });
    const badId = await postDelivery(server.url, "push", payload, "has:colon");
    expect(badId).toMatchObject({ status: 400, text: "x-github-delivery is not a delivery id\n" });
    const notJson = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: webhookHeaders("push", "{nope", SECRET),
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("reports deliveries, jobs and GitHub requests in Prometheus format on GET /metrics", async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('parallel_plans_deliveries_total{event="push",outcome="queued"} 1');
    expect(text).toContain('parallel_plans_deliveries_total{event="gollum",outcome="duplicate"} 2');
    expect(text).toContain('parallel_plans_deliveries_total{event="push",outcome="too_large"} 2');
    expect(text).toContain(
      'parallel_plans_deliveries_total{event="push",outcome="bad_signature"} 1',
    );
    expect(text).toMatch(
      /parallel_plans_job_duration_seconds_count\{kind="push",outcome="done"\} 1/,
    );
    expect(text).toMatch(
      /parallel_plans_github_requests_total\{route="check-runs",status="201"\} 1/,
    );
    expect(text).toMatch(/parallel_plans_github_requests_total\{route="graphql",status="200"\} 1/);
    expect(text).toContain('parallel_plans_queue_depth{state="waiting"} 0');
    expect(text).toContain("parallel_plans_queue_oldest_job_age_seconds 0");
  });
});
