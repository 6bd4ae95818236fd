/**
 * What sync never does: overwrite a commit a person pushed to its branch (it says so once, in a
 * comment), open two pull requests for two pushes arriving together, move its branch back to an
 * older commit when pushes arrive out of order, or edit a parallel.json that does not parse.
 */
import { describe, expect, it } from "@jest/globals";
import { installNockGuards, mockGitHub } from "../support/github-mock.js";
import { fakeSha, pushTouching } from "../support/webhook-fixtures.js";
import { appProbot, deliver, PLAN_ROOT } from "./harness.js";
import { SyncFake } from "./sync-fake.js";

installNockGuards();

const NAME = "PARALLEL-EXECUTION-AUTOMATION";
const DIR = `${PLAN_ROOT}/${NAME}`;
const JSON_PATH = `${DIR}/parallel.json`;
const BRANCH = `parallel-plans/sync/${NAME}`;
const APPROVED_31 = `${DIR}/execution/feedbacks/APPROVED_31.md`;
const EXECUTION_33 = `${DIR}/execution/EXECUTION_TASK_${NAME}_33_01.md`;
/** Sync reads nothing of its own: the push's one read carries its part. */
const READS: string[] = [];
const OPENED = [...READS, "POST /git/refs", `PUT /contents/${JSON_PATH}`, "POST /pulls"];

function repository(): SyncFake {
  return new SyncFake(mockGitHub(), "Codertocat", "Hello-World").addFolder(
    DIR,
    `examples/${NAME}`,
  ) as SyncFake;
}

/** Commit `added` on the default branch as `sha`; expect the check's calls for its push. */
function pushMain(gh: SyncFake, sha: string, added: Record<string, string>): unknown {
  for (const [path, text] of Object.entries(added)) gh.files.set(path, text);
  gh.commitMain(sha);
  gh.expectGraphql().expectCreate();
  return pushTouching({ added: Object.keys(added) }, { after: sha });
}

describe("sync guards", () => {
  it("stops at a person's commit on the sync branch and says so in one comment, once", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const first = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", first);
    const personal = gh.personCommits(BRANCH, JSON_PATH, "{}\n");
    const second = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    gh.expectComment();
    await deliver(probot, "push", second);
    const third = pushMain(gh, fakeSha("more"), { [`${DIR}/notes.md`]: "notes\n" });

    await deliver(probot, "push", third);

    expect(gh.syncCalls().slice(OPENED.length)).toEqual([
      ...READS,
      expect.stringMatching(/^POST \/issues\/\d+\/comments$/),
      ...READS,
    ]);
    expect(gh.branches.get(BRANCH)).toBe(personal);
    const [pull] = gh.openPulls();
    expect(pull?.comments).toHaveLength(1);
    expect(pull?.comments[0]?.body).toContain("stopped updating this pull request");
    expect(pull?.comments[0]?.body).toContain(
      `<!-- parallel-plans:{"kind":"sync-stopped","plan":"${NAME}"} -->`,
    );
    gh.mock.done();
  });

  it("opens one pull request, at the newer commit, for two pushes arriving together", async () => {
    const gh = repository();
    gh.expectToken();
    const older = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    const newer = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    // The older commit is no longer the head by the time it is read: only the newer one syncs.
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    const probot = await appProbot({ syncOnPush: true });

    await Promise.all([deliver(probot, "push", older), deliver(probot, "push", newer)]);

    expect(gh.syncCalls()).toEqual([...OPENED, ...READS]);
    const head = gh.commits.get(gh.branches.get(BRANCH) ?? "");
    expect(head?.parents).toEqual([fakeSha("execute 3.3")]);
    expect(gh.openPulls()[0]?.body).toMatch(/\| 3\.3 \| `status` \|/);
    gh.mock.done();
  });

  it("updates its pull request to a newer push handled after it", async () => {
    const gh = repository();
    gh.expectToken();
    const probot = await appProbot({ syncOnPush: true });
    const older = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", older);
    const newer = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    gh.expectUpdateRef().expectPutContents().expectUpdatePull();

    await deliver(probot, "push", newer);

    expect(gh.syncCalls().filter((call) => call === "POST /pulls")).toHaveLength(1);
    expect(gh.pulls).toHaveLength(1);
    const head = gh.commits.get(gh.branches.get(BRANCH) ?? "");
    expect(head?.parents).toEqual([fakeSha("execute 3.3")]);
    expect(gh.openPulls()[0]?.body).toMatch(/\| 3\.3 \| `status` \|/);
    gh.mock.done();
  });

  it("leaves the branch on the newer commit when an older push is delivered after it", async () => {
    const gh = repository();
    gh.expectToken();
    const older = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    const newer = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    const probot = await appProbot({ syncOnPush: true });

    await deliver(probot, "push", newer);
    await deliver(probot, "push", older);

    expect(gh.syncCalls()).toEqual([...OPENED, ...READS]);
    const head = gh.commits.get(gh.branches.get(BRANCH) ?? "");
    expect(head?.parents).toEqual([fakeSha("execute 3.3")]);
    gh.mock.done();
  });

  it("does not touch a parallel.json that does not parse", async () => {
    const gh = repository();
    gh.expectToken();
    const push = pushMain(gh, fakeSha("broken"), {
      [APPROVED_31]: "# approved\n",
      [JSON_PATH]: '{ "plan_name": "x" "levels": [] }\n',
    });

    await deliver(await appProbot({ syncOnPush: true }), "push", push);

    expect(gh.syncCalls()).toEqual(READS);
    expect(gh.branches.size).toBe(0);
    gh.mock.done();
  });

  it("fails the delivery with the plan and GitHub's answer when a write is refused, and recovers on the next push", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const first = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef();
    gh.mock.api.put(/\/contents\//).reply(409, { message: "parallel.json does not match" });

    await expect(deliver(probot, "push", first)).rejects.toThrow(
      new RegExp(
        `push Codertocat/Hello-World@[0-9a-f]{40} handled in part: sync of ${NAME}: .*GitHub answered 409`,
      ),
    );

    // The branch was left at the pushed commit, with nothing of its own: the next push takes it.
    const second = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    gh.expectUpdateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", second);
    expect(gh.openPulls()).toHaveLength(1);
    gh.mock.done();
  });
});
