/**
 * The sync branch of a plan (`parallel-plans/sync/<plan>`), the commit the app makes on it, and
 * how the app recognises that commit: it only ever force-moves a branch whose head it made, so a
 * commit a person pushed there is never overwritten.
 */

import { createHash } from "node:crypto";

/** Every sync branch is under this prefix (below `refs/heads/`). */
export const SYNC_BRANCH_PREFIX = "parallel-plans/sync/";
const PREFIX = SYNC_BRANCH_PREFIX;

/**
 * The branch of a plan. Plan folder names are free text; characters git refuses in a branch name
 * (spaces, `~^:?*[\`, `..`, a leading dot, a trailing `.lock`) become `-`. A name that had to
 * change gets `-` and 8 hex digits of its hash, so two plans never share a branch ("A B" and
 * "A-B", or two names in another script): the app would take the other plan's commits for a
 * person's and stop syncing both.
 */
export function syncBranchName(plan: string): string {
  let safe = plan
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.-]+/, "")
    .replace(/\.+$/, "");
  if (safe.endsWith(".lock")) safe = `${safe}-`;
  if (safe === plan && safe !== "") return `${PREFIX}${safe}`;
  const hash = createHash("sha1").update(plan).digest("hex").slice(0, 8);
  return `${PREFIX}${safe === "" ? "plan" : safe}-${hash}`;
}

/** The commit message of the app's sync commit (its first line identifies the commit). */
export function syncCommitMessage(plan: string): string {
  return `parallel-plans: sync statuses of ${plan}`;
}

/** The head commit of a sync branch, as the sync query reads it. */
export interface BranchCommit {
  oid: string;
  message: string;
  authorEmail: string | null;
  committerEmail: string | null;
  parentCount: number;
}

/** GitHub's no-reply address of an app's bot account: `<id>+<slug>[bot]@users.noreply.github.com`. */
const BOT_EMAIL = /^\d+\+[^@\s]+\[bot\]@users\.noreply\.github\.com$/;
/** The committer GitHub records for commits made through its API and web flow. */
const GITHUB_COMMITTER = "noreply@github.com";

/**
 * Whether the app made this commit: one parent, the app's message, authored by a GitHub App's bot
 * account through the API (committer the bot or GitHub itself). A person's commit fails the author
 * test; a person amending or cherry-picking the app's commit becomes its committer and fails the
 * committer test. (Another app imitating the message is out of scope: nothing else writes there.)
 */
export function isAppCommit(commit: BranchCommit, plan: string): boolean {
  const firstLine = commit.message.split("\n", 1)[0]?.trim();
  const author = commit.authorEmail ?? "";
  const committer = commit.committerEmail ?? "";
  return (
    commit.parentCount === 1 &&
    firstLine === syncCommitMessage(plan) &&
    BOT_EMAIL.test(author) &&
    (committer === author || committer === GITHUB_COMMITTER)
  );
}
