/**
 * The sync pull request's text and the app's markers: plan text cannot ping anyone, inject HTML,
 * break the table or close the hidden marker, and the body stays under GitHub's limit.
 */
import { describe, expect, it } from "@jest/globals";
import type { Nodes } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { SyncChange } from "../../src/core/sync/sync-types.js";
import { hasSyncMarker, syncMarker } from "../../src/github/sync/sync-marker.js";
import { syncBranchName } from "../../src/github/sync/sync-branch.js";
import { stoppedComment, syncPullText } from "../../src/github/sync/sync-pull-body.js";

/** The text of every code span of `markdown` as GitHub renders it. */
function codeSpans(markdown: string): string[] {
  const walk = (node: Nodes): string[] =>
    node.type === "inlineCode"
      ? [node.value]
      : "children" in node
        ? node.children.flatMap((child) => walk(child))
        : [];
  return walk(unified().use(remarkParse).parse(markdown));
}

const HOSTILE = "@admin <img src=x onerror=alert(1)> | --> `x` #1";

function change(id: string, overrides: Partial<SyncChange> = {}): SyncChange {
  return {
    id,
    field: "subplan_path",
    path: ["levels", 0, "achievements", 0, "subplan_path"],
    from: undefined,
    to: `subplans/${HOSTILE}.md`,
    proof: `plans/P/subplans/${HOSTILE}.md`,
    reason: "SUBPLAN file exists",
    ...overrides,
  };
}

describe("sync pull request text", () => {
  it("lists each change with its proof, with plan text neutralised", () => {
    const { title, body } = syncPullText({
      plan: HOSTILE,
      file: "plans/P/parallel.json",
      changes: [change("1.1")],
      skipped: [{ id: "1.10", reason: 'it shares the file token "110" with 11.0' }],
      defaultBranch: "main",
    });
    expect(title).toBe(`parallel-plans: sync statuses of ${HOSTILE}`);
    const row = body.split("\n").find((line) => line.startsWith("| 1.1 "));
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(7);
    expect(row).toContain("(absent)");
    const visible = body.slice(0, body.lastIndexOf("<!--"));
    expect(visible).not.toMatch(/@admin|<img|`x`/);
    expect(body).not.toContain("@admin");
    expect(body).toContain("@\u200Badmin");
    expect(body).toContain("1.10 is left as written: it shares the file token");
    expect(hasSyncMarker(body, "sync", HOSTILE)).toBe(true);
    expect(body.match(/-->/g)).toHaveLength(1);
  });

  it("stays under GitHub's 65,536 characters for thousands of changes of hostile text", () => {
    const long = "&<>".repeat(200);
    const changes = Array.from({ length: 5000 }, (_, i) =>
      change(`${i}.1`, { from: long, to: long, proof: long }),
    );
    const { body } = syncPullText({
      plan: "P",
      file: "f",
      changes,
      skipped: [],
      defaultBranch: "main",
    });
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/… and 4,?9\d\d more/);
  });

  it("marks the stopped comment for its plan only", () => {
    const body = stoppedComment("P", "parallel-plans/sync/P", "0123456789abcdef", "main");
    expect(body).toContain("(0123456)");
    expect(hasSyncMarker(body, "sync-stopped", "P")).toBe(true);
    expect(hasSyncMarker(body, "sync-stopped", "Q")).toBe(false);
    expect(hasSyncMarker(body, "sync", "P")).toBe(false);
  });

  it("shows branch names in code spans exactly as git spells them", () => {
    const branch = syncBranchName("API_REDESIGN");
    const stopped = stoppedComment("API_REDESIGN", branch, "0123456789abcdef", "release_2026#1@x");
    expect(codeSpans(stopped)).toEqual([branch, "release_2026#1@x"]);
    const { body } = syncPullText({
      plan: "API_REDESIGN",
      file: "plans/API_REDESIGN/parallel.json",
      changes: [],
      skipped: [],
      defaultBranch: "release_2026",
    });
    expect(codeSpans(body)).toContain("release_2026");
  });

  it("reads markers back whatever the plan name holds", () => {
    for (const plan of ["X", HOSTILE, '"}-->', "<!-- parallel-plans:"]) {
      const marker = syncMarker("sync", plan);
      expect(marker.indexOf("-->")).toBe(marker.length - 3);
      expect(hasSyncMarker(`text\n${marker}`, "sync", plan)).toBe(true);
    }
    expect(hasSyncMarker("<!-- parallel-plans:{not json} -->", "sync", "X")).toBe(false);
  });
});
