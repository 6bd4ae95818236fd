/**
 * `decideSync`, the pure heart of the app's sync: what exists (branch, its head's author, pull
 * request, the default branch's history) against what should, as a list of actions.
 */
import { describe, expect, it } from "@jest/globals";
import type { SyncChange, SyncOutcome } from "../../src/core/sync/sync-types.js";
import {
  isAppCommit,
  syncBranchName,
  type BranchCommit,
} from "../../src/github/sync/sync-branch.js";
import { decideSync, type SyncSituation } from "../../src/github/sync/sync-decision.js";
import { syncPullText } from "../../src/github/sync/sync-pull-body.js";
import type { BranchState } from "../../src/github/sync/sync-state-query.js";

const BOT = "41898282+parallel-plans[bot]@users.noreply.github.com";
const FILE = "plans/X/parallel.json";
const CHANGE: SyncChange = {
  id: "1.1",
  field: "status",
  path: ["levels", 0, "achievements", 0, "status"],
  from: "not_started",
  to: "complete",
  proof: "plans/X/execution/feedbacks/APPROVED_11.md",
  reason: "APPROVED file exists",
};
const DRIFT: SyncOutcome = {
  kind: "synced",
  text: "old\n",
  newText: "new\n",
  edits: [{ offset: 0, length: 3, content: "new" }],
  changes: [CHANGE],
  skipped: [],
};
const CLEAN: SyncOutcome = { ...DRIFT, newText: "old\n", edits: [], changes: [] };
const BODY = syncPullText({
  plan: "X",
  file: FILE,
  changes: [CHANGE],
  skipped: [],
  defaultBranch: "main",
}).body;

function appCommit(overrides: Partial<BranchCommit> = {}): BranchCommit {
  return {
    oid: "c2",
    message: "parallel-plans: sync statuses of X",
    authorEmail: BOT,
    committerEmail: BOT,
    parentCount: 1,
    ...overrides,
  };
}

function branch(overrides: Partial<BranchState> = {}): BranchState {
  return {
    commit: appCommit(),
    fileText: "new\n",
    parentFileText: "old\n",
    pull: null,
    ...overrides,
  };
}

function situation(overrides: Partial<SyncSituation> = {}): SyncSituation {
  return {
    plan: "X",
    file: FILE,
    outcome: DRIFT,
    base: "b1",
    history: ["b1", "b0"],
    branch: null,
    defaultBranch: "main",
    ...overrides,
  };
}

const pull = (body = BODY, stopNoticeSent = false) => ({
  number: 7,
  url: "u",
  body,
  stopNoticeSent,
});
const kinds = (s: SyncSituation) => {
  const decision = decideSync(s);
  return [decision.result, decision.actions.map((a) => a.kind)];
};

