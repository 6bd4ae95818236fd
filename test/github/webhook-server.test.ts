/**
 * The production server (`npm start` with credentials): Probot's middleware behind a body cap.
 * An oversized body is refused with 413 before any parsing, signature check or request to
 * GitHub, whether its size is declared or only seen while streaming; small deliveries pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app.js";
import { createDeps } from "../../src/github/deps.js";
import { createWebhookServer } from "../../src/github/webhook-server.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { pushTouching, webhookHeaders } from "../support/webhook-fixtures.js";
import { fakeHelloWorld, newProbot, NOW, PLAN_ROOT, SECRET } from "./harness.js";

installNockGuards();

const CAP = 64 * 1024;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = await createWebhookServer(createApp(createDeps({ now: () => NOW })), {
    probot: newProbot(),
    webhooksPath: "/api/github/webhooks",
    maxBodyBytes: CAP,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** POST with a streamed (chunked) body: no content-length header for the server to trust. */
function postChunked(
  path: string,
  headers: Record<string, string>,
  chunks: string[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? resolve(-1) : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the webhook server", () => {
  it("answers GET /ping with PONG for the Docker HEALTHCHECK", async () => {
    const response = await fetch(`${origin}/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("PONG");
  });

  it("refuses a body whose declared size is over the cap with 413 and no request", async () => {
    const mock = mockGitHub();
    const body = JSON.stringify({ padding: "x".repeat(CAP) });
    const response = await fetch(`${origin}/api/github/webhooks`, {
      method: "POST",
      headers: webhookHeaders("push", body, SECRET),
      body,
    });
    expect(response.status).toBe(413);
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
    const status = await postChunked("/api/github/webhooks", headers, [
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
      chunk,
    ]);
    expect(status).toBe(413);
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("passes a signed delivery under the cap to the app", async () => {
    const body = JSON.stringify(
      pushTouching({ modified: [`${PLAN_ROOT}/BROKEN-GRAPH/parallel.json`] }),
    );
    expect(Buffer.byteLength(body)).toBeLessThan(CAP);
    const gh = fakeHelloWorld().addFolder(
      `${PLAN_ROOT}/BROKEN-GRAPH`,
      "examples/broken/BROKEN-GRAPH",
    );
    gh.expectToken().expectGraphql().expectCreate();

    const response = await fetch(`${origin}/api/github/webhooks`, {
      method: "POST",
      headers: webhookHeaders("push", body, SECRET),
      body,
    });

    expect(response.status).toBe(200);
    expect(gh.runs[0]!.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("answers 400 to a bad signature under the cap, and 404 off the webhook path", async () => {
    const mock = mockGitHub();
    const body = JSON.stringify(pushTouching({ modified: [`${PLAN_ROOT}/X/parallel.json`] }));
    const bad = await fetch(`${origin}/api/github/webhooks`, {
      method: "POST",
      headers: webhookHeaders("push", body, "not-the-secret"),
      body,
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404);
    expect(mock.requests).toEqual([]);
    mock.done();
  });
});
