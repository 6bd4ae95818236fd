/**
 * A push to the default branch handled after the branch moved on (GitHub does not order
 * deliveries; a maintainer may redeliver an old one): its commit gets its check run, and nothing
 * else acts on what the branch no longer holds. The head comes with the push's one read.
 */
import { describe, expect, it } from "@jest/globals";
import { levelIssues } from "../../src/core/assignment/level-issues.js";
import { DEFAULT_PATTERNS } from "../../src/core/options.js";
import { examplePlan } from "../prompts/example-plan.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { AssignGitHub } from "./assign-fake.js";
import { appProbot, deliver, PLAN_ROOT } from "./harness.js";
import { SyncFake } from "./sync-fake.js";

installNockGuards();

const NAME = "PARALLEL-EXECUTION-AUTOMATION";
const DIR = `${PLAN_ROOT}/${NAME}`;
const APPROVED_31 = `${DIR}/execution/feedbacks/APPROVED_31.md`;

/** The example with level 3's issues (#100–#103); A adds APPROVED_31.md, B (the head) removes it. */
function twoPushes(withIssues = true) {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(DIR, `examples/${NAME}`);
  const issues = new AssignGitHub(gh);
  const wanted = levelIssues(examplePlan().plan, 3, {
    patterns: DEFAULT_PATTERNS,
    labels: ["parallel-plans"],
    numbers: new Map(),
  });
  if (withIssues) for (const issue of [wanted.tracking, ...wanted.achievements]) issues.add(issue);
  const a = fakeSha("A: approve 3.1");
  gh.files.set(APPROVED_31, "# approved\n");
  gh.commitMain(a);
  gh.files.delete(APPROVED_31);
  gh.commitMain(fakeSha("B: revert the approval of 3.1"));
  return { gh, issues, a };
}

describe("a push whose commit is no longer the head of the default branch", () => {
  it("gets its check run, and no issue or sync write", async () => {
    const { gh, issues, a } = twoPushes();
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot({ assignOnPush: true, syncOnPush: true }),
      "push",
      pushTouching({ added: [APPROVED_31] }, { after: a }),
    );

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs"]);
    expect(gh.writes()).toMatchObject([{ head_sha: a, status: "completed" }]);
    expect(issues.byNumber(101)).toMatchObject({ state: "open", state_reason: null });
    expect(gh.branches.size).toBe(0);
    expect(gh.pulls).toHaveLength(0);
    gh.mock.done();
  });

  it("is acted on while it is the head", async () => {
    const { gh, issues, a } = twoPushes();
    // Before B lands, A is the head: its approval closes #101.
    gh.history.shift();
    gh.defaultHead = a;
    gh.expectToken().expectGraphql().expectCreate();
    issues.expectPatchIssues(1).expectComments(1);
    gh.expectCreateRef().expectPutContents().expectCreatePull();

    await deliver(
      await appProbot({ assignOnPush: true, syncOnPush: true }),
      "push",
      pushTouching({ added: [APPROVED_31] }, { after: a }),
    );

    expect(issues.byNumber(101)).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(gh.openPulls()).toHaveLength(1);
    gh.mock.done();
  });

  it("reads the head once: sync's history field is the head field", async () => {
    const { gh, a } = twoPushes(false);
    gh.history.shift();
    gh.defaultHead = a;
    gh.expectToken().expectGraphql().expectCreate();
    gh.expectCreateRef().expectPutContents().expectCreatePull();

    await deliver(
      await appProbot({ assignOnPush: true, syncOnPush: true }),
      "push",
      pushTouching({ added: [APPROVED_31] }, { after: a }),
    );

    const [read] = gh.calls();
    const { query } = read!.body as { query: string };
    expect(query.match(/defaultBranchRef/g)).toHaveLength(1);
    expect(gh.openPulls()).toHaveLength(1);
    gh.mock.done();
  });

  it.each([
    ["no longer the head", [], false],
    ["the head", ["Open level 3 issues"], true],
  ])("its run, while it is %s, offers the buttons %j", async (_what, labels, head) => {
    const { gh, a } = twoPushes(false);
    if (head) {
      gh.history.shift();
      gh.defaultHead = a;
    }
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot({ assignOnPush: true }),
      "push",
      pushTouching({ added: [APPROVED_31] }, { after: a }),
    );

    const [run] = gh.writes();
    expect(((run.actions ?? []) as { label: string }[]).map((b) => b.label)).toEqual(labels);
    gh.mock.done();
  });
});
