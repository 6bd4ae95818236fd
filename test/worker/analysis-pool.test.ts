/**
 * The pool of warm analysis threads: a thread serves one analysis after another; one past the
 * deadline or one that crashes is replaced without disturbing the others; no more threads than
 * the pool's size run at once; closing stops them all. The worker fixture reports its thread id
 * and when it ran, so reuse and concurrency are read off the answers.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { resolveOptions } from "../../src/core/options.js";
import type { PlanSnapshot } from "../../src/core/types.js";
import {
  AnalysisPool,
  AnalysisTimeoutError,
  defaultPoolSize,
} from "../../src/worker/analysis-pool.js";
import { analyzerWithDeadline } from "../../src/worker/analyze-with-deadline.js";

const options = resolveOptions();
const workerUrl = new URL("./fixtures/pool-worker.mjs", import.meta.url);
const snapshotOf = (...paths: string[]): PlanSnapshot => ({
  files: new Map(paths.map((path) => [path, { path, size: 0, content: "" }])),
});

interface Answer {
  threadId: number;
  started: number;
  finished: number;
}

let pools: AnalysisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  pools = [];
});

function poolOf(size: number, deadlineMs = 10_000): AnalysisPool {
  const pool = new AnalysisPool({ size, deadlineMs, workerUrl });
  pools.push(pool);
  return pool;
}

async function run(pool: AnalysisPool, ...paths: string[]): Promise<Answer> {
  return (await pool.analyze(snapshotOf(...paths), options)) as unknown as Answer;
}

describe("AnalysisPool", () => {
  it("runs analyses one after another in the same thread", async () => {
    const pool = poolOf(2);
    const first = await run(pool, "a");
    const second = await run(pool, "b");
    expect(second.threadId).toBe(first.threadId);
  });

  it("stops only the thread past its deadline; the next analysis runs in a new thread", async () => {
    // The deadline leaves a loaded machine room to start two threads and sleep 200 ms in each.
    const pool = poolOf(2, 3000);
    const [a, b] = await Promise.all([run(pool, "sleep"), run(pool, "sleep")]);
    const warm = new Set([a.threadId, b.threadId]);
    expect(warm.size).toBe(2);

    const stuck = run(pool, "spin");
    await expect(stuck).rejects.toThrow("analysis took too long (over 3 s)");
    await expect(stuck).rejects.toBeInstanceOf(AnalysisTimeoutError);

    const [c, d] = await Promise.all([run(pool, "sleep"), run(pool, "sleep")]);
    const survivors = [c.threadId, d.threadId].filter((id) => warm.has(id));
    expect(survivors).toHaveLength(1);
  });

  it("replaces a thread that crashes", async () => {
    const pool = poolOf(1);
    const before = await run(pool, "a");
    await expect(run(pool, "crash")).rejects.toThrow("analysis failed: worker crashed");
    const after = await run(pool, "a");
    expect(after.threadId).not.toBe(before.threadId);
  });

  it("keeps a thread after the analysis' own error", async () => {
    const pool = poolOf(1);
    const before = await run(pool, "a");
    await expect(run(pool, "fail")).rejects.toThrow("cannot analyse fail");
    expect((await run(pool, "a")).threadId).toBe(before.threadId);
  });

  it("runs no more analyses at once than its size and queues the rest", async () => {
    const pool = poolOf(2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => run(pool, "sleep")));
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(2);
    const most = Math.max(
      ...answers.map(
        ({ started }) =>
          answers.filter((other) => other.started <= started && started < other.finished).length,
      ),
    );
    expect(most).toBe(2);
  });

  it("rejects queued and later analyses once closed", async () => {
    const pool = poolOf(1);
    const running = expect(run(pool, "sleep")).rejects.toThrow("the analysis pool is closed");
    const queued = expect(run(pool, "a")).rejects.toThrow("the analysis pool is closed");
    await pool.close();
    await Promise.all([running, queued]);
    await expect(run(pool, "a")).rejects.toThrow("the analysis pool is closed");
  });

  it("refuses a size below one thread", () => {
    expect(() => new AnalysisPool({ size: 0 })).toThrow(
      "the analysis pool needs at least one thread (got 0)",
    );
  });

  it("defaults to one thread per spare core, at least one and at most two", () => {
    expect([1, 2]).toContain(defaultPoolSize());
  });
});

describe("analyzerWithDeadline", () => {
  it("analyses in warm threads and closes them on request", async () => {
    const analyze = analyzerWithDeadline(10_000, { workerUrl, poolSize: 1 });
    const first = (await analyze(snapshotOf("a"), options)) as unknown as Answer;
    const second = (await analyze(snapshotOf("b"), options)) as unknown as Answer;
    expect(second.threadId).toBe(first.threadId);
    await analyze.close();
    await expect(analyze(snapshotOf("a"), options)).rejects.toThrow("the analysis pool is closed");
  });
});
