import { describe, expect, it } from "@jest/globals";
import { parsePlanMarkdown, sectionKey } from "../../src/core/plan-markdown.js";
import type { PlanAchievement, PlanDocument } from "../../src/core/model.js";

const md = (...lines: string[]) => lines.join("\n");

/** The only achievement of a document. */
function only(text: string): PlanAchievement {
  const { achievements } = parsePlanMarkdown(text);
  expect(achievements).toHaveLength(1);
  return achievements[0] as PlanAchievement;
}

const ids = (doc: PlanDocument) => doc.achievements.map((a) => a.id);
const keys = (a: PlanAchievement) => a.sections.map((s) => s.key);

describe("parsePlanMarkdown: how an achievement is introduced", () => {
  it.each([
    [
      "a level-3 heading",
      "### Achievement 1.2: parallel.json Schema",
      "1.2",
      "parallel.json Schema",
    ],
    ["a level-2 heading", "## Achievement 1.2: Schema", "1.2", "Schema"],
    ["a level-6 heading", "###### Achievement 10.20: Deep", "10.20", "Deep"],
    ["a setext heading", "Achievement 1.2: Setext\n---", "1.2", "Setext"],
    ["a heading with a dash", "### Achievement 1.2 - Dashed", "1.2", "Dashed"],
    ["a heading with a status emoji", "### ✅ Achievement 1.2: Done", "1.2", "Done"],
    ["a bold title", "**Achievement 3.2: Documentation Created**", "3.2", "Documentation Created"],
    ["a bold id", "**Achievement 3.2**: Documentation Created", "3.2", "Documentation Created"],
    [
      "a bold id and colon",
      "**Achievement 3.2:** Documentation Created",
      "3.2",
      "Documentation Created",
    ],
    ["an index item", "- Achievement 1.1: Discovery Prompt (2-3h)", "1.1", "Discovery Prompt"],
    ["a numbered bold index item", "1. **Achievement 1.2**: Schema (1-2h)", "1.2", "Schema"],
    ["a checked task item", "- [x] Achievement 1.3: Validation (2h)", "1.3", "Validation"],
    ["a lower-case word", "## achievement 4.1: Lower", "4.1", "Lower"],
    ["an id without title", "## Achievement 4.2", "4.2", ""],
  ])("is read from %s", (_name, text, id, title) => {
    const achievement = only(text);

    expect(achievement.id).toBe(id);
    expect(achievement.title).toBe(title);
  });

  it.each([
    ["an id with a letter", "### Achievement 1.1a: Not an id"],
    ["a three-part version", "### Achievement 1.1.2: Not an id"],
    ["a sentence", "**Achievement 3.2 is complete when**: all pass"],
    ["a reference in parentheses", "**Achievement 1.3 (Validation Script)**: add tests"],
    ["a plain paragraph", "Achievement 1.1: plain prose is not an entry"],
    ["a word inside a sentence", "## Work on Achievement 1.1: later"],
    [
      "a fenced code block",
      "```md\n## Achievement 9.9: Example\n**Achievement 9.8: Example**\n```",
    ],
    ["an HTML comment", "<!--\n## Achievement 9.9: Hidden\n-->"],
    ["a table row", "| **Achievement 1.1** | Title | 2h |"],
    ["an id without a dot", "## Achievement 12: Title"],
  ])("is not read from %s", (_name, text) => {
    expect(parsePlanMarkdown(text).achievements).toEqual([]);
  });
});

