/**
 * The one pacer of content-creating requests and the request hook that applies it, on an
 * injected clock: limits per installation, none across installations, reads unpaced, and
 * GitHub's rate-limit answers honoured.
 */
import { describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { MemoryPacer } from "../../../src/github/pipeline/memory-pacer.js";
import {
  createsContent,
  paceRequests,
  rateLimitWait,
} from "../../../src/github/pipeline/paced-requests.js";
import { installNockGuards, mockGitHub } from "../../support/github-mock.js";

installNockGuards();

function clocked(limits = {}) {
  let clock = 0;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };
  const pacer = new MemoryPacer({ limits, now: () => clock, sleep });
  return { pacer, sleeps, sleep, now: () => clock };
}

describe("MemoryPacer", () => {
  it("spaces one installation's requests a second apart, in the order they asked", async () => {
    const { pacer, sleeps, now } = clocked();
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => pacer.take("installation:1").then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    // The fake sleep moves the clock at once, so each wait is counted from the one before.
    expect(sleeps).toEqual([1000, 1000]);
    expect(now()).toBe(2000);
  });

  it("never makes one installation wait for another's burst", async () => {
    const { pacer, sleeps } = clocked();
    for (let i = 0; i < 5; i++) await pacer.take("installation:1");
    const before = sleeps.length;
    await pacer.take("installation:2");
    expect(sleeps.length).toBe(before);
  });

  it("keeps 80 a minute and 500 an hour when the gap alone would allow more", async () => {
    const { pacer, now } = clocked({ minGapMs: 0 });
    for (let i = 0; i < 80; i++) await pacer.take("k");
    expect(now()).toBe(0);
    await pacer.take("k");
    expect(now()).toBe(60_000);
    const hourly = clocked({ minGapMs: 0, perMinute: 1000 });
    for (let i = 0; i < 501; i++) await hourly.pacer.take("k");
    expect(hourly.now()).toBe(3_600_000);
  });

  it("holds a key until the time GitHub gave", async () => {
    const { pacer, now } = clocked();
    await pacer.holdUntil("k", 30_000);
    await pacer.take("k");
    expect(now()).toBe(30_000);
  });
});

describe("createsContent", () => {
  it.each([
    ["POST", "https://api.github.com/repos/o/r/check-runs", true],
    ["PATCH", "https://api.github.com/repos/o/r/issues/1", true],
    ["DELETE", "https://api.github.com/repos/o/r/git/refs/heads/x", true],
    ["GET", "https://api.github.com/repos/o/r/issues", false],
    ["POST", "https://api.github.com/graphql", false],
    ["POST", "https://ghe.example.com/api/graphql", false],
    ["POST", "https://api.github.com/app/installations/1/access_tokens", false],
  ])("%s %s → %s", (method, url, expected) => {
    expect(createsContent(method, url)).toBe(expected);
  });
});

describe("rateLimitWait", () => {
  const error = (status: number, headers: Record<string, string>, message = "") => ({
    status,
    message,
    response: { headers },
  });
  it.each([
    ["retry-after", error(403, { "retry-after": "7" }), 7000],
    ["429 retry-after", error(429, { "retry-after": "2" }), 2000],
    [
      "an exhausted quota",
      error(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "100" }),
      61_000,
    ],
    [
      "a secondary limit without headers",
      error(403, {}, "You have exceeded a secondary rate limit"),
      60_000,
    ],
    [
      "a plain 403",
      error(403, { "x-ratelimit-remaining": "4000" }, "Resource not accessible"),
      null,
    ],
    ["a 500", error(500, { "retry-after": "1" }), null],
  ])("%s", (_what, failure, wait) => {
    expect(rateLimitWait(failure, 40_000)).toBe(wait);
  });
});

describe("paceRequests", () => {
  function octokitWith(clock: ReturnType<typeof clocked>) {
    return paceRequests(
      new ProbotOctokit({
        auth: { token: "t" },
        retry: { enabled: false },
        throttle: { enabled: false },
      }),
      { pacer: clock.pacer, key: "installation:1", now: clock.now, sleep: clock.sleep },
    );
  }

  it("paces writes, not reads or GraphQL queries", async () => {
    const clock = clocked();
    const mock = mockGitHub();
    mock.api
      .post("/graphql")
      .times(3)
      .reply(200, { data: { viewer: { login: "x" } } });
    mock.api.get("/repos/o/r/issues").times(3).reply(200, []);
    mock.api.post("/repos/o/r/issues/1/comments").times(2).reply(201, { id: 1 });
    const octokit = octokitWith(clock);
    await Promise.all([
      ...[1, 2, 3].map(() => octokit.graphql("query { viewer { login } }")),
      ...[1, 2, 3].map(() =>
        octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "o", repo: "r" }),
      ),
    ]);
    expect(clock.sleeps).toEqual([]);
    for (let i = 0; i < 2; i++)
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: "o",
        repo: "r",
        issue_number: 1,
        body: "hi",
      });
    expect(clock.sleeps).toEqual([1000]);
    mock.done();
  });

  it("retries a secondary limit after retry-after and holds the installation meanwhile", async () => {
    const clock = clocked();
    const mock = mockGitHub();
    mock.api
      .post("/repos/o/r/issues/1/comments")
      .reply(403, { message: "You have exceeded a secondary rate limit" }, { "retry-after": "30" })
      .post("/repos/o/r/issues/1/comments")
      .reply(201, { id: 1 });
    const octokit = octokitWith(clock);
    const { status } = await octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      { owner: "o", repo: "r", issue_number: 1, body: "hi" },
    );
    expect(status).toBe(201);
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
    mock.done();
  });

  it("gives up after two rate-limited retries with GitHub's own error", async () => {
    const clock = clocked();
    const mock = mockGitHub();
    mock.api
      .get("/repos/o/r/issues")
      .times(3)
      .reply(429, { message: "Too many" }, { "retry-after": "1" });
    const octokit = octokitWith(clock);
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "o", repo: "r" }),
    ).rejects.toMatchObject({ status: 429 });
    mock.done();
  });

  it("lets the installation token through while every slot waits for it", async () => {
    const clock = clocked();
    const mock = mockGitHub();
    mock.api.post("/app/installations/1/access_tokens").reply(201, {
      token: "ghs_x",
      expires_at: "2999-01-01T00:00:00Z",
      permissions: {},
      repository_selection: "all",
    });
    mock.api.get("/repos/o/r/issues").times(12).reply(200, []);
    const octokit = new ProbotOctokit({
      auth: { token: "t" },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    // Like Octokit's app auth: the first request asks for the token from inside its own turn.
    let token: Promise<unknown> | undefined;
    octokit.hook.before("request", async (options) => {
      if (String(options.url).includes("access_tokens")) return;
      token ??= octokit.request("POST /app/installations/{installation_id}/access_tokens", {
        installation_id: 1,
      });
      await token;
    });
    paceRequests(octokit, { pacer: clock.pacer, key: "installation:1", now: clock.now });
    const all = Promise.all(
      Array.from({ length: 12 }, () =>
        octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "o", repo: "r" }),
      ),
    );
    await expect(all).resolves.toHaveLength(12);
    mock.done();
  });

  it("does not retry a 403 that is no rate limit", async () => {
    const clock = clocked();
    const mock = mockGitHub();
    mock.api
      .get("/repos/o/r/issues")
      .reply(403, { message: "Resource not accessible by integration" });
    const octokit = octokitWith(clock);
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/issues", { owner: "o", repo: "r" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(clock.sleeps).toEqual([]);
    mock.done();
  });
});
