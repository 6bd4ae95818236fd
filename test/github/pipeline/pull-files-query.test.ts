/** A pull request's files from the event's one query: when GraphQL's answer is enough, and when not. */
import { describe, expect, it } from "@jest/globals";
import { buildSnapshotQuery } from "../../../src/github/pipeline/graphql-query.js";
import { pullFilesPart, readPullFiles } from "../../../src/github/pipeline/pull-files-query.js";

const page = (nodes: unknown[], hasNextPage = false) => ({
  pullRequest: { files: { nodes, pageInfo: { hasNextPage } } },
});

describe("pullFilesPart", () => {
  it("passes the pull request number as an Int variable, never in the query text", () => {
    const built = buildSnapshotQuery({
      owner: "o",
      name: "r",
      sha: "a".repeat(40),
      depth: 3,
      parts: [pullFilesPart(4711)],
    });
    expect(built.variables).toMatchObject({ pull: 4711 });
    expect(built.query).toContain("$pull: Int!");
    expect(built.query).toContain("pullRequest(number: $pull) { files(first: 100)");
    expect(built.query).not.toContain("4711");
  });
});

describe("readPullFiles", () => {
  it("reads every path of a complete page, copies included", () => {
    const answer = page([
      { path: "a/parallel.json", changeType: "MODIFIED" },
      { path: "b/PLAN_B.md", changeType: "ADDED" },
      { path: "c/x.md", changeType: "DELETED" },
      { path: "d/y.md", changeType: "COPIED" },
    ]);
    expect(readPullFiles(answer)).toEqual(["a/parallel.json", "b/PLAN_B.md", "c/x.md", "d/y.md"]);
  });

  it.each([
    ["a rename (no previous path in GraphQL)", page([{ path: "a/x.md", changeType: "RENAMED" }])],
    ["a second page", page([{ path: "a/x.md", changeType: "MODIFIED" }], true)],
    ["no pull request readable", { pullRequest: null }],
    ["no page information", { pullRequest: { files: { nodes: [] } } }],
  ])("asks for REST on %s", (_what, answer) => {
    expect(readPullFiles(answer)).toBeNull();
  });
});