describe("parsePlanMarkdown: estimates", () => {
  it.each([
    ["⏱️ in a heading", "### Achievement 1.2: Schema ⏱️ 1-2 hours", "1-2 hours", 1, 2],
    ["(h) at the end of a heading", "### Achievement 1.2: Schema (1-2h)", "1-2h", 1, 2],
    ["⏱️ after a bold title", "**Achievement 3.2: Docs** ⏱️ 3-5 hours", "3-5 hours", 3, 5],
    ["⏱️ after a bold id", "**Achievement 3.2**: Docs ⏱️ 3-5 hours", "3-5 hours", 3, 5],
    ["minutes", "## Achievement 1.1: Quick ⏱️ 45 min", "45 min", 0.75, 0.75],
    ["a range with 'to'", "## Achievement 1.1: Range (2 to 3 hours)", "2 to 3 hours", 2, 3],
    ["text after the figure", "## Achievement 1.1: T (2-3 hours, PARALLEL!) ✨", "2-3 hours", 2, 3],
    ["an Estimated label", "### Achievement 1.2: T\n**Estimated**: 1-2 hours", "1-2 hours", 1, 2],
    ["an Estimate label", "### Achievement 1.2: T\n\n**Estimate:** 2h", "2h", 2, 2],
    ["an Estimated Time list item", "**Achievement 1.2: T**\n- **Estimated Time**: 4h", "4h", 4, 4],
    ["a plain Estimate line", "### Achievement 1.2: T\nEstimate: 1.5h", "1.5h", 1.5, 1.5],
    ["a ⏱️ line under the heading", "### Achievement 1.2: T\n\n⏱️ 1-2 hours", "1-2 hours", 1, 2],
  ])("is read from %s", (_name, text, estimateText, min, max) => {
    const achievement = only(text);

    expect(achievement.estimateText).toBe(estimateText);
    expect(achievement.estimate).toEqual({ min, max });
  });

  it.each([
    ["no estimate", "### Achievement 1.2: Schema"],
    ["a parenthesis that is not an estimate", "### Achievement 1.2: Schema (v2)"],
    ["an unreadable label", "### Achievement 1.2: T\n**Estimated**: soon"],
    ["a figure without a unit in parentheses", "### Achievement 1.2: Schema (2)"],
  ])("is null with %s", (_name, text) => {
    const achievement = only(text);

    expect(achievement.estimateText).toBeNull();
    expect(achievement.estimate).toBeNull();
  });

  it("keeps a parenthesis that is not an estimate in the title", () => {
    expect(only("### Achievement 1.2: Schema (v2)").title).toBe("Schema (v2)");
  });

  it("does not turn the estimate label into a section", () => {
    const achievement = only(
      md("### Achievement 1.2: T", "**Estimated**: 1-2 hours", "#### Purpose", "p"),
    );

    expect(keys(achievement)).toEqual(["purpose"]);
  });
});

