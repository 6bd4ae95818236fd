/**
 * `.github/parallel-plans.yml` through the real app: read from the default branch only (in the
 * same GraphQL query as the plans), validated by the core; an invalid config fails the check with
 * the error annotated on the config file, and custom plan globs are honoured.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";

installNockGuards();

const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;
const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;

describe("repository config", () => {
  it("reads the config from the default branch in the plans' own query", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.config = "fail_on: error\n";
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${AUTOMATION}/parallel.json`] }, { ref: "refs/heads/feature" }),
    );

    const { variables } = gh.calls()[0]!.body as { variables: Record<string, unknown> };
    expect(variables.config).toBe("master:.github/parallel-plans.yml");
    expect(gh.writes()[0].conclusion).toBe("success");
    gh.mock.done();
  });

  it("fails the check on an invalid config, annotated at the config line", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.config = "plans:\n  - work-space/plans/*\nfail_on: sometimes\n";
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${AUTOMATION}/parallel.json`] }),
    );

    expect(gh.callLines()).toHaveLength(2);
    const complete = gh.writes()[0];
    expect(complete.conclusion).toBe("failure");
    expect(complete.output.title).toBe("Invalid .github/parallel-plans.yml: 1 error");
    expect(complete.output.annotations).toEqual([
      expect.objectContaining({
        path: ".github/parallel-plans.yml",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        title: "schema",
        message: expect.stringContaining("/fail_on"),
      }),
    ]);
    expect(complete.output.summary).toContain("No plan was checked");
    gh.mock.done();
  });

  it("fails on warnings under fail_on: warning", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    // An APPROVED file for 3.1 makes the JSON's status drift from the files: a warning.
    gh.files.set(`${AUTOMATION}/execution/feedbacks/APPROVED_31.md`, "approved\n");
    gh.config = "fail_on: warning\n";
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ added: [`${AUTOMATION}/execution/feedbacks/APPROVED_31.md`] }),
    );

    const complete = gh.writes()[0];
    expect(complete.output.title).toMatch(/0 errors, [1-9]\d* warnings?/);
    expect(complete.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("honours custom plan globs, and learns them for the next push", async () => {
    const folder = "docs/roadmap/PARALLEL-EXECUTION-AUTOMATION";
    const gh = fakeHelloWorld().addFolder(folder, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.config = 'plans: ["docs/roadmap/*"]\n';
    const probot = await appProbot();

    // Before the app knows the config, a plan-shaped path still reaches it…
    gh.expectToken().expectGraphql().expectCreate();
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${folder}/parallel.json`] }, { after: fakeSha("1") }),
    );
    expect(gh.callLines()).toHaveLength(2);
    expect(gh.writes()[0].output.title).toBe("1 plan checked: 0 errors, 0 warnings, 0 notices");
    gh.mock.done();

    // …and once it does, any file of such a folder counts.
    const next = fakeHelloWorld().addFolder(folder, "examples/PARALLEL-EXECUTION-AUTOMATION");
    next.config = gh.config;
    next.expectGraphql().expectCreate();
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${folder}/notes.md`] }, { after: fakeSha("2") }),
    );
    expect(next.callLines()).toHaveLength(2);
    next.mock.done();
  });

  it("reads the folders a custom config adds with one more query", async () => {
    const gh = fakeHelloWorld()
      .addFolder(GRAPH, "examples/broken/BROKEN-GRAPH")
      .addFolder("docs/roadmap/AUTOMATION", "examples/PARALLEL-EXECUTION-AUTOMATION");
    // The config makes docs/roadmap/AUTOMATION a plan too; its PLAN file is not plan-shaped by default.
    gh.config = 'plans: ["work-space/plans/*", "docs/roadmap/*"]\n';
    gh.expectToken().expectGraphql(2).expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${GRAPH}/parallel.json`, "docs/roadmap/AUTOMATION/notes.md"] }),
    );

    // The folders the config adds are read before the run is written: still one write.
    expect(gh.callLines()).toEqual(["POST /graphql", "POST /graphql", "POST /check-runs"]);
    expect(gh.writes()[0].output.title).toMatch(/^2 plans checked/);
    gh.mock.done();
  });

  it("ignores a plan-shaped file outside the plan folders once the config is read", async () => {
    const gh = fakeHelloWorld();
    gh.files.set("tools/parallel.json", "{}\n");
    gh.expectToken().expectGraphql();
    const probot = await appProbot();

    await deliver(
      probot,
      "push",
      pushTouching({ modified: ["tools/parallel.json"] }, { after: fakeSha("a") }),
    );
    expect(gh.callLines()).toEqual(["POST /graphql"]);
    gh.mock.done();

    const quiet = mockGitHub();
    await deliver(
      probot,
      "push",
      pushTouching({ modified: ["tools/parallel.json"] }, { after: fakeSha("b") }),
    );
    expect(quiet.requests).toEqual([]);
    quiet.done();
  });
});
