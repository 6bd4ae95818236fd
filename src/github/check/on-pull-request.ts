/**
 * `pull_request` opened / synchronize / reopened: check the plans the pull request touches, on its
 * head SHA. Its files come with the check's first read (one GraphQL query with the config and the
 * existing run), so a redelivery costs that one read; only a pull request with a rename or more
 * files than one GraphQL page is listed over REST. A fork's head commit is readable through the
 * base repository, whose installation receives the event, so forks need nothing special.
 */
import type { Context } from "probot";
import { pullRequestChangedPaths } from "../pipeline/changed-paths.js";
import { PULL_FILES_FIRST, pullFilesPart, readPullFiles } from "../pipeline/pull-files-query.js";
import { checkCommit, type ChangesInRead } from "./check-commit.js";
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
  const overREST = () => pullRequestChangedPaths(context.octokit, repo, pull);
  // The payload's count says when one GraphQL page cannot hold the list: REST from the start.
  const changes: ChangesInRead | Awaited<ReturnType<typeof overREST>> =
    (pull.changed_files ?? Infinity) > PULL_FILES_FIRST
      ? await overREST()
      : {
          part: pullFilesPart(pull.number),
          read: async (first) => readPullFiles(first.repository) ?? (await overREST()),
        };
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
