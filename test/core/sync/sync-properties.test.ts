/**
 * Properties of sync over random plans, file sets and formatting (indent, line ending, one-line
 * files): the result parses, only sync's fields change, the analysis then finds no status-drift
 * or phantom path, a second sync changes nothing, and the file's line ending is kept.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { analyzeSnapshot } from "../../../src/core/analyze.js";
import { syncSnapshot } from "../../../src/core/sync/sync-snapshot.js";
import { SYNC_FIELDS } from "../../../src/core/sync/sync-types.js";
import { STATUSES } from "../../../src/core/types.js";
import { OPTIONS, snapshotOf, synced } from "./plan-folder.js";

const DIR = "plans/P";

const achievementArb = fc.record({
  status: fc.constantFrom(...STATUSES, "bogus", undefined),
  subplanPath: fc.constantFrom("absent", "null", "found", "phantom"),
  executionPaths: fc.constantFrom("absent", "empty", "found", "phantom"),
  subplan: fc.boolean(),
  executions: fc.integer({ min: 0, max: 2 }),
  approved: fc.boolean(),
});
const planArb = fc.record({
  achievements: fc.array(achievementArb, { minLength: 1, maxLength: 6 }),
  indent: fc.constantFrom("  ", "    ", "\t"),
  eol: fc.constantFrom("\n", "\r\n"),
  oneLine: fc.boolean(),
});
type PlanSpec = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: PlanSpec): Record<string, string> {
  const files: Record<string, string> = {};
  const achievements = spec.achievements.map((a, i) => {
    const token = `1${i + 1}`;
    const subplan = `subplans/SUBPLAN_P_${token}.md`;
    const executions = Array.from(
      { length: a.executions },
      (_, n) => `execution/EXECUTION_TASK_P_${token}_0${n + 1}.md`,
    );
    if (a.subplan) files[`${DIR}/${subplan}`] = "s";
    for (const e of executions) files[`${DIR}/${e}`] = "e";
    if (a.approved) files[`${DIR}/execution/feedbacks/APPROVED_${token}.md`] = "a";
    const entry: Record<string, unknown> = { id: `1.${i + 1}`, title: `A ${i + 1}` };
    if (a.status !== undefined) entry.status = a.status;
    if (a.subplanPath !== "absent") {
      entry.subplan_path = { null: null, found: subplan, phantom: "subplans/gone.md" }[
        a.subplanPath
      ];
    }
    if (a.executionPaths !== "absent") {
      entry.execution_paths = { empty: [], found: executions, phantom: ["execution/gone.md"] }[
        a.executionPaths
      ];
    }
    return entry;
  });
  const doc = {
    plan_name: "P",
    version: "1",
    levels: [{ level: 1, can_parallelize: true, achievements }],
  };
  const text = spec.oneLine
    ? JSON.stringify(doc)
    : JSON.stringify(doc, null, spec.indent).replace(/\n/g, spec.eol);
  files[`${DIR}/parallel.json`] = `${text}${spec.eol}`;
  return files;
}

/** The document without sync's fields, to compare everything else. */
function withoutSyncFields(text: string): unknown {
  const doc = JSON.parse(text) as { levels: { achievements: Record<string, unknown>[] }[] };
  for (const a of doc.levels[0]!.achievements) for (const field of SYNC_FIELDS) delete a[field];
  return doc;
}

describe("sync properties", () => {
  it("agrees with the files after one pass, and changes nothing else", () => {
    fc.assert(
      fc.property(planArb, (spec) => {
        const files = build(spec);
        const [plan] = syncSnapshot(snapshotOf(files), OPTIONS);
        const outcome = synced(plan!.outcome!);
        expect(withoutSyncFields(outcome.newText)).toEqual(withoutSyncFields(outcome.text));
        if (spec.eol === "\r\n" && !spec.oneLine) expect(outcome.newText).not.toMatch(/[^\r]\n/);

        const after = { ...files, [`${DIR}/parallel.json`]: outcome.newText };
        const [report] = analyzeSnapshot(snapshotOf(after), OPTIONS).plans;
        const left = report!.findings.filter(
          (f) =>
            f.rule === "status-drift" ||
            f.rule === "missing-execution" ||
            f.message.includes("subplan_path names"),
        );
        expect(left).toEqual([]);
        const [again] = syncSnapshot(snapshotOf(after), OPTIONS);
        expect(synced(again!.outcome!).changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
