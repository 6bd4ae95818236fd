/**
 * The scaled mode against a real redis-server: two instances share one Redis. A delivery
 * redelivered three times across both runs once; a job whose instance died mid-work is run by
 * the other; failed attempts are retried and, once given up, kept and counted; readiness follows
 * Redis.
 */
import { afterEach, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import type { Probot } from "probot";
import type { RunningServer } from "../../src/server/start-server.js";
import { describeWithRedis } from "../support/redis-server.js";
import { postDelivery, startTestServer, waitFor } from "../server/server-harness.js";

const PAYLOAD = { action: "edited", pages: [], installation: { id: 7 }, repository: { id: 70 } };

describeWithRedis("the Redis queue", (redis) => {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  /** An instance sharing the suite's Redis under `prefix`, running `handler` for gollum. */
  async function instance(
    prefix: string,
    handler: (id: string) => Promise<void>,
    extra: Record<string, string> = {},
  ): Promise<RunningServer> {
    const server = await startTestServer({
      app: (app: Probot) => app.on("gollum", (context) => handler(context.id)),
      env: { REDIS_URL: redis().url, SHUTDOWN_GRACE_SECONDS: "0", ...extra },
      redisPrefix: prefix,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
      backoffMs: 50,
    });
    servers.push(server);
    return server;
  }

  it("runs a delivery redelivered three times to two instances once", async () => {
    const prefix = `t-${randomUUID()}`;
    const runs: string[] = [];
    const work = async (id: string) => {
      runs.push(id);
    };
    const a = await instance(prefix, work);
    const b = await instance(prefix, work);
    const id = randomUUID();
    const answers = [
      await postDelivery(a.url, "gollum", PAYLOAD, id),
      await postDelivery(b.url, "gollum", PAYLOAD, id),
      await postDelivery(a.url, "gollum", PAYLOAD, id),
    ];
    expect(answers.map((x) => x.status)).toEqual([202, 202, 202]);
    expect(answers.map((x) => x.text)).toEqual([
      "queued\n",
      "already received\n",
      "already received\n",
    ]);
    await waitFor("the delivery to run", () => runs.length === 1);
    // Once it is done, a later redelivery is still recognised.
    expect((await postDelivery(b.url, "gollum", PAYLOAD, id)).text).toBe("already received\n");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toEqual([id]);
  });

  it("hands a job whose instance died mid-work to another instance", async () => {
    const prefix = `t-${randomUUID()}`;
    const started: string[] = [];
    const finished: string[] = [];
    // Instance A starts the work and never finishes it: it is shut down with no grace at all,
    // so its lock stops being renewed, as when a process is killed.
    const a = await instance(prefix, async (id) => {
      started.push(`a:${id}`);
      await new Promise(() => undefined);
    });
    const id = randomUUID();
    expect((await postDelivery(a.url, "gollum", PAYLOAD, id)).status).toBe(202);
    await waitFor("A to start the job", () => started.length === 1);
    const left = await a.stop();
    servers.splice(servers.indexOf(a), 1);
    expect(left).toEqual([{ id, kind: "gollum.edited", state: "running" }]);
    await instance(prefix, async (jobId) => {
      started.push(`b:${jobId}`);
      finished.push(jobId);
    });
    await waitFor("B to finish the stalled job", () => finished.length === 1, 15_000);
    expect(started).toEqual([`a:${id}`, `b:${id}`]);
  }, 20_000);

  it("retries a failed attempt, keeps the job when it gives up, and counts both", async () => {
    const prefix = `t-${randomUUID()}`;
    let attempts = 0;
    const server = await instance(prefix, async () => {
      attempts++;
      throw new Error("GitHub answered 502");
    });
    const id = randomUUID();
    await postDelivery(server.url, "gollum", PAYLOAD, id);
    await waitFor("three attempts", () => attempts === 3);
    await waitFor("the failure to be counted", async () =>
      (await (await fetch(`${server.url}/metrics`)).text()).includes(
        'parallel_plans_jobs_failed_total{kind="gollum.edited"} 1',
      ),
    );
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('parallel_plans_jobs_retried_total{kind="gollum.edited"} 2');
    // Given up: a maintainer's redelivery runs it again.
    expect((await postDelivery(server.url, "gollum", PAYLOAD, id)).text).toBe("queued\n");
    await waitFor("three more attempts", () => attempts === 6);
  });

  it("is ready while Redis answers and reports its depth", async () => {
    const server = await instance(`t-${randomUUID()}`, async () => undefined);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('parallel_plans_queue_depth{state="waiting"} 0');
    expect(metrics).toContain('parallel_plans_queue_depth{state="active"} 0');
  });
});
