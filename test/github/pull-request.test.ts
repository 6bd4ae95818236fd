/**
 * `pull_request` opened / synchronize / reopened through the real app: the plans of the pull
 * request's file list, checked on its head SHA, in ≤ 3 calls (files, query, the finished run).
 */
import { describe, expect, it } from "@jest/globals";
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
      gh.expectToken()
        .expectPullFiles(12, [
          { filename: "README.md" },
          { filename: `${GRAPH}/subplans/SUBPLAN_BROKEN-GRAPH_12.md`, status: "added" },
        ])
        .expectGraphql()
        .expectCreate();

      await deliver(await appProbot(), "pull_request", event);

      expect(gh.callLines()).toEqual(["GET /pulls/12/files", "POST /graphql", "POST /check-runs"]);
      const { variables } = gh.calls()[1]!.body as { variables: Record<string, unknown> };
      expect(variables).toMatchObject({ sha, appId: APP_ID, checkName: "parallel-plans" });
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

    expect(gh.callLines().filter((l) => l.endsWith("/files"))).toHaveLength(3);
    const complete = gh.writes()[0];
    expect(complete.output.summary).toContain("work-space/plans/OLD was removed in this commit");
    expect(complete.conclusion).toBe("success");
    gh.mock.done();
  });

  it("stops after the file list when the pull request touches no plan", async () => {
    const gh = fakeHelloWorld();
    const event = pullRequestEvent("synchronize", { number: 4 });
    event.pull_request.changed_files = 1;
    gh.expectToken().expectPullFiles(4, [{ filename: "README.md" }]);

    await deliver(await appProbot(), "pull_request", event);

    expect(gh.callLines()).toEqual(["GET /pulls/4/files"]);
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
    gh.expectToken()
      .expectPullFiles(9, [{ filename: `${AUTOMATION}/parallel.json` }])
      .expectGraphql()
      .expectCreate();

    await deliver(await appProbot(), "pull_request", event);

    expect(gh.writes()[0]).toMatchObject({ head_sha: sha });
    expect(gh.writes()[0].conclusion).toBe("success");
    gh.mock.done();
  });
});