describe("parsePlanMarkdown: sections", () => {
  const boldForm = md(
    "**Achievement 3.2: Documentation and Examples Created** ⏱️ 3-5 hours",
    "",
    "- **Purpose**: Users need a guide.",
    "- **What**: Write the guide.",
    "- **Deliverables**:",
    "  1. User guide",
    "  2. Best practices guide",
    "- **Approach**: Four phases.",
    "- **Success Criteria**: The guide is followed without help.",
    "- **Dependencies**: 2.3",
  );

  it("reads the bold form the seeds use", () => {
    expect(only(boldForm)).toEqual({
      id: "3.2",
      title: "Documentation and Examples Created",
      estimateText: "3-5 hours",
      estimate: { min: 3, max: 5 },
      position: { line: 1, column: 1 },
      sections: [
        { key: "purpose", heading: "Purpose", text: "Users need a guide." },
        { key: "what", heading: "What", text: "Write the guide." },
        {
          key: "deliverables",
          heading: "Deliverables",
          text: "1. User guide\n2. Best practices guide",
        },
        { key: "approach", heading: "Approach", text: "Four phases." },
        {
          key: "success_criteria",
          heading: "Success Criteria",
          text: "The guide is followed without help.",
        },
        { key: "dependencies", heading: "Dependencies", text: "2.3" },
      ],
    });
  });

  it("reads the heading form with deeper headings as sections", () => {
    const achievement = only(
      md(
        "### Achievement 1.2: parallel.json Schema Implemented",
        "**Estimated**: 1-2 hours",
        "",
        "#### Purpose",
        "",
        "Define the *schema*.",
        "",
        "#### Deliverables",
        "",
        "1. Schema file",
        "",
        "##### Notes inside deliverables",
        "",
        "Stay in the section.",
      ),
    );

    expect(achievement.sections).toEqual([
      { key: "purpose", heading: "Purpose", text: "Define the *schema*." },
      {
        key: "deliverables",
        heading: "Deliverables",
        text: "1. Schema file\n\n##### Notes inside deliverables\n\nStay in the section.",
      },
    ]);
  });

  it("reads bold labels written as paragraphs, with content running to the next label", () => {
    const achievement = only(
      md(
        "**Achievement 2.1: Enhanced** ⏱️ 4-6 hours",
        "",
        "**Goal**: Make it faster.",
        "It is slow today.",
        "",
        "```bash",
        "time ./run.sh  # **Approach**: not a label",
        "```",
        "",
        "**Approach**:",
        "1. **Phase 1**: measure",
        "2. **Phase 2**: fix",
        "",
        "**Testing Requirements**: unit tests",
        "**Depends on**: 1.1",
      ),
    );

    expect(achievement.sections).toEqual([
      {
        key: "purpose",
        heading: "Goal",
        text: "Make it faster.\nIt is slow today.\n\n```bash\ntime ./run.sh  # **Approach**: not a label\n```",
      },
      {
        key: "approach",
        heading: "Approach",
        text: "1. **Phase 1**: measure\n2. **Phase 2**: fix",
      },
      { key: "testing_requirements", heading: "Testing Requirements", text: "unit tests" },
      { key: "dependencies", heading: "Depends on", text: "1.1" },
    ]);
  });

  it("keeps a label's nested list, paragraphs and code as written, dedented", () => {
    const achievement = only(
      md(
        "**Achievement 1.1: T**",
        "",
        "- **Deliverables**:",
        "  1. A guide with `code` and <b>html</b>",
        "     - nested *item*",
        "",
        "  More about it.",
        "",
        "  ```json",
        '  { "a": 1 }',
        "  ```",
        "- **Approach**: next",
      ),
    );

    expect(achievement.sections[0]?.text).toBe(
      md(
        "1. A guide with `code` and <b>html</b>",
        "   - nested *item*",
        "",
        "More about it.",
        "",
        "```json",
        '{ "a": 1 }',
        "```",
      ),
    );
  });

  it("treats achievements listed under a label as references, not entries", () => {
    const doc = parsePlanMarkdown(
      md(
        "**Achievement 2.1: X**",
        "- **Dependencies**:",
        "  - Achievement 1.1: Discovery",
        "  - **Achievement 1.2**: Schema",
        "- **Approach**: a",
      ),
    );

    expect(ids(doc)).toEqual(["2.1"]);
    expect(doc.achievements[0]?.sections).toEqual([
      {
        key: "dependencies",
        heading: "Dependencies",
        text: "- Achievement 1.1: Discovery\n- **Achievement 1.2**: Schema",
      },
      { key: "approach", heading: "Approach", text: "a" },
    ]);
  });

  it("reads labels on consecutive lines of one paragraph", () => {
    const doc = parsePlanMarkdown(
      md("**Achievement 1.1: A**  ", "**Purpose**: p  ", "**What**: w", "**Achievement 1.2: B**"),
    );

    expect(doc.achievements.map((a) => [a.id, a.sections.map((s) => s.text)])).toEqual([
      ["1.1", ["p", "w"]],
      ["1.2", []],
    ]);
    expect(doc.achievements[1]?.position).toEqual({ line: 4, column: 1 });
  });

  it("strips the block quote marks from a quoted section", () => {
    const achievement = only(
      md("> **Achievement 1.1: A**", "> - **Purpose**: p", ">   more", "> - **What**: w"),
    );

    expect(achievement.sections.map((s) => s.text)).toEqual(["p\nmore", "w"]);
  });

  it("ends a bold entry at a heading of the same rank, a rule, or the next entry", () => {
    const doc = parsePlanMarkdown(
      md(
        "## Priority 1",
        "**Achievement 1.1: A**",
        "- **Purpose**: a",
        "#### Notes",
        "deeper heading: a section",
        "## Priority 2",
        "**Purpose**: orphan",
        "**Achievement 2.1: B**",
        "- **Purpose**: b",
        "",
        "---",
        "",
        "**Status**: footer, not a section",
      ),
    );

    expect(doc.achievements.map((a) => [a.id, keys(a)])).toEqual([
      ["1.1", ["purpose", "notes"]],
      ["2.1", ["purpose"]],
    ]);
  });

  it("ends a heading entry at a heading of the same or higher rank only", () => {
    const doc = parsePlanMarkdown(
      md(
        "### Achievement 1.1: A",
        "#### Purpose",
        "p",
        "",
        "---",
        "",
        "#### What",
        "w",
        "## Next",
        "x",
      ),
    );

    expect(doc.achievements[0]?.sections).toEqual([
      { key: "purpose", heading: "Purpose", text: "p" },
      { key: "what", heading: "What", text: "w" },
    ]);
  });

  it.each([
    ["Purpose", "purpose"],
    ["Goal", "purpose"],
    ["Why", "purpose"],
    ["What", "what"],
    ["Deliverables", "deliverables"],
    ["Approach", "approach"],
    ["How", "approach"],
    ["Success Criteria", "success_criteria"],
    ["Success", "success_criteria"],
    ["Dependencies", "dependencies"],
    ["Depends on", "dependencies"],
    ["Testing Requirements", "testing_requirements"],
    ["🎯 Purpose", "purpose"],
    ["Risks & Mitigations", "risks_mitigations"],
    ["constructor", "constructor"],
    ["🔥", "section"],
  ])("normalises the label %j to the key %j", (label, key) => {
    expect(sectionKey(label)).toBe(key);
  });

  it("gives a label the same key again after many other labels were keyed", () => {
    const first = ["Success Criteria", "Risks & Mitigations", "constructor"].map(sectionKey);
    const others = Array.from({ length: 2_000 }, (_, i) => sectionKey(`Label ${i}`));

    expect(others[1_999]).toBe("label_1999");
    expect(["Success Criteria", "Risks & Mitigations", "constructor"].map(sectionKey)).toEqual(
      first,
    );
    expect(first).toEqual(["success_criteria", "risks_mitigations", "constructor"]);
  });
});

