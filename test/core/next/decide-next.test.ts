/** The "what next" menu decided from the bundled examples and small plans. */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../../src/core/analyze.js";
import { decideNext } from "../../../src/core/next/decide-next.js";
import { resolveOptions } from "../../../src/core/options.js";
import type { PlanSnapshot } from "../../../src/core/types.js";
import { isPlanInput, readLocalSnapshot } from "../../../src/sources/local-source.js";

const options = resolveOptions();

async function menuOf(path: string) {
  const snapshot = await readLocalSnapshot(path, {
    maxFileBytes: options.limits.maxFileBytes,
    maxJsonBytes: options.limits.maxJsonBytes,
    readContent: isPlanInput,
  });
  const [plan] = analyzeSnapshot(snapshot, options).plans;
  return decideNext(plan!);
}

function menuOfFiles(files: Record<string, string>) {
  const snapshot: PlanSnapshot = {
    rootName: "P",
    files: new Map(
      Object.entries(files).map(([path, content]) => [
        path,
        { path, size: content.length, content },
      ]),
    ),
  };
  const [plan] = analyzeSnapshot(snapshot, options).plans;
  return decideNext(plan!);
}

function planJson(levels: { parallel: boolean; max?: number; achievements: object[] }[]): string {
  return JSON.stringify({
    plan_name: "P",
    version: "1.0.0",
    levels: levels.map((l, i) => ({
      level: i + 1,
      can_parallelize: l.parallel,
      max_parallelism: l.max ?? l.achievements.length,
      reason: "r",
      description: "d",
      achievements: l.achievements,
    })),
  });
}

describe("decideNext", () => {
  it("offers RELEASE-PIPELINE's missing SUBPLAN and the three recoveries of its failed 2.2", async () => {
    const menu = await menuOf("examples/RELEASE-PIPELINE");
    expect(menu.choices.map((c) => c.kind)).toEqual(["create-subplans", "recover"]);
    expect(menu.choices[0]).toMatchObject({ level: 2, missing: [{ id: "2.3" }] });
    const recover = menu.choices[1]!;
    if (recover.kind !== "recover") throw new Error("expected a recovery");
    expect(recover.achievement.id).toBe("2.2");
    expect(recover.retry).toEqual({
      resetTo: "in_progress",
      executions: ["execution/EXECUTION_TASK_RELEASE-PIPELINE_22_01.md"],
      estimate: { min: 4, max: 6 },
    });
    expect(recover.skip.unblocks.map((a) => a.id)).toEqual(["2.3"]);
    expect(recover.skip.dependents).toEqual(["2.3", "3.1"]);
    // Level 2 is sequential already: going sequential costs nothing more.
    expect(recover.sequential).toEqual({
      achievements: ["2.2", "2.3"],
      sequential: { min: 7, max: 10 },
      planned: { min: 7, max: 10 },
      extra: { min: 0, max: 0 },
    });
    expect(menu.blocked).toEqual([
      {
        level: 3,
        waitingFor: [{ id: "2.3", title: "Release Workflow Orchestrated", status: "not_started" }],
      },
    ]);
  });

  it("offers EXECUTIONs and execution of level 3 of PARALLEL-EXECUTION-AUTOMATION", async () => {
    const menu = await menuOf("examples/PARALLEL-EXECUTION-AUTOMATION");
    expect(menu.choices).toEqual([
      expect.objectContaining({ kind: "create-executions", level: 3, waitingForSubplan: [] }),
      expect.objectContaining({
        kind: "execute-level",
        level: 3,
        parallel: true,
        lanes: 3,
        sequential: { min: 7, max: 11 },
        wall: { min: 3, max: 5 },
        tasks: [["execution/EXECUTION_TASK_PARALLEL-EXECUTION-AUTOMATION_32_01.md"]],
      }),
    ]);
    const [executions, execute] = menu.choices;
    expect(executions?.kind === "create-executions" && executions.ready.map((a) => a.id)).toEqual([
      "3.1",
      "3.3",
    ]);
    expect(execute?.kind === "execute-level" && execute.notYet.map((a) => a.id)).toEqual([
      "3.1",
      "3.3",
    ]);
  });

  it("offers SUBPLANs then EXECUTIONs for API-DOCS-REFRESH's one level", async () => {
    const menu = await menuOf("examples/API-DOCS-REFRESH");
    expect(menu.choices.map((c) => c.kind)).toEqual(["create-subplans", "create-executions"]);
    expect(
      menu.choices[0]?.kind === "create-subplans" && menu.choices[0].missing.map((a) => a.id),
    ).toEqual(["1.1", "1.2", "1.4", "1.5"]);
  });

  it("offers only the fix on a plan with errors, and discovery on a PLAN alone", async () => {
    const broken = await menuOf("examples/broken/BROKEN-GRAPH");
    expect(broken.choices).toEqual([{ kind: "fix-errors", errors: 12 }]);
    const planOnly = await menuOf("examples/broken/PLAN-ONLY");
    expect(planOnly.choices).toEqual([{ kind: "discover" }]);
  });

  it("respects max_parallelism in the execution figures and prices going sequential", () => {
    const done = { status: "in_progress", dependencies: [] };
    const menu = menuOfFiles({
      "parallel.json": planJson([
        {
          parallel: true,
          max: 2,
          achievements: [
            { id: "1.1", title: "A", estimated_hours: 4, ...done },
            { id: "1.2", title: "B", estimated_hours: 3, ...done },
            { id: "1.3", title: "C", estimated_hours: 2, ...done, status: "failed" },
            { id: "1.4", title: "D", estimated_hours: 1, ...done },
          ],
        },
      ]),
      ...Object.fromEntries(
        ["11", "12", "13", "14"].flatMap((t) => [
          [`subplans/SUBPLAN_P_${t}.md`, "x"],
          [`execution/EXECUTION_TASK_P_${t}_01.md`, "x"],
        ]),
      ),
    });
    const execute = menu.choices.find((c) => c.kind === "execute-level");
    // 4, 3, 1 on two lanes: 4 | 3+1 → 4h wall, 8h one after another.
    expect(execute).toMatchObject({
      lanes: 2,
      wall: { min: 4, max: 4 },
      sequential: { min: 8, max: 8 },
    });
    const recover = menu.choices.find((c) => c.kind === "recover");
    // With the failed 1.3: 4, 3, 2, 1 on two lanes: 4+1 | 3+2 → 5h planned, 10h alone.
    expect(recover).toMatchObject({
      sequential: {
        planned: { min: 5, max: 5 },
        sequential: { min: 10, max: 10 },
        extra: { min: 5, max: 5 },
      },
    });
  });

  it("says a finished plan is finished", () => {
    const menu = menuOfFiles({
      "parallel.json": planJson([
        {
          parallel: true,
          achievements: [
            { id: "1.1", title: "A", estimated_hours: 1, dependencies: [], status: "skipped" },
          ],
        },
      ]),
    });
    expect(menu).toMatchObject({ finished: true, choices: [], blocked: [] });
  });
});
