/**
 * What sync does about one plan, decided before anything is written: the core's outcome (what
 * parallel.json should say) against what exists (the sync branch, its pull request, the default
 * branch's history) gives a list of actions, often none. Pure, so every rule is unit-tested and a
 * dry run is just this list.
 */
import { hasDrift, type SyncOutcome } from "../../core/sync/sync-types.js";
import { isAppCommit, syncBranchName, syncCommitMessage } from "./sync-branch.js";
import { stoppedComment, syncPullText } from "./sync-pull-body.js";
import type { BranchState } from "./sync-state-query.js";

export type SyncAction =
  | { kind: "create-branch"; sha: string }
  | { kind: "reset-branch"; sha: string }
  | { kind: "commit-file"; path: string; text: string; replacing: string; message: string }
  | { kind: "open-pull"; title: string; body: string }
  | { kind: "update-pull"; number: number; title: string; body: string }
  | { kind: "close-pull"; number: number }
  | { kind: "delete-branch" }
  | { kind: "comment-stopped"; number: number; body: string };

/**
 * `opened` / `updated` / `unchanged`: the plan drifts and its pull request is new, rewritten, or
 * already right; `closed`: the drift is gone and the app cleaned up; `in-sync`: nothing to do;
 * `stopped`: a person's commit heads the branch; `refused`: parallel.json cannot be edited
 * safely; `failed`: GitHub refused a write (set by the runner, never decided here).
 */
export type SyncResult =
  "opened" | "updated" | "unchanged" | "closed" | "in-sync" | "stopped" | "refused" | "failed";

export interface SyncSituation {
  plan: string;
  /** parallel.json from the repository root; null when the plan has none, or is gone. */
  file: string | null;
  outcome: SyncOutcome | null;
  /** The default-branch commit the outcome was computed on: the head of the branch. */
  base: string;
  /** The default branch's latest commits, newest first (to tell a branch left at one of them). */
  history: readonly string[];
  branch: BranchState | null;
  defaultBranch: string;
}

export interface SyncDecision {
  plan: string;
  branch: string;
  result: SyncResult;
  /** One sentence for logs and for the reply to `/parallel sync`. */
  detail: string;
  actions: SyncAction[];
}

/**
 * The actions for one plan, in order. Guards first: a head the app did not make is never written
 * to; an unparseable file is left alone. A commit that is no longer the default branch's head
 * never gets here: a push stops before sync (`on-push.ts`), and on demand the head is synced.
 */
export function decideSync(s: SyncSituation): SyncDecision {
  const branchName = syncBranchName(s.plan);
  const decided = (
    result: SyncResult,
    detail: string,
    actions: SyncAction[] = [],
  ): SyncDecision => ({
    plan: s.plan,
    branch: branchName,
    result,
    detail,
    actions,
  });
  const { branch } = s;
  // A branch still at a default-branch commit holds no work of its own (an interrupted run left
  // it there): moving it loses nothing. Any other head must be the app's own commit.
  const bare = branch !== null && s.history.includes(branch.commit.oid);
  if (branch && !bare && !isAppCommit(branch.commit, s.plan)) {
    const pull = branch.pull;
    const notice =
      pull && !pull.stopNoticeSent
        ? [
            {
              kind: "comment-stopped" as const,
              number: pull.number,
              body: stoppedComment(s.plan, branchName, branch.commit.oid, s.defaultBranch),
            },
          ]
        : [];
    return decided(
      "stopped",
      `${branchName} holds a commit the app did not make; the app leaves it alone`,
      notice,
    );
  }
  if (s.outcome?.kind === "refused") return decided("refused", `${s.file} ${s.outcome.reason}`);

  if (!hasDrift(s.outcome) || s.outcome?.kind !== "synced" || s.file === null) {
    const actions: SyncAction[] = [];
    if (branch?.pull) actions.push({ kind: "close-pull", number: branch.pull.number });
    if (branch) actions.push({ kind: "delete-branch" });
    const agrees = `parallel.json of ${s.plan} agrees with its files`;
    if (actions.length === 0) return decided("in-sync", agrees);
    const cleaned = branch?.pull
      ? `pull request #${branch.pull.number} closed, ${branchName} deleted`
      : `${branchName} deleted`;
    return decided("closed", `${agrees}: ${cleaned}`, actions);
  }

  const { text, newText, changes, skipped } = s.outcome;
  const pullText = syncPullText({
    plan: s.plan,
    file: s.file,
    changes,
    skipped,
    defaultBranch: s.defaultBranch,
  });
  const actions: SyncAction[] = [];
  // Compare before write: a branch holding exactly this change on this text is left as it is.
  const current =
    branch !== null && !bare && branch.fileText === newText && branch.parentFileText === text;
  if (!current) {
    actions.push(
      branch ? { kind: "reset-branch", sha: s.base } : { kind: "create-branch", sha: s.base },
    );
    actions.push({
      kind: "commit-file",
      path: s.file,
      text: newText,
      replacing: text,
      message: syncCommitMessage(s.plan),
    });
  }
  const pull = branch?.pull ?? null;
  if (!pull) actions.push({ kind: "open-pull", ...pullText });
  else if (pull.body.replace(/\r\n/g, "\n") !== pullText.body) {
    actions.push({ kind: "update-pull", number: pull.number, ...pullText });
  }
  const count = `${changes.length} ${changes.length === 1 ? "change" : "changes"}`;
  if (!pull) return decided("opened", `${s.file}: ${count} proposed on ${branchName}`, actions);
  return actions.length > 0
    ? decided(
        "updated",
        `${s.file}: ${count} on ${branchName}, pull request #${pull.number} updated`,
        actions,
      )
    : decided(
        "unchanged",
        `${s.file}: pull request #${pull.number} already proposes these ${count}`,
      );
}
