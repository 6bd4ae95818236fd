/**
 * `check_suite` / `check_run` rerequested ("Re-run" in the UI): check every plan of the head SHA
 * on a new check run, as GitHub's re-run flow expects. A re-run has no change list to go by, and
 * a fresh run is also how a stale result (a config changed since) is replaced.
 */
import type { Context } from "probot";
import { CHECK_NAME } from "./check-run.js";
import { checkCommit } from "./check-commit.js";
import type { AppDeps } from "../deps.js";
import { repositoryRef } from "../pipeline/repository-ref.js";

export async function onCheckSuiteRerequested(
  context: Context<"check_suite.rerequested">,
  deps: AppDeps,
): Promise<void> {
  await recheck(context, context.payload.check_suite.head_sha, deps);
}

export async function onCheckRunRerequested(
  context: Context<"check_run.rerequested">,
  deps: AppDeps,
): Promise<void> {
  // GitHub sends an app the re-runs of its own runs only; the name guards future check runs.
  if (context.payload.check_run.name !== CHECK_NAME) return;
  await recheck(context, context.payload.check_run.head_sha, deps);
}

async function recheck(
  context: Context<"check_suite.rerequested" | "check_run.rerequested">,
  sha: string,
  deps: AppDeps,
): Promise<void> {
  const { repository } = context.payload;
  await checkCommit(
    {
      octokit: context.octokit,
      log: context.log,
      repo: repositoryRef(repository),
      sha,
      changes: "all",
      rerequest: true,
      deliveryId: context.id,
    },
    deps,
  );
}
