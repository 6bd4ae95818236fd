/**
 * When GitHub fails half-way, the check run is completed with a clear message and `failure`
 * (GitHub counts `neutral` as passing: a required check must not wave a plan through unchecked),
 * never left in progress; the delivery fails too, so it shows in the app's delivery log.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "./harness.js";
import { generatedPlanJson, generatedPlanMarkdown } from "./plans.js";

installNockGuards();

const PLAN = `${PLAN_ROOT}/BROKEN-GRAPH`;

describe("failures", () => {
  it("reports a GraphQL 502 on a completed check run, never an in-progress one", async () => {
    const gh = fakeHelloWorld();
    gh.expectToken();
    gh.mock.api.post("/graphql").reply(502, { message: "Bad Gateway" });
    gh.expectCreate();
    const sha = fakeSha("502");

    await expect(
      deliver(
        await appProbot(),
        "push",
        pushTouching({ modified: [`${PLAN}/parallel.json`] }, { after: sha }),
      ),
    ).rejects.toThrow(/reading Codertocat\/Hello-World@[0-9a-f]{40} failed: GitHub answered 502/);

    expect(gh.callLines()).toEqual(["POST /graphql", "POST /check-runs"]);
    const [report] = gh.writes();
    expect(report).toMatchObject({ head_sha: sha, conclusion: "failure" });
    expect(report.status).toBe("completed");
    expect(report!.output.title).toBe("parallel-plans could not check this commit");
    expect(report!.output.summary).toContain("GitHub answered 502");
    expect(report!.output.summary).toContain("Re-run");
    expect(gh.runs.map((r) => r.status)).toEqual(["completed"]);
    gh.mock.done();
  });

  it("reports a later read's failure on a completed check run too", async () => {
    const gh = fakeHelloWorld();
    gh.files.set(`${PLAN}/parallel.json`, Buffer.from([0x00, 0x01]));
    gh.expectToken().expectGraphql().expectBlob(`${PLAN}/parallel.json`, 500).expectCreate();

    await expect(
      deliver(await appProbot(), "push", pushTouching({ modified: [`${PLAN}/parallel.json`] })),
    ).rejects.toThrow(/checking Codertocat\/Hello-World@[0-9a-f]{40} failed: GitHub answered 500/);

    expect(gh.writes()).toHaveLength(1);
    const [complete] = gh.writes();
    expect(complete).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(complete!.output.summary).toContain("were **not** checked");
    expect(gh.runs.map((r) => r.status)).toEqual(["completed"]);
    gh.mock.done();
  });

  it("lets the next delivery redo a check that failed", async () => {
    const gh = fakeHelloWorld().addFolder(PLAN, "examples/broken/BROKEN-GRAPH");
    const sha = fakeSha("retry");
    gh.expectToken();
    gh.mock.api.post("/graphql").reply(502, { message: "Bad Gateway" });
    gh.expectCreate().expectGraphql().expectUpdate();
    const probot = await appProbot();
    const push = pushTouching({ modified: [`${PLAN}/parallel.json`] }, { after: sha });

    await expect(deliver(probot, "push", push, "delivery-1")).rejects.toThrow(/502/);
    await deliver(probot, "push", push, "delivery-1");

    expect(gh.runs).toHaveLength(1);
    expect(gh.runs[0]!.conclusion).toBe("failure");
    expect(gh.writes()[1].output.title).toMatch(/^1 plan checked/);
    gh.mock.done();
  });

  it("completes the run it created when a later annotation batch fails, and the retry finishes that one run", async () => {
    const big = `${PLAN_ROOT}/BIG`;
    const gh = fakeHelloWorld();
    gh.files.set(`${big}/parallel.json`, generatedPlanJson("BIG", 30, true));
    gh.files.set(`${big}/PLAN_BIG.md`, generatedPlanMarkdown("BIG", 30));
    // 60 findings: the create carries the first 50, the second batch's update answers 502.
    gh.expectToken().expectGraphql().expectCreate();
    gh.mock.api.patch(/\/check-runs\/\d+$/).reply(502, { message: "Server Error" });
    gh.expectUpdate();
    const probot = await appProbot();
    const push = pushTouching({ modified: [`${big}/parallel.json`] });

    await expect(deliver(probot, "push", push)).rejects.toThrow(/502/);
    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      "PATCH /check-runs/9000",
      "PATCH /check-runs/9000",
    ]);
    expect(gh.runs.map(({ id, status, conclusion }) => ({ id, status, conclusion }))).toEqual([
      { id: 9000, status: "completed", conclusion: "failure" },
    ]);
    expect(gh.writes()[2].output.title).toBe("parallel-plans could not check this commit");

    gh.expectGraphql().expectUpdate(2);
    await deliver(probot, "push", push);
    expect(gh.runs).toHaveLength(1);
    expect(gh.writes()[4].output.title).toMatch(/^1 plan checked/);
    gh.mock.done();
  });
});
