/**
 * Deliveries over HTTP through Probot's own middleware (`createNodeMiddleware`) on a local
 * server: a correctly signed delivery is handled; a bad or missing signature gets 400 and the
 * app makes no request at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware } from "probot";
import { createApp } from "../../src/app.js";
import { createDeps } from "../../src/github/deps.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { pushTouching, webhookHeaders } from "../support/webhook-fixtures.js";
import { fakeHelloWorld, newProbot, NOW, PLAN_ROOT, SECRET } from "./harness.js";

installNockGuards();

let server: Server;
let url: string;

beforeAll(async () => {
  const middleware = await createNodeMiddleware(createApp(createDeps({ now: () => NOW })), {
    probot: newProbot(),
  });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

const body = JSON.stringify(
  pushTouching({ modified: [`${PLAN_ROOT}/BROKEN-GRAPH/parallel.json`] }),
);

describe("webhook deliveries over HTTP", () => {
  it("handles a delivery signed with the webhook secret", async () => {
    const gh = fakeHelloWorld().addFolder(
      `${PLAN_ROOT}/BROKEN-GRAPH`,
      "examples/broken/BROKEN-GRAPH",
    );
    gh.expectToken().expectGraphql().expectCreate();

    const response = await fetch(url, {
      method: "POST",
      headers: webhookHeaders("push", body, SECRET),
      body,
    });

    expect(response.status).toBe(200);
    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs"]);
    expect(gh.runs[0]!.conclusion).toBe("failure");
    gh.mock.done();
  });

  it.each([
    [
      "signed with another secret",
      (h: Record<string, string>) => ({ ...h, ...webhookHeaders("push", body, "not-the-secret") }),
    ],
    [
      "with its signature missing",
      (h: Record<string, string>) => without(h, "x-hub-signature-256"),
    ],
    ["whose body was altered after signing", (h: Record<string, string>) => h],
  ])("answers 400 to a delivery %s and makes no request", async (what, headersFor) => {
    const mock = mockGitHub();
    const sent = what.startsWith("whose") ? body.replace("Codertocat", "Mallory") : body;

    const response = await fetch(url, {
      method: "POST",
      headers: headersFor(webhookHeaders("push", body, SECRET)),
      body: sent,
    });

    expect(response.status).toBe(400);
    expect(mock.requests).toEqual([]);
    mock.done();
  });
});
