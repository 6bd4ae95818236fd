/** Measured times: history fills what parallel.json leaves out; what people wrote is kept. */
import { describe, expect, it } from "@jest/globals";
import { measureTimes } from "../../../src/core/history/measure-times.js";
import type { AchievementReport, PlanReport } from "../../../src/core/model.js";

function plan(times: AchievementReport["times"]): PlanReport {
  const achievement = {
    id: "1.1",
    files: {
      subplan: "s.md",
      executions: ["e1.md", "e2.md"],
      approved: "a.md",
    },
    times,
  } as AchievementReport;
  return { achievements: [achievement] } as PlanReport;
}

const history = new Map([
  ["e1.md", ["2026-01-05T10:00:00+01:00", "2026-01-08T10:00:00Z"]],
  ["e2.md", ["2026-01-05T08:30:00Z"]],
  ["a.md", ["2026-01-05T12:00:00Z"]],
]);

describe("measureTimes", () => {
  it("starts at the earliest EXECUTION_TASK commit and ends at the APPROVED commit", () => {
    expect(measureTimes(plan(undefined), history)).toEqual([
      {
        id: "1.1",
        startedAt: "2026-01-05T08:30:00.000Z",
        completedAt: "2026-01-05T12:00:00.000Z",
        actualHours: 3.5,
        sources: { startedAt: "history", completedAt: "history", actualHours: "history" },
      },
    ]);
  });

  it("keeps the dates and actual_hours written in parallel.json", () => {
    const [times] = measureTimes(
      plan({ startedAt: "2026-01-05T09:00:00Z", completedAt: null, actualHours: 1.25 }),
      history,
    );
    expect(times).toMatchObject({
      startedAt: "2026-01-05T09:00:00.000Z",
      completedAt: "2026-01-05T12:00:00.000Z",
      actualHours: 1.25,
      sources: { startedAt: "parallel.json", completedAt: "history", actualHours: "parallel.json" },
    });
  });

  it("knows nothing without history or declared times, and ignores unreadable dates", () => {
    const [times] = measureTimes(
      plan({ startedAt: "soon", completedAt: null, actualHours: null }),
      new Map(),
    );
    expect(times).toMatchObject({ startedAt: null, completedAt: null, actualHours: null });
  });
});
