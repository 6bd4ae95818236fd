/**
 * The deadline runner: a worker that does not answer in time is terminated and the caller gets
 * "analysis took too long"; answers and failures come back as they are. The worker's own handler
 * (`answer`) is the real core, tested in-process (the built worker script runs it in a thread).
 */
import { describe, expect, it } from "@jest/globals";
import { resolveOptions } from "../../src/core/options.js";
import type { PlanSnapshot } from "../../src/core/types.js";
import { answer } from "../../src/worker/analysis-worker.js";
import {
  AnalysisTimeoutError,
  analyzeWithDeadline,
} from "../../src/worker/analyze-with-deadline.js";

const options = resolveOptions();
const fixture = (name: string) => ({ workerUrl: new URL(`./fixtures/${name}`, import.meta.url) });
const snapshotOf = (files: Record<string, string>): PlanSnapshot => ({
  files: new Map(
    Object.entries(files).map(([path, content]) => [path, { path, size: content.length, content }]),
  ),
});

describe("analyzeWithDeadline", () => {
  it("stops a worker that runs past the deadline and says the analysis took too long", async () => {
    const started = Date.now();
    const run = analyzeWithDeadline(snapshotOf({}), options, 300, fixture("busy-worker.mjs"));
    await expect(run).rejects.toThrow("analysis took too long (over 0.3 s)");
    await expect(run).rejects.toBeInstanceOf(AnalysisTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("resolves with the worker's report", async () => {
    const report = await analyzeWithDeadline(
      snapshotOf({ "a/parallel.json": "{}" }),
      options,
      10_000,
      fixture("echo-worker.mjs"),
    );
    expect(report).toEqual({ plans: [{ name: "a/parallel.json" }] });
  });

  it("rejects with the analysis' own message when it fails", async () => {
    const run = analyzeWithDeadline(
      snapshotOf({ fail: "" }),
      options,
      10_000,
      fixture("echo-worker.mjs"),
    );
    await expect(run).rejects.toThrow("cannot analyse fail");
  });

  it("rejects with one sentence when the worker cannot start", async () => {
    const run = analyzeWithDeadline(snapshotOf({}), options, 10_000, fixture("missing-worker.mjs"));
    await expect(run).rejects.toThrow(/^analysis failed: /);
  });
});

describe("the worker's handler", () => {
  it("answers with the core's report for a snapshot", () => {
    const result = answer({
      snapshot: snapshotOf({
        "P/parallel.json": JSON.stringify({
          plan_name: "P",
          version: "1",
          levels: [
            {
              level: 1,
              can_parallelize: true,
              achievements: [{ id: "1.1", title: "A", status: "not_started", dependencies: [] }],
            },
          ],
        }),
      }),
      options,
    });
    expect(result.ok && result.report.plans.map((plan) => [plan.name, plan.ok])).toEqual([
      ["P", true],
    ]);
  });

  it("answers with a message instead of throwing", () => {
    const result = answer({
      snapshot: { files: new Map([["P/parallel.json", { path: "P/parallel.json", size: 2 }]]) },
      options,
    });
    expect(result).toEqual({
      ok: false,
      message: "P/parallel.json is part of a plan but its content was not read",
    });
  });
});
