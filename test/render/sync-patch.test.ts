/**
 * The patch built from sync's edits is the patch the `diff` library writes over the whole texts,
 * and applying it to the old text gives the new text. The texts are random parallel.json files
 * (indentation, line endings, one-line objects) and the edits are sync's own (`buildEdits`):
 * replaced statuses and paths, and inserted fields, some spanning several lines. Any edits at
 * all, even where runs of identical lines leave the line alignment open, still give a patch that
 * applies.
 */
import { describe, expect, it } from "@jest/globals";
import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import fc from "fast-check";
import { applyTextEdits, buildEdits } from "../../src/core/sync/json-edits.js";
import { detectStyle } from "../../src/core/sync/json-style.js";
import type { JsonValue, SyncChange, SyncField, TextEdit } from "../../src/core/sync/sync-types.js";
import { editsPatch, PATCH_CONTEXT } from "../../src/render/sync-patch.js";

const LINES = [
  "{",
  "}",
  '  "levels": [',
  "    {",
  "    },",
  '      "id": "1.1",',
  '      "status": "not_started",',
  '      "status": "complete",',
  '      "subplan_path": null',
  '      "execution_paths": []',
  "  ]",
  "",
];
const CONTENTS = [
  "",
  '"complete"',
  '"in_progress"',
  ',\n      "started_at": "2026-01-01T00:00:00Z"',
  ',\n      "subplan_path": "subplans/S.md",\n      "execution_paths": []',
  '[\n        "execution/E.md"\n      ]',
  "\n",
  "x",
];

const caseArb = fc
  .record({
    lines: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 40 }),
    eol: fc.constantFrom("\n", "\r\n"),
    finalEol: fc.boolean(),
    cuts: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.integer({ min: 0, max: 30 }),
        content: fc.constantFrom(...CONTENTS),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ lines, eol, finalEol, cuts }) => {
    const text = lines.join(eol) + (finalEol ? eol : "");
    const edits: TextEdit[] = [];
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a.at - b.at)) {
      const offset = Math.max(from, Math.floor(cut.at * text.length));
      if (offset > text.length) break;
      const length = Math.min(cut.length, text.length - offset);
      edits.push({ offset, length, content: cut.content });
      from = offset + length;
    }
    return { text, edits, newText: applyTextEdits(text, edits) };
  });

function wholePatch(text: string, newText: string): string {
  return createTwoFilesPatch("a/p.json", "b/p.json", text, newText, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}

const STATUS = ["not_started", "in_progress", "complete"];
const fieldArb = fc.constantFrom<[SyncField, JsonValue][]>(
  [["status", "complete"]],
  [["status", "in_progress"]],
  [["started_at", "2026-01-01T00:00:00Z"]],
  [["completed_at", "2026-01-02T00:00:00Z"]],
  [["subplan_path", "subplans/SUBPLAN_P_11.md"]],
  [["subplan_path", null]],
  [["execution_paths", ["execution/EXECUTION_TASK_P_11_01.md", "execution/E2.md"]]],
  [["execution_paths", []]],
  [
    ["status", "complete"],
    ["completed_at", "2026-01-02T00:00:00Z"],
  ],
);
const planArb = fc.record({
  levels: fc.array(
    fc.array(
      fc.record({
        status: fc.option(fc.constantFrom(...STATUS), { nil: undefined }),
        paths: fc.boolean(),
        change: fc.option(fieldArb, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    { minLength: 1, maxLength: 4 },
  ),
  indent: fc.constantFrom(2, 4, "\t"),
  eol: fc.constantFrom("\n", "\r\n"),
  finalEol: fc.boolean(),
});

/** A parallel.json as written by hand or a generator, and sync's edits of it. */
const syncCaseArb = planArb.map(({ levels, indent, eol, finalEol }) => {
  const changes: SyncChange[] = [];
  const doc = {
    plan_name: "P",
    levels: levels.map((achievements, l) => ({
      level: l + 1,
      achievements: achievements.map((a, i) => {
        const id = `${l + 1}.${i + 1}`;
        const entry: Record<string, unknown> = { id, title: `A ${id}`, dependencies: [] };
        if (a.status !== undefined) entry.status = a.status;
        if (a.paths) {
          entry.subplan_path = null;
          entry.execution_paths = [];
        }
        for (const [field, to] of a.change ?? []) {
          const from = entry[field] as JsonValue | undefined;
          if (JSON.stringify(from) === JSON.stringify(to)) continue;
          const path = ["levels", l, "achievements", i, field];
          changes.push({ id, field, path, from, to, proof: null, reason: "test" });
        }
        return entry;
      }),
    })),
  };
  const text = JSON.stringify(doc, null, indent).replaceAll("\n", eol) + (finalEol ? eol : "");
  const edits = buildEdits(text, changes, detectStyle(text));
  return { text, edits, newText: applyTextEdits(text, edits) };
});

describe("editsPatch", () => {
  it("equals the whole-text patch of sync's edits and applies back to the new text", () => {
    fc.assert(
      fc.property(syncCaseArb, ({ text, edits, newText }) => {
        const patch = editsPatch("a/p.json", "b/p.json", text, newText, edits);
        expect(patch).toBe(wholePatch(text, newText));
        expect(applyPatch(text, patch)).toBe(newText);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives a patch that applies for any edits", () => {
    fc.assert(
      fc.property(caseArb, ({ text, edits, newText }) => {
        const patch = editsPatch("a/p.json", "b/p.json", text, newText, edits);
        expect(applyPatch(text, patch)).toBe(newText);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives edits far apart hunks of their own, and joins edits within twice the context", () => {
    const text = Array.from({ length: 40 }, (_, i) => `"line ${i}"`).join("\n") + "\n";
    const lineAt = (n: number): number => text.indexOf(`"line ${n}"`);
    const edit = (n: number): TextEdit => ({ offset: lineAt(n), length: 1, content: "'" });
    const far = [edit(5), edit(5 + 2 * PATCH_CONTEXT + 2)];
    const near = [edit(5), edit(5 + 2 * PATCH_CONTEXT + 1)];
    const hunks = (edits: TextEdit[]): number =>
      editsPatch("a", "b", text, applyTextEdits(text, edits), edits).split("\n@@").length - 1;
    expect(hunks(far)).toBe(2);
    expect(hunks(near)).toBe(1);
    for (const edits of [far, near]) {
      const newText = applyTextEdits(text, edits);
      expect(editsPatch("a/p.json", "b/p.json", text, newText, edits)).toBe(
        wholePatch(text, newText),
      );
    }
  });

  it("prints headers only when nothing changed, as the whole-text patch does", () => {
    expect(editsPatch("a/p.json", "b/p.json", "{}\n", "{}\n", [])).toBe(wholePatch("{}\n", "{}\n"));
  });
});
