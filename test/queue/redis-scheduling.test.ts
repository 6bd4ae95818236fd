/**
 * The Redis queue schedules as the embedded one does, across instances: two queues sharing one
 * real redis-server run the pushes to one branch strictly in arrival order and never two at once,
 * keep one installation at its cap while another installation's delivery runs meanwhile, give a
 * job whose instance died its place back before the later ones, let a job that fails for good
 * (or never got queued) give up its place, and hold the work back while deliveries arrive. The age
 * of the oldest waiting delivery counts the ones BullMQ keeps in its delayed set: held at their
 * installation's cap, or waiting out a retry's backoff.
 */
import { afterEach, expect, it } from "@jest/globals";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Delivery } from "../../src/queue/delivery.js";
import type { DeliveryWorker } from "../../src/queue/delivery-queue.js";
import { QUEUE_NAME, RedisQueue, type RedisQueueOptions } from "../../src/queue/redis-queue.js";
import { RedisOrder } from "../../src/queue/redis-order.js";
import { PendingDeliveries } from "../../src/queue/redis-pending.js";
import { describeWithRedis } from "../support/redis-server.js";
import { waitFor } from "../server/server-harness.js";

function push(
  installation: number,
  repository: number,
  ref = "refs/heads/main",
  receivedAt = Date.now(),
): Delivery {
  return {
    id: randomUUID(),
    name: "push",
    payload: { ref, installation: { id: installation }, repository: { id: repository } },
    receivedAt,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records what ran, when, and how many ran at once per group. */
function recorder(group: (delivery: Delivery) => string) {
  const started: string[] = [];
  const finished: string[] = [];
  const startedAt = new Map<string, number>();
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  return {
    started,
    finished,
    startedAt,
    most,
    /** A worker taking `ms(delivery)`, counting overlap per group. */
    worker(ms: (delivery: Delivery) => number): DeliveryWorker {
      return async (delivery) => {
        const key = group(delivery);
        const now = (running.get(key) ?? 0) + 1;
        running.set(key, now);
        most.set(key, Math.max(most.get(key) ?? 0, now));
        started.push(delivery.id);
        startedAt.set(delivery.id, Date.now());
        await sleep(ms(delivery));
        running.set(key, running.get(key)! - 1);
        finished.push(delivery.id);
      };
    },
  };
}

const installationOf = (delivery: Delivery) =>
  String((delivery.payload as { installation: { id: number } }).installation.id);

describeWithRedis("the Redis queue's scheduling", (redis) => {
  const queues: RedisQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close(0)));
  });

  /** A queue instance on the suite's Redis under `prefix`, started with `worker`. */
  async function instance(
    prefix: string,
    worker: DeliveryWorker,
    options: Partial<RedisQueueOptions> = {},
  ): Promise<RedisQueue> {
    const queue = new RedisQueue({
      url: redis().url,
      prefix,
      concurrency: 8,
      perInstallation: 2,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
      backoffMs: 50,
      ...options,
    });
    queues.push(queue);
    expect(await queue.ready()).toBe(true);
    queue.start(worker);
    return queue;
  }

  it("runs 20 pushes to one branch strictly in arrival order, never two at once", async () => {
    const prefix = `t-${randomUUID()}`;
    const rec = recorder(() => "branch");
    // Work of uneven length, so a later, shorter job would overtake an earlier one if it could.
    const worker = rec.worker(() => 5 + Math.floor(Math.random() * 40));
    const queues = [
      await instance(prefix, worker, { perInstallation: 20 }),
      await instance(prefix, worker, { perInstallation: 20 }),
    ];
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const delivery = push(1, 10);
      sent.push(delivery.id);
      expect(await queues[i % 2]!.enqueue(delivery)).toBe("queued");
    }
    await waitFor("all 20 to finish", () => rec.finished.length === 20, 30_000);
    expect(rec.started).toEqual(sent);
    expect(rec.finished).toEqual(sent);
    expect(rec.most.get("branch")).toBe(1);
  }, 40_000);

  it("keeps one installation's burst at its cap across instances", async () => {
    const prefix = `t-${randomUUID()}`;
    const rec = recorder(installationOf);
    const worker = rec.worker(() => 150);
    const queues = [await instance(prefix, worker), await instance(prefix, worker)];
    // Ten repositories: nothing orders them, only the installation's cap holds them back.
    for (let i = 0; i < 10; i++) await queues[i % 2]!.enqueue(push(1, 100 + i));
    await waitFor("all 10 to finish", () => rec.finished.length === 10, 30_000);
    expect(rec.most.get("1")).toBe(2);
  }, 40_000);

  it("runs a second installation's delivery while the first's burst is held at its cap", async () => {
    const prefix = `t-${randomUUID()}`;
    const rec = recorder(installationOf);
    const worker = rec.worker(() => 200);
    const queues = [await instance(prefix, worker), await instance(prefix, worker)];
    const burst: Delivery[] = [];
    for (let i = 0; i < 10; i++) {
      burst.push(push(1, 200 + i));
      await queues[i % 2]!.enqueue(burst[i]!);
    }
    const other = push(2, 300);
    const queuedAt = Date.now();
    await queues[0]!.enqueue(other);
    await waitFor("all 11 to finish", () => rec.finished.length === 11, 30_000);
    // The burst runs two at a time; the other installation does not wait for it to drain.
    const waited = rec.startedAt.get(other.id)! - queuedAt;
    const burstStartedBefore = burst.filter(
      (d) => rec.startedAt.get(d.id)! < rec.startedAt.get(other.id)!,
    ).length;
    console.info(`second installation waited ${waited} ms behind a burst of 10`);
    expect(burstStartedBefore).toBeLessThanOrEqual(4);
    expect(rec.most.get("1")).toBe(2);
  }, 40_000);

  it("runs a job whose instance died before the later pushes to its branch", async () => {
    const prefix = `t-${randomUUID()}`;
    const rec = recorder(() => "branch");
    let aStarted = "";
    // Instance A takes the first push and dies in the middle of it (closed with no grace: its
    // job lock is no longer renewed, as when the process is killed).
    const a = await instance(prefix, async (delivery) => {
      aStarted = delivery.id;
      await new Promise(() => undefined);
    });
    const first = push(1, 20);
    await a.enqueue(first);
    await waitFor("A to start the first push", () => aStarted === first.id);
    const b = await instance(
      prefix,
      rec.worker(() => 10),
    );
    const later: string[] = [];
    for (let i = 0; i < 4; i++) {
      const delivery = push(1, 20);
      later.push(delivery.id);
      await b.enqueue(delivery);
    }
    await sleep(200);
    expect(rec.started).toEqual([]);
    expect(await a.close(0)).toEqual([{ id: first.id, kind: "push", state: "running" }]);
    queues.splice(queues.indexOf(a), 1);
    await waitFor("B to run all five", () => rec.finished.length === 5, 20_000);
    expect(rec.started).toEqual([first.id, ...later]);
  }, 30_000);

  it("lets the next push run once an earlier one failed every attempt", async () => {
    const prefix = `t-${randomUUID()}`;
    const failing = push(1, 30);
    const next = push(1, 30);
    const ran: string[] = [];
    await instance(
      prefix,
      async (delivery) => {
        ran.push(delivery.id);
        if (delivery.id === failing.id) throw new Error("GitHub answered 502");
      },
      { attempts: 2 },
    );
    await queues[0]!.enqueue(failing);
    await queues[0]!.enqueue(next);
    await waitFor("the next push to run", () => ran.includes(next.id), 15_000);
    expect(ran).toEqual([failing.id, failing.id, next.id]);
  }, 20_000);

  it("starts no job while its instance is receiving deliveries, all of them after", async () => {
    let receiving = true;
    const rec = recorder(() => "any");
    await instance(
      `t-${randomUUID()}`,
      rec.worker(() => 0),
      {
        busy: () => receiving,
        perInstallation: 8,
      },
    );
    for (let i = 0; i < 3; i++) await queues[0]!.enqueue(push(1, 40 + i));
    await sleep(500);
    expect(rec.started).toEqual([]);
    receiving = false;
    await waitFor("all three to run", () => rec.finished.length === 3);
  });

  it("drops a place whose job never got queued, after a grace", async () => {
    const connection = new Redis(redis().url);
    try {
      const prefix = `t-${randomUUID()}`;
      const order = new RedisOrder({
        prefix,
        jobKeyPrefix: `${prefix}:${QUEUE_NAME}:`,
        graceMs: 300,
      });
      await order.join(connection, "push:1:refs/heads/main", "lost");
      await order.join(connection, "push:1:refs/heads/main", "real");
      expect(await order.isTurn(connection, "push:1:refs/heads/main", "real")).toBe(false);
      await sleep(400);
      expect(await order.isTurn(connection, "push:1:refs/heads/main", "real")).toBe(true);
    } finally {
      await connection.quit();
    }
  });

  it("counts a delivery held at its installation's cap as waiting since it arrived, and none once all ran", async () => {
    const prefix = `t-${randomUUID()}`;
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    let deferred = 0;
    const queue = await instance(
      prefix,
      async (delivery) => {
        await released;
        ran.push(delivery.id);
      },
      {
        perInstallation: 1,
        observer: { attempted: () => undefined, deferred: () => void deferred++ },
      },
    );
    // Two repositories, so only the cap holds the second back; both arrived a while ago.
    const running = push(1, 50, "refs/heads/main", Date.now() - 120_000);
    const held = push(1, 51, "refs/heads/main", Date.now() - 60_000);
    await queue.enqueue(running);
    await waitFor("the first to run", async () => (await queue.stats()).active === 1);
    await queue.enqueue(held);
    await waitFor("the second to be put back", () => deferred > 0);
    const stats = await queue.stats();
    expect(stats).toMatchObject({ waiting: 1, active: 1 });
    // The held one's age: the running one, older, is the active count's, not the waiting's.
    expect(stats.oldestAgeSeconds).toBeGreaterThanOrEqual(60);
    expect(stats.oldestAgeSeconds).toBeLessThan(120);
    release();
    await waitFor("both to run", () => ran.length === 2);
    await waitFor("none to wait", async () => (await queue.stats()).waiting === 0);
    expect((await queue.stats()).oldestAgeSeconds).toBe(0);
    const connection = new Redis(redis().url);
    try {
      await waitFor("the finished to leave the pending set", async () => {
        return (await connection.zcard(`${prefix}:pending`)) === 0;
      });
    } finally {
      await connection.quit();
    }
  }, 20_000);

  it("counts a retry waiting out its backoff as waiting since its delivery arrived", async () => {
    const failures: string[] = [];
    const queue = await instance(
      `t-${randomUUID()}`,
      async () => {
        throw new Error("GitHub answered 502");
      },
      {
        attempts: 2,
        backoffMs: 60_000,
        onError: (_delivery, _error, outcome) => failures.push(outcome),
      },
    );
    await queue.enqueue(push(1, 60, "refs/heads/main", Date.now() - 30_000));
    await waitFor("the first attempt to fail", () => failures.length === 1);
    expect(failures).toEqual(["retry"]);
    const stats = await queue.stats();
    expect(stats).toMatchObject({ waiting: 1, active: 0 });
    expect(stats.oldestAgeSeconds).toBeGreaterThanOrEqual(30);
  });

  it("drops pending entries whose job finished or never got queued, keeping a young one", async () => {
    const connection = new Redis(redis().url);
    try {
      const prefix = `t-${randomUUID()}`;
      const queueKeyPrefix = `${prefix}:${QUEUE_NAME}:`;
      const pending = new PendingDeliveries({ prefix, queueKeyPrefix, graceMs: 300 });
      const now = Date.now();
      await pending.add(connection, "never-queued", now - 5_000);
      await pending.add(connection, "finished", now - 4_000);
      await connection.hset(`${queueKeyPrefix}finished`, "finishedOn", String(now - 1_000));
      await pending.add(connection, "on-its-way", now - 100);
      expect(await pending.oldestWaiting(connection, now)).toBe(now - 100);
      expect(await connection.zrange(`${prefix}:pending`, 0, -1)).toEqual(["on-its-way"]);
      // Past the grace with still no job: gone too.
      expect(await pending.oldestWaiting(connection, now + 1_000)).toBeUndefined();
      expect(await connection.zcard(`${prefix}:pending`)).toBe(0);
    } finally {
      await connection.quit();
    }
  });
});