describe("parsePlanMarkdown: the achievement index", () => {
  const doc = parsePlanMarkdown(
    md(
      "# PLAN: Parallel Execution",
      "",
      "## 📋 Achievement Index",
      "",
      "- Achievement 1.1: Parallel Discovery Prompt Created (2-3h)",
      "- **Achievement 1.2**: parallel.json Schema Implemented (1-2h)",
      "   1. Achievement 1.3: Nested Index Entry (1h)",
      "- Achievement 1.1: Duplicate index entry (9h)",
      "",
      "## Achievements",
      "",
      "### Achievement 1.2: parallel.json Schema (detailed) ⏱️ 2 hours",
      "#### Purpose",
      "Detailed wins.",
    ),
  );

  it("gives id, title, estimate and position when no detailed entry exists", () => {
    expect(doc.achievements[0]).toEqual({
      id: "1.1",
      title: "Parallel Discovery Prompt Created",
      estimateText: "2-3h",
      estimate: { min: 2, max: 3 },
      sections: [],
      position: { line: 5, column: 1 },
    });
    expect(doc.achievements[1]).toMatchObject({ id: "1.3", position: { line: 7, column: 4 } });
  });

  it("yields to the detailed entry, which keeps its own position", () => {
    expect(doc.achievements[2]).toMatchObject({
      id: "1.2",
      title: "parallel.json Schema (detailed)",
      estimateText: "2 hours",
      position: { line: 12, column: 1 },
      sections: [{ key: "purpose", heading: "Purpose", text: "Detailed wins." }],
    });
  });

  it("orders entries by where the kept entry appears, first of each id only", () => {
    expect(ids(doc)).toEqual(["1.1", "1.3", "1.2"]);
    expect(doc.title).toBe("PLAN: Parallel Execution");
  });

  it("counts an index item with labels under it as detailed", () => {
    const withLabels = parsePlanMarkdown(
      md(
        "1. **Achievement 1.1**: Detailed item (2h)",
        "   - **Purpose**: p",
        "2. **Achievement 1.2**: Plain item (3h)",
        "",
        "## Later",
        "",
        "- Achievement 1.2: Later index (1h)",
        "",
        "### Achievement 1.1: Later heading",
      ),
    );

    expect(withLabels.achievements.map((a) => [a.id, a.title, a.position.line])).toEqual([
      ["1.1", "Detailed item", 1],
      ["1.2", "Plain item", 3],
    ]);
  });

  it("keeps the first of duplicate detailed entries", () => {
    const duplicates = parsePlanMarkdown(
      md("## Achievement 1.1: First", "## Achievement 1.1: Second", "**Achievement 1.1: Third**"),
    );

    expect(duplicates.achievements.map((a) => [a.title, a.position])).toEqual([
      ["First", { line: 1, column: 1 }],
    ]);
  });
});

describe("parsePlanMarkdown: positions and title", () => {
  it.each([
    ["a heading", "\n\n  ## Achievement 1.1: A", { line: 3, column: 3 }],
    ["a bold paragraph", "# T\n\nText.\n\n**Achievement 1.1: A**", { line: 5, column: 1 }],
    ["an indented index item", "- a\n  - Achievement 1.1: A", { line: 2, column: 3 }],
    ["a quoted bold paragraph", "> > **Achievement 1.1: A**", { line: 1, column: 5 }],
    [
      "a bold line inside a paragraph",
      "Intro line\n**Achievement 1.1: A**",
      { line: 2, column: 1 },
    ],
  ])("points at %s", (_name, text, position) => {
    expect(only(text).position).toEqual(position);
  });

  it.each([
    ["the first level-1 heading", "## Sub\n# First\n# Second", "First"],
    ["a setext heading", "Plan *Title*\n===\n", "Plan Title"],
    ["no level-1 heading", "## Only sub", null],
    ["an empty level-1 heading", "#\n# Later", null],
  ])("takes the title from %s", (_name, text, title) => {
    expect(parsePlanMarkdown(text).title).toBe(title);
  });
});

