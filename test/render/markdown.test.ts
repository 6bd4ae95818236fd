import { describe, expect, it } from "@jest/globals";
import { renderMarkdown, renderPlanMarkdown } from "../../src/render/markdown.js";
import { utf8ByteLength } from "../../src/render/sanitize.js";
import { HOSTILE_TITLES } from "./hostile.js";
import { mermaidProblems } from "./mermaid-grammar.js";
import { bigPlan, makeFinding, makePlan, makeReport } from "./report-factory.js";

/** The fenced blocks of a markdown text; throws when a fence is left open. */
function fencedBlocks(markdown: string): { info: string; body: string }[] {
  const blocks: { info: string; body: string }[] = [];
  let open: { fence: string; info: string; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    if (open === null) {
      const m = /^(`{3,})(.*)$/.exec(line);
      if (m) open = { fence: m[1]!, info: m[2]!.trim(), lines: [] };
    } else if (/^`{3,}\s*$/.test(line) && line.trim().length >= open.fence.length) {
      blocks.push({ info: open.info, body: open.lines.join("\n") + "\n" });
      open = null;
    } else open.lines.push(line);
  }
  if (open !== null) throw new Error("unclosed fence");
  return blocks;
}

/** Unescaped table pipes per table row. */
const pipesPerRow = (markdown: string) =>
  markdown
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .map((line) => line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 1);

const samplePlan = () =>
  makePlan({
    name: "PARALLEL-EXECUTION-AUTOMATION",
    levels: [
      {
        achievements: [
          { id: "1.1", title: "Discovery prompt", status: "complete", hours: [2, 3] },
          { id: "1.2", title: "Schema", status: "complete", hours: [2, 3] },
          { id: "1.3", title: "Validation script", status: "complete", hours: [2, 3] },
        ],
      },
      {
        parallel: false,
        achievements: [
          { id: "2.1", title: "Prompt generator", deps: ["1.1"], status: "in_progress", hours: 4 },
          { id: "2.2", title: "Batch SUBPLANs", deps: ["2.1"], hours: null },
        ],
      },
      {
        achievements: [
          { id: "3.1", title: "Menu", deps: ["1.2"], executor: "Team A", hours: 2 },
          { id: "3.2", title: "Docs", deps: ["2.2"], hours: 1 },
        ],
      },
    ],
    findings: [
      makeFinding({ rule: "dependency-cycle", line: 12, message: "Cycle 1.1 → 1.2 → 1.1" }),
      makeFinding({
        rule: "status-drift",
        line: 30,
        message: "2.1 says complete; files say in_progress",
      }),
      makeFinding({ rule: "missing-parallel-json", line: 1, message: "No parallel.json" }),
    ],
  });

describe("renderMarkdown", () => {
  it("opens with the totals and a verdict heading per plan", () => {
    const out = renderMarkdown(makeReport(samplePlan()));
    expect(out).toMatch(/^\*\*parallel-plans\*\* checked 1 plan: 1 error, 1 warning, 1 notice\.\n/);
    expect(out).toContain("## ❌ PARALLEL-EXECUTION-AUTOMATION\n");
    expect(out).toContain("3/7 achievements done (43%)");
  });

  it("tabulates levels with mode, statuses, readiness and hours", () => {
    const out = renderMarkdown(makeReport(samplePlan()));
    expect(out).toContain("| Level | Mode | Achievements | Ready | Sequential | Parallel |");
    expect(out).toContain(
      "| 1 | parallel (max 3) | 3/3 done: ✅ 1.1, ✅ 1.2, ✅ 1.3 | ✅ done | 6-9h | 2-3h |",
    );
    expect(out).toContain("| 2 | sequential | 0/2 done: 🔄 2.1, ⏳ 2.2 | yes | 4h | 4h |");
    expect(out).toContain("| 3 | parallel (max 2) | 0/2 done: ⏳ 3.1, ⏳ 3.2 | no | 3h | 2h |");
  });

  it("lists the ready set, time figures with ranges, unestimated ids and the critical path", () => {
    const out = renderMarkdown(makeReport(samplePlan()));
    expect(out).toContain("**Ready now (2):** 2.1 Prompt generator · 3.1 Menu");
    expect(out).toContain("**Time:** sequential 13-16h · parallel 8-9h · saving 5-7h (38-44%)");
    expect(out).toContain("**Unestimated (1):** 2.2");
    expect(out).toContain("**Critical path** (8-9h): 1.1 → 3.2");
  });

  it("groups findings by severity with rule, location and message", () => {
    const out = renderMarkdown(makeReport(samplePlan()));
    const errors = out.indexOf("**Errors (1)**");
    const warnings = out.indexOf("**Warnings (1)**");
    const notices = out.indexOf("**Notices (1)**");
    expect(errors).toBeGreaterThan(-1);
    expect(warnings).toBeGreaterThan(errors);
    expect(notices).toBeGreaterThan(warnings);
    expect(out).toContain(
      "- `dependency-cycle` work-space/plans/X/parallel.json:12: Cycle 1.1 → 1.2 → 1.1",
    );
  });

  it("ends each plan with its Mermaid graph in a fence", () => {
    const blocks = fencedBlocks(renderMarkdown(makeReport(samplePlan())));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.info).toBe("mermaid");
    expect(mermaidProblems(blocks[0]!.body)).toEqual([]);
    expect(blocks[0]!.body).toContain('a6["3.2: Docs"]');
  });

  it("fails a plan with warnings only under strict", () => {
    const plan = makePlan({
      name: "W",
      levels: [{ achievements: [{ id: "1.1" }] }],
      findings: [makeFinding({ rule: "status-drift" })],
    });
    expect(renderMarkdown(makeReport(plan))).toContain("## ✅ W");
    expect(renderMarkdown(makeReport(plan), { strict: true })).toContain("## ❌ W");
  });

  it("says so when there are no plans", () => {
    expect(renderMarkdown(makeReport())).toBe("**parallel-plans** found no plans.\n\n");
  });

  it.each(HOSTILE_TITLES)("never lets %j leak into the summary", (title) => {
    const plan = makePlan({
      name: title,
      dir: `plans/${title}`,
      levels: [
        {
          achievements: [
            { id: title, title },
            { id: "1.2", title, deps: [title] },
          ],
        },
      ],
      findings: [makeFinding({ message: title, file: `plans/${title}/parallel.json` })],
    });
    const out = renderMarkdown(makeReport(plan));
    expect(out).not.toMatch(/<script|<b>|@octocat|@org|\u202E/);
    expect(out).not.toContain("\u001b");
    expect(out).not.toMatch(/^#+ (heading|title)/m);
    expect(new Set(pipesPerRow(out))).toEqual(new Set([7]));
    for (const block of fencedBlocks(out)) expect(mermaidProblems(block.body)).toEqual([]);
  });

  it("keeps a 10,000-achievement plan with 5,000 findings under 65,000 bytes, fences balanced", () => {
    const out = renderMarkdown(makeReport(bigPlan(100, 100, 5000)));
    expect(utf8ByteLength(out)).toBeLessThan(65_000);
    const blocks = fencedBlocks(out);
    for (const block of blocks) expect(mermaidProblems(block.body)).toEqual([]);
    expect(out).toMatch(/- … and [\d,]+ more (errors|warnings|notices)/);
    expect(new Set(pipesPerRow(out))).toEqual(new Set([7]));
  });

  it("collapses the graph before it shortens the findings", () => {
    const plan = bigPlan(4, 20, 90);
    const roomy = renderMarkdown(makeReport(plan), { maxBytes: 1_000_000 });
    expect(roomy).toContain('a79["4.20: ');
    const tight = renderMarkdown(makeReport(plan), { maxBytes: utf8ByteLength(roomy) - 500 });
    expect(tight).not.toContain('a79["');
    expect(tight).toContain('l3["Level 4');
    expect(tight.match(/^- `/gm)).toHaveLength(90);
  });

  it("stays within budget across many plans", () => {
    const plans = Array.from({ length: 300 }, (_, i) => ({
      ...bigPlan(10, 10, 30),
      name: `P${i}`,
    }));
    const out = renderMarkdown(makeReport(...plans));
    expect(utf8ByteLength(out)).toBeLessThan(65_000);
    fencedBlocks(out);
  });

  it.each([20_000, 5_000, 1_000, 300, 100])("fits a budget of %d bytes", (maxBytes) => {
    const plans = Array.from({ length: 40 }, (_, i) => ({
      ...bigPlan(20, 30, 200),
      name: `P${i}`,
    }));
    const out = renderMarkdown(makeReport(...plans), { maxBytes });
    expect(utf8ByteLength(out)).toBeLessThanOrEqual(maxBytes);
    fencedBlocks(out);
  });

  it("gives detail back to failing plans first when plans share a tight budget", () => {
    const plans = Array.from({ length: 30 }, (_, i) =>
      i === 20
        ? { ...bigPlan(10, 10, 30), name: "BROKEN" }
        : { ...bigPlan(10, 10), name: `OK${i}` },
    );
    const out = renderMarkdown(makeReport(...plans), { maxBytes: 12_000 });
    expect(utf8ByteLength(out)).toBeLessThanOrEqual(12_000);
    const broken = out.slice(out.indexOf("## ❌ BROKEN"));
    expect(broken).toContain("### Findings");
    expect(broken).toContain("| Level | Mode |");
    // Passing plans share what is left; the last ones keep only their heading.
    expect(out).toMatch(/## ✅ OK29\n\n[^\n]*\n\n$/);
  });

  it("ends with a line of the plans that did not fit as a last resort", () => {
    const plans = Array.from({ length: 100 }, (_, i) => ({ ...bigPlan(2, 2), name: `Plan${i}` }));
    const out = renderMarkdown(makeReport(...plans), { maxBytes: 1_000 });
    expect(out).toMatch(/- … and \d+ more plans\n$/);
  });
});

describe("renderPlanMarkdown", () => {
  it("renders one plan without the report's opening line", () => {
    const out = renderPlanMarkdown(samplePlan());
    expect(out).toMatch(/^## ❌ PARALLEL-EXECUTION-AUTOMATION\n/);
  });
});
