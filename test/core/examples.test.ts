/** The bundled examples are test data: the good ones are clean, the broken ones show every rule. */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { resolveOptions } from "../../src/core/options.js";
import { RULES, type Finding } from "../../src/core/types.js";
import { readLocalSnapshot, isPlanInput } from "../../src/sources/local-source.js";

const options = resolveOptions();

async function analyzeFolder(path: string) {
  const snapshot = await readLocalSnapshot(path, {
    maxFileBytes: options.limits.maxFileBytes,
    maxJsonBytes: options.limits.maxJsonBytes,
    readContent: isPlanInput,
  });
  return analyzeSnapshot(snapshot, options);
}

describe("examples", () => {
  it.each(["PARALLEL-EXECUTION-AUTOMATION", "API-DOCS-REFRESH", "RELEASE-PIPELINE"])(
    "%s has no finding",
    async (name) => {
      const report = await analyzeFolder(`examples/${name}`);
      expect(report.plans).toHaveLength(1);
      expect(report.plans[0]!.findings).toEqual([]);
      expect(report.plans[0]!.document?.achievements.length).toBeGreaterThan(0);
    },
  );

  it("PARALLEL-EXECUTION-AUTOMATION has finished levels 1-2 and level 3 is ready", async () => {
    const [plan] = (await analyzeFolder("examples/PARALLEL-EXECUTION-AUTOMATION")).plans;
    expect(plan!.levels.map((l) => [l.level, l.canParallelize, l.complete, l.ready])).toEqual([
      [1, false, true, true],
      [2, false, true, true],
      [3, true, false, true],
    ]);
    expect(plan!.ready).toEqual(["3.1", "3.2", "3.3"]);
    expect(plan!.achievements.find((a) => a.id === "3.2")!.status).toBe("in_progress");
    const level3 = plan!.levels[2]!.figures;
    expect(level3.sequential).toEqual({ min: 7, max: 11 });
    expect(level3.parallel).toEqual({ min: 3, max: 5 });
  });

  it("examples/broken reports every rule code at the right lines", async () => {
    const report = await analyzeFolder("examples/broken");
    const all: Finding[] = report.plans.flatMap((p) => p.findings);
    const seen = new Set(all.map((f) => f.rule));
    // A link out of the repository cannot ship in it: test/hostile/symlinks.test.ts covers that rule.
    const shippable = Object.keys(RULES).filter((rule) => rule !== "symlink-outside");
    expect([...seen].sort()).toEqual(shippable.sort());
    const at = (rule: string) =>
      all
        .filter((f) => f.rule === rule)
        .map((f) => `${f.file.replace(/^.*examples\/broken\//, "")}:${f.line}`);
    const graph = "BROKEN-GRAPH/parallel.json";
    expect(at("schema")).toEqual([
      `${graph}:24`,
      `${graph}:109`,
      `${graph}:135`,
      "EMPTY-PLAN/parallel.json:5",
    ]);
    const schema = all.filter((f) => f.rule === "schema").map((f) => f.message);
    expect(schema.slice(2)).toEqual([
      "/levels/4/achievements must hold at least one achievement",
      "/levels must hold at least one level",
    ]);
    expect(at("shared-deliverable")).toEqual([`${graph}:88`]);
    expect(all.find((f) => f.rule === "shared-deliverable")).toMatchObject({
      achievements: ["3.1", "3.2"],
      message:
        "3.1 and 3.2 of parallel level 3 both name docs/progress.md as a deliverable: they will conflict when merged; give the file to one of them, or move one to a later level that depends on the other",
    });
    expect(at("level-order")).toEqual([`${graph}:25`, `${graph}:91`]);
    expect(at("missing-subplan")).toEqual([`${graph}:28`]);
    expect(at("unknown-dependency")).toEqual([`${graph}:34`]);
    expect(at("dependency-cycle")).toEqual([`${graph}:50`]);
    expect(at("missing-execution")).toEqual([`${graph}:60`]);
    expect(at("status-drift")).toEqual([`${graph}:60`, `${graph}:125`]);
    expect(at("plan-mismatch")).toEqual(["BROKEN-GRAPH/PLAN_BROKEN-GRAPH.md:33", `${graph}:64`]);
    expect(at("self-dependency")).toEqual([`${graph}:83`]);
    expect(at("dependency-not-complete")).toEqual([`${graph}:91`]);
    expect(at("ambiguous-id")).toEqual([`${graph}:96`]);
    expect(at("duplicate-id")).toEqual([`${graph}:104`]);
    expect(at("blocks-mismatch")).toEqual([`${graph}:18`]);
    expect(at("json-syntax")).toEqual(["BROKEN-SYNTAX/parallel.json:10"]);
    expect(at("missing-parallel-json")).toEqual(["PLAN-ONLY/PLAN_PLAN-ONLY.md:1"]);
    expect(at("file-too-large")).toEqual(["OVERSIZED/PLAN_OVERSIZED.md:1"]);
    expect(at("missing-plan-markdown")).toEqual([
      "EMPTY-PLAN/parallel.json:1",
      "JSON-ONLY/parallel.json:1",
    ]);
    const cycle = all.find((f) => f.rule === "dependency-cycle")!;
    expect(cycle.achievements).toEqual(["2.1", "2.3", "2.2", "2.1"]);
  });
});
