import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { resolveOptions } from "../../src/core/options.js";
import type { RuleCode } from "../../src/core/types.js";
import { lineOf, snapshotOf, type FileSpec } from "../support/snapshot.js";

interface A {
  id: string;
  title?: string;
  estimated_hours?: unknown;
  dependencies?: string[];
  optional_dependencies?: string[];
  blocks?: string[];
  status?: string;
  subplan_path?: string;
}

function planJson(
  levels: { can_parallelize: boolean; achievements: A[] }[],
  extra: object = {},
): string {
  const doc = {
    plan_name: "P",
    version: "1.0.0",
    ...extra,
    levels: levels.map((level, index) => ({
      level: index + 1,
      ...level,
      achievements: level.achievements.map((a) => ({
        title: `Title ${a.id}`,
        estimated_hours: "1-2 hours",
        ...a,
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

const SUB = (token: string) => `P/subplans/SUBPLAN_P_${token}.md`;
const EXE = (token: string) => `P/execution/EXECUTION_TASK_P_${token}_01.md`;
const APP = (token: string) => `P/execution/feedbacks/APPROVED_${token}.md`;

/**
 * The plan of P/parallel.json plus `files`. Most fixtures are a parallel.json alone, so the
 * notice for the missing PLAN (tested on its own below) is left out of their findings.
 */
function analyze(json: string, files: Record<string, FileSpec> = {}) {
  const report = analyzeSnapshot(
    snapshotOf({ "P/parallel.json": json, ...files }),
    resolveOptions(),
  );
  const plan = report.plans[0];
  if (!plan) throw new Error("no plan found");
  return { ...plan, findings: plan.findings.filter((f) => f.rule !== "missing-plan-markdown") };
}

function withoutPlanNotice(findings: readonly { rule: string }[]) {
  return findings.filter((f) => f.rule !== "missing-plan-markdown");
}

function only(plan: ReturnType<typeof analyze>, rule: RuleCode) {
  return plan.findings.filter((f) => f.rule === rule);
}

interface Case {
  rule: RuleCode;
  failing: () => { json: string; files?: Record<string, FileSpec>; needle: string; after?: string };
  passing: () => { json: string; files?: Record<string, FileSpec> };
}

const cases: Case[] = [
  {
    rule: "schema",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", estimated_hours: "soon" }] },
      ]),
      needle: '"soon"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", estimated_hours: "2-3 hours" }] },
      ]),
    }),
  },
  {
    rule: "duplicate-id",
    failing: () => ({
      json: planJson([
        {
          can_parallelize: true,
          achievements: [{ id: "1.1" }, { id: "1.2" }, { id: "1.1", title: "Again" }],
        },
      ]),
      needle: '"1.1"',
      after: '"1.2"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1" }, { id: "1.2" }, { id: "1.3" }] },
      ]),
    }),
  },
  {
    rule: "ambiguous-id",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.10" }] },
        { can_parallelize: true, achievements: [{ id: "11.0" }] },
      ]),
      needle: '"11.0"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.10" }] },
        { can_parallelize: true, achievements: [{ id: "11.1" }] },
      ]),
    }),
  },
  {
    rule: "unknown-dependency",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", dependencies: ["9.9"] }] },
      ]),
      needle: '"9.9"',
    }),
    passing: () => ({
      json: planJson([{ can_parallelize: true, achievements: [{ id: "1.1", dependencies: [] }] }]),
    }),
  },
  {
    rule: "self-dependency",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", dependencies: ["1.1"] }] },
      ]),
      needle: '"1.1"',
      after: "dependencies",
    }),
    passing: () => ({ json: planJson([{ can_parallelize: true, achievements: [{ id: "1.1" }] }]) }),
  },
  {
    rule: "dependency-cycle",
    failing: () => ({
      json: planJson([
        {
          can_parallelize: false,
          achievements: [
            { id: "1.1", dependencies: ["1.2"] },
            { id: "1.2", dependencies: ["1.1"] },
          ],
        },
      ]),
      needle: '"1.2"',
      after: "dependencies",
    }),
    passing: () => ({
      json: planJson([
        {
          can_parallelize: false,
          achievements: [{ id: "1.1" }, { id: "1.2", dependencies: ["1.1"] }],
        },
      ]),
    }),
  },
  {
    rule: "level-order",
    failing: () => ({
      json: planJson([
        {
          can_parallelize: true,
          achievements: [{ id: "1.1" }, { id: "1.2", dependencies: ["1.1"] }],
        },
      ]),
      needle: '"1.1"',
      after: "dependencies",
    }),
    passing: () => ({
      json: planJson([
        {
          can_parallelize: false,
          achievements: [{ id: "1.1" }, { id: "1.2", dependencies: ["1.1"] }],
        },
      ]),
    }),
  },
  {
    rule: "blocks-mismatch",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", blocks: ["2.1"] }] },
        { can_parallelize: true, achievements: [{ id: "2.1", blocks: [] }] },
      ]),
      needle: '"2.1"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", blocks: ["2.1"] }] },
        { can_parallelize: true, achievements: [{ id: "2.1", dependencies: ["1.1"], blocks: [] }] },
      ]),
    }),
  },
  {
    rule: "missing-subplan",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "subplan_created" }] },
      ]),
      needle: '"subplan_created"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "subplan_created" }] },
      ]),
      files: { [SUB("11")]: "# SUBPLAN" },
    }),
  },
  {
    rule: "missing-execution",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "in_progress" }] },
      ]),
      files: { [SUB("11")]: "# SUBPLAN" },
      needle: '"in_progress"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "in_progress" }] },
      ]),
      files: { [SUB("11")]: "# SUBPLAN", [EXE("11")]: { size: 10 } },
    }),
  },
  {
    rule: "status-drift",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "not_started" }] },
      ]),
      files: { [SUB("11")]: "# SUBPLAN", [EXE("11")]: { size: 1 }, [APP("11")]: { size: 1 } },
      needle: '"not_started"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", status: "complete" }] },
      ]),
      files: { [SUB("11")]: "# SUBPLAN", [EXE("11")]: { size: 1 }, [APP("11")]: { size: 1 } },
    }),
  },
  {
    rule: "dependency-not-complete",
    failing: () => ({
      json: planJson([
        {
          can_parallelize: true,
          achievements: [{ id: "1.1", status: "subplan_created", blocks: ["2.1"] }],
        },
        {
          can_parallelize: true,
          achievements: [{ id: "2.1", status: "in_progress", dependencies: ["1.1"] }],
        },
      ]),
      files: { [SUB("11")]: "# SUBPLAN", [SUB("21")]: "# SUBPLAN", [EXE("21")]: { size: 1 } },
      needle: '"1.1"',
      after: '"2.1",',
    }),
    passing: () => ({
      json: planJson([
        {
          can_parallelize: true,
          achievements: [{ id: "1.1", status: "complete", blocks: ["2.1"] }],
        },
        {
          can_parallelize: true,
          achievements: [{ id: "2.1", status: "in_progress", dependencies: ["1.1"] }],
        },
      ]),
      files: {
        [SUB("11")]: "#",
        [EXE("11")]: { size: 1 },
        [APP("11")]: { size: 1 },
        [SUB("21")]: "#",
        [EXE("21")]: { size: 1 },
      },
    }),
  },
  {
    rule: "plan-mismatch",
    failing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", title: "Write The Parser" }] },
      ]),
      files: { "P/PLAN_P.md": "# PLAN\n\n**Achievement 1.1: Write The Lexer** ⏱️ 2 hours\n" },
      needle: '"Write The Parser"',
    }),
    passing: () => ({
      json: planJson([
        { can_parallelize: true, achievements: [{ id: "1.1", title: "Write The Parser" }] },
      ]),
      files: { "P/PLAN_P.md": "# PLAN\n\n**Achievement 1.1: Write the *parser*** ⏱️ 2 hours\n" },
    }),
  },
];

