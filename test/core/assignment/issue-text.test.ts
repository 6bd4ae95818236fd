/**
 * Plan text in the assignment's issue bodies: hostile ids escaped, refusals escaped, and every
 * body within GitHub's 65,536-character limit with its hidden marker intact.
 */
import { describe, expect, it } from "@jest/globals";
import { achievementIssue } from "../../../src/core/assignment/achievement-issue.js";
import { capBody, MAX_BODY } from "../../../src/core/assignment/block-text.js";
import { dashboardIssue } from "../../../src/core/assignment/dashboard.js";
import { readMarker, renderMarker } from "../../../src/core/assignment/issue-marker.js";
import { levelRefusal } from "../../../src/core/assignment/level-issues.js";
import type { PlanReport } from "../../../src/core/model.js";
import { DEFAULT_PATTERNS } from "../../../src/core/options.js";
import { examplePlan } from "../../prompts/example-plan.js";

const OPTIONS = { patterns: DEFAULT_PATTERNS, labels: ["parallel-plans"], numbers: new Map() };
const HOSTILE = "1.1` @everyone <img src=x> -->";

/** The example plan with achievement 3.1's PLAN purpose replaced by `text`. */
function withPurpose(plan: PlanReport, text: string): PlanReport {
  const document = plan.document!;
  return {
    ...plan,
    document: {
      ...document,
      achievements: document.achievements.map((e) =>
        e.id === "3.1" ? { ...e, sections: [{ ...e.sections[0]!, key: "purpose", text }] } : e,
      ),
    },
  };
}

describe("achievement ids in issue text", () => {
  const { plan } = examplePlan();
  const a = plan.achievements.find((x) => x.id === "3.1")!;

  it("keeps a hostile id inside the claim command's code span", () => {
    const body = achievementIssue(plan, { ...a, id: HOSTILE }, OPTIONS).body;
    const claim = body.split("\n").find((l) => l.startsWith("Comment "))!;
    expect(claim).toBe(
      "Comment `/parallel claim 1.1 @everyone <img src=x> -->` on this issue to be assigned (you need triage permission or more), `/parallel unclaim 1.1 @everyone <img src=x> -->` to step back. The issue's assignees are the executors.",
    );
    // Outside code spans, the id shows nowhere raw: no HTML, no ping, no comment closing.
    const outside = body
      .split("\n")
      .slice(1)
      .join("\n")
      .replace(/`[^`\n]*`/g, "");
    expect(outside).not.toMatch(/<img|@everyone|-->/);
    expect(readMarker(body)).toEqual({ kind: "achievement", plan: plan.name, id: HOSTILE });
  });
});

describe("levelRefusal", () => {
  const { plan } = examplePlan();

  it("refuses a plan with error findings, naming how many", () => {
    const broken = { ...plan, summary: { errors: 2, warnings: 0, notices: 0 } };
    expect(levelRefusal(broken, broken.levels[2])).toBe(
      "fix the plan's errors first (2 errors: run /parallel validate)",
    );
  });

  it("escapes the plan name and the ids a level waits for", () => {
    const level = plan.levels[2]!;
    const hostile: PlanReport = {
      ...plan,
      name: "P <b>@team",
      achievements: plan.achievements.map((x) =>
        level.achievements.includes(x.id) ? { ...x, dependencies: [HOSTILE] } : x,
      ),
    };
    expect(levelRefusal(hostile, { ...level, ready: false })).toBe(
      "level 3 of P &lt;b&gt;@\u200Bteam is not ready: it waits for 1.1\\` @\u200Beveryone &lt;img…",
    );
    expect(levelRefusal(hostile, undefined)).toBe("plan P &lt;b&gt;@\u200Bteam has no such level");
  });
});

describe("issue bodies within GitHub's limit", () => {
  const { plan } = examplePlan();

  it("cuts a 300 KB PLAN section to 4,000 characters, pointing at the PLAN", () => {
    const huge = `${"word ".repeat(60)}\n`.repeat(1_000);
    expect(huge.length).toBeGreaterThan(300_000);
    const a = plan.achievements.find((x) => x.id === "3.1")!;
    const body = achievementIssue(withPurpose(plan, huge), a, OPTIONS).body;
    expect(body.length).toBeLessThan(10_000);
    expect(body).toContain(`…\n\n*(cut: see \`PLAN_${plan.name}.md\`)*`);
    expect(body).toContain("### How to claim");
    expect(readMarker(body)).toEqual({ kind: "achievement", plan: plan.name, id: "3.1" });
  });

  it("cuts a 30,000-character executor to one short name on the dashboard", () => {
    const executor = "x".repeat(30_000);
    const body = dashboardIssue(
      { ...plan, achievements: plan.achievements.map((a) => ({ ...a, executor })) },
      { numbers: new Map(), assignees: new Map() },
    ).body;
    expect(body).toMatch(/executors: `x{59}…`$/m);
    expect(body.length).toBeLessThan(MAX_BODY);
    expect(readMarker(body)).toEqual({ kind: "dashboard", plan: plan.name });
  });

  it("caps a whole body at 65,000 characters and keeps its marker first and whole", () => {
    const marker = renderMarker({ kind: "dashboard", plan: "P" });
    const body = capBody(`${marker}\n${"y".repeat(300_000)}`, "see `PLAN_P.md`");
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.split("\n")[0]).toBe(marker);
    expect(body.endsWith("…\n\n*(cut: see `PLAN_P.md`)*")).toBe(true);
    expect(capBody("short", "x")).toBe("short");
  });
});
