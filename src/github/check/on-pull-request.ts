/**
 * `pull_request` opened / synchronize / reopened: check the plans the pull request touches, on its
 * head SHA. A fork's head commit is readable through the base repository, whose installation
 * receives the event, so forks need nothing special.
 */
import type { Context } from "probot";
import { pullRequestChangedPaths } from "../pipeline/changed-paths.js";
import { checkCommit } from "./check-commit.js";
import type { AppDeps } from "../deps.js";
import { repositoryRef } from "../pipeline/repository-ref.js";

export type PullRequestEvent =
  "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened";

export async function onPullRequest(
  context: Context<PullRequestEvent>,
  deps: AppDeps,
): Promise<void> {
  const { pull_request: pull, repository } = context.payload;
  if (pull.changed_files === 0) return;
  const repo = repositoryRef(repository);
  const changes = await pullRequestChangedPaths(context.octokit, repo, pull);
  await checkCommit(
    {
      octokit: context.octokit,
      log: context.log,
      repo,
      sha: pull.head.sha,
      changes,
      rerequest: false,
      deliveryId: context.id,
    },
    deps,
  );
}
