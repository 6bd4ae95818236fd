/**
 * The app with the deadline runner as its analysis: a push whose analysis runs past the deadline
 * completes its check run as a failure saying "analysis took too long", instead of holding the
 * process (the worker stands in for an analysis stuck on hostile input: it never answers).
 */
import { describe, expect, it } from "@jest/globals";
import { analyzerWithDeadline } from "../../src/worker/analyze-with-deadline.js";
import { installNockGuards } from "../support/github-mock.js";
import { pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, fakeHelloWorld, PLAN_ROOT } from "../github/harness.js";

installNockGuards();

const PLAN = `${PLAN_ROOT}/BROKEN-GRAPH`;
const stuck = { workerUrl: new URL("./fixtures/busy-worker.mjs", import.meta.url) };

describe("an analysis past its deadline", () => {
  it("fails the check run with 'analysis took too long' and frees the delivery", async () => {
    const gh = fakeHelloWorld().addFolder(PLAN, "examples/broken/BROKEN-GRAPH");
    gh.expectToken().expectGraphql().expectCreate();
    const probot = await appProbot({ analyze: analyzerWithDeadline(300, stuck) });

    await expect(
      deliver(probot, "push", pushTouching({ modified: [`${PLAN}/parallel.json`] })),
    ).rejects.toThrow("analysis took too long (over 0.3 s)");

    const [run] = gh.writes();
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run!.output.summary).toContain("analysis took too long (over 0.3 s)");
    gh.mock.done();
  });
});
