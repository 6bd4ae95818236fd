/**
 * `pull_request` opened / synchronize / reopened through the real app: the plans of the pull
 * request's file list, checked on its head SHA, in ≤ 3 calls (the query with the files, the
 * folders' query, the finished run); REST lists the files only for renames or long lists.
 */
import { describe, expect, it } from "@jest/globals";
import { readMarker } from "../../src/github/check/check-marker.js";
import { installNockGuards } from "../support/github-mock.js";
import { fakeSha, pullRequestEvent } from "../support/webhook-fixtures.js";
import { appProbot, APP_ID, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;
const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;

describe("pull_request", () => {
  it.each(["opened", "synchronize", "reopened"] as const)(
    "checks the plans a pull request touches when %s, in 3 calls",
    async (action) => {
      const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
      const sha = fakeSha(`pr ${action}`);
      const event = pullRequestEvent(action, { headSha: sha, number: 12 });
      event.pull_request.changed_files = 2;
      gh.pullChanges.set(12, [
        { path: "README.md" },
        { path: `${GRAPH}/subplans/SUBPLAN_BROKEN-GRAPH_12.md`, changeType: "ADDED" },
      ]);
      gh.expectToken().expectGraphql(2).expectCreate();

      await deliver(await appProbot(), "pull_request", event);

      expect(gh.callLines()).toEqual(["POST /graphql", "POST /graphql", "POST /check-runs"]);
      const [withFiles, folders] = gh
        .calls()
        .slice(0, 2)
        .map((c) => (c.body as { variables: Record<string, unknown> }).variables);
      expect(withFiles).toMatchObject({
        sha,
        appId: APP_ID,
        checkName: "parallel-plans",
        pull: 12,
      });
      expect(folders).toEqual({ owner: "Codertocat", name: "Hello-World", f0: `${sha}:${GRAPH}` });
      expect(gh.writes()[0]).toMatchObject({ head_sha: sha });
      expect(gh.writes()[0].conclusion).toBe("failure");
      gh.mock.done();
    },
  );

  it("reads a long file list page by page and counts renames on both sides", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    const files = Array.from({ length: 249 }, (_, i) => ({ filename: `src/file-${i}.ts` }));
    files.push({
      filename: `${AUTOMATION}/notes.md`,
      previous_filename: `${PLAN_ROOT}/OLD/notes.md`,
      status: "renamed",
    } as never);
    const event = pullRequestEvent("opened", { number: 3 });
    event.pull_request.changed_files = files.length;
    gh.expectToken().expectPullFiles(3, files).expectGraphql().expectCreate();

    await deliver(await appProbot(), "pull_request", event);

    // Past one GraphQL page the payload's count sends the list to REST before the one read.
    expect(gh.callLines()).toEqual([
      "GET /pulls/3/files",
      "GET /pulls/3/files",
      "GET /pulls/3/files",
      "POST /graphql",
      "POST /check-runs",
    ]);
    const complete = gh.writes()[0];
    expect(complete.output.summary).toContain("work-space/plans/OLD was removed in this commit");
    expect(complete.conclusion).toBe("success");
    gh.mock.done();
  });

  it("lists a short pull request with a rename over REST: GraphQL has no previous path", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    const event = pullRequestEvent("opened", { number: 5 });
    event.pull_request.changed_files = 2;
    gh.pullChanges.set(5, [
      { path: "README.md" },
      { path: `${AUTOMATION}/notes.md`, changeType: "RENAMED" },
    ]);
    gh.expectToken()
      .expectGraphql()
      .expectPullFiles(5, [
        { filename: "README.md" },
        {
          filename: `${AUTOMATION}/notes.md`,
          previous_filename: `${PLAN_ROOT}/OLD/notes.md`,
          status: "renamed",
        },
      ])
      .expectGraphql()
      .expectCreate();

    await deliver(await appProbot(), "pull_request", event);

    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "GET /pulls/5/files",
      "POST /graphql",
      "POST /check-runs",
    ]);
    const complete = gh.writes()[0];
    expect(complete.output.summary).toContain("work-space/plans/OLD was removed in this commit");
    expect(complete.conclusion).toBe("success");
    gh.mock.done();
  });

  it("stops after the one read when the pull request touches no plan", async () => {
    const gh = fakeHelloWorld();
    const event = pullRequestEvent("synchronize", { number: 4 });
    event.pull_request.changed_files = 1;
    gh.pullChanges.set(4, [{ path: "README.md" }]);
    gh.expectToken().expectGraphql();

    await deliver(await appProbot(), "pull_request", event);

    expect(gh.callLines()).toEqual(["POST /graphql"]);
    gh.mock.done();
  });

  it("writes no run when the read fails before the pull request's plans are known", async () => {
    const gh = fakeHelloWorld();
    const event = pullRequestEvent("opened", { number: 6 });
    event.pull_request.changed_files = 1;
    gh.expectToken();
    gh.mock.api.post("/graphql").reply(502, { message: "Bad Gateway" });

    const failure = await deliver(await appProbot(), "pull_request", event).catch(
      (error: unknown) => error,
    );

    expect(String(failure)).toContain("reading Codertocat/Hello-World@");
    expect(gh.callLines()).toEqual(["POST /graphql"]);
    gh.mock.done();
  });

  it("checks a pull request from a fork through the base repository", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    const sha = fakeSha("fork");
    const event = pullRequestEvent("opened", { headSha: sha, number: 9 });
    event.pull_request.changed_files = 1;
    event.pull_request.head.repo = {
      ...event.pull_request.head.repo,
      id: 999,
      full_name: "someone/Hello-World",
      name: "Hello-World",
      owner: { ...event.pull_request.head.repo.owner, login: "someone" },
    };
    gh.pullChanges.set(9, [{ path: `${AUTOMATION}/parallel.json` }]);
    gh.expectToken().expectGraphql(2).expectCreate();

    await deliver(await appProbot(), "pull_request", event);

    expect(gh.writes()[0]).toMatchObject({ head_sha: sha });
    expect(gh.writes()[0].conclusion).toBe("success");
    gh.mock.done();
  });

  it("checks every plan when the folders it touches are past what the run's marker can record", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    const sha = fakeSha("many folders");
    const event = pullRequestEvent("opened", { headSha: sha, number: 14 });
    // 90 folders of 100-character names: past the marker's 8,000 bytes, within one files page.
    const folders = Array.from(
      { length: 90 },
      (_, i) => `${PLAN_ROOT}/TEAM-${String(i).padStart(2, "0")}-${"QUARTERLY-ROADMAP-".repeat(5)}`,
    );
    event.pull_request.changed_files = folders.length;
    gh.pullChanges.set(
      14,
      folders.map((folder) => ({ path: `${folder}/notes.md`, changeType: "ADDED" })),
    );
    gh.expectToken().expectGraphql(2).expectCreate().expectTree(sha).expectUpdate();

    await deliver(await appProbot(), "pull_request", event);

    // Every plan: a run in progress first, the tree listed, the plans read, the run finished.
    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      `GET /git/trees/${sha}`,
      "POST /graphql",
      "PATCH /check-runs/9000",
    ]);
    const [started, finished] = gh.writes();
    expect(readMarker(started.output.summary)?.scope).toBe("all");
    expect(readMarker(finished.output.summary)?.scope).toBe("all");
    gh.mock.done();
  });
});
