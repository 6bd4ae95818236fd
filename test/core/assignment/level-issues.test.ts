import { describe, expect, it } from "@jest/globals";
import {
  diffLevel,
  indexIssues,
  type ExistingIssue,
} from "../../../src/core/assignment/diff-level.js";
import { markerKey, renderMarker, readMarker } from "../../../src/core/assignment/issue-marker.js";
import {
  defaultLevel,
  levelIssues,
  levelRefusal,
} from "../../../src/core/assignment/level-issues.js";
import { escapeMarkdownBlock } from "../../../src/core/assignment/block-text.js";
import { DEFAULT_PATTERNS } from "../../../src/core/options.js";
import { examplePlan } from "../../prompts/example-plan.js";

const OPTIONS = { patterns: DEFAULT_PATTERNS, labels: ["parallel-plans"], numbers: new Map() };

function existing(
  desired: { marker: ExistingIssue["marker"]; title: string; body: string; labels: string[] },
  number: number,
): ExistingIssue {
  return {
    number,
    id: number * 10,
    url: `https://api.github.com/repos/o/r/issues/${number}`,
    state: "open",
    stateReason: null,
    title: desired.title,
    body: desired.body,
    labels: desired.labels,
    assignees: [],
    marker: desired.marker,
    parentUrl: null,
    blockedByTotal: 0,
    subIssueTotal: 0,
  };
}

describe("levelIssues", () => {
  const { plan } = examplePlan();

  it("wants a tracking issue and one issue per achievement of the seeds' level 3", () => {
    const wanted = levelIssues(plan, 3, OPTIONS);
    expect(wanted.tracking.title).toBe("[PARALLEL-EXECUTION-AUTOMATION] Level 3");
    expect(wanted.achievements.map((a) => a.title)).toEqual([
      expect.stringMatching(/^\[PARALLEL-EXECUTION-AUTOMATION\] 3\.1 /),
      expect.stringMatching(/^\[PARALLEL-EXECUTION-AUTOMATION\] 3\.2 /),
      expect.stringMatching(/^\[PARALLEL-EXECUTION-AUTOMATION\] 3\.3 /),
    ]);
    expect(wanted.labels.map((l) => l.name)).toEqual([
      "parallel-plans",
      "plan:PARALLEL-EXECUTION-AUTOMATION",
      "level:3",
    ]);
    expect(wanted.labels.every((l) => /^[0-9a-f]{6}$/.test(l.color) && l.description !== "")).toBe(
      true,
    );
  });

  it("writes the marker, the PLAN sections, the files expected and how to claim into the body", () => {
    const body = levelIssues(plan, 3, OPTIONS).achievements[1]!.body;
    expect(body.split("\n")[0]).toBe(
      '<!-- parallel-plans:{"kind":"achievement","plan":"PARALLEL-EXECUTION-AUTOMATION","id":"3.2"} -->',
    );
    expect(body).toContain("### Purpose");
    expect(body).toContain("### Deliverables");
    expect(body).toContain("### Success criteria");
    expect(body).toContain("**Estimate**");
    expect(body).toContain(
      "- APPROVED: `work-space/plans/PARALLEL-EXECUTION-AUTOMATION/execution/feedbacks/APPROVED_32.md`",
    );
    expect(body).toContain("`/parallel claim 3.2`");
  });

  it("links a dependency to its issue when it has one", () => {
    const body = levelIssues(plan, 3, { ...OPTIONS, numbers: new Map([["2.3", 41]]) })
      .achievements[0]!.body;
    expect(body).toMatch(/^- 2\.3 .* \(complete\) — #41$/m);
  });

  it("leaves complete achievements out and picks the first ready level lacking issues", () => {
    expect(levelIssues(plan, 2, OPTIONS).achievements).toEqual([]);
    expect(defaultLevel(plan, () => false)).toBe(3);
    expect(defaultLevel(plan, () => true)).toBeNull();
    expect(levelRefusal(plan, plan.levels[2])).toBeNull();
    expect(levelRefusal(plan, plan.levels[1])).toMatch(/is complete/);
    expect(levelRefusal(plan, undefined)).toMatch(/no such level/);
  });
});

describe("diffLevel", () => {
  const { plan } = examplePlan();

  it("creates everything when nothing exists, and nothing when everything matches", () => {
    const wanted = levelIssues(plan, 3, OPTIONS);
    const first = diffLevel(wanted, new Map());
    expect(first.createTracking).not.toBeNull();
    expect(first.create).toHaveLength(3);

    const all = [wanted.tracking, ...wanted.achievements].map((d, i) => existing(d, i + 1));
    const again = diffLevel(wanted, indexIssues(all));
    expect(again).toEqual({
      labels: [],
      createTracking: null,
      create: [],
      edits: [],
      unchanged: [1, 2, 3, 4],
    });
  });

  it("edits only the fields that differ and only adds labels", () => {
    const wanted = levelIssues(plan, 3, OPTIONS);
    const stale = existing(wanted.achievements[0]!, 7);
    stale.body = "old";
    stale.labels = ["parallel-plans", "mine"];
    const diff = diffLevel(wanted, indexIssues([stale]));
    expect(diff.edits).toEqual([
      {
        number: 7,
        key: '["achievement","PARALLEL-EXECUTION-AUTOMATION","3.1"]',
        body: wanted.achievements[0]!.body,
        labels: ["plan:PARALLEL-EXECUTION-AUTOMATION", "level:3"],
      },
    ]);
  });
});

describe("markers and plan text", () => {
  it("reads back what it writes and ignores malformed markers", () => {
    const marker = { kind: "level", plan: "X-->", level: 3 } as const;
    expect(readMarker(`text\n${renderMarker(marker)}`)).toEqual(marker);
    expect(readMarker("<!-- parallel-plans:{nope} -->")).toBeNull();
    expect(readMarker('<!-- parallel-plans:{"kind":"achievement","plan":"X"} -->')).toBeNull();
  });

  it("keys markers apart when a plan name or id holds a colon", () => {
    const first = markerKey({ kind: "achievement", plan: "a:b", id: "c" });
    const second = markerKey({ kind: "achievement", plan: "a", id: "b:c" });
    expect(first).not.toBe(second);
  });

  it("keeps lists but neutralises mentions, HTML and fences", () => {
    const text = "- ping @octocat\n  1. <img src=x>\n```\nfence";
    expect(escapeMarkdownBlock(text)).toBe(
      "- ping @\u200Boctocat\n  1. &lt;img src=x&gt;\n\\`\\`\\`\nfence",
    );
  });
});
