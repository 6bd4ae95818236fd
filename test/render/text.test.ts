import { describe, expect, it } from "@jest/globals";
import { renderStatusText, renderText } from "../../src/render/text.js";
import { HOSTILE_TITLES } from "./hostile.js";
import { makeFinding, makePlan, makeReport } from "./report-factory.js";

// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
const ANSI = /\u001b\[/;

const sample = () =>
  makeReport(
    makePlan({
      name: "PARALLEL-EXECUTION-AUTOMATION",
      levels: [
        {
          achievements: [
            { id: "1.1", title: "Discovery prompt", status: "complete", hours: [2, 3] },
            { id: "1.2", title: "Schema", status: "complete", hours: [2, 3] },
          ],
        },
        {
          achievements: [
            { id: "2.1", title: "Menu", deps: ["1.1"], status: "in_progress", executor: "Team A" },
            { id: "2.2", title: "Docs", deps: ["1.2"], hours: null },
          ],
        },
        { parallel: false, achievements: [{ id: "3.1", title: "Release", deps: ["2.1"] }] },
      ],
      findings: [
        makeFinding({ rule: "dependency-cycle", line: 12, column: 7, message: "Cycle" }),
        makeFinding({ rule: "status-drift", line: 30, column: 5, message: "Drift" }),
      ],
    }),
  );

describe("renderText", () => {
  it("lists findings as location, severity, rule and message", () => {
    const out = renderText(sample(), { color: false });
    expect(out).toContain(
      "  work-space/plans/X/parallel.json:12:7  error    dependency-cycle  Cycle\n",
    );
    expect(out).toContain(
      "  work-space/plans/X/parallel.json:30:5  warning  status-drift      Drift\n",
    );
  });

  it("sums up levels, ready set and figures", () => {
    const out = renderText(sample(), { color: false });
    expect(out).toMatch(/^✖ PARALLEL-EXECUTION-AUTOMATION {2}work-space\/plans\/PARALLEL/);
    expect(out).toContain("  Level 1  parallel    2 achievements: 2 complete  done  4-6h → 2-3h\n");
    expect(out).toContain(
      "  Level 2  parallel    2 achievements: 1 not started, 1 in progress  ready  2h → 2h\n",
    );
    expect(out).toContain(
      "  Level 3  sequential  1 achievement: 1 not started  blocked  2h → 2h\n",
    );
    expect(out).toContain("  Ready (2): 2.1, 2.2\n");
    expect(out).toContain(
      "  Time: sequential 8-10h, parallel 6-7h, saving 2-3h (25-30%); unestimated: 2.2\n",
    );
  });

  it("ends with the totals", () => {
    expect(renderText(sample(), { color: false })).toMatch(
      /\n\n1 error, 1 warning, 0 notices in 1 plan\n$/,
    );
    expect(renderText(makeReport(), { color: false })).toBe(
      "0 errors, 0 warnings, 0 notices in 0 plans\n",
    );
  });

  it("marks a plan with warnings as failing only under strict", () => {
    const plan = makePlan({
      name: "W",
      levels: [],
      findings: [makeFinding({ rule: "status-drift" })],
    });
    expect(renderText(makeReport(plan), { color: false })).toMatch(/^✔ W/);
    expect(renderText(makeReport(plan), { color: false, strict: true })).toMatch(/^✖ W/);
  });

  it("has no ANSI codes without colour, and some with it", () => {
    expect(renderText(sample(), { color: false })).not.toMatch(ANSI);
    expect(renderText(sample(), { color: true })).toMatch(ANSI);
  });

  it.each(HOSTILE_TITLES)("keeps %j on one line without escape sequences", (title) => {
    const plan = makePlan({
      name: title,
      levels: [{ achievements: [{ id: "1.1", title }] }],
      findings: [makeFinding({ message: title })],
    });
    for (const out of [
      renderText(makeReport(plan), { color: false }),
      renderStatusText(makeReport(plan), { color: false }),
    ]) {
      expect(out).not.toMatch(ANSI);
      expect(out).not.toMatch(/\u202E|\r/);
      expect(out).not.toContain("second line\n");
    }
  });
});

describe("renderStatusText", () => {
  it("shows the seeds' progress view", () => {
    const out = renderStatusText(sample(), { color: false });
    expect(out).toContain("PLAN: PARALLEL-EXECUTION-AUTOMATION");
    expect(out).toContain("Progress: 2/5 achievements (40%)\n");
    expect(out).toContain(
      "Level 1 (parallel): ✅ Complete (2/2)\n  ✅ 1.1: Discovery prompt (complete)\n",
    );
    expect(out).toContain("Level 2 (parallel): 🔄 In Progress (0/2)\n");
    expect(out).toContain("  🔄 2.1: Menu (in progress, Team A) ready\n");
    expect(out).toContain("  ⏳ 2.2: Docs (not started) ready\n");
    expect(out).toContain("Level 3 (sequential): ⏳ Blocked (0/1)\n");
    expect(out).toContain("Ready (2): 2.1, 2.2\n");
    expect(out).toContain("Critical path (6-7h): 1.1 → 3.1\n");
    expect(out).toContain("Findings: 1 error, 1 warning, 0 notices");
  });

  it("has no ANSI codes without colour", () => {
    expect(renderStatusText(sample(), { color: false })).not.toMatch(ANSI);
  });

  it("says so when there are no plans", () => {
    expect(renderStatusText(makeReport(), { color: false })).toBe("No plans found.\n");
  });
});
