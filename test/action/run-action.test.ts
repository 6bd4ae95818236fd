/**
 * The Action end to end: the runner's environment (event file, token, GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT files) simulated in a temporary folder, the real app handlers run by
 * `runAction`, GitHub mocked with nock and every request checked against the OpenAPI contract.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { GITHUB_ACTIONS_APP_ID } from "../../src/action/actions-identity.js";
import { runAction } from "../../src/action/run-action.js";
import { CommentsGitHub, commentEvent } from "../github/comments-fake.js";
import { FakeGitHub } from "../github/fake-github.js";
import { PLAN_ROOT, TestOctokit } from "../github/harness.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { runnerEnv as inWorkspace, runStep as run, useWorkspace } from "./runner.js";
import {
  fakeSha,
  pullRequestEvent,
  pushTouching,
  type WebhookPayload,
} from "../support/webhook-fixtures.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;
const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;

const workspace = useWorkspace();

function runnerEnv(event: string, payload: WebhookPayload, extra: Record<string, string> = {}) {
  return inWorkspace(workspace(), event, payload, extra);
}

function pullRequestTouching(folder: string, number: number, sha: string): WebhookPayload {
  const event = pullRequestEvent("opened", { headSha: sha, number });
  event.pull_request.changed_files = 1;
  return { event, files: [{ path: `${folder}/parallel.json` }] };
}

describe("the GitHub Action on a pull_request workflow", () => {
  it("writes the check run with the workflow token, the job summary and the outputs", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World").addFolder(
      GRAPH,
      "examples/broken/BROKEN-GRAPH",
    );
    const sha = fakeSha("action pr");
    const { event, files } = pullRequestTouching(GRAPH, 7, sha);
    gh.pullChanges.set(7, files);
    gh.expectGraphql(2).expectCreate();

    const result = await run(await runnerEnv("pull_request", event));

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /graphql", "POST /check-runs"]);
    for (const request of gh.mock.requests) {
      expect(request.headers.authorization).toBe("token ghs_workflow_token");
    }
    const { variables } = gh.calls()[0]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ sha, appId: GITHUB_ACTIONS_APP_ID });
    const written = gh.writes()[0];
    expect(written).toMatchObject({
      name: "parallel-plans",
      head_sha: sha,
      conclusion: "failure",
      external_id: "actions-4242-1",
    });
    expect(written.output.annotations.length).toBeGreaterThan(0);

    expect(result.code).toBe(1);
    expect(result.summary).toContain(`## parallel-plans: ${written.output.title}`);
    expect(result.summary).toContain(written.output.summary);
    expect(result.outputs).toEqual({
      errors: "12",
      warnings: "7",
      ready: JSON.stringify([
        { plan: "BROKEN-GRAPH", dir: GRAPH, ids: ["1.2", "1.10", "3.1", "11.0", "4.1"] },
      ]),
      conclusion: "failure",
    });
    gh.mock.done();
  });

  it("passes a clean plan, writes SARIF, and fails on warnings only when asked", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World").addFolder(
      AUTOMATION,
      "examples/PARALLEL-EXECUTION-AUTOMATION",
    );
    const sha = fakeSha("action clean");
    const { event, files } = pullRequestTouching(AUTOMATION, 8, sha);
    gh.pullChanges.set(8, files);
    gh.expectGraphql(2).expectCreate().expectGraphql();

    const result = await run(
      await runnerEnv("pull_request", event, {
        PARALLEL_PLANS_SARIF_FILE: "parallel-plans.sarif",
        PARALLEL_PLANS_FAIL_ON: "warning",
      }),
    );

    expect(gh.writes()[0].conclusion).toBe("success");
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ errors: "0", warnings: "0", conclusion: "success" });
    expect(result.outputs["sarif-file"]).toBe(path.join(workspace(), "parallel-plans.sarif"));
    const sarif = JSON.parse(await readFile(result.outputs["sarif-file"]!, "utf8")) as {
      runs: { results: unknown[]; tool: { driver: { rules: { helpUri?: string }[] } } }[];
    };
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(sarif.runs[0]!.tool.driver.rules[0]!.helpUri).toMatch(/\/docs\/rules\.md#json-syntax$/);
    gh.mock.done();
  });

  it("reports and fails again on a re-run, without writing the run a second time", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World").addFolder(
      GRAPH,
      "examples/broken/BROKEN-GRAPH",
    );
    const sha = fakeSha("action rerun");
    const { event, files } = pullRequestTouching(GRAPH, 9, sha);
    gh.pullChanges.set(9, files);
    gh.expectGraphql(2).expectCreate();
    const first = await run(await runnerEnv("pull_request", event));
    // The Action reports the result again: the re-run reads the folders to analyse them.
    gh.expectGraphql(2);

    const again = await run(await runnerEnv("pull_request", event, { GITHUB_RUN_ATTEMPT: "2" }));

    expect(gh.callLines().filter((l) => l.includes("check-runs"))).toHaveLength(1);
    expect(again.code).toBe(1);
    expect(again.outputs).toEqual(first.outputs);
    gh.mock.done();
  });

  it("on GitHub Enterprise Server, uses GITHUB_API_URL and learns the github-actions app id", async () => {
    const gh = new FakeGitHub(
      mockGitHub("https://ghe.example.com"),
      "Codertocat",
      "Hello-World",
      "master",
      true,
    ).addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    const sha = fakeSha("action ghes");
    const { event, files } = pullRequestTouching(GRAPH, 10, sha);
    gh.pullChanges.set(10, files);
    gh.mock.api.get("/api/v3/apps/github-actions").reply(200, { id: 77, slug: "github-actions" });
    gh.expectGraphql(2).expectCreate();

    const result = await run(
      await runnerEnv("pull_request", event, {
        GITHUB_API_URL: "https://ghe.example.com/api/v3",
        GITHUB_GRAPHQL_URL: "https://ghe.example.com/api/graphql",
      }),
    );

    const query = gh.mock.requests.find((r) => r.path === "/api/graphql")!;
    expect(gh.mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v3/apps/github-actions",
      "POST /api/graphql",
      "POST /api/graphql",
      "POST /api/v3/repos/Codertocat/Hello-World/check-runs",
    ]);
    expect((query.body as { variables: { appId: number } }).variables.appId).toBe(77);
    expect(result.code).toBe(1);
    gh.mock.done();
  });
});

describe("the GitHub Action when GitHub fails", () => {
  it("reports the failure on the check run and in one ::error line, exit 1", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
    gh.mock.api.post("/graphql").reply(502, { message: "Bad Gateway" });
    gh.expectCreate();
    const sha = fakeSha("action 502");
    const lines: string[] = [];
    const env = await runnerEnv(
      "push",
      pushTouching({ modified: [`${AUTOMATION}/parallel.json`] }, { after: sha }),
    );

    const code = await runAction({ env, stdout: (t) => void lines.push(t), Octokit: TestOctokit });

    expect(code).toBe(1);
    expect(gh.writes()[0]).toMatchObject({ head_sha: sha, conclusion: "failure" });
    expect(lines).toEqual([
      `::error title=parallel-plans::reading Codertocat/Hello-World@${sha} failed: GitHub answered 502: Bad Gateway\n`,
    ]);
    gh.mock.done();
  });
});

describe("the GitHub Action on a push workflow", () => {
  it("checks the pushed plan in 2 requests: the read and the finished check run", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World").addFolder(
      AUTOMATION,
      "examples/PARALLEL-EXECUTION-AUTOMATION",
    );
    const sha = fakeSha("action push");
    gh.expectGraphql().expectCreate();

    const result = await run(
      await runnerEnv(
        "push",
        pushTouching(
          { added: [`${AUTOMATION}/execution/feedbacks/APPROVED_23.md`] },
          { after: sha },
        ),
      ),
    );

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs"]);
    expect(gh.writes()[0]).toMatchObject({ head_sha: sha, conclusion: "success" });
    expect(result.code).toBe(0);
    expect(result.outputs.conclusion).toBe("success");
    gh.mock.done();
  });

  it("touching no plan costs no request and says so in the job summary", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
    const result = await run(
      await runnerEnv("push", pushTouching({ modified: ["README.md"] }, { after: fakeSha("x") })),
    );
    expect(gh.mock.requests).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.summary).toBe(
      "## parallel-plans\n\nThe event touched no plan: nothing to check.\n\n",
    );
    expect(result.outputs).toEqual({
      errors: "0",
      warnings: "0",
      ready: "[]",
      conclusion: "skipped",
    });
    gh.mock.done();
  });
});

describe("the GitHub Action on an issue_comment workflow", () => {
  it("answers a slash command in the conversation, as the App does", async () => {
    const gh = new FakeGitHub(mockGitHub(), "Codertocat", "Hello-World");
    const c = new CommentsGitHub(gh);
    const event = commentEvent("/parallel help");
    c.expectReaction(event.comment.id).expectContext().expectReplies(event.issue.number);

    const result = await run(await runnerEnv("issue_comment", event));

    expect(gh.callLines()).toEqual([
      `POST /issues/comments/${event.comment.id}/reactions`,
      "POST /graphql",
      `POST /issues/${event.issue.number}/comments`,
    ]);
    expect(c.replies()[0]).toMatch(
      /^> \/parallel help\n\n\*\*parallel-plans\*\* answers these commands/,
    );
    expect(result.code).toBe(0);
    expect(result.summary).toContain("Comment handled");
    gh.mock.done();
  });
});

describe("the GitHub Action's setup", () => {
  it("skips, exit 0, on an event the app does not answer", async () => {
    const env = await runnerEnv("schedule", {});
    const result = await run(env);
    expect(result.code).toBe(0);
    expect(result.log).toBe(
      "parallel-plans: nothing to do on a schedule event: the action answers push, pull_request, pull_request_target, issue_comment\n",
    );
  });

  it.each([
    [
      { PARALLEL_PLANS_FAIL_ON: "sometimes" },
      'fail-on must be one of check, error, warning, never, not "sometimes"',
    ],
    [
      { GITHUB_GRAPHQL_URL: "https://elsewhere.example.com/graphql" },
      "GITHUB_GRAPHQL_URL https://elsewhere.example.com/graphql is not the GraphQL endpoint of GITHUB_API_URL https://api.github.com (https://api.github.com/graphql)",
    ],
  ])("refuses %j in one line", async (extra, message) => {
    const result = await run(await runnerEnv("push", {}, extra));
    expect(result.code).toBe(1);
    expect(result.log).toBe(`::error title=parallel-plans::${message}\n`);
  });

  it("says where it must run when the workflow environment is missing", async () => {
    const lines: string[] = [];
    const code = await runAction({ env: {}, stdout: (t) => void lines.push(t) });
    expect(code).toBe(1);
    expect(lines.join("")).toContain(
      "run parallel-plans-action as a step of a GitHub Actions workflow",
    );
  });
});
