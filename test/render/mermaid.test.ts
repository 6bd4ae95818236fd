import { describe, expect, it } from "@jest/globals";
import { renderDot, renderMermaid } from "../../src/render/mermaid.js";
import { utf8ByteLength } from "../../src/render/sanitize.js";
import { HOSTILE_TITLES } from "./hostile.js";
import { countMatches, mermaidProblems } from "./mermaid-grammar.js";
import { bigPlan, makePlan } from "./report-factory.js";

const smallPlan = () =>
  makePlan({
    name: "SMALL",
    levels: [
      {
        achievements: [
          { id: "1.1", status: "complete" },
          { id: "1.2", status: "complete" },
          { id: "1.3", status: "skipped" },
        ],
      },
      {
        parallel: false,
        achievements: [
          { id: "2.1", deps: ["1.1"], status: "in_progress" },
          { id: "2.2", deps: ["2.1", "1.2"], status: "failed" },
        ],
      },
      {
        achievements: [
          { id: "3.1", deps: ["1.3"] },
          { id: "3.2", deps: ["2.2"] },
          { id: "3.3", deps: ["2.1"], status: "subplan_created" },
          { id: "3.4", deps: ["1.1", "1.2"] },
          { id: "3.5", deps: ["unknown"] },
        ],
      },
    ],
  });

describe("renderMermaid", () => {
  it("shows every achievement of a small plan in its level's subgraph", () => {
    const out = renderMermaid(smallPlan());
    expect(mermaidProblems(out)).toEqual([]);
    expect(countMatches(out, /^ {4}a\d+\[/)).toBe(10);
    expect(out).toContain('subgraph L0 ["Level 1 (parallel)"]');
    expect(out).toContain('subgraph L1 ["Level 2 (sequential)"]');
    expect(out).toContain('a3["2.1: Achievement 2.1"]');
  });

  it("draws edges from dependency to dependent and skips unknown ids", () => {
    const out = renderMermaid(smallPlan());
    expect(countMatches(out, /^ {2}a\d+ --> a\d+$/)).toBe(8);
    expect(out).toContain("  a0 --> a3\n");
    expect(out).toContain("  a3 --> a4\n");
  });

  it("colours nodes by status", () => {
    const out = renderMermaid(smallPlan());
    expect(out).toContain("class a0,a1 complete");
    expect(out).toContain("class a2 skipped");
    expect(out).toContain("class a3 progress");
    expect(out).toContain("class a4 failed");
    expect(out).toContain("class a5,a8 ready");
    expect(out).toContain("class a6,a7,a9 blocked");
    for (const cls of ["complete", "progress", "ready", "blocked", "failed", "skipped"]) {
      expect(out).toContain(`classDef ${cls} `);
    }
  });

  it("derives node ids from positions, never from id text", () => {
    const plan = makePlan({
      levels: [{ achievements: [{ id: "end" }, { id: 'x"]; click' }, { id: "a0 --> a1" }] }],
    });
    const out = renderMermaid(plan);
    expect(mermaidProblems(out)).toEqual([]);
    expect(out).toContain('a1["x#quot;#93;#59; click: ');
  });

  it.each(HOSTILE_TITLES)("keeps the title %j inside its label", (title) => {
    const plan = makePlan({
      levels: [
        {
          achievements: [
            { id: "1.1", title },
            { id: "1.2", title, deps: [] },
          ],
        },
      ],
    });
    const out = renderMermaid(plan);
    expect(mermaidProblems(out)).toEqual([]);
    expect(out).not.toMatch(/<script|@octocat|`|%%\{/);
  });

  it("collapses a 10,000-achievement plan to one node per level under 60,000 bytes", () => {
    const out = renderMermaid(bigPlan(100, 100), 60_000);
    expect(utf8ByteLength(out)).toBeLessThan(60_000);
    expect(mermaidProblems(out)).toEqual([]);
    expect(countMatches(out, /^ {2}l\d+\[/)).toBe(100);
    expect(out).toContain('l0["Level 1 (parallel): 100 achievements, 100 done"]');
    expect(out).toContain("  l0 --> l1\n");
  });

  it("keeps the first and last levels around a gap node when levels alone are too many", () => {
    const out = renderMermaid(bigPlan(2000, 5));
    expect(utf8ByteLength(out)).toBeLessThanOrEqual(50_000);
    expect(mermaidProblems(out)).toEqual([]);
    expect(out).toMatch(/gap\["… \d+ levels: \d+ achievements, \d+ done"\]/);
    expect(out).toContain("l0[");
    expect(out).toContain("l1999[");
  });

  it("collapses when the edges exceed Mermaid's edge limit even if the bytes fit", () => {
    const out = renderMermaid(bigPlan(10, 40), 1_000_000);
    expect(countMatches(out, /^ {4}a\d+\[/)).toBe(0);
    expect(countMatches(out, /-->/)).toBeLessThanOrEqual(500);
    expect(renderMermaid(bigPlan(10, 40), 1_000_000, { maxEdges: 10_000 })).toContain("a399[");
  });

  it.each([300, 200, 120, 14])("stays within a budget of %d bytes", (budget) => {
    const out = renderMermaid(bigPlan(50, 10), budget);
    expect(utf8ByteLength(out)).toBeLessThanOrEqual(budget);
    expect(mermaidProblems(out)).toEqual([]);
  });

  it("returns nothing when not even an empty flowchart fits", () => {
    expect(renderMermaid(smallPlan(), 5)).toBe("");
  });

  it("honours the direction option", () => {
    expect(renderMermaid(smallPlan(), 60_000, { direction: "TD" })).toMatch(/^flowchart TD\n/);
  });
});

describe("renderDot", () => {
  it("writes one cluster per level and one edge per dependency", () => {
    const out = renderDot(smallPlan());
    expect(out).toMatch(/^digraph "SMALL" \{\n/);
    expect(countMatches(out, /^ {2}subgraph cluster_\d+ \{$/)).toBe(3);
    expect(countMatches(out, /^ {2}a\d+ -> a\d+;$/)).toBe(8);
    expect(out).toContain('label="Level 2 (sequential)";');
    expect(out.endsWith("}\n")).toBe(true);
  });

  it("escapes labels per DOT rules", () => {
    const plan = makePlan({
      name: 'P"Q',
      levels: [{ achievements: [{ id: "1.1", title: 'say "hi"\\N\nthen' }] }],
    });
    const out = renderDot(plan);
    expect(out).toContain('digraph "P\\"Q" {');
    expect(out).toContain('label="1.1: say \\"hi\\"\\\\N then"');
  });
});
