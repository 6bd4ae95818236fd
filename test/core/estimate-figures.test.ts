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
