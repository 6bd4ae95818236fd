import { describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { Probot } from "probot";
import {
  checkRunRerequested,
  checkSuiteRerequested,
  examplePayload,
  fakeSha,
  pullRequestEvent,
  pushTouching,
  signPayload,
  webhookHeaders,
  type WebhookPayload,
} from "./webhook-fixtures.js";

const HEAD = fakeSha("head");

describe("examplePayload", () => {
  it("returns the first real example of the event and action", () => {
    const payload = examplePayload("check_suite", "requested");

    expect(payload.action).toBe("requested");
    expect(payload.check_suite.head_sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("returns a fresh copy each time", () => {
    examplePayload("push").ref = "refs/heads/changed";

    expect(examplePayload("push").ref).not.toBe("refs/heads/changed");
  });

  it.each([
    ["nope", undefined, /no nope example at all/],
    ["push", "nope", /no push example with action nope/],
  ])("throws a clear error for %s %s", (event, action, message) => {
    expect(() => examplePayload(event, action)).toThrow(message);
  });
});

describe("signPayload", () => {
  it("matches GitHub's documented test vector", () => {
    expect(signPayload("Hello, World!", "It's a Secret to Everybody")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("builds delivery headers carrying the signature", () => {
    expect(webhookHeaders("push", "{}", "s", "id-1")).toEqual({
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": "id-1",
      "x-hub-signature-256": signPayload("{}", "s"),
    });
  });
});

describe("pushTouching", () => {
  it("pushes one commit touching the files to the example branch", () => {
    const payload = pushTouching(
      { added: ["a/parallel.json"], modified: ["b/PLAN_B.md"], removed: ["c/x.md"] },
      { after: HEAD },
    );

    expect(payload).toMatchObject({
      ref: "refs/heads/master",
      after: HEAD,
      created: false,
      deleted: false,
      installation: { id: 1 },
      repository: { full_name: "Codertocat/Hello-World" },
      head_commit: {
        id: HEAD,
        added: ["a/parallel.json"],
        modified: ["b/PLAN_B.md"],
        removed: ["c/x.md"],
      },
    });
    expect(payload.commits).toHaveLength(1);
    expect(payload.before).toMatch(/^(?!0{40})[0-9a-f]{40}$/);
  });

  it("simulates a 20-commit (possibly truncated) payload ending at after", () => {
    const payload = pushTouching({ modified: ["p/parallel.json"] }, { after: HEAD, commits: 20 });

    expect(payload.commits).toHaveLength(20);
    expect(new Set(payload.commits.map((c: { id: string }) => c.id)).size).toBe(20);
    expect(payload.commits[19]).toMatchObject({ id: HEAD, modified: ["p/parallel.json"] });
    expect(payload.commits[0]).toMatchObject({ added: [], modified: [], removed: [] });
  });

  it("takes another ref", () => {
    expect(pushTouching({}, { ref: "refs/heads/topic" }).ref).toBe("refs/heads/topic");
  });
});

describe("pullRequestEvent", () => {
  it.each(["opened", "synchronize", "reopened"] as const)(
    "gives a %s event the head SHA and number asked for",
    (action) => {
      const payload = pullRequestEvent(action, { headSha: HEAD, number: 42 });

      expect(payload).toMatchObject({
        action,
        number: 42,
        installation: { id: expect.any(Number) },
        pull_request: {
          number: 42,
          head: { sha: HEAD },
          url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/42",
          statuses_url: `https://api.github.com/repos/Codertocat/Hello-World/statuses/${HEAD}`,
        },
      });
    },
  );

  it("moves a synchronize's after to the new head", () => {
    expect(pullRequestEvent("synchronize", { headSha: HEAD }).after).toBe(HEAD);
  });
});

describe("rerequested checks", () => {
  it("rerequests the check suite of the head SHA", () => {
    const payload = checkSuiteRerequested(HEAD);

    expect(payload).toMatchObject({
      action: "rerequested",
      installation: { id: expect.any(Number) },
      check_suite: { head_sha: HEAD, after: HEAD, head_commit: { id: HEAD } },
    });
  });

  it("rerequests the app's check run by name", () => {
    const payload = checkRunRerequested(HEAD);

    expect(payload).toMatchObject({
      action: "rerequested",
      installation: { id: expect.any(Number) },
      check_run: { name: "parallel-plans", head_sha: HEAD, check_suite: { head_sha: HEAD } },
    });
  });
});

describe("the fixtures in Probot", () => {
  const privateKey = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;

  it.each([
    ["push", pushTouching({ modified: ["p/parallel.json"] })],
    ["pull_request", pullRequestEvent("opened")],
    ["check_suite", checkSuiteRerequested(HEAD)],
    ["check_run", checkRunRerequested(HEAD)],
  ] as [string, WebhookPayload][])(
    "deliver a signed %s event to a handler with its repository and installation",
    async (name, payload) => {
      const probot = new Probot({ appId: 1, privateKey, secret: "s3cret", logLevel: "fatal" });
      const seen: unknown[] = [];
      probot.on(["push", "pull_request", "check_suite", "check_run"], async (context) => {
        const { installation } = context.payload as { installation?: { id: number } };
        seen.push([context.name, context.repo(), installation?.id]);
      });
      const body = JSON.stringify(payload);
      await probot.ready();

      await probot.webhooks.verifyAndReceive({
        id: "delivery-1",
        name: name as "push",
        payload: body,
        signature: signPayload(body, "s3cret"),
      });

      expect(seen).toEqual([
        [
          name,
          { owner: payload.repository.owner.login, repo: payload.repository.name },
          payload.installation.id,
        ],
      ]);
    },
  );

  it("rejects a delivery signed with another secret", async () => {
    const probot = new Probot({ appId: 1, privateKey, secret: "s3cret", logLevel: "fatal" });
    await probot.ready();
    const body = JSON.stringify(pushTouching({}));

    await expect(
      probot.webhooks.verifyAndReceive({
        id: "delivery-2",
        name: "push",
        payload: body,
        signature: signPayload(body, "not the secret"),
      }),
    ).rejects.toThrow(/signature does not match/);
  });
});