describe("decideSync", () => {
  it.each<[string, Partial<SyncSituation>, [string, string[]]]>([
    ["drift, no branch", {}, ["opened", ["create-branch", "commit-file", "open-pull"]]],
    [
      "drift, branch holds it, pull request says it",
      { branch: branch({ pull: pull() }) },
      ["unchanged", []],
    ],
    [
      "drift, branch holds it, body out of date",
      { branch: branch({ pull: pull("old body") }) },
      ["updated", ["update-pull"]],
    ],
    [
      "drift, branch holds it, pull request closed by someone",
      { branch: branch() },
      ["opened", ["open-pull"]],
    ],
    [
      "drift, branch holds other text",
      { branch: branch({ fileText: "older\n", pull: pull() }) },
      ["updated", ["reset-branch", "commit-file"]],
    ],
    [
      "drift, branch on another base text",
      { branch: branch({ parentFileText: "x\n", pull: pull() }) },
      ["updated", ["reset-branch", "commit-file"]],
    ],
    [
      "no drift, pull request open",
      { outcome: CLEAN, branch: branch({ pull: pull() }) },
      ["closed", ["close-pull", "delete-branch"]],
    ],
    [
      "no drift, merged branch left",
      { outcome: CLEAN, branch: branch() },
      ["closed", ["delete-branch"]],
    ],
    ["no drift, nothing there", { outcome: CLEAN }, ["in-sync", []]],
    [
      "plan gone, pull request open",
      { outcome: null, file: null, branch: branch({ pull: pull() }) },
      ["closed", ["close-pull", "delete-branch"]],
    ],
    [
      "branch left at a default-branch commit by an interrupted run",
      {
        branch: branch({
          commit: appCommit({ oid: "b0", authorEmail: "me@example.com", message: "work" }),
          fileText: "old\n",
        }),
      },
      ["opened", ["reset-branch", "commit-file", "open-pull"]],
    ],
    ["refused", { outcome: { kind: "refused", reason: "it does not parse" } }, ["refused", []]],
    [
      "branch and pull request already proposing the change",
      { branch: branch({ pull: pull() }) },
      ["unchanged", []],
    ],
  ])("%s", (_what, overrides, expected) => {
    expect(kinds(situation(overrides))).toEqual(expected);
  });

  it("bases a new or reset branch on the pushed commit and commits over its file", () => {
    const { actions } = decideSync(situation({ branch: branch({ fileText: "x\n" }) }));
    expect(actions.slice(0, 2)).toEqual([
      { kind: "reset-branch", sha: "b1" },
      {
        kind: "commit-file",
        path: FILE,
        text: "new\n",
        replacing: "old\n",
        message: "parallel-plans: sync statuses of X",
      },
    ]);
  });

  it.each<[string, Partial<BranchState>, string[]]>([
    ["says once that a person's commit stopped it", { pull: pull() }, ["comment-stopped"]],
    ["says it only once", { pull: pull(BODY, true) }, []],
    ["has no pull request to say it in", {}, []],
  ])("at a person's commit it never writes, and %s", (_what, overrides, actions) => {
    const person = branch({ commit: appCommit({ authorEmail: "me@example.com" }), ...overrides });
    for (const outcome of [DRIFT, CLEAN]) {
      const decision = decideSync(situation({ outcome, branch: person }));
      expect([decision.result, decision.actions.map((a) => a.kind)]).toEqual(["stopped", actions]);
    }
  });
});

describe("isAppCommit", () => {
  it.each<[string, Partial<BranchCommit>, boolean]>([
    ["the app's commit", {}, true],
    ["committed by GitHub for the app", { committerEmail: "noreply@github.com" }, true],
    [
      "a person's commit",
      { authorEmail: "me@example.com", committerEmail: "me@example.com" },
      false,
    ],
    ["the app's commit amended by a person", { committerEmail: "me@example.com" }, false],
    ["another message", { message: "fix statuses" }, false],
    ["a merge", { parentCount: 2 }, false],
    ["another plan's commit", { message: "parallel-plans: sync statuses of Y" }, false],
  ])("%s", (_what, overrides, expected) => {
    expect(isAppCommit(appCommit(overrides), "X")).toBe(expected);
  });
});

describe("syncBranchName", () => {
  it.each([
    ["RELEASE-PIPELINE", "parallel-plans/sync/RELEASE-PIPELINE"],
    ["release_v1.2", "parallel-plans/sync/release_v1.2"],
    ["my plan: v2?", "parallel-plans/sync/my-plan-v2--4ad4332d"],
    ["..hidden..plan", "parallel-plans/sync/hidden.plan-3f61b4c4"],
    ["plan.lock", "parallel-plans/sync/plan.lock--828ddf0e"],
    ["~~~", "parallel-plans/sync/plan-40ef8e2f"],
  ])("%s → %s", (plan, branchName) => {
    expect(syncBranchName(plan)).toBe(branchName);
  });

  it.each([
    ["計画", "プラン"],
    ["A B", "A-B"],
    ["A B", "A:B"],
    ["a..b", "a.b"],
  ])("gives %s and %s different branches", (one, other) => {
    expect(syncBranchName(one)).not.toBe(syncBranchName(other));
  });
});
