/**
 * Achievement issues kept in step on pushes to the default branch, through the real app (the
 * check runs beside it from the same read: its calls are expected and not counted here), and
 * `assign.auto`. The issues come with the push's one GraphQL read: no listing of their own.
 */
import { describe, expect, it } from "@jest/globals";
import { levelIssues } from "../../src/core/assignment/level-issues.js";
import { DEFAULT_PATTERNS } from "../../src/core/options.js";
import { installNockGuards } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { EXAMPLE_DIR, examplePlan, exampleFiles } from "../prompts/example-plan.js";
import { APP_LOGIN, AssignGitHub } from "./assign-fake.js";
import { appProbot, deliver, fakeHelloWorld } from "./harness.js";

installNockGuards();

const APPROVED_31 = `${EXAMPLE_DIR}/execution/feedbacks/APPROVED_31.md`;
const CHECK = /check-runs|graphql/;

/** The example on the default branch with level 3's issues made by the app (#100–#103). */
function setup(withIssues = true) {
  const gh = fakeHelloWorld();
  for (const [p, text] of exampleFiles()) gh.files.set(p, text);
  const issues = new AssignGitHub(gh);
  if (withIssues) {
    const wanted = levelIssues(examplePlan().plan, 3, {
      patterns: DEFAULT_PATTERNS,
      labels: ["parallel-plans"],
      numbers: new Map(),
    });
    for (const issue of [wanted.tracking, ...wanted.achievements]) issues.add(issue);
  }
  gh.expectToken();
  // The push's one read (plans, config, the app's issues) and its check run, created finished.
  gh.expectCreate().expectGraphql();
  const own = () => gh.callLines().filter((line) => !CHECK.test(line));
  return { gh, issues, own };
}

