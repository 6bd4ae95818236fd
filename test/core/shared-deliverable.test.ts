/** shared-deliverable: which files a deliverables text names, and the rule on small plans. */
import { describe, expect, it } from "@jest/globals";
import { analyzeSnapshot } from "../../src/core/analyze.js";
import { resolveOptions } from "../../src/core/options.js";
import {
  deliverableFiles,
  deliverablesSection,
} from "../../src/core/rules/shared-deliverable-rule.js";

describe("deliverableFiles", () => {
  it.each([
    ["1. `docs/RELEASING.md` with the version policy", ["docs/RELEASING.md"]],
    ["- `Dockerfile`, `.dockerignore`", [".dockerignore"]],
    ["- Runbook section in `./docs/RELEASING.md`", ["docs/RELEASING.md"]],
    ["- Time estimates (read from `config/app.yml`)", []],
    ["- Three example PLANs with `parallel.json`", []],
    ["- Dry run (`npm publish --dry-run`) and `0.2.0-rc.1`", []],
    ["- See `https://example.com/a.md`", []],
    ["- `src/a.ts` and `src/b.ts`", ["src/a.ts", "src/b.ts"]],
  ])("%s → %j", (text, files) => {
    expect(deliverableFiles(text)).toEqual(files);
  });
});

describe("deliverablesSection", () => {
  it("takes a heading's body up to the next heading of the same depth", () => {
    const text = "# S\n\n## Deliverables\n- `a.md`\n### Detail\n- `b.md`\n## Approach\n- `c.md`\n";
    expect(deliverablesSection(text)).toBe("- `a.md`\n### Detail\n- `b.md`");
  });

  it("takes a bold label's text up to the next label", () => {
    const text = "**Objective**: x\n**Deliverables**: `a.md`\n- `b.md`\n**Approach**: `c.md`\n";
    expect(deliverablesSection(text)).toBe(" `a.md`\n- `b.md`");
  });

  it("ignores headings inside code fences", () => {
    expect(deliverablesSection("```\n## Deliverables\n- `a.md`\n```\n")).toBe("");
  });
});

describe("shared-deliverable", () => {
  const plan = (parallel: boolean) =>
    JSON.stringify(
      {
        plan_name: "P",
        version: "1",
        levels: [
          {
            level: 1,
            can_parallelize: parallel,
            achievements: ["1.1", "1.2"].map((id) => ({ id, title: id, dependencies: [] })),
          },
        ],
      },
      null,
      2,
    );
  const subplan = (file: string) => `# SUBPLAN\n\n## Deliverables\n\n- \`${file}\`\n`;
  const analyze = (parallel: boolean, second: string) => {
    const files: Record<string, string> = {
      "parallel.json": plan(parallel),
      "subplans/SUBPLAN_P_11.md": subplan("docs/a.md"),
      "subplans/SUBPLAN_P_12.md": subplan(second),
    };
    const snapshot = {
      rootName: "P",
      files: new Map(
        Object.entries(files).map(([p, content]) => [
          p,
          { path: p, size: content.length, content },
        ]),
      ),
    };
    return analyzeSnapshot(snapshot, resolveOptions()).plans[0]!.findings.filter(
      (f) => f.rule === "shared-deliverable",
    );
  };

  it("warns at the second achievement when two SUBPLANs of a parallel level name one file", () => {
    expect(analyze(true, "docs/a.md")).toEqual([
      expect.objectContaining({
        severity: "warning",
        line: 15,
        achievements: ["1.1", "1.2"],
        message:
          "1.1 and 1.2 of parallel level 1 both name docs/a.md as a deliverable: they will conflict when merged; give the file to one of them, or move one to a later level that depends on the other",
      }),
    ]);
  });

  it("says nothing for different files, or in a sequential level", () => {
    expect(analyze(true, "docs/b.md")).toEqual([]);
    expect(analyze(false, "docs/a.md")).toEqual([]);
  });
});
