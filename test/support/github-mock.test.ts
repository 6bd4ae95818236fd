import { afterEach, describe, expect, it } from "@jest/globals";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { checkedOperations } from "./contract-log.js";
import { ProbotOctokit } from "probot";
import {
  assertNockIsClean,
  installNockGuards,
  mockGitHub,
  type GitHubMock,
} from "./github-mock.js";

installNockGuards();

const CHECK_RUNS = "https://api.github.com/repos/octo/plans/check-runs";
const SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

function annotations(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    path: "work-space/plans/X/parallel.json",
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: "warning",
    message: `finding ${i + 1}`,
  }));
}

function createCheckRun(body: unknown): Promise<Response> {
  return fetch(CHECK_RUNS, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "token test" },
    body: JSON.stringify(body),
  });
}

describe("mockGitHub", () => {
  let mock: GitHubMock | undefined;
  afterEach(() => {
    // A failed assertion must not leave interceptors behind for the guards to report twice.
    nock.cleanAll();
    mock = undefined;
  });

  it("records a request that reached a mock and passes done()", async () => {
    mock = mockGitHub();
    mock.api.post("/repos/octo/plans/check-runs").reply(201, { id: 4 });

    const response = await createCheckRun({ name: "parallel-plans", head_sha: SHA });

    expect(response.status).toBe(201);
    expect(mock.requests).toEqual([
      {
        method: "POST",
        url: CHECK_RUNS,
        path: "/repos/octo/plans/check-runs",
        body: { name: "parallel-plans", head_sha: SHA },
        headers: expect.objectContaining({ authorization: "token test" }),
      },
    ]);
    expect(() => mock?.done()).not.toThrow();
    expect(checkedOperations()).toContain("POST /repos/{owner}/{repo}/check-runs");
  });

  it("fails done() naming a mock that was never requested", () => {
    mock = mockGitHub();
    mock.api.get("/repos/octo/plans/pulls/7/files").reply(200, []);

    expect(() => mock?.done()).toThrow(
      /unused mocks \(never requested\):\n {2}GET https:\/\/api\.github\.com:443\/repos\/octo\/plans\/pulls\/7\/files/,
    );
  });

  it("fails done() naming a request no mock answered", async () => {
    mock = mockGitHub();
    mock.api.get("/repos/octo/plans").reply(200, {});
    await fetch("https://api.github.com/repos/octo/plans");

    // The app may swallow the failed request (nock rejects it like a 404): done() still fails.
    await fetch("https://api.github.com/repos/octo/plans/pulls/7/files").catch(() => undefined);

    expect(() => mock?.done()).toThrow(
      /unmatched requests \(no mock answered them\):\n {2}GET https:\/\/api\.github\.com\/repos\/octo\/plans\/pulls\/7\/files/,
    );
  });

  it("fails done() on a request to a host with no mocks at all", async () => {
    mock = mockGitHub();

    await expect(fetch("https://uploads.github.com/x")).rejects.toThrow();

    expect(() => mock?.done()).toThrow(
      /unmatched requests[^]*GET https:\/\/uploads\.github\.com\/x/,
    );
  });

  it("fails done() on a body that breaks the contract (51 annotations)", async () => {
    mock = mockGitHub();
    mock.api.post("/repos/octo/plans/check-runs").reply(201, { id: 4 });
    const output = { title: "t", summary: "s", annotations: annotations(51) };

    await createCheckRun({ name: "parallel-plans", head_sha: SHA, output });

    expect(() => mock?.done()).toThrow(
      /OpenAPI contract:\n {2}POST \/repos\/octo\/plans\/check-runs: body \/output\/annotations must NOT have more than 50 items/,
    );
  });

  it("checks GraphQL requests for a query", async () => {
    mock = mockGitHub();
    mock.api.post("/graphql").reply(200, { data: {} });

    await fetch("https://api.github.com/graphql", { method: "POST", body: JSON.stringify({}) });

    expect(() => mock?.done()).toThrow(/POST \/graphql: GraphQL body needs a string query/);
  });

  it("serves a GHES origin whose REST paths carry /api/v3", async () => {
    mock = mockGitHub("https://ghe.example.com");
    mock.api.patch("/api/v3/repos/octo/plans/check-runs/4").reply(200, { id: 4 });

    await fetch("https://ghe.example.com/api/v3/repos/octo/plans/check-runs/4", {
      method: "PATCH",
      body: JSON.stringify({ status: "completed", conclusion: "success" }),
    });

    expect(() => mock?.done()).not.toThrow();
  });

  it("refuses an origin with a path", () => {
    expect(() => mockGitHub("https://ghe.example.com/api/v3")).toThrow(/takes an origin/);
  });
});

describe("mockGitHub with Probot's Octokit", () => {
  it("records what the Octokit sends over the global fetch", async () => {
    const mock = mockGitHub();
    mock.api.post("/repos/octo/plans/check-runs").reply(201, { id: 4 });
    const octokit = new ProbotOctokit({
      auth: { token: "test" },
      retry: { enabled: false },
      throttle: { enabled: false },
    });

    await octokit.rest.checks.create({
      owner: "octo",
      repo: "plans",
      name: "parallel-plans",
      head_sha: SHA,
      status: "in_progress",
    });

    expect(mock.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        "POST",
        "/repos/octo/plans/check-runs",
        { name: "parallel-plans", head_sha: SHA, status: "in_progress" },
      ],
    ]);
    expect(mock.requests[0]?.headers.authorization).toBe("token test");
    mock.done();
  });
});

describe("assertNockIsClean (the guard after each test)", () => {
  it("fails naming an interceptor left unused, and clears it", () => {
    nock("https://api.github.com").get("/repos/octo/plans").reply(200, {});

    expect(assertNockIsClean).toThrow(
      /unused mocks left after the test:\n {2}GET https:\/\/api\.github\.com:443\/repos\/octo\/plans/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fails naming a request no interceptor answered", async () => {
    await fetch("https://api.github.com/rate_limit").catch(() => undefined);

    expect(assertNockIsClean).toThrow(
      /unmatched requests[^]*GET https:\/\/api\.github\.com\/rate_limit/,
    );
  });

  it("passes when every interceptor was used", async () => {
    nock("https://api.github.com").get("/rate_limit").reply(200, {});
    await fetch("https://api.github.com/rate_limit");

    expect(assertNockIsClean).not.toThrow();
  });

  it("lets requests to the tests' own localhost server through", async () => {
    const server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`);
      expect(await response.text()).toBe("ok");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(assertNockIsClean).not.toThrow();
  });
});