describe.each(cases)("rule $rule", ({ rule, failing, passing }) => {
  it("reports the offending value's line", () => {
    const { json, files, needle, after } = failing();
    const findings = only(analyze(json, files), rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule,
      file: "P/parallel.json",
      line: lineOf(json, needle, after),
    });
    expect(findings[0]!.column).toBeGreaterThan(0);
  });

  it("stays quiet on the corrected plan", () => {
    const { json, files } = passing();
    const plan = analyze(json, files);
    expect(plan.findings).toEqual([]);
    expect(plan.ok).toBe(true);
  });
});

describe("rules about whole files", () => {
  it("json-syntax points at the fault and stops there", () => {
    const plan = analyze('{\n  "plan_name": "P",\n  "version": "1"\n  "levels": []\n}\n');
    expect(plan.findings).toEqual([
      expect.objectContaining({ rule: "json-syntax", severity: "error", line: 4, column: 3 }),
    ]);
    expect(plan.levels).toEqual([]);
  });

  it("missing-parallel-json is a notice on the PLAN, and the plan stays ok", () => {
    const report = analyzeSnapshot(snapshotOf({ "Q/PLAN_Q.md": "# PLAN\n" }), resolveOptions());
    expect(report.plans[0]).toMatchObject({
      name: "Q",
      ok: true,
      findings: [
        expect.objectContaining({
          rule: "missing-parallel-json",
          severity: "notice",
          file: "Q/PLAN_Q.md",
          line: 1,
        }),
      ],
    });
  });

  it("missing-plan-markdown is a notice on parallel.json, and the plan stays ok", () => {
    const json = planJson([{ can_parallelize: true, achievements: [{ id: "1.1" }] }]);
    const report = analyzeSnapshot(snapshotOf({ "P/parallel.json": json }), resolveOptions());
    expect(report.plans[0]).toMatchObject({
      ok: true,
      findings: [
        {
          rule: "missing-plan-markdown",
          severity: "notice",
          file: "P/parallel.json",
          line: 1,
          column: 1,
          message:
            "P has a parallel.json but no PLAN markdown (PLAN_P.md): write the PLAN next to it",
          achievements: [],
        },
      ],
    });
  });

  it("a plan with both files gets neither missing-parallel-json nor missing-plan-markdown", () => {
    const json = planJson([{ can_parallelize: true, achievements: [{ id: "1.1" }] }]);
    const plan = analyze(json, { "P/PLAN_P.md": "**Achievement 1.1: Title 1.1** ⏱️ 1 hour\n" });
    expect(plan.findings).toEqual([]);
  });

  it("file-too-large reports without reading the content", () => {
    const report = analyzeSnapshot(
      snapshotOf({ "P/parallel.json": { size: 128 * 1024 * 1024 } }),
      resolveOptions(),
    );
    expect(withoutPlanNotice(report.plans[0]!.findings)).toEqual([
      expect.objectContaining({
        rule: "file-too-large",
        file: "P/parallel.json",
        line: 1,
        column: 1,
      }),
    ]);
  });

  it("a file under the limit is parsed", () => {
    const json = planJson([{ can_parallelize: true, achievements: [{ id: "1.1" }] }]);
    const options = resolveOptions({
      limits: {
        maxFileBytes: 10,
        maxJsonBytes: json.length,
        maxJsonDepth: 64,
        maxFindingsPerRule: 10,
      },
    });
    expect(
      withoutPlanNotice(
        analyzeSnapshot(snapshotOf({ "P/parallel.json": json }), options).plans[0]!.findings,
      ),
    ).toEqual([]);
  });
});

