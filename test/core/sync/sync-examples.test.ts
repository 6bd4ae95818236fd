/**
 * Sync on the bundled examples: byte-exact results when files land (expected files in
 * test/fixtures/sync), and the round trip on every example plan, as shipped and drifted on
 * purpose: after sync, `validate` reports no status-drift and a second sync changes nothing.
 */
import { describe, expect, it } from "@jest/globals";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { analyzeSnapshot } from "../../../src/core/analyze.js";
import { discoverPlans } from "../../../src/core/discover-plans.js";
import { syncSnapshot } from "../../../src/core/sync/sync-snapshot.js";
import { STATUSES } from "../../../src/core/types.js";
import { copyExample, OPTIONS, readFolder, synced } from "./plan-folder.js";

const CLEAN = ["API-DOCS-REFRESH", "PARALLEL-EXECUTION-AUTOMATION", "RELEASE-PIPELINE"];
const PEA = "PARALLEL-EXECUTION-AUTOMATION";

/** Every plan folder under examples/, found the way the CLI finds them. */
async function examplePlans(): Promise<string[]> {
  return discoverPlans(await readFolder("examples"), OPTIONS).map((plan) => plan.dir);
}

async function syncFolder(dir: string) {
  const [plan] = syncSnapshot(await readFolder(dir), OPTIONS);
  if (!plan) throw new Error(`no plan in ${dir}`);
  return plan;
}

/** Sync `dir` on disk, then check validate and a second sync agree with it. */
async function expectRoundTrip(dir: string): Promise<void> {
  const first = await syncFolder(dir);
  if (first.outcome?.kind === "synced") {
    await writeFile(path.join(dir, "parallel.json"), first.outcome.newText);
  }
  const [after] = analyzeSnapshot(await readFolder(dir), OPTIONS).plans;
  expect(after?.findings.filter((f) => f.rule === "status-drift")).toEqual([]);
  const second = await syncFolder(dir);
  if (second.outcome?.kind === "synced") expect(second.outcome.changes).toEqual([]);
  else expect(second.outcome).toEqual(first.outcome);
}

describe("sync of the examples", () => {
  it.each(CLEAN)("leaves %s exactly as written", async (example) => {
    const outcome = synced((await syncFolder(`examples/${example}`)).outcome!);
    expect(outcome.changes).toEqual([]);
    expect(outcome.newText).toBe(outcome.text);
  });

  it.each([
    [PEA, "approved-31", ["execution/feedbacks/APPROVED_31.md"]],
    [PEA, "execution-31", [`execution/EXECUTION_TASK_${PEA}_31_01.md`]],
    [
      PEA,
      "execution-32-02",
      [`execution/EXECUTION_TASK_${PEA}_32_02.md`, "execution/feedbacks/APPROVED_32.md"],
    ],
    ["API-DOCS-REFRESH", "subplan-11", ["subplans/SUBPLAN_API-DOCS-REFRESH_11.md"]],
    [
      "RELEASE-PIPELINE",
      "execution-23",
      [
        "subplans/SUBPLAN_RELEASE-PIPELINE_23.md",
        "execution/EXECUTION_TASK_RELEASE-PIPELINE_23_01.md",
        "execution/feedbacks/APPROVED_22.md",
      ],
    ],
    ["broken/BROKEN-GRAPH", "as-is", []],
  ])("writes %s byte for byte as test/fixtures/sync/…%s…", async (example, scenario, added) => {
    const dir = await copyExample(example, added);
    const outcome = synced((await syncFolder(dir)).outcome!);
    const expected = await readFile(
      `test/fixtures/sync/${path.basename(example)}.${scenario}.parallel.json`,
      "utf8",
    );
    expect(outcome.newText).toBe(expected);
    // Every edit replaces one value or inserts keys: nothing else in the text moves.
    for (const edit of outcome.edits) {
      const replaced = outcome.text.slice(edit.offset, edit.offset + edit.length);
      if (edit.length > 0) expect(() => JSON.parse(replaced) as unknown).not.toThrow();
      else expect(edit.content).toMatch(/^,\s+"(status|subplan_path|execution_paths)": /);
    }
    await expectRoundTrip(dir);
  });

  it("keeps a failed achievement failed even when its APPROVED file lands", async () => {
    const dir = await copyExample("RELEASE-PIPELINE", ["execution/feedbacks/APPROVED_22.md"]);
    expect(synced((await syncFolder(dir)).outcome!).changes).toEqual([]);
  });

  it("leaves ambiguous and duplicate ids as written, saying why", async () => {
    const outcome = synced((await syncFolder("examples/broken/BROKEN-GRAPH")).outcome!);
    expect(outcome.skipped).toEqual([
      { id: "1.10", reason: 'it shares the file token "110" with 11.0' },
      { id: "11.0", reason: 'it shares the file token "110" with 1.10' },
      { id: "3.1", reason: "its id is used more than once: only the first is synced" },
    ]);
  });

  it.each([
    [
      "broken/BROKEN-SYNTAX",
      "it does not parse (comma expected at line 10, column 9): fix it first",
    ],
  ])("refuses to edit %s", async (example, reason) => {
    expect((await syncFolder(`examples/${example}`)).outcome).toEqual({ kind: "refused", reason });
  });

  it("has nothing to sync in a plan without parallel.json", async () => {
    expect(await syncFolder("examples/broken/PLAN-ONLY")).toMatchObject({
      file: null,
      outcome: null,
    });
  });
});

describe("round trip", () => {
  it("holds on every example plan", async () => {
    const plans = await examplePlans();
    expect(plans.length).toBeGreaterThanOrEqual(7);
    for (const plan of plans) await expectRoundTrip(await copyExample(plan));
  });

  it.each(CLEAN)(
    "holds on %s drifted on purpose (every status rotated, paths emptied)",
    async (example) => {
      const dir = await copyExample(example);
      const file = path.join(dir, "parallel.json");
      const drifted = (await readFile(file, "utf8"))
        .replace(/"status": "(\w+)"/g, (_all, status: string) => {
          const next = STATUSES[(STATUSES.indexOf(status as never) + 3) % STATUSES.length];
          return `"status": "${next}"`;
        })
        .replace(/"subplan_path": "[^"]*"/g, '"subplan_path": "subplans/gone.md"')
        .replace(/"execution_paths": \[[^\]]*\]/g, '"execution_paths": ["execution/gone.md"]');
      await writeFile(file, drifted);
      const outcome = synced((await syncFolder(dir)).outcome!);
      expect(outcome.changes.length).toBeGreaterThan(5);
      await expectRoundTrip(dir);
    },
  );
});
