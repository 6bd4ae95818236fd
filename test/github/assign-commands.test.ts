/**
 * `/parallel assign`, `claim` and `unclaim` through the real app: real `issue_comment.created`
 * payloads, GitHub faked with nock (no unused mock, no unmatched request, the OpenAPI contract),
 * and the calls of each scenario counted.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards } from "../support/github-mock.js";
import { exampleFiles } from "../prompts/example-plan.js";
import { AssignGitHub } from "./assign-fake.js";
import { CommentsGitHub, commentEvent } from "./comments-fake.js";
import { appProbot, deliver, fakeHelloWorld } from "./harness.js";

installNockGuards();

const COMMENT = 492700400;
const REACT = `POST /issues/comments/${COMMENT}/reactions`;
const QUERY = "POST /graphql";
const PERMISSION = "GET /collaborators/Codertocat/permission";
const REPLY = "POST /issues/1/comments";
const LIST = "GET /issues";

function setup() {
  const gh = fakeHelloWorld();
  for (const [p, text] of exampleFiles()) gh.files.set(p, text);
  return { gh, c: new CommentsGitHub(gh), issues: new AssignGitHub(gh) };
}

describe("/parallel assign", () => {
  it("opens the seeds' level 3 issues in 14 calls, and a redelivery ×3 writes nothing", async () => {
    const { gh, c, issues } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "write");
    issues.expectCreateLabels(3).expectCreateIssues(4).expectSubIssues(3);
    c.expectReplies(1);
    const probot = await appProbot();
    const event = commentEvent("/parallel assign --level 3");

    await deliver(probot, "issue_comment", event, "delivery-1");

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      PERMISSION,
      "POST /labels",
      "POST /labels",
      "POST /labels",
      "POST /issues",
      "POST /issues",
      "POST /issues",
      "POST /issues",
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
      "POST /issues/100/sub_issues",
      REPLY,
    ]);
    // One query brought the config, the plan, the app's issues and the labels.
    const { variables, query } = gh.calls()[1]!.body as {
      query: string;
      variables: Record<string, unknown>;
    };
    expect(variables).toMatchObject({ appLabel: "parallel-plans", r0: "work-space/plans" });
    expect(query).toContain("repoLabels: labels(first: 100)");
    const [reply] = c.replies();
    expect(reply).toContain("Level 3 of `PARALLEL-EXECUTION-AUTOMATION` (tracking issue #100):");
    expect(reply).toContain("Created 3 issues:");
    expect(reply).toContain(
      "- #101 \\[PARALLEL-EXECUTION-AUTOMATION\\] 3.1 Interactive Menu Polished",
    );
    expect(reply).toContain('Linked 3 sub-issues and 0 "blocked by" dependencies.');

    // GitHub's manual redelivery: same delivery id, the 👀 already there, the reply posted.
    const before = gh.callLines().length;
    const since = event.comment.created_at as string;
    for (let i = 0; i < 3; i++) c.expectReaction(COMMENT, 200).expectThread(1, [reply!], since);
    for (let i = 0; i < 3; i++) await deliver(probot, "issue_comment", event, "delivery-1");
    const listing = "GET /issues/1/comments";
    expect(gh.callLines().slice(before)).toEqual([REACT, listing, REACT, listing, REACT, listing]);
    expect(issues.issues).toHaveLength(4);
    gh.mock.done();
  });

  it("lists exactly what it would create on --dry-run, writing nothing", async () => {
    const { gh, c, issues } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "admin");
    c.expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel assign --dry-run"));

    const [reply] = c.replies();
    expect(reply).toContain(
      "**Dry run** of `/parallel assign` for level 3 of `PARALLEL-EXECUTION-AUTOMATION`: nothing was written.",
    );
    expect(reply).toContain("Would create 4 issues:");
    expect(reply).toContain("- \\[PARALLEL-EXECUTION-AUTOMATION\\] Level 3");
    expect(reply).toContain("- \\[PARALLEL-EXECUTION-AUTOMATION\\] 3.3 Testing and Validation");
    expect(issues.issues).toHaveLength(0);
    gh.mock.done();
  });

  it("refuses a level that is complete, and a commenter without write permission", async () => {
    const { gh, c } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "write");
    c.expectReplies(1);
    c.expectReaction(COMMENT + 1)
      .expectContext()
      .expectPermission("octocat", "triage", "read");
    c.expectReplies(1);
    const probot = await appProbot();

    await deliver(probot, "issue_comment", commentEvent("/parallel assign --level 2"));
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel assign", { login: "octocat", commentId: COMMENT + 1 }),
    );

    const [complete, refused] = c.replies();
    expect(complete).toContain(
      "Nothing to assign: level 2 of PARALLEL-EXECUTION-AUTOMATION is complete.",
    );
    expect(refused).toContain("`/parallel assign` needs **write** permission");
    gh.mock.done();
  });
});

describe("/parallel assign on a plan with errors", () => {
  it("refuses to fan out until the plan's errors are fixed", async () => {
    const { gh, c } = setup();
    const json = `work-space/plans/PARALLEL-EXECUTION-AUTOMATION/parallel.json`;
    gh.files.set(
      json,
      gh.files.get(json)!.toString().replace('"dependencies": ["1.1"]', '"dependencies": ["9.9"]'),
    );
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "write");
    c.expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel assign --level 3"));

    expect(c.replies()[0]).toContain(
      "Nothing to assign: fix the plan's errors first (1 error: run /parallel validate).",
    );
    gh.mock.done();
  });
});

describe("/parallel claim and unclaim", () => {
  function withIssues(issues: AssignGitHub) {
    const marker = (id: string) =>
      `<!-- parallel-plans:{"kind":"achievement","plan":"PARALLEL-EXECUTION-AUTOMATION","id":"${id}"} -->\nbody`;
    const labels = ["parallel-plans", "plan:PARALLEL-EXECUTION-AUTOMATION", "level:3"];
    issues.add({ title: "[PARALLEL-EXECUTION-AUTOMATION] 3.1 Menu", body: marker("3.1"), labels });
    issues.add({ title: "[PARALLEL-EXECUTION-AUTOMATION] 3.2 Docs", body: marker("3.2"), labels });
    // Someone copied the marker: not the app's issue.
    issues.add({
      title: "copy",
      body: marker("3.1"),
      labels,
      user: { login: "mallory", type: "User" },
    });
  }

  it("assigns the commenter in 6 calls, then releases them", async () => {
    const { gh, c, issues } = setup();
    withIssues(issues);
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "triage", "read");
    issues.expectListIssues().expectAssignees(101);
    c.expectReplies(1);
    c.expectReaction(COMMENT + 1).expectContext();
    issues.expectListIssues().expectUnassign(101);
    c.expectReplies(1);
    const probot = await appProbot();

    await deliver(probot, "issue_comment", commentEvent("/parallel claim 3.2"));
    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      PERMISSION,
      LIST,
      "POST /issues/101/assignees",
      REPLY,
    ]);
    expect(issues.byNumber(101).assignees).toEqual(["Codertocat"]);
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel unclaim 3.2", { commentId: COMMENT + 1 }),
    );

    const [claimed, released] = c.replies();
    expect(claimed).toContain("Assigned you to #101 (achievement `3.2`).");
    expect(released).toContain("Released #101 (achievement `3.2`)");
    expect(issues.byNumber(101).assignees).toEqual([]);
    gh.mock.done();
  });

  it("on an achievement's own issue, takes the id from the issue's marker (claim and unclaim)", async () => {
    const { gh, c, issues } = setup();
    withIssues(issues);
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "triage", "read");
    issues.expectListIssues().expectAssignees(101);
    c.expectReplies(101);
    c.expectReaction(COMMENT + 1).expectContext();
    issues.expectListIssues().expectUnassign(101);
    c.expectReplies(101);
    const probot = await appProbot();

    await deliver(probot, "issue_comment", commentEvent("/parallel claim", { issue: 101 }));
    expect(issues.byNumber(101).assignees).toEqual(["Codertocat"]);
    await deliver(
      probot,
      "issue_comment",
      commentEvent("/parallel unclaim", { issue: 101, commentId: COMMENT + 1 }),
    );

    const [claimed, released] = c.replies();
    expect(claimed).toContain("Assigned you to #101 (achievement `3.2`).");
    expect(released).toContain("Released #101 (achievement `3.2`)");
    expect(issues.byNumber(101).assignees).toEqual([]);
    gh.mock.done();
  });

  it("without an id elsewhere, asks which achievement", async () => {
    const { gh, c, issues } = setup();
    withIssues(issues);
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "triage", "read");
    issues.expectListIssues();
    c.expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel claim"));

    expect(c.replies()[0]).toContain(
      "Name the achievement: `/parallel claim 3.1`. Without an id, `/parallel claim` acts on the achievement issue it is posted on, and this is not one.",
    );
    gh.mock.done();
  });

  it("refuses a non-collaborator by the default permission policy", async () => {
    // Default policy: claim needs triage; a stranger has none.
    const strict = setup();
    strict.gh.expectToken();
    strict.c.expectReaction(COMMENT).expectContext();
    strict.gh.mock.api
      .get("/repos/Codertocat/Hello-World/collaborators/stranger/permission")
      .reply(404, { message: "Not Found" });
    strict.c.expectReplies(1);
    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel claim 3.1", { login: "stranger" }),
    );
    expect(strict.c.replies()[0]).toContain(
      "`/parallel claim` needs **triage** permission on this repository (or higher); you have no permission on this repository.",
    );
    strict.gh.mock.done();
  });

  it("says plainly when GitHub cannot assign the commenter", async () => {
    // A config letting anyone claim: GitHub drops the assignee, the reply says so.
    const open = setup();
    withIssues(open.issues);
    open.gh.config = "commands:\n  min_permission:\n    claim: read\n";
    open.gh.expectToken();
    open.c.expectReaction(COMMENT).expectContext();
    open.issues.expectListIssues();
    open.gh.mock.api
      .post("/repos/Codertocat/Hello-World/issues/100/assignees")
      .reply(201, () => open.issues.view(open.issues.byNumber(100)));
    open.c.expectReplies(1);
    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel claim 3.1", { login: "stranger" }),
    );
    expect(open.c.replies()[0]).toContain(
      "GitHub refused to assign @\u200Bstranger to #100: only people with access to this repository",
    );
    expect(open.issues.byNumber(100).assignees).toEqual([]);
    open.gh.mock.done();
  });

  it("says when an achievement has no issue yet", async () => {
    const { gh, c, issues } = setup();
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "write");
    issues.expectListIssues();
    c.expectReplies(1);

    await deliver(await appProbot(), "issue_comment", commentEvent("/parallel claim 3.3"));

    expect(c.replies()[0]).toContain(
      "Achievement `3.3` has no issue yet. A maintainer opens a level's issues with `/parallel assign --level N`.",
    );
    gh.mock.done();
  });
});

describe("/parallel assign ID @user", () => {
  it("assigns the named people to each achievement's issue and names whoever GitHub refused", async () => {
    const { gh, c, issues } = setup();
    const marker = (id: string) =>
      `<!-- parallel-plans:{"kind":"achievement","plan":"PARALLEL-EXECUTION-AUTOMATION","id":"${id}"} -->`;
    issues.add({ title: "3.1", body: marker("3.1"), labels: ["parallel-plans"] });
    gh.expectToken();
    c.expectReaction(COMMENT).expectContext().expectPermission("Codertocat", "maintain", "write");
    issues.expectListIssues();
    gh.mock.api
      .post("/repos/Codertocat/Hello-World/issues/100/assignees")
      .reply(201, (_uri, body) => {
        const issue = issues.byNumber(100);
        issue.assignees.push((body as { assignees: string[] }).assignees[0]!);
        return issues.view(issue);
      });
    c.expectReplies(1);

    await deliver(
      await appProbot(),
      "issue_comment",
      commentEvent("/parallel assign 3.1 3.3 @octocat @stranger"),
    );

    expect(gh.callLines()).toEqual([
      REACT,
      QUERY,
      PERMISSION,
      LIST,
      "POST /issues/100/assignees",
      REPLY,
    ]);
    const [reply] = c.replies();
    expect(reply).toContain(
      "- `3.1` #100: assigned @\u200Boctocat; GitHub refused @\u200Bstranger (only people with access to this repository can be assigned).",
    );
    expect(reply).toContain("- `3.3`: no issue yet");
    gh.mock.done();
  });
});
