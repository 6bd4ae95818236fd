/**
 * PATHs → one merged report, with an injected analysis so the path handling is tested on its own:
 * the fake reports one plan per folder holding a parallel.json, with a finding in that file.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { AnalysisReport, PlanReport } from "../../src/core/model.js";
import { DEFAULT_PATTERNS, resolveOptions } from "../../src/core/options.js";
import type { PlanSnapshot } from "../../src/core/types.js";
import { displayPath, loadReport, type Analyze } from "../../src/cli/load-report.js";
import { planInputMatcher } from "../../src/sources/plan-inputs.js";
import { fakeIo, makeTempDir, removeTempDir, writeTree } from "./harness.js";

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
  await writeTree(cwd, {
    "examples/GOOD/parallel.json": "{}",
    "examples/GOOD/subplans/SUBPLAN_GOOD_11.md": "# S",
    "examples/BROKEN/parallel.json": "{}",
    "examples/BROKEN/PLAN_BROKEN.md": "# P",
    "empty/README.md": "nothing here",
  });
});

afterEach(async () => {
  await removeTempDir(cwd);
});

/** Which snapshots the fake saw, and what it returned. */
const seen: PlanSnapshot[] = [];

const fakeAnalyze: Analyze = (snapshot) => {
  seen.push(snapshot);
  const plans = [...snapshot.files.keys()]
    .filter((p) => p === "parallel.json" || p.endsWith("/parallel.json"))
    .map((json): PlanReport => {
      const dir = json === "parallel.json" ? "" : json.slice(0, -"/parallel.json".length);
      const under = (p: string) => (dir === "" ? p : `${dir}/${p}`);
      return {
        name: dir === "" ? (snapshot.rootName ?? "plan") : path.posix.basename(dir),
        dir,
        ok: true,
        findings: [
          {
            rule: "status-drift",
            severity: "warning",
            file: json,
            line: 1,
            column: 1,
            message: "m",
            achievements: [],
          },
        ],
        levels: [],
        achievements: [
          {
            id: "1.1",
            title: "t",
            level: 1,
            estimate: null,
            estimateText: null,
            dependencies: [],
            declaredStatus: null,
            derivedStatus: "subplan_created",
            status: "subplan_created",
            files: { subplan: under("subplans/SUBPLAN_X_11.md"), executions: [], approved: null },
            executor: null,
            ready: true,
          },
        ],
        ready: [],
        figures: null,
        criticalPath: { ids: [], hours: { min: 0, max: 0 } },
        summary: { errors: 0, warnings: 1, notices: 0 },
        document: null,
      };
    });
  return { plans };
};

async function load(paths: string[]): Promise<AnalysisReport> {
  seen.length = 0;
  return loadReport(paths, resolveOptions(), fakeIo(cwd), fakeAnalyze);
}

const summary = (report: AnalysisReport) =>
  report.plans.map((p) => ({
    dir: p.dir,
    file: p.findings[0]?.file,
    subplan: p.achievements[0]?.files.subplan,
  }));

describe("loadReport", () => {
  it("prefixes every path with the PATH as typed", async () => {
    expect(summary(await load(["examples"]))).toEqual([
      {
        dir: "examples/BROKEN",
        file: "examples/BROKEN/parallel.json",
        subplan: "examples/BROKEN/subplans/SUBPLAN_X_11.md",
      },
      {
        dir: "examples/GOOD",
        file: "examples/GOOD/parallel.json",
        subplan: "examples/GOOD/subplans/SUBPLAN_X_11.md",
      },
    ]);
  });

  it("normalises ./ and trailing slashes, names the plan at '.' by '.' and leaves its paths bare", async () => {
    const dotted = await load(["./examples/GOOD/"]);
    expect(summary(dotted)[0]?.file).toBe("examples/GOOD/parallel.json");
    const here = await loadReport(
      ["."],
      resolveOptions(),
      fakeIo(path.join(cwd, "examples", "GOOD")),
      fakeAnalyze,
    );
    expect(summary(here)).toEqual([
      { dir: ".", file: "parallel.json", subplan: "subplans/SUBPLAN_X_11.md" },
    ]);
    expect(here.plans[0]?.name).toBe("GOOD");
  });

  it("keeps an absolute PATH absolute", async () => {
    const abs = path.join(cwd, "examples", "GOOD");
    const report = await load([abs]);
    expect(report.plans[0]?.dir).toBe(displayPath(abs));
  });

  it("merges several PATHs in order, reporting a plan reached twice once", async () => {
    const report = await load(["examples/GOOD", "examples", "examples/GOOD/parallel.json"]);
    expect(report.plans.map((p) => p.dir)).toEqual(["examples/GOOD", "examples/BROKEN"]);
  });

  it("reads the plan holding a file PATH, with paths under the file's folder", async () => {
    const report = await load(["examples/BROKEN/parallel.json"]);
    expect(summary(report)).toEqual([
      {
        dir: "examples/BROKEN",
        file: "examples/BROKEN/parallel.json",
        subplan: "examples/BROKEN/subplans/SUBPLAN_X_11.md",
      },
    ]);
    expect(seen[0]?.rootName).toBe("BROKEN");
  });

  it("reads the contents of plan inputs only", async () => {
    await load(["examples"]);
    const read = [...(seen[0]?.files.values() ?? [])].filter((f) => f.content !== undefined);
    expect(read.map((f) => f.path)).toEqual([
      "BROKEN/PLAN_BROKEN.md",
      "BROKEN/parallel.json",
      "GOOD/parallel.json",
      "GOOD/subplans/SUBPLAN_GOOD_11.md",
    ]);
  });

  it("refuses a PATH with no plan in one sentence", async () => {
    await expect(load(["empty"])).rejects.toThrow(
      "no plan found in empty: a plan folder holds a parallel.json or a PLAN markdown",
    );
  });

  it("refuses a file PATH outside a plan folder", async () => {
    await expect(load(["empty/README.md"])).rejects.toThrow(
      "empty/README.md is not in a plan folder",
    );
  });
});

describe("displayPath", () => {
  it.each([
    [".", "."],
    ["./", "."],
    ["examples/", "examples"],
    ["./examples//GOOD/", "examples/GOOD"],
    ["a/../b", "b"],
    ["../up", "../up"],
    ["/abs/dir/", "/abs/dir"],
  ])("%s → %s", (given, expected) => {
    expect(displayPath(given)).toBe(expected);
  });
});

describe("planInputMatcher", () => {
  it("reads the default inputs", () => {
    const reads = planInputMatcher(DEFAULT_PATTERNS);
    expect(reads("plans/X/parallel.json")).toBe(true);
    expect(reads("plans/X/execution/EXECUTION_TASK_X_11_01.md")).toBe(false);
  });

  it("also reads what configured PLAN and SUBPLAN patterns name", () => {
    const reads = planInputMatcher({
      ...DEFAULT_PATTERNS,
      plan: "README_{plan}.md",
      subplan: "design/{token}/SUB_{plan}.md",
    });
    expect(reads("plans/X/README_X.md")).toBe(true);
    expect(reads("plans/X/design/11/SUB_X.md")).toBe(true);
    expect(reads("plans/X/design/SUB_X.md")).toBe(false);
    expect(reads("plans/X/README.md")).toBe(false);
  });
});