describe("issues on push to the default branch", () => {
  it("closes an achievement's issue as completed, naming the commit, when its APPROVED file lands", async () => {
    const { gh, issues, own } = setup();
    const sha = fakeSha("approve 3.1");
    gh.files.set(APPROVED_31, "# approved\n");
    issues.expectComments(1).expectPatchIssues(1);

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ added: [APPROVED_31] }, { after: sha }),
    );

    // The state first: a failed PATCH leaves no comment for the next run to repeat.
    expect(own()).toEqual(["PATCH /issues/101", "POST /issues/101/comments"]);
    expect(issues.comments).toEqual([
      {
        number: 101,
        body: `<!-- parallel-plans:{"kind":"lifecycle","issue":101,"sha":"${sha}"} -->\n\`APPROVED_31.md\` landed on \`master\` in ${sha}: achievement 3.1 is complete, closing.`,
      },
    ]);
    expect(issues.byNumber(101)).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(issues.byNumber(102).state).toBe("open");
    gh.mock.done();
  });

  it("reopens the issue when the APPROVED file is removed, and labels a failed achievement", async () => {
    const { gh, issues, own } = setup();
    Object.assign(issues.byNumber(101), { state: "closed", state_reason: "completed" });
    gh.files.set(
      `${EXAMPLE_DIR}/parallel.json`,
      gh.files
        .get(`${EXAMPLE_DIR}/parallel.json`)!
        .toString()
        .replace('"status": "in_progress"', '"status": "failed"'),
    );
    issues.expectComments(1).expectPatchIssues(1).expectAddLabels(1);

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching(
        { removed: [APPROVED_31], modified: [`${EXAMPLE_DIR}/parallel.json`] },
        { after: fakeSha("unapprove") },
      ),
    );

    expect(own()).toEqual([
      "PATCH /issues/101",
      "POST /issues/101/comments",
      "POST /issues/102/labels",
    ]);
    expect(issues.byNumber(101).state).toBe("open");
    expect(issues.byNumber(102).labels).toContain("failed");
    gh.mock.done();
  });

  it.each([
    ["a person", "octocat", []],
    ["another app", "stale[bot]", []],
    ["the app", APP_LOGIN, ["PATCH /issues/103", "POST /issues/103/comments"]],
  ])(
    "on a push touching the plan, an issue closed as not planned by %s (%s) gets the writes %j",
    async (_who, closedBy, writes) => {
      const { gh, issues, own } = setup();
      Object.assign(issues.byNumber(103), {
        state: "closed",
        state_reason: "not_planned",
        closedBy,
      });
      if (writes.length > 0) issues.expectPatchIssues(1).expectComments(1);

      await deliver(
        await appProbot({ assignOnPush: true }),
        "push",
        pushTouching(
          { modified: [`${EXAMPLE_DIR}/PLAN_PARALLEL-EXECUTION-AUTOMATION.md`] },
          { after: fakeSha("typo fix") },
        ),
      );

      expect(own()).toEqual(writes);
      expect(issues.byNumber(103).state).toBe(writes.length > 0 ? "open" : "closed");
      gh.mock.done();
    },
  );

  it("leaves every issue, the dashboard and the fan-out alone when parallel.json does not parse", async () => {
    const { gh, issues, own } = setup();
    gh.config = "dashboard: true\nassign:\n  auto: true\n";
    gh.files.set(`${EXAMPLE_DIR}/parallel.json`, '{ "achievements": [');

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: fakeSha("broken") }),
    );

    expect(own()).toEqual([]);
    expect(issues.issues.every((i) => i.state === "open")).toBe(true);
    gh.mock.done();
  });

  it("changes the state before commenting, so a failed PATCH is retried without a second comment", async () => {
    const { gh, issues, own } = setup();
    const sha = fakeSha("approve 3.1 again");
    gh.files.set(APPROVED_31, "# approved\n");
    gh.mock.api.patch(/\/issues\/101$/).reply(502, { message: "Server Error" });
    const probot = await appProbot({ assignOnPush: true });
    const push = pushTouching({ added: [APPROVED_31] }, { after: sha });

    await expect(deliver(probot, "push", push)).rejects.toThrow();
    expect(issues.comments).toEqual([]);

    // The redelivery: the commit's check is already done, the assignment runs again.
    gh.expectGraphql();
    issues.expectPatchIssues(1).expectComments(1);
    await deliver(probot, "push", push);

    expect(own()).toEqual(["PATCH /issues/101", "PATCH /issues/101", "POST /issues/101/comments"]);
    expect(issues.comments.map((c) => c.number)).toEqual([101]);
    expect(issues.comments[0]!.body.split("\n")[0]).toBe(
      `<!-- parallel-plans:{"kind":"lifecycle","issue":101,"sha":"${sha}"} -->`,
    );
    expect(issues.byNumber(101).state).toBe("closed");
    gh.mock.done();
  });

  it("writes nothing on a push that changes nothing the issues show", async () => {
    const { gh, issues, own } = setup();

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching(
        { modified: [`${EXAMPLE_DIR}/PLAN_PARALLEL-EXECUTION-AUTOMATION.md`] },
        { after: fakeSha("typo") },
      ),
    );

    expect(own()).toEqual([]);
    // The issues came with the push's one read; none was touched.
    expect(gh.callLines().filter((l) => l === "POST /graphql")).toHaveLength(1);
    expect(issues.comments).toEqual([]);
    expect(issues.issues.every((i) => i.state === "open")).toBe(true);
    gh.mock.done();
  });

  it("fans the ready level out on the push with assign.auto: true", async () => {
    const { gh, issues, own } = setup(false);
    gh.config = "assign:\n  auto: true\n";
    issues
      // The fan-out lists the issues again under its level lock.
      .expectListIssues()
      .expectListLabels()
      .expectCreateLabels(3)
      .expectCreateIssues(4)
      .expectSubIssues(3);

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: fakeSha("auto") }),
    );

    expect(own().filter((l) => l === "POST /issues")).toHaveLength(4);
    expect([...issues.achievementIssues().keys()]).toEqual(["3.1", "3.2", "3.3"]);
    gh.mock.done();
  });

  it("does not fan out with assign.auto: true while the plan has errors", async () => {
    const { gh, issues, own } = setup(false);
    gh.config = "assign:\n  auto: true\n";
    const json = `${EXAMPLE_DIR}/parallel.json`;
    gh.files.set(
      json,
      gh.files.get(json)!.toString().replace('"dependencies": ["1.1"]', '"dependencies": ["9.9"]'),
    );

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ modified: [json] }, { after: fakeSha("auto with errors") }),
    );

    expect(own()).toEqual([]);
    expect(issues.issues).toEqual([]);
    gh.mock.done();
  });
});

describe("the plan dashboard", () => {
  it("is created on a push with dashboard: true, then edited only when its text changes", async () => {
    const { gh, issues, own } = setup();
    gh.config = "dashboard: true\n";
    issues.expectCreateIssues(1);
    const probot = await appProbot({ assignOnPush: true });

    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: fakeSha("d1") }),
    );
    const dashboard = issues.issues.find((i) => i.title.endsWith("Plan dashboard"))!;
    expect(dashboard.body).toContain("| 3 | parallel | 0/3 | **ready** |");
    expect(dashboard.body).toMatch(/^- 3\.1 .* \(#101\) — executors: `Executor A`$/m);

    // Same plan again: nothing to write.
    gh.expectCreate().expectGraphql();
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: fakeSha("d2") }),
    );
    // An executor claims 3.1: the next push edits the dashboard.
    issues.byNumber(101).assignees.push("octocat");
    gh.expectCreate().expectGraphql();
    issues.expectPatchIssues(1);
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${EXAMPLE_DIR}/parallel.json`] }, { after: fakeSha("d3") }),
    );

    expect(own()).toEqual(["POST /issues", `PATCH /issues/${dashboard.number}`]);
    expect(issues.byNumber(dashboard.number).body).toMatch(
      /^- 3\.1 .* \(#101\) — executors: `octocat`$/m,
    );
    gh.mock.done();
  });
});
