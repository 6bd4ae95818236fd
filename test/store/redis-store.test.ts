/**
 * The shared state of the scaled mode against a real redis-server: locks exclude across
 * connections and lapse when their holder dies, the pacer spaces one installation's slots
 * whichever instance asks (and leaves other installations alone), the command limiter counts
 * across instances, and the caches expire. Then the whole app: two instances receiving the push
 * and the synchronize of one SHA write one check run.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createApp } from "../../src/app.js";
import { createDeps } from "../../src/github/deps.js";
import type { RunningServer, SharedState } from "../../src/server/start-server.js";
import { RedisCommandLimiter } from "../../src/store/redis-command-limiter.js";
import { redisDeps } from "../../src/store/redis-deps.js";
import { RedisJsonCache } from "../../src/store/redis-json-cache.js";
import { RedisLock } from "../../src/store/redis-lock.js";
import { RedisPacer } from "../../src/store/redis-pacer.js";
import { fakeHelloWorld, NOW, PLAN_ROOT } from "../github/harness.js";
import { installNockGuards } from "../support/github-mock.js";
import { describeWithRedis } from "../support/redis-server.js";
import { fakeSha, pullRequestEvent, pushTouching } from "../support/webhook-fixtures.js";
import { postDelivery, startTestServer, waitFor } from "../server/server-harness.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;

describeWithRedis("state shared in Redis", (redis) => {
  let one: Redis;
  let two: Redis;
  beforeAll(() => {
    one = new Redis(redis().url);
    two = new Redis(redis().url);
  });
  afterAll(async () => {
    await Promise.all([one.quit(), two.quit()]);
  });

  it("lets one holder at a time run under a key, across connections", async () => {
    const prefix = `t-${randomUUID()}`;
    const locks = [new RedisLock(one, { prefix }), new RedisLock(two, { prefix })];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        locks[i % 2]!.run("commit:1:abc", async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 30));
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3]);
  });

  it("lets a lock whose holder died lapse after its expiry", async () => {
    const prefix = `t-${randomUUID()}`;
    // A holder that took the lock and vanished without releasing or renewing it.
    await one.set(`${prefix}:lock:sync:9`, "dead-holder", "PX", 300);
    const started = Date.now();
    const result = await new RedisLock(two, { prefix }).run("sync:9", async () => "ran");
    expect(result).toBe("ran");
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("spaces one installation's slots across instances and leaves another's alone", async () => {
    const prefix = `t-${randomUUID()}`;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const limits = { minGapMs: 1000, perMinute: 80, perHour: 500 };
    const a = new RedisPacer(one, limits, prefix, sleep);
    const b = new RedisPacer(two, limits, prefix, sleep);
    await a.take("installation:1");
    await b.take("installation:1");
    await a.take("installation:1");
    await b.take("installation:2");
    // The first slot is now; the next two are a second and two seconds later; installation 2
    // is not delayed by installation 1.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(900);
    expect(waits[1]).toBeGreaterThan(1900);
    await b.holdUntil("installation:2", Date.now() + 5000);
    await a.take("installation:2");
    expect(waits[2]).toBeGreaterThan(4000);
  });

  it("counts one person's commands across instances and tells them once", async () => {
    const prefix = `t-${randomUUID()}`;
    const a = new RedisCommandLimiter(one, 3, 60_000, prefix);
    const b = new RedisCommandLimiter(two, 3, 60_000, prefix);
    expect(await a.take(5, "Octocat", 2)).toMatchObject({ allowed: 2, notify: false });
    expect(await b.take(5, "octocat", 2)).toMatchObject({ allowed: 1, notify: true });
    const third = await a.take(5, "OCTOCAT", 1);
    expect(third).toMatchObject({ allowed: 0, notify: false });
    expect(third.retryAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await a.take(5, "someone-else", 1)).toMatchObject({ allowed: 1 });
  });

  it("shares cached values between instances until they expire", async () => {
    const prefix = `t-${randomUUID()}`;
    const a = new RedisJsonCache<{ plans: string[] }>(one, prefix, 200);
    const b = new RedisJsonCache<{ plans: string[] }>(two, prefix, 200);
    await a.set("42", { plans: ["work-space/plans/*"] });
    expect(await b.get("42")).toEqual({ plans: ["work-space/plans/*"] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.get("42")).toBeUndefined();
  });

  it("writes one check run when two instances get the push and the synchronize of one SHA", async () => {
    const prefix = `t-${randomUUID()}`;
    const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    const sha = fakeSha("two instances");
    const pull = pullRequestEvent("synchronize", { headSha: sha, number: 7 });
    pull.pull_request.changed_files = 1;
    // Each instance asks for its own installation token (the queue is shared, so one instance
    // may take both jobs and ask once); the second reader sees the run. The pull request's files
    // come with its first query; when it reads first, its folders take one more query (the order
    // of the two events is not fixed).
    gh.pullChanges.set(7, [{ path: `${GRAPH}/parallel.json` }]);
    gh.expectToken().expectToken({ optional: true }).expectGraphql(2).expectCreate();
    gh.expectGraphql(1, { optional: true });
    const servers: RunningServer[] = [];
    for (let i = 0; i < 2; i++)
      servers.push(
        await startTestServer({
          factory: true,
          app: (shared: SharedState) =>
            createApp(createDeps({ now: () => NOW, ...redisDeps(shared.redis!, shared.prefix) })),
          env: { REDIS_URL: redis().url },
          redisPrefix: prefix,
        }),
      );
    try {
      const push = pushTouching(
        { modified: [`${GRAPH}/parallel.json`] },
        { after: sha, ref: "refs/heads/changes" },
      );
      const answers = await Promise.all([
        postDelivery(servers[0]!.url, "push", push),
        postDelivery(servers[1]!.url, "pull_request", pull),
      ]);
      expect(answers.map((a) => a.status)).toEqual([202, 202]);
      await waitFor("both deliveries to be handled", () => gh.mock.api.isDone(), 15_000);
      await waitFor("both queues to be idle", async () => {
        const stats = await Promise.all(servers.map((s) => s.queue.stats()));
        return stats.every((s) => s.active === 0 && s.waiting === 0);
      });
      expect(gh.runs).toHaveLength(1);
      expect(gh.callLines().filter((l) => l === "POST /check-runs")).toHaveLength(1);
      gh.mock.done();
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 20_000);
});
