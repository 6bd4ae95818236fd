/** The per-user command limit and the permission cache, on an injected clock. */
import { describe, expect, it } from "@jest/globals";
import { CommandRateLimiter } from "../../src/github/comments/rate-limiter.js";
import { buildCommentQuery, readCommentContext } from "../../src/github/comments/comment-query.js";

describe("CommandRateLimiter", () => {
  it("admits up to the limit per person and repository, then frees a slot as the window slides", async () => {
    let now = 0;
    const limiter = new CommandRateLimiter(3, 1000, () => now);
    expect(await limiter.take(1, "Mona", 2)).toMatchObject({ allowed: 2, notify: false });
    expect(await limiter.take(1, "mona", 2)).toMatchObject({ allowed: 1, notify: true });
    expect(await limiter.take(1, "mona", 1)).toMatchObject({ allowed: 0, notify: false });
    expect(await limiter.take(2, "mona", 1)).toMatchObject({ allowed: 1, notify: false });
    expect(await limiter.take(1, "octocat", 3)).toMatchObject({ allowed: 3, notify: false });
    now = 1000;
    expect(await limiter.take(1, "mona", 3)).toMatchObject({ allowed: 3, notify: false });
  });

  it("says when the oldest counted command leaves the window", async () => {
    let now = 5000;
    const limiter = new CommandRateLimiter(1, 60_000, () => now);
    await limiter.take(1, "mona", 1);
    now = 6000;
    expect((await limiter.take(1, "mona", 1)).retryAt.getTime()).toBe(65_000);
  });
});

describe("buildCommentQuery", () => {
  it("sends the branch, paths and number as variables, never inside the query", () => {
    const built = buildCommentQuery({
      owner: "o",
      name: "r",
      defaultBranch: 'main") { x }',
      pull: 7,
      templates: true,
    });
    expect(built.query).not.toContain("main");
    expect(built.variables).toEqual({
      owner: "o",
      name: "r",
      config: 'main") { x }:.github/parallel-plans.yml',
      templates: 'main") { x }:.github/parallel-plans/templates',
      number: 7,
    });
    expect(built.query).toContain(
      "pullRequest(number: $number) { headRefOid changedFiles files(first: 100) { nodes { path } } }",
    );
    expect(built.query).not.toContain("defaultBranchRef");
  });

  it("asks for the default branch's head in an issue, and no templates unless a prompt needs them", () => {
    const built = buildCommentQuery({
      owner: "o",
      name: "r",
      defaultBranch: "main",
      pull: null,
      templates: false,
    });
    expect(built.query).toContain("defaultBranchRef { target { oid } }");
    expect(built.query).not.toContain("templates");
    expect(Object.keys(built.variables)).toEqual(["owner", "name", "config"]);
  });

  it("reads plan folders and roots in the commit it reads, their paths as variables", () => {
    const hostile = 'work-space/plans/x") { y }';
    const at = { folders: [hostile], roots: ["work-space/plans"], depth: 4 };
    const built = buildCommentQuery({
      owner: "o",
      name: "r",
      defaultBranch: "main",
      pull: 7,
      templates: false,
      at,
    });
    expect(built.query).not.toContain('x")');
    expect(built.variables).toMatchObject({ f0: hostile, r0: "work-space/plans", number: 7 });
    expect(built.query).toContain(
      "commits(last: 1) { nodes { commit { oid ... on Commit { f0: file(path: $f0)",
    );
    // Four levels below a plan folder: Top plus E0…E2.
    expect(built.query.match(/fragment E\d+ /g)).toHaveLength(3);

    const entries = [{ name: "parallel.json", type: "blob", object: { byteSize: 2, text: "{}" } }];
    const commit = (oid: string) => ({
      oid,
      f0: null,
      r0: { object: { entries: [{ name: "A", type: "tree", object: { entries } }] } },
    });
    const answer = (last: string) => ({
      pullRequest: {
        headRefOid: "head",
        changedFiles: 0,
        files: { nodes: [] },
        commits: { nodes: [{ commit: commit(last) }] },
      },
    });
    const read = readCommentContext(answer("head"), { at });
    expect(read.at?.folders.get(hostile)).toBeNull();
    expect(read.at?.roots.get("work-space/plans")).toEqual(
      new Map([["work-space/plans/A", entries]]),
    );
    // Past 250 commits GitHub's last listed commit is not the head: its files are not used.
    expect(readCommentContext(answer("older"), { at }).at).toBeNull();
  });
});