describe("statuses, ready set and levels", () => {
  it("derives statuses from files, keeps failed and skipped, and finds the ready set", () => {
    const json = planJson([
      {
        can_parallelize: true,
        achievements: [
          { id: "1.1", status: "complete", blocks: ["2.1"] },
          { id: "1.2", status: "skipped", blocks: ["2.1"] },
          { id: "1.3", status: "failed", blocks: ["2.2"] },
        ],
      },
      {
        can_parallelize: true,
        achievements: [
          { id: "2.1", status: "subplan_created", dependencies: ["1.1", "1.2"] },
          { id: "2.2", status: "not_started", dependencies: ["1.3"] },
        ],
      },
    ]);
    const plan = analyze(json, {
      [SUB("11")]: "#",
      [APP("11")]: { size: 1 },
      [EXE("11")]: { size: 1 },
      [SUB("13")]: "#",
      [SUB("21")]: "#",
    });
    expect(plan.findings).toEqual([]);
    expect(plan.achievements.map((a) => [a.id, a.status, a.ready])).toEqual([
      ["1.1", "complete", false],
      ["1.2", "skipped", false],
      ["1.3", "failed", true],
      ["2.1", "subplan_created", true],
      ["2.2", "not_started", false],
    ]);
    expect(plan.ready).toEqual(["1.3", "2.1"]);
    expect(plan.levels.map((l) => [l.level, l.ready, l.complete])).toEqual([
      [1, true, false],
      [2, false, false],
    ]);
  });

  it("counts each level's own achievements when an earlier entry of levels is not a level", () => {
    const json = JSON.stringify({
      plan_name: "P",
      version: "1.0.0",
      levels: [
        "not a level",
        {
          level: 1,
          can_parallelize: false,
          achievements: [
            { id: "1.1", title: "One", estimated_hours: 2 },
            { id: "1.2", title: "Two", estimated_hours: 3, dependencies: ["1.1"] },
          ],
        },
      ],
    });
    const plan = analyze(json);
    expect(only(plan, "schema")).toHaveLength(1);
    expect(plan.levels.map((l) => [l.level, l.achievements, l.complete])).toEqual([
      [1, ["1.1", "1.2"], false],
    ]);
    expect(plan.levels[0]?.figures.sequential).toEqual({ min: 5, max: 5 });
    expect(plan.levels[0]?.figures.unestimated).toEqual([]);
  });

  it("reports each entry of a dependency list that its target's blocks leave out, repeats included", () => {
    const json = planJson([
      {
        can_parallelize: true,
        achievements: [
          { id: "1.1", blocks: ["2.1", "9.9"] },
          { id: "1.2", blocks: [] },
        ],
      },
      {
        can_parallelize: true,
        achievements: [
          { id: "2.1", dependencies: ["1.1"] },
          { id: "2.2", dependencies: ["1.2", "1.1", "1.2"], blocks: ["2.1"] },
        ],
      },
    ]);
    expect(only(analyze(json), "blocks-mismatch").map((f) => f.message)).toEqual([
      "2.2 depends on 1.2, but 1.2 does not list 2.2 in blocks",
      "2.2 depends on 1.1, but 1.1 does not list 2.2 in blocks",
      "2.2 depends on 1.2, but 1.2 does not list 2.2 in blocks",
      "2.2 blocks 2.1, but 2.1 does not depend on 2.2",
    ]);
  });

  it("accepts execution_created when an EXECUTION_TASK exists", () => {
    const json = planJson([
      { can_parallelize: true, achievements: [{ id: "1.1", status: "execution_created" }] },
    ]);
    expect(analyze(json, { [SUB("11")]: "#", [EXE("11")]: { size: 1 } }).findings).toEqual([]);
  });

  it("uses configured naming patterns", () => {
    const json = planJson([
      { can_parallelize: true, achievements: [{ id: "1.1", status: "complete" }] },
    ]);
    const options = resolveOptions({
      patterns: {
        plan: "PLAN.md",
        subplan: "sub/{token}.md",
        execution: "exec/{token}-{nn}.md",
        approved: "ok/{token}.md",
      },
    });
    const files = {
      "P/parallel.json": json,
      "P/sub/11.md": "#",
      "P/exec/11-1.md": "#",
      "P/ok/11.md": "#",
      "P/PLAN.md": "**Achievement 1.1: Title 1.1** ⏱️ 1 hour\n",
    };
    const plan = analyzeSnapshot(snapshotOf(files), options).plans[0]!;
    expect(plan.findings).toEqual([]);
    expect(plan.achievements[0]!.files).toEqual({
      subplan: "P/sub/11.md",
      executions: ["P/exec/11-1.md"],
      approved: "P/ok/11.md",
    });
  });

  it("caps the findings of one rule and says how many were left out", () => {
    const achievements = Array.from({ length: 30 }, (_, i) => ({
      id: `1.${i + 1}`,
      dependencies: ["9.9"],
    }));
    const options = resolveOptions({
      limits: {
        maxFileBytes: 1 << 20,
        maxJsonBytes: 1 << 20,
        maxJsonDepth: 64,
        maxFindingsPerRule: 5,
      },
    });
    const report = analyzeSnapshot(
      snapshotOf({ "P/parallel.json": planJson([{ can_parallelize: true, achievements }]) }),
      options,
    );
    const unknown = report.plans[0]!.findings.filter((f) => f.rule === "unknown-dependency");
    expect(unknown).toHaveLength(6);
    expect(unknown.some((f) => f.message.startsWith("25 more unknown-dependency findings"))).toBe(
      true,
    );
  });
});
