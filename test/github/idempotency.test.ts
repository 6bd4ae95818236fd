/**
 * One `parallel-plans` check run per SHA: a redelivered event, a push racing its pull request's
 * `synchronize`, a run left in progress are all settled on the existing run (found by the same
 * GraphQL query that reads the plans); a re-run gets the new run GitHub's flow expects.
 */
import { describe, expect, it } from "@jest/globals";
import { writeMarker } from "../../src/github/check/check-marker.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import {
  checkRunRerequested,
  checkSuiteRerequested,
  fakeSha,
  pullRequestEvent,
  pushTouching,
} from "../support/webhook-fixtures.js";
import { FakeGitHub, type WriteBody } from "./fake-github.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;
const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;

function withPlans(): FakeGitHub {
  return fakeHelloWorld()
    .addFolder(GRAPH, "examples/broken/BROKEN-GRAPH")
    .addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
}

describe("one check run per SHA", () => {
  it("answers a redelivered push from the existing run, with no write", async () => {
    const gh = withPlans();
    gh.expectToken().expectGraphql().expectCreate().expectGraphql();
    const probot = await appProbot();
    const push = pushTouching(
      { modified: [`${GRAPH}/parallel.json`] },
      { after: fakeSha("again") },
    );

    await deliver(probot, "push", push, "delivery-1");
    await deliver(probot, "push", push, "delivery-1");

    expect(gh.callLines().slice(2)).toEqual(["POST /graphql"]);
    expect(gh.runs).toHaveLength(1);
    gh.mock.done();
  });

  it("writes one run when a push and its pull request's synchronize arrive together", async () => {
    const gh = withPlans();
    const sha = fakeSha("race");
    const pull = pullRequestEvent("synchronize", { headSha: sha, number: 7 });
    pull.pull_request.changed_files = 1;
    gh.pullChanges.set(7, [{ path: `${GRAPH}/parallel.json` }]);
    // The pull request (files, then folders) and the push each read; one of them writes.
    gh.expectToken().expectGraphql(3).expectCreate();
    const probot = await appProbot();

    await Promise.all([
      deliver(
        probot,
        "push",
        pushTouching(
          { modified: [`${GRAPH}/parallel.json`] },
          { after: sha, ref: "refs/heads/changes" },
        ),
      ),
      deliver(probot, "pull_request", pull),
    ]);

    expect(gh.runs).toHaveLength(1);
    expect(gh.callLines().filter((l) => l === "POST /check-runs")).toHaveLength(1);
    gh.mock.done();
  });

  it("adds a pull request's other plan to the push's run, annotating only the new plan", async () => {
    const gh = withPlans();
    const sha = fakeSha("grow");
    gh.expectToken().expectGraphql().expectCreate();
    const probot = await appProbot();
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${AUTOMATION}/parallel.json`] }, { after: sha }),
    );

    const pull = pullRequestEvent("synchronize", { headSha: sha, number: 7 });
    pull.pull_request.changed_files = 2;
    gh.pullChanges.set(7, [
      { path: `${AUTOMATION}/parallel.json` },
      { path: `${GRAPH}/parallel.json` },
    ]);
    gh.expectGraphql(2).expectUpdate();
    await deliver(probot, "pull_request", pull);

    expect(gh.runs).toHaveLength(1);
    const update = gh.writes().at(-1);
    expect(update.output.title).toMatch(/^2 plans checked/);
    expect(update.conclusion).toBe("failure");
    const paths = new Set(
      update.output.annotations.map((a: WriteBody) => a.path.split("/").slice(0, 3).join("/")),
    );
    expect([...paths]).toEqual([GRAPH]);
    gh.mock.done();
  });

  it("completes a run left in progress instead of starting another", async () => {
    const gh = withPlans();
    const sha = fakeSha("stuck");
    gh.runs.push({
      id: 4242,
      status: "in_progress",
      conclusion: null,
      externalId: "old",
      summary: null,
      headSha: sha,
    });
    gh.expectToken().expectGraphql().expectUpdate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${GRAPH}/parallel.json`] }, { after: sha }),
    );

    expect(gh.callLines()).toEqual(["POST /graphql", "PATCH /check-runs/4242"]);
    expect(gh.runs[0]!.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("starts a fresh run when the config changed since the last check", async () => {
    const gh = withPlans();
    const sha = fakeSha("config moved");
    const scope = [GRAPH];
    const summary = writeMarker({ scope, config: "0".repeat(40), done: true });
    gh.runs.push({
      id: 5,
      status: "completed",
      conclusion: "failure",
      externalId: "x",
      summary,
      headSha: sha,
    });
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${GRAPH}/parallel.json`] }, { after: sha }),
    );

    expect(gh.runs).toHaveLength(2);
    gh.mock.done();
  });

  it("answers a check suite re-run with a new run over every plan, once per delivery", async () => {
    const gh = withPlans();
    const sha = fakeSha("rerun");
    const summary = writeMarker({ scope: [GRAPH], config: null, done: true });
    gh.runs.push({
      id: 5,
      status: "completed",
      conclusion: "failure",
      externalId: "x",
      summary,
      headSha: sha,
    });
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();
    const probot = await appProbot();

    await deliver(probot, "check_suite", checkSuiteRerequested(sha), "rerun-1");
    // One read (every plan of work-space/plans/* with the config and the runs), then the run.
    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      expect.stringMatching(/^PATCH/),
    ]);
    expect(gh.writes()[1].output.title).toMatch(/^2 plans checked/);

    gh.expectGraphql();
    await deliver(probot, "check_suite", checkSuiteRerequested(sha), "rerun-1");
    expect(gh.callLines().slice(3)).toEqual(["POST /graphql"]);
    expect(gh.runs).toHaveLength(2);
    gh.mock.done();
  });

  it("re-runs its own check run and ignores other apps' names", async () => {
    const gh = new FakeGitHub(mockGitHub(), "github", "hello-world").addFolder(
      GRAPH,
      "examples/broken/BROKEN-GRAPH",
    );
    const sha = fakeSha("run rerun");
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();
    const probot = await appProbot();

    await deliver(probot, "check_run", checkRunRerequested(sha, "something-else"));
    expect(gh.calls()).toEqual([]);
    await deliver(probot, "check_run", checkRunRerequested(sha));
    expect(gh.runs).toHaveLength(1);
    gh.mock.done();
  });
});
