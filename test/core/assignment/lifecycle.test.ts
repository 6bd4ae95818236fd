import { describe, expect, it } from "@jest/globals";
import type { ExistingIssue } from "../../../src/core/assignment/diff-level.js";
import type { IssueMarker } from "../../../src/core/assignment/issue-marker.js";
import { lifecycleActions } from "../../../src/core/assignment/lifecycle.js";
import { DEFAULT_PATTERNS } from "../../../src/core/options.js";
import { EXAMPLE, examplePlan } from "../../prompts/example-plan.js";

const SHA = "a".repeat(40);

function issue(
  number: number,
  marker: IssueMarker,
  fields: Partial<ExistingIssue> = {},
): ExistingIssue {
  return {
    number,
    id: number,
    url: `u/${number}`,
    state: "open",
    stateReason: null,
    title: "t",
    body: "",
    labels: ["parallel-plans"],
    assignees: [],
    marker,
    parentUrl: null,
    blockedByTotal: 0,
    subIssueTotal: 0,
    ...fields,
  };
}

/** A lifecycle comment as written: the hidden marker, then the text. */
const marked = (number: number, text: string) =>
  `<!-- parallel-plans:{"kind":"lifecycle","issue":${number},"sha":"${SHA}"} -->\n${text}`;

const commit = (removed: string[] = []) => ({
  sha: SHA,
  branch: "main",
  removed: new Set(removed),
});

describe("lifecycleActions", () => {
  const { plan } = examplePlan();

  it("closes the issue of an approved achievement and the tracking issue of a complete level", () => {
    const actions = lifecycleActions(
      [plan],
      [
        issue(1, { kind: "achievement", plan: EXAMPLE, id: "2.3" }),
        issue(2, { kind: "level", plan: EXAMPLE, level: 2 }),
        issue(3, { kind: "level", plan: EXAMPLE, level: 3 }),
        issue(4, { kind: "achievement", plan: EXAMPLE, id: "3.1" }),
      ],
      commit(),
      DEFAULT_PATTERNS,
    );
    expect(actions).toEqual([
      {
        kind: "close",
        number: 1,
        reason: "completed",
        comment: marked(
          1,
          `\`APPROVED_23.md\` landed on \`main\` in ${SHA}: achievement 2.3 is complete, closing.`,
        ),
      },
      {
        kind: "close",
        number: 2,
        reason: "completed",
        comment: marked(
          2,
          "Every achievement of level 2 is complete as of aaaaaaa on `main`: closing.",
        ),
      },
    ]);
  });

  it("closes the issue of an achievement removed from the plan as not planned", () => {
    const [action] = lifecycleActions(
      [plan],
      [issue(9, { kind: "achievement", plan: EXAMPLE, id: "9.9" })],
      commit(),
      DEFAULT_PATTERNS,
    );
    expect(action).toMatchObject({ kind: "close", number: 9, reason: "not_planned" });
  });

  it("reopens only when the push removed the APPROVED file, and leaves other plans' issues alone", () => {
    const closed = { state: "closed" as const, stateReason: "completed" };
    const approved = `${plan.dir}/execution/feedbacks/APPROVED_31.md`;
    const marker = { kind: "achievement", plan: EXAMPLE, id: "3.1" } as const;
    expect(
      lifecycleActions([plan], [issue(4, marker, closed)], commit(), DEFAULT_PATTERNS),
    ).toEqual([]);
    expect(
      lifecycleActions([plan], [issue(4, marker, closed)], commit([approved]), DEFAULT_PATTERNS),
    ).toMatchObject([{ kind: "reopen", number: 4 }]);
    expect(
      lifecycleActions(
        [plan],
        [issue(5, { ...marker, plan: "OTHER" })],
        commit(),
        DEFAULT_PATTERNS,
      ),
    ).toEqual([]);
  });

  it.each(["json-syntax", "schema", "file-too-large"] as const)(
    "leaves every issue of a plan with a %s finding alone (it reports no achievements)",
    (rule) => {
      const unreadable = {
        ...plan,
        achievements: [],
        levels: [],
        findings: [
          {
            rule,
            severity: "error" as const,
            file: `${plan.dir}/parallel.json`,
            line: 1,
            column: 1,
            message: "not read",
            achievements: [],
          },
        ],
      };
      const actions = lifecycleActions(
        [unreadable],
        [
          issue(1, { kind: "achievement", plan: EXAMPLE, id: "3.1" }),
          issue(2, { kind: "level", plan: EXAMPLE, level: 3 }),
        ],
        commit(),
        DEFAULT_PATTERNS,
      );
      expect(actions).toEqual([]);
    },
  );

  it("reopens an issue the app closed as not planned when its achievement is back in the plan", () => {
    const marker = { kind: "achievement", plan: EXAMPLE, id: "3.1" } as const;
    const gone = { state: "closed" as const, stateReason: "not_planned", closedByApp: true };
    expect(lifecycleActions([plan], [issue(4, marker, gone)], commit(), DEFAULT_PATTERNS)).toEqual([
      {
        kind: "reopen",
        number: 4,
        comment: marked(
          4,
          "Achievement 3.1 is back in the plan's parallel.json as of aaaaaaa on `main`: reopening.",
        ),
      },
    ]);
    // A complete achievement's issue closed as not planned stays closed.
    const complete = { kind: "achievement", plan: EXAMPLE, id: "2.3" } as const;
    expect(
      lifecycleActions([plan], [issue(5, complete, gone)], commit(), DEFAULT_PATTERNS),
    ).toEqual([]);
  });

  it.each([
    ["a person closed", false],
    ["nobody knows who closed", undefined],
  ])("leaves closed an issue %s as not planned, whose achievement is in the plan", (_who, by) => {
    const marker = { kind: "achievement", plan: EXAMPLE, id: "3.1" } as const;
    const closed = { state: "closed" as const, stateReason: "not_planned", closedByApp: by };
    expect(
      lifecycleActions([plan], [issue(4, marker, closed)], commit(), DEFAULT_PATTERNS),
    ).toEqual([]);
  });

  it("escapes a hostile achievement id in its comment: no code-span break-out, ping or HTML", () => {
    const id = "1.1` @everyone <img src=x> -->";
    const [action] = lifecycleActions(
      [plan],
      [issue(9, { kind: "achievement", plan: EXAMPLE, id })],
      commit(),
      DEFAULT_PATTERNS,
    );
    const text = action?.kind === "close" ? action.comment.split("\n")[1]! : "";
    expect(text).toMatch(/^Achievement 1\.1\\` @\u200Beveryone &lt;img/);
    expect(text).not.toMatch(/[<>]|@everyone/);
  });
});
