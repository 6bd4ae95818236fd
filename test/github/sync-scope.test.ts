/**
 * Which pushes sync acts on: the default branch only, plans the push touches only, not at all
 * under `sync: off` (nor with an invalid config), and a plan folder that disappears takes its sync
 * pull request with it.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, PLAN_ROOT } from "./harness.js";
import { SyncFake } from "./sync-fake.js";

installNockGuards();

const NAME = "PARALLEL-EXECUTION-AUTOMATION";
const DIR = `${PLAN_ROOT}/${NAME}`;
const BRANCH = `parallel-plans/sync/${NAME}`;
const APPROVED_31 = `${DIR}/execution/feedbacks/APPROVED_31.md`;

function repository(config: string | null = null): SyncFake {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(DIR, `examples/${NAME}`);
  gh.config = config;
  return gh;
}

function approve(gh: SyncFake, sha: string, ref?: string): unknown {
  gh.files.set(APPROVED_31, "# approved\n");
  gh.commitMain(sha);
  gh.expectGraphql().expectCreate();
  return pushTouching({ added: [APPROVED_31] }, { after: sha, ...(ref ? { ref } : {}) });
}

describe("what sync acts on", () => {
  it("reads nothing of its own under `sync: off`: the push's one read brings the config", async () => {
    const gh = repository("sync: off\n");
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    await deliver(probot, "push", approve(gh, fakeSha("first")));
    const again = approve(gh, fakeSha("second"));

    await deliver(probot, "push", again);

    expect(gh.syncCalls()).toEqual([]);
    // Once `sync: off` is known, the push's read does not even ask for the sync branches.
    const last = gh.calls().at(-2)!.body as { variables: Record<string, unknown> };
    expect(Object.keys(last.variables).filter((v) => /^r\d+$/.test(v))).toEqual([]);
    expect(gh.branches.size).toBe(0);
    gh.mock.done();
  });

  it("syncs nothing on the push that turns sync on: its read did not ask for sync's part", async () => {
    const gh = repository("sync: off\n");
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    await deliver(probot, "push", approve(gh, fakeSha("first")));
    gh.config = "sync: pr\n";
    const on = approve(gh, fakeSha("second"));

    await deliver(probot, "push", on);

    expect(gh.syncCalls()).toEqual([]);
    expect(gh.branches.size).toBe(0);
    // The next push knows the config: it reads the sync state and opens the pull request.
    const next = approve(gh, fakeSha("third"));
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", next);
    expect(gh.openPulls()).toHaveLength(1);
    gh.mock.done();
  });

  it("writes nothing while the config is invalid", async () => {
    const gh = repository("sync: sometimes\n");
    gh.expectToken();
    const push = approve(gh, fakeSha("first"));

    await deliver(await appProbot({ syncOnPush: true }), "push", push);

    expect(gh.syncCalls()).toEqual([]);
    expect(gh.branches.size).toBe(0);
    gh.mock.done();
  });

  it("makes no sync call for a push to another branch, a tag, or a file outside every plan", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    await deliver(probot, "push", approve(gh, fakeSha("feature"), "refs/heads/feature"));
    await deliver(
      probot,
      "push",
      pushTouching({ modified: [`${DIR}/parallel.json`] }, { ref: "refs/tags/v1" }),
    );
    await deliver(probot, "push", pushTouching({ modified: ["README.md"] }));

    expect(gh.syncCalls()).toEqual([]);
    gh.mock.done();
  });

  it("closes the sync pull request of a plan folder that was removed", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const push = approve(gh, fakeSha("approve"));
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", push);
    const removed = [...gh.files.keys()].filter((path) => path.startsWith(`${DIR}/`));
    for (const path of removed) gh.files.delete(path);
    gh.commitMain(fakeSha("remove"));
    gh.expectGraphql().expectCreate();
    gh.expectUpdatePull().expectDeleteRef();

    await deliver(probot, "push", pushTouching({ removed }, { after: fakeSha("remove") }));

    expect(gh.syncCalls().slice(3)).toEqual([
      expect.stringMatching(/^PATCH \/pulls\/\d+$/),
      `DELETE /git/refs/heads/${BRANCH}`,
    ]);
    expect(gh.openPulls()).toEqual([]);
    gh.mock.done();
  });

  it("re-syncs every plan when the config changes on the default branch", async () => {
    const gh = repository();
    gh.files.set(APPROVED_31, "# approved\n");
    gh.config = "fail_on: warning\n";
    gh.files.set(".github/parallel-plans.yml", gh.config);
    const sha = fakeSha("config");
    gh.commitMain(sha);
    // Every plan, in the push's one read; it lists the sync branches, and there is none to read.
    gh.expectToken().expectGraphql().expectCreate().expectUpdate();
    gh.expectCreateRef().expectPutContents().expectCreatePull();

    await deliver(
      await appProbot({ syncOnPush: true }),
      "push",
      pushTouching({ modified: [".github/parallel-plans.yml"] }, { after: sha }),
    );

    // The plans come with the check's read (no tree listing), shared with sync.
    expect(gh.syncCalls().filter((call) => call.includes("/git/trees/"))).toEqual([]);
    expect(gh.syncCalls()).toEqual([
      "POST /git/refs",
      `PUT /contents/${DIR}/parallel.json`,
      "POST /pulls",
    ]);
    gh.mock.done();
  });

  it("reads only the sync branches that exist when every plan is re-synced", async () => {
    const gh = repository();
    gh.addFolder(`${PLAN_ROOT}/RELEASE-PIPELINE`, "examples/RELEASE-PIPELINE");
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const approved = approve(gh, fakeSha("approve"));
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", approved);
    const before = gh.calls().length;
    gh.config = "fail_on: warning\n";
    gh.files.set(".github/parallel-plans.yml", gh.config);
    const sha = fakeSha("config");
    gh.commitMain(sha);
    gh.expectGraphql().expectCreate().expectUpdate();
    // The sync pull request's branch exists: it alone is read, by name, then rebased.
    gh.expectGraphql().expectUpdateRef().expectPutContents().expectUpdatePull();

    await deliver(
      probot,
      "push",
      pushTouching({ modified: [".github/parallel-plans.yml"] }, { after: sha }),
    );

    const state = gh.calls().slice(before).at(3)!.body as { variables: Record<string, unknown> };
    expect(state.variables).toMatchObject({ r0: `refs/heads/${BRANCH}` });
    expect(Object.keys(state.variables).filter((v) => /^r\d+$/.test(v))).toEqual(["r0"]);
    expect(gh.syncCalls().filter((call) => call.startsWith("graphql"))).toEqual([
      "graphql: sync state",
    ]);
    gh.mock.done();
  });
});
