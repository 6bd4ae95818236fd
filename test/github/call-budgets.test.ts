/**
 * The call budget of each event, through the real app (every feature on, as `npm start` runs it),
 * with GitHub's OpenAPI contract checked and no unused mock; the installation token is left out.
 * docs/github-app.md's budget table is this test's output: refresh it with
 * `UPDATE_DOCS=1 npm run test:unit -- test/github/call-budgets.test.ts`.
 */
import { afterAll, describe, expect, it } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import {
  checkRunRerequested,
  checkSuiteRerequested,
  examplePayload,
  fakeSha,
  pullRequestEvent,
  pushTouching,
} from "../support/webhook-fixtures.js";
import { writeMarker } from "../../src/github/check/check-marker.js";
import { AssignGitHub } from "./assign-fake.js";
import { CommentsGitHub, commentEvent } from "./comments-fake.js";
import { FakeGitHub } from "./fake-github.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";
import { SyncFake } from "./sync-fake.js";

installNockGuards();

const NAME = "PARALLEL-EXECUTION-AUTOMATION";
const DIR = `${PLAN_ROOT}/${NAME}`;
const APPROVED_31 = `${DIR}/execution/feedbacks/APPROVED_31.md`;
const DOC = "docs/github-app.md";
const START = "<!-- call-budgets:start -->\n";
const END = "<!-- call-budgets:end -->";
/** The comment of the `issue_comment.created` example. */
const COMMENT = 492700400;

interface Row {
  event: string;
  budget: number | string;
  reads: number;
  writes: number;
  calls: string[];
}
const rows: Row[] = [];

/** The example plan on the default branch, every feature of the app on. */
async function setup() {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(DIR, `examples/${NAME}`);
  new AssignGitHub(gh);
  gh.commitMain(fakeSha("base"));
  gh.expectToken();
  const probot = await appProbot({ syncOnPush: true, assignOnPush: true });
  return { gh, probot };
}

function count(gh: FakeGitHub, from = 0) {
  const calls = gh
    .callLines()
    .slice(from)
    .map((c) => decodeURIComponent(c));
  const reads = calls.filter((c) => c.startsWith("GET ") || c === "POST /graphql").length;
  return { calls, reads, writes: calls.length - reads };
}

function record(event: string, budget: number | string, measured: ReturnType<typeof count>) {
  rows.push({ event, budget, ...measured });
}

