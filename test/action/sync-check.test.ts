/**
 * Status-sync pull requests the Action opens get their `parallel-plans` check from the same run:
 * GitHub starts no workflow for a push or a pull request made with the workflow's GITHUB_TOKEN,
 * so nothing else would ever check the sync commit (the App gets its push back as a webhook).
 */
import { describe, expect, it } from "@jest/globals";
import { CommentsGitHub, commentEvent } from "../github/comments-fake.js";
import { PLAN_ROOT } from "../github/harness.js";
import { SyncFake } from "../github/sync-fake.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { runnerEnv, runStep, useWorkspace } from "./runner.js";

installNockGuards();

const NAME = "PARALLEL-EXECUTION-AUTOMATION";
const DIR = `${PLAN_ROOT}/${NAME}`;
const JSON_PATH = `${DIR}/parallel.json`;
const BRANCH = `parallel-plans/sync/${NAME}`;
const APPROVED_31 = `${DIR}/execution/feedbacks/APPROVED_31.md`;

const workspace = useWorkspace();

/** The example plan on the default branch, and a push adding 3.1's APPROVED file (drift). */
function pushApproving(): { gh: SyncFake; push: unknown; sha: string } {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(DIR, `examples/${NAME}`);
  const sha = fakeSha("action approves 3.1");
  gh.files.set(APPROVED_31, "# approved\n");
  gh.commitMain(sha);
  return { gh, sha, push: pushTouching({ added: [APPROVED_31] }, { after: sha }) };
}

describe("the Action's sync pull requests", () => {
  it("get the parallel-plans check on their commit from the same run", async () => {
    const { gh, sha, push } = pushApproving();
    gh.expectGraphql().expectCreate(); // the push's read and its check
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    gh.expectGraphql().expectCreate(); // the sync commit's read and its check

    const result = await runStep(
      await runnerEnv(workspace(), "push", push, { PARALLEL_PLANS_SYNC: "true" }),
    );

    const head = gh.branches.get(BRANCH)!;
    expect(gh.fileOn(BRANCH, JSON_PATH)).toContain('"status": "complete"');
    expect(gh.callLines().map(decodeURIComponent)).toEqual([
      "POST /graphql",
      "POST /check-runs",
      "POST /git/refs",
      `PUT /contents/${JSON_PATH}`,
      "POST /pulls",
      "POST /graphql",
      "POST /check-runs",
    ]);
    const [pushed, synced] = gh.writes();
    expect(pushed).toMatchObject({ head_sha: sha, name: "parallel-plans" });
    expect(synced).toMatchObject({
      head_sha: head,
      name: "parallel-plans",
      status: "completed",
      conclusion: "success",
      external_id: "actions-4242-1",
    });
    // The sync commit's check reads that commit and the plan it changes.
    const { variables } = gh.calls()[5]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ sha: head, f0: `${head}:${DIR}` });
    // The job reports the pushed commit; the sync commit's check is one line of the log.
    expect(result.code).toBe(0);
    expect(result.summary).not.toContain(head);
    expect(result.log).toContain(
      `parallel-plans: checked sync commit ${head.slice(0, 7)} on ${BRANCH}: success\n`,
    );
    gh.mock.done();
  });

  it("fail the step, naming the commit, when its check cannot be written", async () => {
    const { gh, push } = pushApproving();
    gh.expectGraphql().expectCreate();
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    gh.expectGraphql();
    // The run, then the run saying why: a workflow without `checks: write` gets neither.
    gh.mock.api
      .post("/repos/Codertocat/Hello-World/check-runs")
      .times(2)
      .reply(403, { message: "Resource not accessible by integration" });

    const result = await runStep(
      await runnerEnv(workspace(), "push", push, { PARALLEL_PLANS_SYNC: "true" }),
    );

    const head = gh.branches.get(BRANCH)!;
    expect(result.code).toBe(1);
    // The pushed commit's own results are still the job's: its summary and outputs.
    expect(result.summary).toContain("parallel-plans");
    expect(result.outputs).toMatchObject({ conclusion: "success", errors: "0" });
    expect(result.log).toContain(
      `::error title=parallel-plans::the check of sync commit ${head.slice(0, 7)} on ${BRANCH} was not written: checking Codertocat/Hello-World@${head} failed: GitHub answered 403: Resource not accessible by integration`,
    );
    gh.mock.done();
  });

  it("get it too when /parallel sync opens them from the commands workflow", async () => {
    const { gh, sha } = pushApproving();
    const c = new CommentsGitHub(gh);
    const event = commentEvent("/parallel sync");
    c.expectReaction(event.comment.id).expectContext();
    c.expectPermission(event.comment.user.login, "maintain", "write");
    gh.expectGraphql().expectTree(sha).expectGraphql(); // sync state, the tree, the plan texts
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    c.expectReplies(event.issue.number);
    gh.expectGraphql().expectCreate(); // the sync commit's read and its check

    const result = await runStep(await runnerEnv(workspace(), "issue_comment", event));

    const head = gh.branches.get(BRANCH)!;
    expect(gh.writes()).toEqual([
      expect.objectContaining({ head_sha: head, name: "parallel-plans" }),
    ]);
    expect(c.replies()[0]).toContain(BRANCH);
    expect(result.code).toBe(0);
    expect(result.log).toContain(`parallel-plans: checked sync commit ${head.slice(0, 7)}`);
    gh.mock.done();
  });
});
