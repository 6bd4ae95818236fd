/**
 * The text sync writes: a changed value is replaced in place, a missing key goes after its
 * natural predecessor with the file's own indentation and line ending, one-line objects stay on
 * one line, a byte order mark survives, and a key written twice is edited where JSON.parse reads it.
 */
import { describe, expect, it } from "@jest/globals";
import { synced, syncOne } from "./plan-folder.js";

const SUBPLAN = "plans/P/subplans/SUBPLAN_P_11.md";
const EXECUTION = "plans/P/execution/EXECUTION_TASK_P_11_01.md";

/** parallel.json of plan P with one achievement written as `achievement` (already indented). */
function planText(achievement: string, indent = "  ", eol = "\n"): string {
  const i = (n: number) => indent.repeat(n);
  return [
    "{",
    `${i(1)}"plan_name": "P",`,
    `${i(1)}"version": "1",`,
    `${i(1)}"levels": [`,
    `${i(2)}{`,
    `${i(3)}"level": 1,`,
    `${i(3)}"can_parallelize": true,`,
    `${i(3)}"achievements": [`,
    achievement,
    `${i(3)}]`,
    `${i(2)}}`,
    `${i(1)}]`,
    "}",
    "",
  ].join(eol);
}

function newTextOf(json: string, files: string[] = []): string {
  const all: Record<string, string> = { "plans/P/parallel.json": json };
  for (const file of files) all[file] = "# file\n";
  return synced(syncOne(all)).newText;
}

describe("sync edits", () => {
  it("replaces a value in place, touching nothing else", () => {
    const json = planText('        { "id": "1.1", "title": "A", "status": "not_started" }');
    expect(newTextOf(json, [SUBPLAN])).toBe(
      planText(
        '        { "id": "1.1", "title": "A", "status": "subplan_created", "subplan_path": "subplans/SUBPLAN_P_11.md" }',
      ),
    );
  });

  it("inserts missing keys after their predecessors with the file's indentation and line ending", () => {
    const t = "\t";
    const achievement = [
      `${t.repeat(4)}{`,
      `${t.repeat(5)}"id": "1.1",`,
      `${t.repeat(5)}"title": "A",`,
      `${t.repeat(5)}"notes": "n"`,
      `${t.repeat(4)}}`,
    ];
    const json = planText(achievement.join("\r\n"), t, "\r\n");
    const expected = [
      `${t.repeat(4)}{`,
      `${t.repeat(5)}"id": "1.1",`,
      `${t.repeat(5)}"title": "A",`,
      `${t.repeat(5)}"status": "in_progress",`,
      `${t.repeat(5)}"subplan_path": "subplans/SUBPLAN_P_11.md",`,
      `${t.repeat(5)}"execution_paths": ["execution/EXECUTION_TASK_P_11_01.md"],`,
      `${t.repeat(5)}"notes": "n"`,
      `${t.repeat(4)}}`,
    ];
    expect(newTextOf(json, [SUBPLAN, EXECUTION])).toBe(planText(expected.join("\r\n"), t, "\r\n"));
  });

  it("writes a long array one entry per line, indented one level deeper (4 spaces here)", () => {
    const s = (n: number) => "    ".repeat(n);
    const json = planText(
      [
        `${s(4)}{`,
        `${s(5)}"id": "1.1",`,
        `${s(5)}"title": "A",`,
        `${s(5)}"status": "in_progress",`,
        `${s(5)}"subplan_path": "subplans/SUBPLAN_P_11.md",`,
        `${s(5)}"execution_paths": []`,
        `${s(4)}}`,
      ].join("\n"),
      "    ",
    );
    const second = "plans/P/execution/EXECUTION_TASK_P_11_02.md";
    const out = newTextOf(json, [SUBPLAN, EXECUTION, second]);
    expect(out).toContain(
      [
        `${s(5)}"execution_paths": [`,
        `${s(6)}"execution/EXECUTION_TASK_P_11_01.md",`,
        `${s(6)}"execution/EXECUTION_TASK_P_11_02.md"`,
        `${s(5)}]`,
      ].join("\n"),
    );
  });

  it("keeps a byte order mark", () => {
    const json = planText('        { "id": "1.1", "title": "A", "status": "complete" }');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
    const outcome = synced(syncOne({ "plans/P/parallel.json": bytes }));
    expect(outcome.newText).toBe(`\uFEFF${json.replace('"complete"', '"not_started"')}`);
    expect(outcome.text.slice(outcome.edits[0]!.offset).startsWith('"complete"')).toBe(true);
  });

  it("edits the last of a key written twice, the one JSON.parse reads", () => {
    const json = planText(
      '        { "id": "1.1", "title": "A", "status": "complete", "status": "in_progress" }',
    );
    const out = newTextOf(json);
    expect(out).toContain('"status": "complete", "status": "not_started"');
    expect(JSON.parse(out).levels[0].achievements[0].status).toBe("not_started");
  });

  it("keeps a file written on one line on one line", () => {
    const json = JSON.stringify({
      plan_name: "P",
      version: "1",
      levels: [{ level: 1, can_parallelize: true, achievements: [{ id: "1.1", title: "A" }] }],
    });
    expect(newTextOf(json, [SUBPLAN])).toBe(
      json.replace(
        '"title":"A"',
        '"title":"A", "status": "subplan_created", "subplan_path": "subplans/SUBPLAN_P_11.md"',
      ),
    );
  });
});
