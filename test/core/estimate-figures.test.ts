import { describe, expect, it } from "@jest/globals";
import { formatHours, parseEstimate } from "../../src/core/estimate.js";
import { levelFigures, planFigures } from "../../src/core/figures.js";

describe("parseEstimate", () => {
  it.each([
    [2, { min: 2, max: 2 }],
    ["2-3 hours", { min: 2, max: 3 }],
    ["2–3h", { min: 2, max: 3 }],
    ["1.5h", { min: 1.5, max: 1.5 }],
    ["3 to 5 hours", { min: 3, max: 5 }],
    ["45 min", { min: 0.75, max: 0.75 }],
    ["5-3 hours", { min: 3, max: 5 }],
    ["soon", null],
    ["", null],
    [-1, null],
    [Number.NaN, null],
    [null, null],
    ["9".repeat(100_000) + "-", null],
  ])("reads %p", (value, expected) => {
    expect(parseEstimate(value)).toEqual(expected);
  });

  it("formats ranges and minutes", () => {
    expect(formatHours({ min: 6, max: 9 })).toBe("6-9h");
    expect(formatHours({ min: 2.5, max: 2.5 })).toBe("2.5h");
    expect(formatHours({ min: 0.5, max: 0.75 })).toBe("30-45 min");
  });
});

describe("time figures", () => {
  const three = [
    { id: "3.1", estimate: { min: 2, max: 3 } },
    { id: "3.2", estimate: { min: 2, max: 3 } },
    { id: "3.3", estimate: { min: 2, max: 3 } },
  ];

  it("gives the seeds' level 3 figures: 6-9h sequential, 2-3h parallel, 67% saved", () => {
    const figures = levelFigures(three, true, 3);
    expect(figures.sequential).toEqual({ min: 6, max: 9 });
    expect(figures.parallel).toEqual({ min: 2, max: 3 });
    expect(figures.saved).toEqual({ min: 4, max: 6 });
    expect(figures.savedPercent).toEqual({ min: 66.7, max: 66.7 });
  });

  it("sums a sequential level", () => {
    expect(levelFigures(three, false, null).parallel).toEqual({ min: 6, max: 9 });
  });

  it("schedules onto max_parallelism lanes", () => {
    expect(levelFigures(three, true, 2).parallel).toEqual({ min: 4, max: 6 });
  });

  it("lists unestimated achievements and leaves them out of the sums", () => {
    const figures = levelFigures([...three, { id: "3.4", estimate: null }], true, null);
    expect(figures.unestimated).toEqual(["3.4"]);
    expect(figures.sequential).toEqual({ min: 6, max: 9 });
  });

  it("adds levels into plan figures", () => {
    const plan = planFigures([levelFigures(three, false, null), levelFigures(three, true, null)]);
    expect(plan.sequential).toEqual({ min: 12, max: 18 });
    expect(plan.parallel).toEqual({ min: 8, max: 12 });
    expect(plan.savedPercent).toEqual({ min: 33.3, max: 33.3 });
  });

  it("reports zero saving for an empty plan", () => {
    expect(planFigures([]).savedPercent).toEqual({ min: 0, max: 0 });
  });
});

describe("the estimate pattern", () => {
  it("is the schema's pattern for estimated_hours", async () => {
    const { ESTIMATE_PATTERN } = await import("../../src/core/estimate.js");
    const { PARALLEL_SCHEMA } = await import("../../src/core/parallel-schema.js");
    const schema = PARALLEL_SCHEMA as {
      definitions: {
        achievement: { properties: { estimated_hours: { anyOf: { pattern?: string }[] } } };
      };
    };
    expect(schema.definitions.achievement.properties.estimated_hours.anyOf[1]?.pattern).toBe(
      ESTIMATE_PATTERN,
    );
  });

  it.each([
    ["spaces before junk", "1" + " ".repeat(50_000) + "x"],
    ["dashes and spaces", "1" + " -".repeat(25_000)],
    ["a long unit-like tail", "2 " + "h ".repeat(25_000)],
  ])("rejects %s without backtracking (a hang guard, not a benchmark)", async (_name, text) => {
    const { ESTIMATE_PATTERN } = await import("../../src/core/estimate.js");
    const started = Date.now();
    expect(new RegExp(ESTIMATE_PATTERN, "i").test(text)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("keeps a plan with a hostile estimate fast to validate", async () => {
    const { validateParallelSchema } = await import("../../src/core/parallel-schema.js");
    const plan = {
      plan_name: "P",
      version: "1",
      levels: [
        {
          level: 1,
          can_parallelize: true,
          achievements: [{ id: "1.1", title: "T", estimated_hours: "1" + " ".repeat(4_000) + "x" }],
        },
      ],
    };
    const started = Date.now();
    expect(validateParallelSchema(plan).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
