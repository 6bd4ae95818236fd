/**
 * Carries out a sync decision through the REST API, one call per action: the branch ref (created,
 * or force-moved only after `decideSync` saw the app's own commit at its head), the file commit
 * (contents API: GitHub signs it as the app), the pull request, the one "stopped" comment.
 */
import { createHash } from "node:crypto";
import type { ProbotOctokit } from "probot";
import type { SyncCommitSink } from "../deps.js";
import type { RepoRef } from "../pipeline/commit-reader.js";
import type { SyncAction } from "./sync-decision.js";

/** The pull request sync opened or updated, for the reply to `/parallel sync`. */
export interface PullRef {
  number: number;
  url: string;
}

/** Writes sync decisions into one repository. */
export class SyncWriter {
  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly repo: RepoRef,
    private readonly defaultBranch: string,
    /** Told each commit written (the Action checks them: no workflow runs for its pushes). */
    private readonly commits?: SyncCommitSink,
  ) {}

  /** Apply the actions in order; returns the pull request opened, if one was. */
  async apply(branch: string, actions: readonly SyncAction[]): Promise<PullRef | null> {
    const repo = { owner: this.repo.owner, repo: this.repo.name };
    let opened: PullRef | null = null;
    for (const action of actions) {
      switch (action.kind) {
        case "create-branch":
          await this.octokit.rest.git.createRef({
            ...repo,
            ref: `refs/heads/${branch}`,
            sha: action.sha,
          });
          break;
        case "reset-branch":
          await this.octokit.rest.git.updateRef({
            ...repo,
            ref: `heads/${branch}`,
            sha: action.sha,
            force: true,
          });
          break;
        case "commit-file": {
          const { data } = await this.octokit.rest.repos.createOrUpdateFileContents({
            ...repo,
            path: action.path,
            branch,
            message: action.message,
            content: Buffer.from(action.text, "utf8").toString("base64"),
            // The blob the branch holds now: the file of the commit it was just set to.
            sha: gitBlobSha(action.replacing),
          });
          if (data.commit.sha)
            this.commits?.written({ branch, path: action.path, sha: data.commit.sha });
          break;
        }
        case "open-pull": {
          const { data } = await this.octokit.rest.pulls.create({
            ...repo,
            head: branch,
            base: this.defaultBranch,
            title: action.title,
            body: action.body,
          });
          opened = { number: data.number, url: data.html_url };
          break;
        }
        case "update-pull":
          await this.octokit.rest.pulls.update({
            ...repo,
            pull_number: action.number,
            title: action.title,
            body: action.body,
          });
          break;
        case "close-pull":
          await this.octokit.rest.pulls.update({
            ...repo,
            pull_number: action.number,
            state: "closed",
          });
          break;
        case "delete-branch":
          await this.octokit.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
          break;
        case "comment-stopped":
          await this.octokit.rest.issues.createComment({
            ...repo,
            issue_number: action.number,
            body: action.body,
          });
          break;
      }
    }
    return opened;
  }
}

/** Git's id of a blob holding `text` (UTF-8): sha1 of `blob <size>\0<bytes>`. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