describe("parsePlanMarkdown: hostile and unusual input", () => {
  it.each([
    ["empty text", ""],
    ["blank lines", "\n\n   \n\t\n"],
    ["a lone marker word", "Achievement"],
    ["only a byte order mark", "\uFEFF"],
  ])("returns an empty document for %s", (_name, text) => {
    expect(parsePlanMarkdown(text)).toEqual({ title: null, achievements: [] });
  });

  it("returns an empty document for a value that is not a string", () => {
    expect(parsePlanMarkdown(undefined as unknown as string)).toEqual({
      title: null,
      achievements: [],
    });
  });

  it("keeps HTML, backticks and mentions in titles as text", () => {
    const achievement = only(
      "## Achievement 1.1: <script>alert(1)</script> `x</code>` @octocat **bold** [link](https://e.x)",
    );

    expect(achievement.title).toBe("<script>alert(1)</script> `x</code>` @octocat bold link");
  });

  it("reads CRLF text as it reads LF text", () => {
    const lf = md(
      "# T",
      "",
      "**Achievement 1.1: A** ⏱️ 2h",
      "",
      "- **Purpose**: p",
      "  more",
      "- **Deliverables**:",
      "  1. a",
      "",
      "### Achievement 1.2: B",
      "#### What",
      "w",
    );

    expect(parsePlanMarkdown(lf.replace(/\n/g, "\r\n"))).toEqual(parsePlanMarkdown(lf));
    expect(parsePlanMarkdown(lf.replace(/\n/g, "\r"))).toEqual(parsePlanMarkdown(lf));
  });

  it("ignores a byte order mark", () => {
    expect(parsePlanMarkdown("\uFEFF# T\n## Achievement 1.1: A")).toEqual(
      parsePlanMarkdown("# T\n## Achievement 1.1: A"),
    );
  });

  it.each([
    ["1,000 block quote levels", `${">".repeat(1000)} **Achievement 1.1**: Deep`],
    ["1,000 list levels on a line", `${"- ".repeat(1000)}**Achievement 1.1**: Deep`],
    [
      "1,000 indented list levels",
      Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- Achievement 1.1: Deep`).join("\n"),
    ],
    [
      "1,000 growing block quotes",
      Array.from({ length: 1000 }, (_, i) => `${">".repeat(i + 1)} Achievement 1.1: x`).join("\n"),
    ],
  ])("survives %s", (_name, text) => {
    const doc = parsePlanMarkdown(`${text}\n\n## Achievement 2.1: After`);

    expect(ids(doc)).toContain("2.1");
  });

  it.each([
    ["parentheses", `## Achievement 1.1: ${"(".repeat(100_000)}`],
    ["clock emojis", `## Achievement 1.1: ${"⏱".repeat(100_000)}`],
    ["digits", `## Achievement 1.1: (${"1".repeat(100_000)}h)`],
    ["a long label", `**Achievement 1.1: A**\n\n**${"a".repeat(100_000)}**: x`],
    ["repeated markers", "**Achievement 1.1".repeat(50_000)],
    ["emphasis", "*a **b ".repeat(50_000)],
    ["brackets", `Achievement ${"[".repeat(100_000)}`],
    ["link openers", `## Achievement 1.1: T\n\n${"[a](".repeat(100_000)}`],
    [
      "link openers in paragraphs",
      `## Achievement 1.1: T\n\n${"[a](".repeat(2_000)}\n\n`.repeat(50),
    ],
    ["emoji", `## Achievement 1.1: T${"✨".repeat(100_000)}`],
  ])("reads long runs of %s in linear time", (_name, text) => {
    const started = performance.now();
    parsePlanMarkdown(text);

    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("parsePlanMarkdown: large documents", () => {
  /** Blocks that exercise the places where a large document is cut into pieces. */
  const block = (i: number): string => {
    const id = `${Math.floor(i / 50) + 1}.${(i % 50) + 1}`;
    switch (i % 4) {
      case 0:
        return md(
          `### Achievement ${id}: Heading ${i} (1h)`,
          "#### Purpose",
          `Why ${i}.`,
          "#### Deliverables",
          "```sh",
          ...Array.from({ length: 120 }, (_, j) => (j % 2 ? "" : `# comment ${j}`)),
          "## Achievement 99.9: inside code",
          "```",
          "",
        );
      case 1:
        return md(
          `**Achievement ${id}: Bold ${i}** ⏱️ 2-3 hours`,
          "",
          ...Array.from({ length: 60 }, (_, j) => `- **Label ${j}**: value ${j}\n`),
          "<!--",
          "",
          "## Achievement 99.8: inside a comment",
          "-->",
          "",
          "---",
          "",
        );
      case 2:
        return md(`- Achievement ${id}: Index ${i} (30 min)`, "");
      default:
        return md(
          `## Achievement ${id}: Quoted ${i}`,
          ...Array.from({ length: 110 }, (_, j) => `> - **Note ${j}**: n`),
          "",
        );
    }
  };

  it("reads each achievement of a long document as it reads it alone", () => {
    const blocks = Array.from({ length: 40 }, (_, i) => block(i));
    const doc = parsePlanMarkdown(blocks.join("\n"));
    let line = 1;
    const expected = blocks.flatMap((text) => {
      const alone = parsePlanMarkdown(text).achievements.map((a) => ({
        ...a,
        position: { ...a.position, line: a.position.line + line - 1 },
      }));
      line += text.split("\n").length;
      return alone;
    });

    expect(doc.achievements).toEqual(expected);
    expect(ids(doc)).not.toContain("99.9");
    expect(ids(doc)).not.toContain("99.8");
  });

  it("skips pieces that cannot matter without changing the result", () => {
    const filler = (word: string) =>
      Array.from({ length: 150 }, (_, i) => `- item ${i}\n\nParagraph ${i}${word}.\n`).join("\n");
    const doc = (word: string) =>
      [
        "# Title",
        "## Priority 1",
        "**Achievement 1.1: Bold**\n\n- **Purpose**: p",
        "### Deeper\n\ntext",
        "## Priority 2\n\n**Purpose**: orphan",
        "1. Achievement 1.2: Index (1h)",
        "## Achievement 1.3: Last",
      ]
        .map((part) => `${part}\n\n${filler(word)}`)
        .join("\n");
    const skipping = parsePlanMarkdown(doc(""));
    const parsingAll = parsePlanMarkdown(doc(" achievement"));

    expect(JSON.parse(JSON.stringify(parsingAll).replaceAll(" achievement", ""))).toEqual(skipping);
    expect(skipping.title).toBe("Title");
    expect(skipping.achievements.map((a) => [a.id, keys(a)])).toEqual([
      ["1.1", ["purpose", "deeper"]],
      ["1.2", []],
      ["1.3", []],
    ]);
  });

  it("finds a title that comes late", () => {
    const preamble = Array.from({ length: 300 }, (_, i) => `Line ${i}.\n`).join("\n");

    expect(parsePlanMarkdown(`${preamble}\n# Late Title\n`).title).toBe("Late Title");
  });

  it("reads 10,000 achievements in linear time", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => {
      const id = `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`;
      return i % 2
        ? `### Achievement ${id}: Heading (2-3h)\n\n#### Purpose\n\nWhy.\n\n#### Deliverables\n\n1. a\n2. b\n`
        : `**Achievement ${id}: Bold** ⏱️ 2h\n\n- **Purpose**: p\n- **Deliverables**:\n  1. a\n`;
    }).join("\n");
    const started = performance.now();
    const doc = parsePlanMarkdown(text);

    expect(doc.achievements).toHaveLength(10_000);
    expect(doc.achievements[9_999]?.sections.map((s) => s.key)).toEqual([
      "purpose",
      "deliverables",
    ]);
    // Quadratic parsing takes about a minute here; linear takes a few seconds on a slow runner.
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("reads a 5 MB document", () => {
    const filler = md(
      "Some prose with *emphasis* and `code`.",
      "",
      "- item",
      "  - nested item",
      "",
      "> a quote",
      "",
      "```js",
      "const x = 1; // # not a heading",
      "```",
      "",
    );
    const head =
      "# Big\n\n## Achievement 1.1: First\n\n**Achievement 1.2: Second**\n- **Purpose**: p\n\n---\n\n";
    const text =
      head + filler.repeat(Math.ceil(5_000_000 / filler.length)) + "\n## Achievement 9.1: Last\n";
    const started = performance.now();
    const doc = parsePlanMarkdown(text);

    expect(text.length).toBeGreaterThan(5_000_000);
    expect(ids(doc)).toEqual(["1.1", "1.2", "9.1"]);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
