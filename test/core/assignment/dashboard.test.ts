import { describe, expect, it } from "@jest/globals";
import { dashboardIssue } from "../../../src/core/assignment/dashboard.js";
import { readMarker } from "../../../src/core/assignment/issue-marker.js";
import { examplePlan } from "../../prompts/example-plan.js";

describe("dashboardIssue", () => {
  const { plan } = examplePlan();
  const issues = {
    numbers: new Map([["3.2", 102]]),
    assignees: new Map([["3.2", ["octocat"]]]),
  };

  it("shows progress per level, the ready set with executors, and the graph", () => {
    const { title, body, labels } = dashboardIssue(plan, issues);
    expect(title).toBe("[PARALLEL-EXECUTION-AUTOMATION] Plan dashboard");
    expect(labels).toEqual(["parallel-plans", "plan:PARALLEL-EXECUTION-AUTOMATION"]);
    expect(readMarker(body)).toEqual({ kind: "dashboard", plan: "PARALLEL-EXECUTION-AUTOMATION" });
    expect(body).toContain("| 3 | parallel | 0/3 | **ready** |");
    expect(body).toContain("| 1 | sequential | 3/3 | complete |");
    expect(body).toMatch(/^- 3\.2 .* \(#102\) — executors: `octocat`$/m);
    expect(body).toContain("Nothing is blocked.");
    expect(body).toContain("```mermaid\nflowchart LR");
    expect(body).toMatch(/Whole plan: .* in parallel against .* one after the other/);
  });

  it("names what blocks each blocked achievement, and is stable for the same input", () => {
    const waiting = examplePlan({ without: (rel) => rel.includes("APPROVED_23") }).plan;
    const body = dashboardIssue(waiting, issues).body;
    expect(body).toMatch(/^- 3\.1 .* — waits for 2\.3$/m);
    expect(dashboardIssue(waiting, issues).body).toBe(body);
  });
});
