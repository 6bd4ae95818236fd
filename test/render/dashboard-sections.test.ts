/** The dashboard's "What next" and time sections: rendered from the core, placed before the graph. */
import { describe, expect, it } from "@jest/globals";
import { dashboardIssue } from "../../src/core/assignment/dashboard.js";
import { measureTimes } from "../../src/core/history/measure-times.js";
import { buildTimeReport } from "../../src/core/history/time-report.js";
import { renderTimeSummaryMarkdown } from "../../src/render/time-report.js";
import { examplePlan } from "../prompts/example-plan.js";

describe("dashboard sections", () => {
  const { plan } = examplePlan();
  const issues = { numbers: new Map(), assignees: new Map() };

  it("summarises the time report from parallel.json's times, without per-achievement rows", () => {
    const summary = renderTimeSummaryMarkdown(buildTimeReport(plan, measureTimes(plan, new Map())));
    expect(summary).toMatch(/^- Measured: 6\/9 achievements · estimated 24-36h · actual 22\.25h\n/);
    expect(summary).toContain("| 3 parallel | 7-11h → 3-5h | — | — | not measured yet |");
    expect(summary).not.toContain("| Achievement |");
  });

  it("puts the caller's sections after the executors and before the graph", () => {
    const body = dashboardIssue(plan, issues, [
      { heading: "What next", body: "- a choice" },
      { heading: "Empty", body: "  " },
    ]).body;
    const next = body.indexOf("### What next\n\n- a choice");
    expect(next).toBeGreaterThan(body.indexOf("### Executors"));
    expect(next).toBeLessThan(body.indexOf("### Graph"));
    expect(body).not.toContain("### Empty");
  });
});
