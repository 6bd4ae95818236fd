import { describe, expect, it } from "@jest/globals";
import { renderJson, renderStatusJson } from "../../src/render/json.js";
import { makeFinding, makePlan, makeReport } from "./report-factory.js";

const plan = () => {
  const p = makePlan({
    name: "X",
    levels: [
      { achievements: [{ id: "1.1", status: "complete", hours: [2, 3], executor: "Team A" }] },
      { achievements: [{ id: "1.2", deps: ["1.1"], hours: null }] },
    ],
    findings: [makeFinding()],
  });
  // Fields the model may carry beyond the contract must not reach the output.
  return Object.assign(p, { extra: "leak" });
};

describe("renderJson", () => {
  it("prints exactly the documented shape", () => {
    const parsed: unknown = JSON.parse(renderJson(makeReport(plan())));
    expect(parsed).toEqual({
      version: 1,
      plans: [
        {
          name: "X",
          dir: "work-space/plans/X",
          ok: false,
          findings: [
            {
              rule: "dependency-cycle",
              severity: "error",
              file: "work-space/plans/X/parallel.json",
              line: 12,
              column: 7,
              message: "Achievements 1.1 and 1.2 depend on each other.",
              achievements: ["1.1", "1.2", "1.1"],
            },
          ],
          levels: [
            { level: 1, achievements: ["1.1"], ready: true },
            { level: 2, achievements: ["1.2"], ready: true },
          ],
          summary: { errors: 1, warnings: 0, notices: 0 },
        },
      ],
    });
  });

  it("indents by two spaces and ends with a newline", () => {
    const out = renderJson(makeReport(plan()));
    expect(out.startsWith('{\n  "version": 1,\n  "plans": [\n    {\n      "name": "X",')).toBe(
      true,
    );
    expect(out.endsWith("}\n")).toBe(true);
  });

  it("prints an empty plan list for an empty report", () => {
    expect(renderJson(makeReport())).toBe('{\n  "version": 1,\n  "plans": []\n}\n');
  });
});

describe("renderStatusJson", () => {
  it("adds ready set, figures, critical path and achievements per plan", () => {
    const parsed = JSON.parse(renderStatusJson(makeReport(plan()))) as {
      plans: Record<string, unknown>[];
    };
    const [only] = parsed.plans;
    expect(Object.keys(only!).sort()).toEqual(
      [
        "name",
        "dir",
        "ok",
        "findings",
        "levels",
        "summary",
        "ready",
        "figures",
        "criticalPath",
        "achievements",
      ].sort(),
    );
    expect(only!.ready).toEqual(["1.2"]);
    expect(only!.figures).toEqual({
      sequential: { min: 2, max: 3 },
      parallel: { min: 2, max: 3 },
      saved: { min: 0, max: 0 },
      savedPercent: { min: 0, max: 0 },
      unestimated: ["1.2"],
    });
    expect(only!.criticalPath).toEqual({ ids: ["1.1", "1.2"], hours: { min: 2, max: 3 } });
    expect(only!.achievements).toEqual([
      {
        id: "1.1",
        title: "Achievement 1.1",
        level: 1,
        status: "complete",
        declaredStatus: "complete",
        derivedStatus: "complete",
        ready: false,
        executor: "Team A",
        estimate: { min: 2, max: 3 },
      },
      {
        id: "1.2",
        title: "Achievement 1.2",
        level: 2,
        status: "not_started",
        declaredStatus: "not_started",
        derivedStatus: "not_started",
        ready: true,
        executor: null,
        estimate: null,
      },
    ]);
  });
});
