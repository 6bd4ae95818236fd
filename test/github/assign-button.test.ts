/**
 * The check run's "Open level N issues" button: offered with the first (and only) write of the
 * check run of a push to the default branch when a ready level lacks issues, and a click (a real `check_run.requested_action`
 * payload) fans the level out.
 */
import { describe, expect, it } from "@jest/globals";
import { readMarker, writeMarker } from "../../src/github/check/check-marker.js";
import { openLevelAction, readOpenLevelAction } from "../../src/github/check/check-run.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { examplePayload, fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { EXAMPLE_DIR, exampleFiles } from "../prompts/example-plan.js";
import { AssignGitHub } from "./assign-fake.js";
import { FakeGitHub } from "./fake-github.js";
import { APP_ID, appProbot, deliver, fakeHelloWorld } from "./harness.js";

installNockGuards();

describe("openLevelAction", () => {
  it.each([3, 12, 123, 123456])("fits GitHub's limits for level %i", (level) => {
    const action = openLevelAction(999, "A-VERY-LONG-PLAN-NAME-THAT-GOES-ON-AND-ON", level);
    expect(Array.from(action.label).length).toBeLessThanOrEqual(20);
    expect(Array.from(action.description).length).toBeLessThanOrEqual(40);
    expect(action.identifier.length).toBeLessThanOrEqual(20);
    expect(readOpenLevelAction(action.identifier)).toEqual({ planIndex: 999, level });
  });

  it("reads no other button", () => {
    expect(readOpenLevelAction("lgtm|26764")).toBeNull();
  });
});

