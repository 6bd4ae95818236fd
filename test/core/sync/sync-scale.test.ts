/**
 * Sync at scale: every edit of a large plan is applied in one pass over the text, so 10,000
 * status edits finish well within a hang guard (the bench, bench/sync.bench.js, measures the time).
 */
import { describe, expect, it } from "@jest/globals";
import { applyTextEdits } from "../../../src/core/sync/json-edits.js";
import { resolveOptions } from "../../../src/core/options.js";
import { synced, syncOne } from "./plan-folder.js";

const LARGE = resolveOptions({
  limits: {
    maxFileBytes: 8 * 1024 * 1024,
    maxJsonBytes: 8 * 1024 * 1024,
    maxJsonDepth: 64,
    maxFindingsPerRule: 200,
  },
});

/** Plan P with `count` achievements in one parallel level, each with a SUBPLAN on disk. */
function largePlan(count: number): Record<string, string> {
  const achievements = Array.from({ length: count }, (_, i) => ({
    id: `1.${i + 1}`,
    title: `Achievement ${i + 1}`,
    estimated_hours: 1,
    dependencies: [],
    status: "not_started",
  }));
  const files: Record<string, string> = {
    "plans/P/parallel.json":
      JSON.stringify(
        {
          plan_name: "P",
          version: "1",
          levels: [{ level: 1, can_parallelize: true, achievements }],
        },
        null,
        2,
      ) + "\n",
  };
  for (const { id } of achievements)
    files[`plans/P/subplans/SUBPLAN_P_${id.replace(".", "")}.md`] = "# s\n";
  return files;
}

describe("sync at scale", () => {
  it("writes 10,000 status edits, each where the status is written, within a hang guard", () => {
    const started = Date.now();
    const outcome = synced(syncOne(largePlan(10_000), undefined, LARGE));
    expect(Date.now() - started).toBeLessThan(20_000);
    const statuses = outcome.edits.filter((edit) => edit.content === '"subplan_created"');
    expect(statuses).toHaveLength(10_000);
    expect(outcome.changes.filter((change) => change.field === "status")).toHaveLength(10_000);
    const plan = JSON.parse(outcome.newText) as {
      levels: { achievements: { status: string }[] }[];
    };
    const written = plan.levels[0]?.achievements.map((a) => a.status);
    expect(new Set(written)).toEqual(new Set(["subplan_created"]));
  });

  it("applies non-overlapping edits in any order, and refuses overlapping ones", () => {
    const text = "0123456789";
    const edits = [
      { offset: 8, length: 2, content: "xy" },
      { offset: 0, length: 1, content: "ab" },
      { offset: 4, length: 0, content: "-" },
    ];
    expect(applyTextEdits(text, edits)).toBe("ab123-4567xy");
    expect(() =>
      applyTextEdits(text, [
        { offset: 2, length: 3, content: "" },
        { offset: 4, length: 1, content: "" },
      ]),
    ).toThrow("overlapping edits");
  });
});
