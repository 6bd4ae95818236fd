/**
 * Status sync through the real app: a push to the default branch that leaves parallel.json out of
 * step with the files opens one pull request from `parallel-plans/sync/<plan>`, the next push
 * updates it, and it closes once the drift is gone. Every scenario counts sync's own calls (the
 * check's run writes and read happen beside them and are counted by the check's tests).
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { structuredPatch } from "diff";
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
const FIXTURE = readFileSync(`test/fixtures/sync/${NAME}.approved-31.parallel.json`, "utf8");
const ORIGINAL = readFileSync(`examples/${NAME}/parallel.json`, "utf8");

const OPENED = ["POST /git/refs", `PUT /contents/${JSON_PATH}`, "POST /pulls"];

/** The example plan on the default branch; each push's one read and check run are expected. */
function repository(): SyncFake {
  const gh = new SyncFake(mockGitHub(), "Codertocat", "Hello-World");
  gh.addFolder(DIR, `examples/${NAME}`);
  return gh;
}

/** Commit `added` on the default branch as `sha` and expect the check's calls for the push. */
function pushMain(gh: SyncFake, sha: string, added: Record<string, string>): unknown {
  for (const [path, text] of Object.entries(added)) gh.files.set(path, text);
  gh.commitMain(sha);
  gh.expectGraphql().expectCreate();
  return pushTouching({ added: Object.keys(added) }, { after: sha });
}

describe("sync on push", () => {
  it("opens a pull request changing only the status line of the achievement an APPROVED file completes", async () => {
    const gh = repository();
    gh.expectToken();
    const push = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();

    await deliver(await appProbot({ syncOnPush: true }), "push", push);

    expect(gh.syncCalls()).toEqual(OPENED);
    const onBranch = gh.fileOn(BRANCH, JSON_PATH);
    expect(onBranch).toBe(FIXTURE);
    const [hunk, ...others] = structuredPatch("a", "b", ORIGINAL, onBranch ?? "").hunks;
    expect(others).toEqual([]);
    expect(hunk?.lines.filter((l) => l.startsWith("-") || l.startsWith("+"))).toEqual([
      '-          "status": "subplan_created",',
      '+          "status": "complete",',
    ]);
    const [pull, ...more] = gh.openPulls();
    expect(more).toEqual([]);
    expect(pull).toMatchObject({
      head: BRANCH,
      base: "master",
      title: `parallel-plans: sync statuses of ${NAME}`,
    });
    expect(pull?.body).toContain(
      `| 3.1 | \`status\` | subplan\\_created | complete | APPROVED file exists: ${APPROVED_31.replace(/_/g, "\\_")} |`,
    );
    expect(pull?.body).toContain(`<!-- parallel-plans:{"kind":"sync","plan":"${NAME}"} -->`);
    const commit = gh.commits.get(gh.branches.get(BRANCH) ?? "");
    expect(commit?.parents).toEqual([fakeSha("approve 3.1")]);
    expect(commit?.message).toBe(`parallel-plans: sync statuses of ${NAME}`);
    gh.mock.done();
  });

  it("updates the same pull request on the next push, rebased on the pushed commit", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const first = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", first);
    const second = pushMain(gh, fakeSha("execute 3.3"), { [EXECUTION_33]: "# task\n" });
    gh.expectUpdateRef().expectPutContents().expectUpdatePull();

    await deliver(probot, "push", second);

    expect(gh.syncCalls().slice(OPENED.length)).toEqual([
      `PATCH /git/refs/heads/${BRANCH}`,
      `PUT /contents/${JSON_PATH}`,
      expect.stringMatching(/^PATCH \/pulls\/\d+$/),
    ]);
    expect(gh.pulls).toHaveLength(1);
    const [pull] = gh.openPulls();
    expect(pull?.body).toMatch(/\| 3\.1 \| `status` \|/);
    expect(pull?.body).toMatch(/\| 3\.3 \| `status` \| subplan\\_created \| in\\_progress \|/);
    expect(pull?.body).toMatch(/\| 3\.3 \| `execution_paths` \| \\\[\\\] \|/);
    const head = gh.commits.get(gh.branches.get(BRANCH) ?? "");
    expect(head?.parents).toEqual([fakeSha("execute 3.3")]);
    expect(gh.fileOn(BRANCH, JSON_PATH)).toContain(
      '"execution_paths": ["execution/EXECUTION_TASK_',
    );
    gh.mock.done();
  });

  it("writes nothing when the same push is delivered again (the branch already holds the change)", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const push = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", push, "delivery-1");
    // A redelivery costs the event's one read, and sync finds its change already there.
    gh.expectGraphql();

    await deliver(probot, "push", push, "delivery-1");

    expect(gh.syncCalls().slice(OPENED.length)).toEqual([]);
    expect(gh.callLines().slice(-1)).toEqual(["POST /graphql"]);
    gh.mock.done();
  });

  it("deletes the branch once its pull request is merged and the drift is gone", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const push = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", push);
    const [pull] = gh.openPulls();
    gh.merge(pull?.number ?? 0, fakeSha("merge sync"));
    gh.expectGraphql().expectCreate();
    gh.expectDeleteRef();

    await deliver(
      probot,
      "push",
      pushTouching({ modified: [JSON_PATH] }, { after: fakeSha("merge sync") }),
    );

    expect(gh.syncCalls().slice(OPENED.length)).toEqual([`DELETE /git/refs/heads/${BRANCH}`]);
    expect(gh.branches.has(BRANCH)).toBe(false);
    expect(gh.openPulls()).toEqual([]);
    expect(gh.files.get(JSON_PATH)).toBe(FIXTURE);
    gh.mock.done();
  });

  it("closes the pull request and deletes the branch when a person fixes parallel.json on the default branch", async () => {
    const gh = repository();
    const probot = await appProbot({ syncOnPush: true });
    gh.expectToken();
    const push = pushMain(gh, fakeSha("approve 3.1"), { [APPROVED_31]: "# approved\n" });
    gh.expectCreateRef().expectPutContents().expectCreatePull();
    await deliver(probot, "push", push);
    const fixed = pushMain(gh, fakeSha("fixed by hand"), { [JSON_PATH]: FIXTURE });
    gh.expectUpdatePull().expectDeleteRef();

    await deliver(probot, "push", fixed);

    expect(gh.syncCalls().slice(OPENED.length)).toEqual([
      expect.stringMatching(/^PATCH \/pulls\/\d+$/),
      `DELETE /git/refs/heads/${BRANCH}`,
    ]);
    expect(gh.pulls[0]).toMatchObject({ state: "closed", merged: false });
    expect(gh.branches.has(BRANCH)).toBe(false);
    gh.mock.done();
  });
});
