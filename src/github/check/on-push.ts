/**
 * `push`: check the plans the pushed commits touch, on the pushed head. A push touching no plan
 * costs no request (the commit lists come with the payload); a push editing the config on the
 * default branch checks every plan, since the config changes how all of them are read.
 */
import type { Context } from "probot";
import { checkCommit } from "./check-commit.js";
import { isZeroSha, pushChangedPaths } from "../pipeline/changed-paths.js";
import type { AppDeps } from "../deps.js";
import { touchesConfig } from "../pipeline/touched-plans.js";
import { repositoryRef } from "../pipeline/repository-ref.js";

export async function onPush(context: Context<"push">, deps: AppDeps): Promise<void> {
  const { payload } = context;
  // Deleted branches and tags have nothing to check.
  if (payload.deleted || isZeroSha(payload.after) || !payload.ref.startsWith("refs/heads/")) return;
  const repository = payload.repository;
  const repo = repositoryRef(repository);
  const changed = await pushChangedPaths(context.octokit, repo, payload);
  const onDefaultBranch = payload.ref === `refs/heads/${repository.default_branch}`;
  const changes = changed !== "all" && onDefaultBranch && touchesConfig(changed) ? "all" : changed;
  await checkCommit(
    {
      octokit: context.octokit,
      log: context.log,
      repo,
      sha: payload.after,
      changes,
      rerequest: false,
      deliveryId: context.id,
    },
    deps,
  );
}
