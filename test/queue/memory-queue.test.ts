/**
 * The embedded queue: bounded concurrency overall and per installation, arrival order per order
 * key (pushes to one branch), redeliveries recognised, retries in place, and a close that waits
 * for running jobs up to the grace period and names what it left.
 */
import { describe, expect, it } from "@jest/globals";
import type { Delivery } from "../../src/queue/delivery.js";
import { MemoryQueue } from "../../src/queue/memory-queue.js";
import { waitFor } from "../server/server-harness.js";

function push(id: string, installation: number, ref = "refs/heads/main", repository = 1): Delivery {
  return {
    id,
    name: "push",
    payload: { ref, installation: { id: installation }, repository: { id: repository } },
    receivedAt: Date.now(),
  };
}

/** A worker whose jobs finish when the test says so. */
function controlledWorker() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const worker = (delivery: Delivery) =>
    new Promise<void>((resolve) => {
      started.push(delivery.id);
      finish.set(delivery.id, resolve);
    });
  // Jobs start a check phase or two after they can: wait until no more start for a while.
  const settle = async () => {
    let seen = -1;
    while (seen !== started.length) {
      seen = started.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { started, finish: (id: string) => finish.get(id)!(), worker, settle };
}

describe("the embedded queue", () => {
  it("runs pushes to one branch one after the other, in arrival order", async () => {
    const queue = new MemoryQueue({ concurrency: 8, perInstallation: 8 });
    const w = controlledWorker();
    queue.start(w.worker);
    await queue.enqueue(push("a", 1));
    await queue.enqueue(push("b", 1));
    await queue.enqueue(push("c", 1, "refs/heads/feature"));
    await w.settle();
    expect(w.started).toEqual(["a", "c"]);
    w.finish("a");
    await w.settle();
    expect(w.started).toEqual(["a", "c", "b"]);
    w.finish("b");
    w.finish("c");
    expect(await queue.close(1000)).toEqual([]);
  });

  it("lets one installation use at most its share, and others run meanwhile", async () => {
    const queue = new MemoryQueue({ concurrency: 3, perInstallation: 2 });
    const w = controlledWorker();
    queue.start(w.worker);
    for (const [id, installation, repository] of [
      ["a1", 1, 1],
      ["a2", 1, 2],
      ["a3", 1, 3],
      ["b1", 2, 4],
      ["c1", 3, 5],
    ] as const)
      await queue.enqueue(push(id, installation, "refs/heads/main", repository));
    await w.settle();
    expect(w.started).toEqual(["a1", "a2", "b1"]);
    expect(await queue.stats()).toMatchObject({ waiting: 2, active: 3 });
    w.finish("b1");
    await w.settle();
    expect(w.started).toEqual(["a1", "a2", "b1", "c1"]);
    w.finish("a1");
    await w.settle();
    expect(w.started.at(-1)).toBe("a3");
    for (const id of ["a2", "a3", "c1"]) w.finish(id);
    await queue.close(1000);
  });

  it("does not run a delivery id again while it is queued, running or done recently", async () => {
    const queue = new MemoryQueue();
    const runs: string[] = [];
    queue.start(async (delivery) => {
      runs.push(delivery.id);
    });
    expect(await queue.enqueue(push("same", 1))).toBe("queued");
    expect(await queue.enqueue(push("same", 1))).toBe("duplicate");
    // Done by now (waited for, not slept: a loaded machine runs it late).
    await waitFor("the delivery to run", () => runs.length === 1);
    expect(await queue.enqueue(push("same", 1))).toBe("duplicate");
    expect(runs).toEqual(["same"]);
    await queue.close(1000);
  });

  it("retries a failed attempt after a backoff, and accepts a redelivery once it gave up", async () => {
    const outcomes: string[] = [];
    const queue = new MemoryQueue({
      attempts: 2,
      backoffMs: 10,
      observer: { attempted: (_keys, _s, outcome) => outcomes.push(outcome) },
    });
    let calls = 0;
    queue.start(async () => {
      calls++;
      throw new Error("GitHub answered 502");
    });
    await queue.enqueue(push("flaky", 1));
    while (outcomes.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(outcomes).toEqual(["retry", "failed"]);
    expect(calls).toBe(2);
    expect(await queue.enqueue(push("flaky", 1))).toBe("queued");
    await queue.close(0);
  });

  it("on close lets running jobs finish within the grace period and names what it left", async () => {
    const queue = new MemoryQueue({ concurrency: 1 });
    const w = controlledWorker();
    queue.start(w.worker);
    await queue.enqueue(push("running", 1, "refs/heads/a"));
    await queue.enqueue(push("waiting", 1, "refs/heads/b"));
    await w.settle();
    const closing = queue.close(5000);
    await expect(queue.enqueue(push("late", 1))).rejects.toThrow("closing");
    w.finish("running");
    expect(await closing).toEqual([{ id: "waiting", kind: "push", state: "waiting" }]);
    expect(w.started).toEqual(["running"]);
  });

  it("gives up waiting for a running job at the end of the grace period", async () => {
    const queue = new MemoryQueue();
    const w = controlledWorker();
    queue.start(w.worker);
    await queue.enqueue(push("stuck", 1));
    await w.settle();
    expect(await queue.close(20)).toEqual([{ id: "stuck", kind: "push", state: "running" }]);
  });

  it("starts no job while deliveries are being received, all of them after", async () => {
    let receiving = true;
    const queue = new MemoryQueue({ concurrency: 4, perInstallation: 4, busy: () => receiving });
    const w = controlledWorker();
    queue.start(w.worker);
    for (const id of ["a", "b", "c"]) await queue.enqueue(push(id, 1, `refs/heads/${id}`));
    await w.settle();
    expect(w.started).toEqual([]);
    receiving = false;
    await w.settle();
    expect(w.started).toEqual(["a", "b", "c"]);
    for (const id of ["a", "b", "c"]) w.finish(id);
    await queue.close(1000);
  });

  it("refuses deliveries past the waiting limit", async () => {
    const queue = new MemoryQueue({ maxWaiting: 1 });
    await queue.enqueue(push("one", 1));
    await expect(queue.enqueue(push("two", 1))).rejects.toThrow("queue is full");
    await queue.close(0);
  });
});
