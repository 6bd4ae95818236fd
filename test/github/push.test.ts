/**
 * `push` through the real app: the `parallel-plans` check run on the pushed head, built from the
 * example plans, within the call budget (≤ 3 calls for a push touching one plan with ≤ 50
 * findings, not counting the installation token) whatever the plan folder holds.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { readMarker } from "../../src/github/check/check-marker.js";
import { FakeGitHub } from "./fake-github.js";
import { appProbot, deliver, fakeHelloWorld, NOW, PLAN_ROOT } from "./harness.js";

installNockGuards();

const GRAPH = `${PLAN_ROOT}/BROKEN-GRAPH`;
const AUTOMATION = `${PLAN_ROOT}/PARALLEL-EXECUTION-AUTOMATION`;
/** One read, one write: the run is created finished. */
const CHECK_CALLS = ["POST /graphql", "POST /check-runs"];
/** Checking every plan is long work: the run shows in progress first, then completes. */
const LONG_CHECK_CALLS = [...CHECK_CALLS, expect.stringMatching(/^PATCH \/check-runs\/\d+$/)];

describe("push", () => {
  it("fails the check on a dependency cycle, annotated at the cycle's line, in 2 calls", async () => {
    const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    gh.expectToken().expectGraphql().expectCreate();
    const sha = fakeSha("cycle");

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${GRAPH}/parallel.json`] }, { after: sha }),
    );

    expect(gh.callLines()).toEqual(CHECK_CALLS);
    const [complete] = gh.writes();
    expect(gh.writes()).toHaveLength(1);
    expect(complete).toMatchObject({
      name: "parallel-plans",
      head_sha: sha,
      status: "completed",
      conclusion: "failure",
      started_at: NOW.toISOString(),
      completed_at: NOW.toISOString(),
    });
    const json = readFileSync("examples/broken/BROKEN-GRAPH/parallel.json", "utf8");
    expect(json.split("\n")[49]).toContain('"dependencies": ["1.1", "2.3"]');
    expect(complete.output.annotations).toContainEqual({
      path: `${GRAPH}/parallel.json`,
      start_line: 50,
      end_line: 50,
      start_column: expect.any(Number),
      end_column: expect.any(Number),
      annotation_level: "failure",
      title: "dependency-cycle",
      message: expect.stringContaining("2.1"),
      raw_details: "achievements: 2.1, 2.3, 2.2, 2.1",
    });
    expect(complete.output.title).toMatch(/^1 plan checked: \d+ errors, \d+ warnings/);
    expect(complete.output.summary).toContain("BROKEN-GRAPH");
    gh.mock.done();
  });

  it("passes a valid plan with a success and no annotation", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching(
        { added: [`${AUTOMATION}/execution/feedbacks/APPROVED_23.md`] },
        { after: fakeSha("ok") },
      ),
    );

    expect(gh.callLines()).toEqual(CHECK_CALLS);
    const complete = gh.writes()[0];
    expect(complete.conclusion).toBe("success");
    expect(complete.output.title).toBe("1 plan checked: 0 errors, 0 warnings, 0 notices");
    expect(complete.output).not.toHaveProperty("annotations");
    expect(complete.output.summary).toContain("PARALLEL-EXECUTION-AUTOMATION");
    gh.mock.done();
  });

  it.each([
    ["a file outside every plan folder", { modified: ["README.md", "src/index.js"] }],
    [
      "the config on a branch that is not the default",
      { modified: [".github/parallel-plans.yml"] },
    ],
  ])("makes no request for a push touching %s", async (_what, files) => {
    const mock = mockGitHub();
    await deliver(await appProbot(), "push", pushTouching(files, { ref: "refs/heads/feature" }));
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("makes no request for a tag or a deleted branch", async () => {
    const mock = mockGitHub();
    const probot = await appProbot();
    const touching = { modified: [`${GRAPH}/parallel.json`] };
    await deliver(probot, "push", pushTouching(touching, { ref: "refs/tags/v1" }));
    await deliver(probot, "push", {
      ...pushTouching(touching),
      deleted: true,
      after: "0".repeat(40),
    });
    expect(mock.requests).toEqual([]);
    mock.done();
  });

  it("reports a deleted plan folder as removed, with a success", async () => {
    const gh = fakeHelloWorld();
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ removed: [`${PLAN_ROOT}/OLD/parallel.json`, `${PLAN_ROOT}/OLD/PLAN_OLD.md`] }),
    );

    expect(gh.callLines()).toEqual(CHECK_CALLS);
    const complete = gh.writes()[0];
    expect(complete.conclusion).toBe("success");
    expect(complete.output.title).toBe("1 plan folder removed, nothing to check");
    expect(complete.output.summary).toContain("work-space/plans/OLD was removed in this commit");
    gh.mock.done();
  });

  it("checks both folders of a file moved from one plan to another", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.expectToken().expectGraphql().expectCreate();
    const moved = "execution/feedbacks/APPROVED_23.md";

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ removed: [`${PLAN_ROOT}/GONE/${moved}`], added: [`${AUTOMATION}/${moved}`] }),
    );

    const query = gh.calls()[0]!.body as { variables: Record<string, unknown> };
    expect(
      Object.values(query.variables).filter(
        (v) => typeof v === "string" && v.includes(":work-space"),
      ),
    ).toEqual([
      expect.stringMatching(/:work-space\/plans\/GONE$/),
      expect.stringMatching(/:work-space\/plans\/PARALLEL-EXECUTION-AUTOMATION$/),
    ]);
    const complete = gh.writes()[0];
    expect(complete.output.summary).toContain("work-space/plans/GONE was removed in this commit");
    expect(complete.output.title).toBe("1 plan checked: 0 errors, 0 warnings, 0 notices");
    gh.mock.done();
  });

  it("reads a plan folder of 500 files in the same 2 calls", async () => {
    const gh = fakeHelloWorld().addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    for (let i = 0; i < 500; i++) {
      gh.files.set(
        `${AUTOMATION}/notes/history/day-${String(i).padStart(3, "0")}.md`,
        `note ${i}\n`,
      );
    }
    gh.expectToken().expectGraphql().expectCreate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [`${AUTOMATION}/notes/history/day-007.md`] }),
    );

    expect(gh.callLines()).toEqual(CHECK_CALLS);
    expect(gh.writes()[0].conclusion).toBe("success");
    gh.mock.done();
  });

  it("asks the compare API when the payload lists 20 commits (it may be cut)", async () => {
    const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    const sha = fakeSha("long push");
    const payload = pushTouching({ modified: ["README.md"] }, { after: sha, commits: 20 });
    gh.expectToken()
      .expectCompare(payload.before, sha, [
        { filename: "README.md" },
        { filename: `${GRAPH}/parallel.json` },
      ])
      .expectGraphql()
      .expectCreate();

    await deliver(await appProbot(), "push", payload);

    expect(gh.callLines()).toEqual([`GET /compare/${payload.before}...${sha}`, ...CHECK_CALLS]);
    expect(gh.writes()[0].conclusion).toBe("failure");
    gh.mock.done();
  });

  it("checks every plan when a force-push leaves the compare base unknown", async () => {
    const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    const sha = fakeSha("forced");
    const payload = pushTouching({ modified: ["README.md"] }, { after: sha, commits: 20 });
    gh.expectToken();
    gh.mock.api
      .get(`/repos/Codertocat/Hello-World/compare/${payload.before}...${sha}`)
      .reply(404, { message: "Not Found" });
    gh.expectGraphql().expectCreate().expectUpdate();

    await deliver(await appProbot(), "push", { ...payload, forced: true });

    // Every plan of `work-space/plans/*` comes with the one query: no tree listing.
    expect(gh.callLines().slice(1)).toEqual(LONG_CHECK_CALLS);
    expect(gh.writes()[0]).toMatchObject({ status: "in_progress" });
    expect(gh.writes()[1].output.title).toBe("1 plan checked: 12 errors, 7 warnings, 0 notices");
    gh.mock.done();
  });

  it("checks every plan when the config changes on the default branch", async () => {
    const gh = fakeHelloWorld()
      .addFolder(GRAPH, "examples/broken/BROKEN-GRAPH")
      .addFolder(AUTOMATION, "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.files.set("README.md", "# hello\n");
    gh.config = "fail_on: error\n";
    const sha = fakeSha("config change");
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [".github/parallel-plans.yml"] }, { after: sha }),
    );

    expect(gh.callLines()).toEqual(LONG_CHECK_CALLS);
    const complete = gh.writes()[1];
    expect(complete.output.title).toMatch(/^2 plans checked/);
    expect(complete.conclusion).toBe("failure");
    gh.mock.done();
  });

  it("lists the recursive tree when the config's plan globs do not name the plans' parent folder", async () => {
    const gh = fakeHelloWorld()
      .addFolder(GRAPH, "examples/broken/BROKEN-GRAPH")
      .addFolder("docs/plans/AUTOMATION", "examples/PARALLEL-EXECUTION-AUTOMATION");
    gh.config = 'plans: ["work-space/plans/*", "docs/**/AUTOMATION"]\n';
    const sha = fakeSha("glob config");
    gh.expectToken().expectGraphql().expectTree(sha).expectGraphql().expectCreate().expectUpdate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching({ modified: [".github/parallel-plans.yml"] }, { after: sha }),
    );

    // The first query assumed the default globs; the real ones need the tree, then the texts.
    expect(gh.callLines()).toEqual([
      "POST /graphql",
      "POST /check-runs",
      `GET /git/trees/${sha}`,
      "POST /graphql",
      expect.stringMatching(/^PATCH /),
    ]);
    expect(gh.writes()[1].output.title).toMatch(/^2 plans checked/);
    gh.mock.done();
  });

  it("checks a push touching 2,000 plan folders as every plan, each summary within GitHub's limit", async () => {
    const gh = fakeHelloWorld().addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    const folders = Array.from(
      { length: 2000 },
      (_, i) => `${PLAN_ROOT}/TEAM-${String(i).padStart(4, "0")}-QUARTERLY-ROADMAP`,
    );
    const sha = fakeSha("2000 folders");
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();

    await deliver(
      await appProbot(),
      "push",
      pushTouching(
        { modified: [...folders, GRAPH].map((f) => `${f}/parallel.json`) },
        { after: sha },
      ),
    );

    // Like a config change: one query reads every plan, not a query per hundred folders.
    expect(gh.callLines()).toEqual(LONG_CHECK_CALLS);
    const [started, completed] = gh.writes();
    expect(started.output.title).toBe("Checking every plan…");
    expect(completed.output.title).toMatch(/^1 plan checked/);
    for (const write of [started, completed]) {
      expect(write.output.summary.length).toBeLessThanOrEqual(65_535);
      expect(readMarker(write.output.summary)?.scope).toBe("all");
    }
    gh.mock.done();
  });

  it("talks to GitHub Enterprise Server at its own host (REST /api/v3, GraphQL /api/graphql)", async () => {
    const mock = mockGitHub("https://ghe.example.com");
    const gh = new FakeGitHub(mock, "Codertocat", "Hello-World", "master", true);
    gh.addFolder(GRAPH, "examples/broken/BROKEN-GRAPH");
    gh.expectToken().expectGraphql().expectCreate();
    const probot = await appProbot({}, { baseUrl: "https://ghe.example.com/api/v3" });

    await deliver(probot, "push", pushTouching({ modified: [`${GRAPH}/parallel.json`] }));

    expect(mock.requests.map((r) => `${r.method} ${r.url.replace(/\/\d+$/, "/N")}`)).toEqual([
      "POST https://ghe.example.com/api/v3/app/installations/1/access_tokens",
      "POST https://ghe.example.com/api/graphql",
      "POST https://ghe.example.com/api/v3/repos/Codertocat/Hello-World/check-runs",
    ]);
    mock.done();
  });
});