describe("the Open level N issues button", () => {
  it("is offered on the push's check run when level 3 has no issues yet, in its one write", async () => {
    const gh = fakeHelloWorld();
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    new AssignGitHub(gh);
    const sha = fakeSha("plan edited");
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: sha }),
    );

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs"]);
    const { variables } = gh.calls()[0]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ appId: APP_ID, appLabel: "parallel-plans" });
    const [create] = gh.writes();
    expect(create).toMatchObject({ head_sha: sha, status: "completed" });
    expect(create.actions).toEqual([
      {
        label: "Open level 3 issues",
        description: "Issues of plan PARALLEL-EXECUTION-AUTOM…",
        identifier: "open:0:3",
      },
    ]);
    expect(gh.runs[0]?.status).toBe("completed");
    gh.mock.done();
  });

  it("fans the level out when clicked, in the real requested_action payload", async () => {
    const payload = examplePayload("check_run", "requested_action");
    const sha = payload.check_run.head_sha as string;
    payload.check_run.name = "parallel-plans";
    payload.requested_action = { identifier: "open:0:3" };
    const gh = new FakeGitHub(
      mockGitHub(),
      payload.repository.owner.login,
      payload.repository.name,
      payload.repository.default_branch,
    );
    gh.defaultHead = sha;
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    const issues = new AssignGitHub(gh);
    gh.expectToken().expectGraphql();
    gh.mock.api
      .get(`/repos/${gh.owner}/${gh.repo}/collaborators/${payload.sender.login}/permission`)
      .reply(200, {
        permission: "write",
        role_name: "write",
        user: { login: payload.sender.login },
      });
    gh.expectTree(sha).expectGraphql();
    issues.expectCreateLabels(3).expectCreateIssues(4).expectSubIssues(3);

    await deliver(await appProbot(), "check_run", payload);

    // This summary carries no check marker: every plan of the commit is read, the tree listed.
    expect(gh.callLines()).toEqual([
      "POST /graphql",
      `GET /collaborators/${payload.sender.login}/permission`,
      `GET /git/trees/${sha}`,
      "POST /graphql",
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
    ]);
    expect([...issues.achievementIssues().keys()]).toEqual(["3.1", "3.2", "3.3"]);
    gh.mock.done();
  });

  it("numbers the plans of the check it was offered on: one read of that plan folder", async () => {
    const payload = examplePayload("check_run", "requested_action");
    const sha = payload.check_run.head_sha as string;
    payload.check_run.name = "parallel-plans";
    // The push touched the example plan only; another plan sorts before it in the repository.
    payload.check_run.output.summary = `1 plan checked\n\n${writeMarker({ scope: [EXAMPLE_DIR], config: null, done: true })}`;
    payload.requested_action = { identifier: "open:0:3" };
    const gh = new FakeGitHub(
      mockGitHub(),
      payload.repository.owner.login,
      payload.repository.name,
      payload.repository.default_branch,
    );
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    const other = exampleFiles({
      from: "examples/API-DOCS-REFRESH",
      dir: "work-space/plans/API-DOCS-REFRESH",
    });
    for (const [p, text] of other) gh.files.set(p, text);
    gh.defaultHead = sha;
    const issues = new AssignGitHub(gh);
    gh.expectToken().expectGraphql();
    gh.mock.api
      .get(`/repos/${gh.owner}/${gh.repo}/collaborators/${payload.sender.login}/permission`)
      .reply(200, {
        permission: "admin",
        role_name: "admin",
        user: { login: payload.sender.login },
      });
    issues.expectCreateLabels(3).expectCreateIssues(4).expectSubIssues(3);

    await deliver(await appProbot(), "check_run", payload);

    const { variables } = gh.calls()[0]!.body as { variables: Record<string, unknown> };
    expect(variables).toMatchObject({ f0: `${sha}:${EXAMPLE_DIR}`, appLabel: "parallel-plans" });
    expect(variables).not.toHaveProperty("f1");
    expect(gh.callLines().slice(0, 2)).toEqual([
      "POST /graphql",
      `GET /collaborators/${payload.sender.login}/permission`,
    ]);
    expect(issues.issues.map((i) => i.title)).toContain(
      "[PARALLEL-EXECUTION-AUTOMATION] 3.1 Interactive Menu Polished",
    );
    gh.mock.done();
  });

  it("is added to a run a feature branch's push already made, when the commit reaches the default branch (fast-forward)", async () => {
    const gh = fakeHelloWorld();
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    new AssignGitHub(gh);
    const sha = fakeSha("fast-forward");
    const probot = await appProbot({ assignOnPush: true });
    const touched = { modified: [JSON_PATH] };
    gh.expectToken().expectGraphql().expectCreate();
    await deliver(probot, "push", pushTouching(touched, { after: sha, ref: "refs/heads/feature" }));
    expect(gh.writes()[0]).not.toHaveProperty("actions");

    gh.expectGraphql().expectUpdate();
    await deliver(probot, "push", pushTouching(touched, { after: sha }));

    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      "POST /graphql",
      "PATCH /check-runs/9000",
    ]);
    const [created, offer] = gh.writes();
    // The run's result stays; its marker now records the buttons (GitHub wants the title too).
    expect(offer).toEqual({
      actions: [expect.objectContaining({ identifier: "open:0:3" })],
      output: { title: created.output.title, summary: expect.any(String) },
    });
    expect(offer.output.summary.replace(/<!-- parallel-plans:.* -->/, "")).toBe(
      created.output.summary.replace(/<!-- parallel-plans:.* -->/, ""),
    );
    expect(readMarker(offer.output.summary)).toEqual({
      ...readMarker(created.output.summary),
      offered: ["open:0:3"],
    });
    expect(gh.runs).toHaveLength(1);
    gh.mock.done();
  });

  it("costs the fast-forward push, delivered again, one query and no write", async () => {
    const gh = fakeHelloWorld();
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    new AssignGitHub(gh);
    const sha = fakeSha("fast-forward redelivered");
    const probot = await appProbot({ assignOnPush: true });
    const touched = { modified: [JSON_PATH] };
    gh.expectToken().expectGraphql().expectCreate();
    await deliver(probot, "push", pushTouching(touched, { after: sha, ref: "refs/heads/feature" }));
    const push = pushTouching(touched, { after: sha });
    gh.expectGraphql().expectUpdate();
    await deliver(probot, "push", push, "delivery-main");

    gh.expectGraphql();
    await deliver(probot, "push", push, "delivery-main");

    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      "POST /graphql",
      "PATCH /check-runs/9000",
      "POST /graphql",
    ]);
    gh.mock.done();
  });

  it("costs a redelivered push of the default branch one query and no write, buttons and all", async () => {
    const gh = fakeHelloWorld();
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    new AssignGitHub(gh);
    const probot = await appProbot({ assignOnPush: true });
    const push = pushTouching({ modified: [JSON_PATH] }, { after: fakeSha("redelivered") });
    gh.expectToken().expectGraphql().expectCreate();
    await deliver(probot, "push", push, "delivery-1");
    expect(gh.writes()[0].actions).toHaveLength(1);

    gh.expectGraphql();
    await deliver(probot, "push", push, "delivery-1");

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs", "POST /graphql"]);
    gh.mock.done();
  });

  it("is not offered on the check of a plan with an error: a click would be refused", async () => {
    const gh = fakeHelloWorld();
    for (const [p, text] of exampleFiles()) gh.files.set(p, text);
    gh.files.set(JSON_PATH, withUnknownDependency(gh.files.get(JSON_PATH)!.toString()));
    new AssignGitHub(gh);
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ modified: [JSON_PATH] }, { after: fakeSha("unknown dependency") }),
    );

    const [create] = gh.writes();
    expect(create.conclusion).toBe("failure");
    expect(create.output.title).toMatch(/1 error/);
    expect(create).not.toHaveProperty("actions");
    gh.mock.done();
  });

  it("answers a click refused for the plan's errors in the run's text, and opens nothing", async () => {
    const payload = clickPayload();
    const gh = clickFake(payload);
    gh.files.set(JSON_PATH, withUnknownDependency(gh.files.get(JSON_PATH)!.toString()));
    new AssignGitHub(gh);
    gh.expectToken().expectGraphql();
    expectPermission(gh, payload.sender.login, "admin");
    gh.expectUpdate();

    await deliver(await appProbot(), "check_run", payload);

    expect(gh.callLines()).toEqual([
      "POST /graphql",
      `GET /collaborators/${payload.sender.login}/permission`,
      `PATCH /check-runs/${payload.check_run.id}`,
    ]);
    const [answer] = gh.writes();
    expect(answer).not.toHaveProperty("status");
    expect(answer.output).toEqual({
      title: payload.check_run.output.title,
      summary: payload.check_run.output.summary,
      text: expect.stringContaining(
        "**Open level 3 issues** was refused: fix the plan's errors first (1 error: run /parallel validate)",
      ),
    });
    gh.mock.done();
  });

  it("refuses a click on an older commit's run once the default branch moved on, in one query", async () => {
    const payload = clickPayload();
    const gh = clickFake(payload);
    gh.defaultHead = fakeSha("a newer push");
    new AssignGitHub(gh);
    gh.expectToken().expectGraphql().expectUpdate();

    await deliver(await appProbot(), "check_run", payload);

    expect(gh.callLines()).toEqual(["POST /graphql", `PATCH /check-runs/${payload.check_run.id}`]);
    expect(gh.writes()[0].output).toEqual({
      title: payload.check_run.output.title,
      summary: payload.check_run.output.summary,
      text: `**Open level 3 issues** was refused: this commit is no longer the head of \`${payload.repository.default_branch}\`: use the button of the newer commit's run.`,
    });
    gh.mock.done();
  });

  it("answers a click by someone without the assign permission in the run's text", async () => {
    const payload = clickPayload();
    const gh = clickFake(payload);
    gh.config = "commands:\n  min_permission:\n    assign: maintain\n";
    new AssignGitHub(gh);
    gh.expectToken().expectGraphql();
    expectPermission(gh, payload.sender.login, "write");
    gh.expectUpdate();

    await deliver(await appProbot(), "check_run", payload);

    expect(gh.callLines()).toEqual([
      "POST /graphql",
      `GET /collaborators/${payload.sender.login}/permission`,
      `PATCH /check-runs/${payload.check_run.id}`,
    ]);
    expect(gh.writes()[0].output.text).toBe(
      `**Open level 3 issues** was refused: it needs **maintain** permission on this repository (or higher), and ${payload.sender.login} has write. \`commands.min_permission.assign\` in \`.github/parallel-plans.yml\` sets it.`,
    );
    gh.mock.done();
  });
});

