/**
 * Which values sync writes, and which it keeps: the files decide the status (failed, skipped and
 * execution_created kept), paths follow the files without dropping ones that exist, executor and
 * assigned_at come only from an assignment; files it cannot read safely are refused.
 */
import { describe, expect, it } from "@jest/globals";
import type { SyncChange } from "../../../src/core/sync/sync-types.js";
import { resolveOptions } from "../../../src/core/options.js";
import { synced, syncOne } from "./plan-folder.js";

const DIR = "plans/P";
const SUBPLAN = `${DIR}/subplans/SUBPLAN_P_11.md`;
const EXECUTION = `${DIR}/execution/EXECUTION_TASK_P_11_01.md`;
const APPROVED = `${DIR}/execution/feedbacks/APPROVED_11.md`;

function plan(achievement: Record<string, unknown>): string {
  const doc = {
    plan_name: "P",
    version: "1",
    levels: [
      {
        level: 1,
        can_parallelize: true,
        achievements: [{ id: "1.1", title: "A", ...achievement }],
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function changesOf(
  achievement: Record<string, unknown>,
  files: string[],
  assignments?: Map<string, never>,
): Pick<SyncChange, "field" | "from" | "to">[] {
  const all: Record<string, string> = { [`${DIR}/parallel.json`]: plan(achievement) };
  for (const file of files) all[file] = "# file\n";
  return synced(syncOne(all, assignments)).changes.map(({ field, from, to }) => ({
    field,
    from,
    to,
  }));
}

describe("sync fields", () => {
  it.each<[string, Record<string, unknown>, string[], unknown[]]>([
    [
      "APPROVED makes complete",
      { status: "in_progress" },
      [SUBPLAN, EXECUTION, APPROVED],
      ["complete"],
    ],
    ["without files: not_started", { status: "complete" }, [], ["not_started"]],
    ["a missing status is added", {}, [SUBPLAN], ["subplan_created"]],
    [
      "a status outside the seven is replaced",
      { status: "blocked" },
      [SUBPLAN],
      ["subplan_created"],
    ],
    [
      "execution_created is kept while an EXECUTION_TASK exists",
      { status: "execution_created" },
      [SUBPLAN, EXECUTION],
      [],
    ],
    [
      "execution_created becomes complete with APPROVED",
      { status: "execution_created" },
      [SUBPLAN, EXECUTION, APPROVED],
      ["complete"],
    ],
    ["failed is kept", { status: "failed" }, [SUBPLAN, EXECUTION, APPROVED], []],
    ["skipped is kept", { status: "skipped" }, [], []],
  ])("status: %s", (_what, achievement, files, statuses) => {
    const paths = {
      subplan_path: files.includes(SUBPLAN) ? "subplans/SUBPLAN_P_11.md" : null,
      execution_paths: files.includes(EXECUTION) ? ["execution/EXECUTION_TASK_P_11_01.md"] : [],
    };
    const changes = changesOf({ ...achievement, ...paths }, files);
    expect(changes.map((c) => c.field)).toEqual(statuses.map(() => "status"));
    expect(changes.map((c) => c.to)).toEqual(statuses);
  });

  it.each<[string, unknown, string[], unknown]>([
    [
      "a declared SUBPLAN that exists is kept",
      "notes/my-subplan.md",
      [`${DIR}/notes/my-subplan.md`],
      undefined,
    ],
    ["a ./ prefix is not churned", "./subplans/SUBPLAN_P_11.md", [SUBPLAN], undefined],
    [
      "a path to nothing becomes the SUBPLAN found",
      "subplans/old.md",
      [SUBPLAN],
      "subplans/SUBPLAN_P_11.md",
    ],
    ["a path to nothing becomes null without a SUBPLAN", "subplans/old.md", [], null],
    ["null stays null without a SUBPLAN", null, [], undefined],
  ])("subplan_path: %s", (_what, written, files, to) => {
    const changes = changesOf(
      {
        status: files.includes(SUBPLAN) ? "subplan_created" : "not_started",
        subplan_path: written,
      },
      files,
    );
    expect(changes.find((c) => c.field === "subplan_path")?.to).toEqual(to);
  });

  it("execution_paths keeps entries that exist, drops ones that do not, appends new files", () => {
    const custom = `${DIR}/notes/run.md`;
    const changes = changesOf(
      {
        status: "in_progress",
        subplan_path: "subplans/SUBPLAN_P_11.md",
        execution_paths: ["notes/run.md", "execution/gone.md"],
      },
      [SUBPLAN, EXECUTION, custom],
    );
    expect(changes).toEqual([
      {
        field: "execution_paths",
        from: ["notes/run.md", "execution/gone.md"],
        to: ["notes/run.md", "execution/EXECUTION_TASK_P_11_01.md"],
      },
    ]);
  });

  it("writes executor and assigned_at only from an assignment", () => {
    const achievement = { status: "not_started", executor: null, assigned_at: null };
    expect(changesOf(achievement, [])).toEqual([]);
    const assignments = new Map([
      ["1.1", { executor: "octocat", assignedAt: "2025-06-01T12:00:00Z", source: "issue #12" }],
    ]);
    const all = { [`${DIR}/parallel.json`]: plan(achievement) };
    expect(synced(syncOne(all, assignments)).changes).toMatchObject([
      {
        field: "executor",
        from: null,
        to: "octocat",
        proof: null,
        reason: "assigned on issue #12",
      },
      { field: "assigned_at", from: null, to: "2025-06-01T12:00:00Z" },
    ]);
  });

  it("names the file that proves each status", () => {
    const all = {
      [`${DIR}/parallel.json`]: plan({ status: "subplan_created" }),
      [SUBPLAN]: "s",
      [EXECUTION]: "e",
      [APPROVED]: "a",
    };
    expect(synced(syncOne(all)).changes[0]).toMatchObject({
      field: "status",
      proof: APPROVED,
      reason: "APPROVED file exists",
    });
  });

  it.each<[string, string | Uint8Array, string]>([
    [
      "invalid UTF-8",
      Buffer.from([0x7b, 0xff, 0x7d]),
      "file is not valid UTF-8 (byte 0xff at offset 1)",
    ],
    [
      "a syntax error",
      '{ "plan_name": "P",, }',
      "it does not parse (property name expected at line 1, column 20): fix it first",
    ],
    [
      "nesting deeper than the limit",
      `${"[".repeat(70)}${"]".repeat(70)}`,
      "it does not parse (nesting is deeper than 64 levels at line 1, column 65): fix it first",
    ],
  ])("refuses %s", (_what, content, reason) => {
    expect(syncOne({ [`${DIR}/parallel.json`]: content })).toEqual({ kind: "refused", reason });
  });

  it("refuses a parallel.json over its size limit, naming the setting that raises it", () => {
    const text = plan({});
    const options = resolveOptions({
      limits: {
        maxFileBytes: 1 << 20,
        maxJsonBytes: 10,
        maxJsonDepth: 64,
        maxFindingsPerRule: 200,
      },
    });
    expect(syncOne({ [`${DIR}/parallel.json`]: text }, undefined, options)).toEqual({
      kind: "refused",
      reason: `it is ${Buffer.byteLength(text)} bytes, over the limit of 10 bytes (limits.max_json_bytes raises it), so it was not read`,
    });
  });

  it("edits a parallel.json over the markdown limit (each kind of file has its own)", () => {
    const options = resolveOptions({
      limits: {
        maxFileBytes: 10,
        maxJsonBytes: 1 << 20,
        maxJsonDepth: 64,
        maxFindingsPerRule: 200,
      },
    });
    expect(syncOne({ [`${DIR}/parallel.json`]: plan({}) }, undefined, options)).toMatchObject({
      kind: "synced",
    });
  });
});
