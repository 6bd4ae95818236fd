/**
 * `runSyncOnDemand`, what `/parallel sync` calls: it syncs the head of the default branch, every
 * plan or the one named, and reports per plan what it did so the command can reply.
 */
import { describe, expect, it } from "@jest/globals";
import type { Probot } from "probot";
import { createDeps } from "../../src/github/deps.js";
import { runSyncOnDemand, type SyncContext } from "../../src/github/sync/on-demand.js";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { newProbot, PLAN_ROOT } from "./harness.js";
import { SyncFake } from "./sync-fake.js";

installNockGuards();

const AUTOMATION = "PARALLEL-EXECUTION-AUTOMATION";
const DOCS = "API-DOCS-REFRESH";
const HEAD = fakeSha("head");

function repository(config: string | null = null): SyncFake {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(`${PLAN_ROOT}/${AUTOMATION}`, `examples/${AUTOMATION}`);
  gh.addFolder(`${PLAN_ROOT}/${DOCS}`, `examples/${DOCS}`);
  gh.files.set(`${PLAN_ROOT}/${AUTOMATION}/execution/feedbacks/APPROVED_31.md`, "# approved\n");
  gh.config = config;
  gh.commitMain(HEAD);
  return gh;
}

/** What an `issue_comment.created` context offers, authenticated as the installation. */
async function commentContext(probot: Probot): Promise<SyncContext> {
  const { repository, installation } = pushTouching({});
  return {
    octokit: await probot.auth(installation.id),
    log: probot.log,
    payload: { repository: { ...repository, owner: { login: repository.owner.login } } },
  };
}

describe("runSyncOnDemand", () => {
  it("syncs every plan of the default branch's head and reports each", async () => {
    const gh = repository();
    gh.expectToken().expectGraphql().expectTree(HEAD).expectGraphql();
    gh.expectCreateRef().expectPutContents().expectCreatePull();

    const report = await runSyncOnDemand(await commentContext(newProbot()), createDeps());

    // The state lists the sync branches: with none yet, no branch is read by name.
    expect(gh.syncCalls()).toEqual([
      "graphql: sync state",
      `GET /git/trees/${HEAD}`,
      "graphql: plans",
      "POST /git/refs",
      `PUT /contents/${PLAN_ROOT}/${AUTOMATION}/parallel.json`,
      "POST /pulls",
    ]);
    const [pull] = gh.openPulls();
    expect(report).toEqual({
      skipped: null,
      plans: [
        {
          plan: DOCS,
          result: "in-sync",
          detail: `parallel.json of ${DOCS} agrees with its files`,
          pull: null,
        },
        {
          plan: AUTOMATION,
          result: "opened",
          detail: `${PLAN_ROOT}/${AUTOMATION}/parallel.json: 1 change proposed on parallel-plans/sync/${AUTOMATION}`,
          pull: {
            number: pull?.number,
            url: `https://github.com/Codertocat/Hello-World/pull/${pull?.number}`,
          },
        },
      ],
    });
    gh.mock.done();
  });

  it("syncs only the plan named", async () => {
    const gh = repository();
    gh.expectToken().expectGraphql().expectTree(HEAD).expectGraphql();

    const report = await runSyncOnDemand(await commentContext(newProbot()), createDeps(), DOCS);

    expect(report.plans.map((p) => [p.plan, p.result])).toEqual([[DOCS, "in-sync"]]);
    expect(gh.branches.size).toBe(0);
    gh.mock.done();
  });

  it.each([
    [
      "`sync: off`",
      "sync: off\n",
      undefined,
      "sync is off (`sync: off` in .github/parallel-plans.yml)",
    ],
    ["an unknown plan", null, "NOPE", "no plan named NOPE on master"],
  ])("says why nothing ran for %s", async (_what, config, plan, skipped) => {
    const gh = repository(config);
    gh.expectToken().expectGraphql();
    if (plan !== undefined) gh.expectTree(HEAD).expectGraphql();

    const report = await runSyncOnDemand(await commentContext(newProbot()), createDeps(), plan);

    expect(report).toEqual({ skipped, plans: [] });
    gh.mock.done();
  });
});