const JSON_PATH = `${EXAMPLE_DIR}/parallel.json`;

/** The example plan with one dependency on an achievement that does not exist: one error. */
function withUnknownDependency(json: string): string {
  const broken = json.replace('"dependencies": ["1.1"]', '"dependencies": ["9.9"]');
  expect(broken).not.toBe(json);
  return broken;
}

/** A click on "Open level 3 issues" of a check that covered the example plan. */
function clickPayload() {
  const payload = examplePayload("check_run", "requested_action");
  payload.check_run.name = "parallel-plans";
  payload.check_run.output.summary = `1 plan checked\n\n${writeMarker({ scope: [EXAMPLE_DIR], config: null, done: true })}`;
  payload.requested_action = { identifier: "open:0:3" };
  return payload;
}

function clickFake(payload: ReturnType<typeof clickPayload>): FakeGitHub {
  const gh = new FakeGitHub(
    mockGitHub(),
    payload.repository.owner.login,
    payload.repository.name,
    payload.repository.default_branch,
  );
  for (const [p, text] of exampleFiles()) gh.files.set(p, text);
  // The run the click came from is the head's, so the fake answers its update.
  gh.defaultHead = payload.check_run.head_sha;
  gh.runs.push({
    id: payload.check_run.id,
    status: "completed",
    conclusion: "success",
    externalId: null,
    summary: payload.check_run.output.summary,
    headSha: payload.check_run.head_sha,
  });
  return gh;
}

function expectPermission(gh: FakeGitHub, login: string, permission: string): void {
  gh.mock.api
    .get(`/repos/${gh.owner}/${gh.repo}/collaborators/${login}/permission`)
    .reply(200, { permission, role_name: permission, user: { login } });
}