describe("call budgets", () => {
  it("a push to a feature branch touching one plan (≤ 50 findings): 2 calls, 1 for its redelivery", async () => {
    const { gh, probot } = await setup();
    gh.expectGraphql().expectCreate();
    const push = pushTouching(
      { modified: [`${DIR}/parallel.json`] },
      { after: fakeSha("feature"), ref: "refs/heads/feature" },
    );

    await deliver(probot, "push", push, "feature-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "push", push, "feature-1");
    const again = count(gh, first.calls.length);

    expect(first.calls).toEqual(["POST /graphql", "POST /check-runs"]);
    expect(first.calls.length).toBeLessThanOrEqual(2);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record("push to a feature branch touching one plan, ≤ 50 findings", "≤ 2", first);
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a push to the default branch touching one plan, no drift, no issue to change, buttons offered: ≤ 3", async () => {
    const { gh, probot } = await setup();
    const sha = fakeSha("main edit");
    gh.files.set(`${DIR}/notes.md`, "notes\n");
    gh.commitMain(sha);
    gh.expectGraphql().expectCreate();
    const push = pushTouching(
      { added: [`${DIR}/notes.md`] },
      { after: sha, ref: "refs/heads/master" },
    );

    await deliver(probot, "push", push, "main-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "push", push, "main-1");
    const again = count(gh, first.calls.length);

    expect(first.calls).toEqual(["POST /graphql", "POST /check-runs"]);
    expect(first.calls.length).toBeLessThanOrEqual(3);
    expect(gh.writes()[0].actions).toEqual([expect.objectContaining({ identifier: "open:0:3" })]);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record(
      "push to the default branch touching one plan: no drift, no issue to change, level buttons offered",
      "≤ 3",
      first,
    );
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("the same push with a sync pull request to open: the pull request's writes and no extra read", async () => {
    const { gh, probot } = await setup();
    const sha = fakeSha("approve 3.1");
    gh.files.set(APPROVED_31, "# approved\n");
    gh.commitMain(sha);
    gh.expectGraphql().expectCreate().expectCreateRef().expectPutContents().expectCreatePull();
    const push = pushTouching({ added: [APPROVED_31] }, { after: sha, ref: "refs/heads/master" });

    await deliver(probot, "push", push, "sync-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "push", push, "sync-1");
    const again = count(gh, first.calls.length);

    expect(first.calls).toEqual([
      "POST /graphql",
      "POST /check-runs",
      "POST /git/refs",
      `PUT /contents/${DIR}/parallel.json`,
      "POST /pulls",
    ]);
    expect(first.reads).toBe(1);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record(
      "the same with a sync pull request to open",
      "1 read + the pull request's 3 writes",
      first,
    );
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a pull request opened touching one plan: ≤ 3 calls, 1 read for its redelivery", async () => {
    const { gh, probot } = await setup();
    const sha = fakeSha("pull head");
    const event = pullRequestEvent("opened", { headSha: sha, number: 12 });
    event.pull_request.changed_files = 1;
    gh.pullChanges.set(12, [{ path: `${DIR}/parallel.json` }]);
    gh.expectGraphql(2).expectCreate();

    await deliver(probot, "pull_request", event, "pull-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "pull_request", event, "pull-1");
    const again = count(gh, first.calls.length);

    // The files come with the config and the check run; the folders, once known, in a second query.
    expect(first.calls).toEqual(["POST /graphql", "POST /graphql", "POST /check-runs"]);
    expect(first.calls.length).toBeLessThanOrEqual(3);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record("pull request opened / synchronize / reopened touching one plan", "≤ 3", first);
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a push to the default branch editing the config (every plan, no sync branch): 1 read, and 1 for its redelivery", async () => {
    const { gh, probot } = await setup();
    const sha = fakeSha("config edit");
    gh.config = "fail_on: error\n";
    gh.files.set(".github/parallel-plans.yml", gh.config);
    gh.commitMain(sha);
    gh.expectGraphql().expectCreate().expectUpdate();
    const push = pushTouching(
      { modified: [".github/parallel-plans.yml"] },
      { after: sha, ref: "refs/heads/master" },
    );

    await deliver(probot, "push", push, "config-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "push", push, "config-1");
    const again = count(gh, first.calls.length);

    // Every plan of work-space/plans/* and the sync branches' names come with the one read.
    expect(first.calls).toEqual([
      "POST /graphql",
      "POST /check-runs",
      expect.stringMatching(/^PATCH \/check-runs\/\d+$/),
    ]);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record(
      "push to the default branch editing the config: every plan, no sync branch",
      "1 read + the run (in progress, then complete)",
      first,
    );
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a check suite re-run (every plan on a new run): 1 read, and 1 for its redelivery", async () => {
    const { gh, probot } = await setup();
    const sha = fakeSha("suite re-run");
    gh.expectGraphql().expectCreate().expectUpdate();

    await deliver(probot, "check_suite", checkSuiteRerequested(sha), "suite-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "check_suite", checkSuiteRerequested(sha), "suite-1");
    const again = count(gh, first.calls.length);

    expect(first.calls).toEqual([
      "POST /graphql",
      "POST /check-runs",
      expect.stringMatching(/^PATCH \/check-runs\/\d+$/),
    ]);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record(
      "check suite re-run (every plan, on a new run)",
      "1 read + the run (in progress, then complete)",
      first,
    );
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a check run re-run (every plan on a new run): 1 read, and 1 for its redelivery", async () => {
    const payload = checkRunRerequested(fakeSha("run re-run"));
    const { owner, name } = payload.repository as { owner: { login: string }; name: string };
    const gh = new FakeGitHub(mockGitHub(), owner.login, name);
    gh.addFolder(DIR, `examples/${NAME}`);
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();
    const probot = await appProbot({ syncOnPush: true, assignOnPush: true });

    await deliver(probot, "check_run", payload, "run-1");
    const first = count(gh);
    gh.expectGraphql();
    await deliver(probot, "check_run", payload, "run-1");
    const again = count(gh, first.calls.length);

    expect(first.calls).toEqual([
      "POST /graphql",
      "POST /check-runs",
      expect.stringMatching(/^PATCH \/check-runs\/\d+$/),
    ]);
    expect(again).toMatchObject({ reads: 1, writes: 0 });
    record(
      "check run re-run (every plan, on a new run)",
      "1 read + the run (in progress, then complete)",
      first,
    );
    record("… its redelivery", "1 read, 0 writes", again);
    gh.mock.done();
  });

  it("a push touching no plan: 0 calls", async () => {
    const mock = mockGitHub();
    const probot = await appProbot({ syncOnPush: true, assignOnPush: true });
    await deliver(
      probot,
      "push",
      pushTouching({ modified: ["README.md"] }, { ref: "refs/heads/master" }),
    );
    expect(mock.requests).toEqual([]);
    record("push touching no plan", "0", { calls: [], reads: 0, writes: 0 });
    mock.done();
  });

  afterAll(() => {
    const table = [
      "| event | budget | measured: requests (reads + writes) | the requests |",
      "| --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.event} | ${r.budget} | **${r.calls.length}** (${r.reads} + ${r.writes}) | ${r.calls.map((c) => `\`${c.replace(/\/[0-9a-f]{40}/g, "/…")}\``).join(", ") || "none"} |`,
      ),
      "",
    ].join("\n");
    const doc = readFileSync(DOC, "utf8");
    const from = doc.indexOf(START) + START.length;
    const to = doc.indexOf(END);
    if (process.env.UPDATE_DOCS === "1" && from >= START.length) {
      writeFileSync(DOC, doc.slice(0, from) + table + doc.slice(to));
      return;
    }
    // Every scenario ran (a filtered run keeps the doc as it is).
    if (rows.length === 20) expect(doc.slice(from, to)).toBe(table);
  });
  describe("clicks and comments", () => {
    /** The example plan's check run on the default branch, as the push left it, clicked. */
    function clickSetup() {
      const payload = examplePayload("check_run", "requested_action");
      payload.check_run.name = "parallel-plans";
      payload.check_run.output.summary = `plans checked\n\n${writeMarker({ scope: [DIR], config: null, done: true })}`;
      payload.requested_action = { identifier: "open:0:3" };
      const repository = payload.repository;
      const gh = new FakeGitHub(
        mockGitHub(),
        repository.owner.login,
        repository.name,
        repository.default_branch,
      );
      gh.addFolder(DIR, `examples/${NAME}`);
      gh.defaultHead = payload.check_run.head_sha as string;
      const issues = new AssignGitHub(gh);
      gh.expectToken();
      return { gh, issues, payload, login: payload.sender.login as string };
    }

    it('a click on "Open level 3 issues" for the example plan, and its repeat', async () => {
      const { gh, issues, payload, login } = clickSetup();
      const probot = await appProbot({ syncOnPush: true, assignOnPush: true });
      gh.expectGraphql();
      gh.mock.api
        .get(`/repos/${gh.owner}/${gh.repo}/collaborators/${login}/permission`)
        .reply(200, { permission: "write", role_name: "write", user: { login } });
      issues.expectCreateLabels(3).expectCreateIssues(4).expectSubIssues(3);

      await deliver(probot, "check_run", payload, "click-1");
      const first = count(gh);
      gh.expectGraphql();
      await deliver(probot, "check_run", payload, "click-2");
      const again = count(gh, first.calls.length);

      // One read (config, the check's plan folder, the app's issues, the labels), the
      // permission (cached for the repeat), then the writes.
      expect(first.calls).toEqual([
        "POST /graphql",
        `GET /collaborators/${login}/permission`,
        ...Array(3).fill("POST /labels"),
        ...Array(4).fill("POST /issues"),
        ...Array(3).fill("POST /issues/100/sub_issues"),
      ]);
      expect([...issues.achievementIssues().keys()]).toEqual(["3.1", "3.2", "3.3"]);
      // The second click finds every issue made: one read, no write.
      expect(again).toMatchObject({ reads: 1, writes: 0 });
      record(
        'click on "Open level 3 issues" (example plan: 3 labels, 4 issues, 3 sub-issue links)',
        "1 read + the permission, then the writes",
        first,
      );
      record("… the same click again (everything made)", "1 read, 0 writes", again);
      gh.mock.done();
    });

    it("/parallel status on an issue", async () => {
      const gh = fakeHelloWorld();
      gh.addFolder(DIR, `examples/${NAME}`);
      const c = new CommentsGitHub(gh);
      gh.expectToken();
      c.expectReaction(COMMENT).expectContext().expectReplies(1);

      await deliver(
        await appProbot({ syncOnPush: true, assignOnPush: true }),
        "issue_comment",
        commentEvent("/parallel status"),
      );
      const measured = count(gh);

      expect(measured.calls).toEqual([
        `POST /issues/comments/${COMMENT}/reactions`,
        "POST /graphql",
        "POST /issues/1/comments",
      ]);
      // The one read brought the plan listing (the folders below the plan root) and the plan.
      expect(measured.reads).toBe(1);
      expect(c.replies()[0]).toMatch(/^> \/parallel status\n/);
      record(
        "`/parallel status` on an issue (👀, the read, the reply)",
        "1 read + 2 writes",
        measured,
      );
      gh.mock.done();
    });

    it("/parallel batch-subplans --level 3 on a pull request, and its redelivery", async () => {
      const gh = fakeHelloWorld();
      gh.addFolder(DIR, `examples/${NAME}`);
      const c = new CommentsGitHub(gh);
      c.pull = { number: 7, headSha: fakeSha("pull head"), files: [`${DIR}/parallel.json`] };
      const payload = commentEvent("/parallel batch-subplans --level 3", { pull: 7 });
      const probot = await appProbot({ syncOnPush: true, assignOnPush: true });
      gh.expectToken();
      c.expectReaction(COMMENT).expectContext().expectReplies(7);

      await deliver(probot, "issue_comment", payload, "comment-1");
      const first = count(gh);
      c.expectReaction(COMMENT, 200).expectThread(7, c.replies(), payload.comment.created_at);
      await deliver(probot, "issue_comment", payload, "comment-1");
      const again = count(gh, first.calls.length);

      expect(first.calls).toEqual([
        `POST /issues/comments/${COMMENT}/reactions`,
        "POST /graphql",
        "POST /issues/7/comments",
      ]);
      // The head's plan folders came with the changed files, in the same query.
      expect(first.reads).toBe(1);
      expect(c.replies()[0]).toMatch(/^> \/parallel batch-subplans --level 3\n/);
      // The 👀 is already there: only the thread is read, and every reply is found posted.
      expect(again.calls).toEqual([
        `POST /issues/comments/${COMMENT}/reactions`,
        "GET /issues/7/comments",
      ]);
      expect(c.replies()).toHaveLength(1);
      record(
        "`/parallel batch-subplans --level 3` on a pull request (👀, the read, the reply)",
        "1 read + 2 writes",
        first,
      );
      record("… its redelivery (replies all posted)", "👀 + the thread, no reply", again);
      gh.mock.done();
    });
  });
});
