/**
 * Redis going away under a running server (Redis mode): `/ready` answers 503 and so does the
 * webhook, at once rather than after GitHub's 10 s, so GitHub shows the delivery as failed and it
 * can be redelivered; when Redis is back both recover, and the workers run deliveries again.
 */
import { afterAll, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import type { Probot } from "probot";
import type { RunningServer } from "../../src/server/start-server.js";
import { describeWithRedis } from "../support/redis-server.js";
import { isReady, postDelivery, startTestServer, waitFor } from "./server-harness.js";

const PAYLOAD = { action: "edited", pages: [], installation: { id: 5 }, repository: { id: 50 } };

describeWithRedis("the server while Redis is away", (redis) => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    // After a Redis restart, BullMQ's blocking fetch can outlive even a forced close by its
    // watchdog (the drain delay, 5 s, plus 1 s); it then ends by itself. Let it, so the file
    // leaves nothing running.
    await new Promise((resolve) => setTimeout(resolve, 6500));
  });

  it("answers 503 to /ready and to deliveries, and recovers when Redis is back", async () => {
    const ran: string[] = [];
    server = await startTestServer({
      app: (app: Probot) =>
        app.on("gollum", async (context) => {
          ran.push(context.id);
        }),
      env: { REDIS_URL: redis().url, SHUTDOWN_GRACE_SECONDS: "0" },
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    });
    const { url } = server;
    expect(await isReady(url)).toBe(true);
    const before = await postDelivery(url, "gollum", PAYLOAD);
    expect(before.status).toBe(202);
    await waitFor("the first delivery to run", () => ran.length === 1);

    await redis().down();
    await waitFor("/ready to say not ready", async () => !(await isReady(url)));
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    const id = randomUUID();
    const refused = await postDelivery(url, "gollum", PAYLOAD, id);
    expect(refused).toMatchObject({ status: 503, text: "queue unavailable: redeliver later\n" });
    // A hang guard, not a performance claim: GitHub gives up after 10 s.
    expect(refused.ms).toBeLessThan(5000);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'parallel_plans_deliveries_total{event="gollum",outcome="unavailable"} 1',
    );

    await redis().up();
    await waitFor("/ready to recover", () => isReady(url), 15_000);
    // The redelivery of the refused delivery is taken and run.
    const redelivered = await postDelivery(url, "gollum", PAYLOAD, id);
    expect(redelivered).toMatchObject({ status: 202, text: "queued\n" });
    await waitFor("the worker to run it", () => ran.length === 2, 15_000);
  }, 40_000);
});
