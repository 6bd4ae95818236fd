/**
 * `push` to the default branch: propose (or update, or close) the sync pull request of every plan
 * the push touches. Pushes to other branches, tags and deletions are not synced, and a push
 * touching no plan costs no request. A push editing the config re-syncs every plan.
 */
import type { Context } from "probot";
import { isZeroSha, pushChangedPaths } from "../pipeline/changed-paths.js";
import type { AppDeps } from "../deps.js";
import { touchesConfig } from "../pipeline/touched-plans.js";
import { syncRepository } from "./run-sync.js";
import { repositoryRef } from "../pipeline/repository-ref.js";

/** Sync the plans a push to the default branch touches; throws naming the plans whose writes failed. */
export async function onPushSync(context: Context<"push">, deps: AppDeps): Promise<void> {
  const { payload } = context;
  const repository = payload.repository;
  if (payload.deleted || isZeroSha(payload.after)) return;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return;
  const repo = repositoryRef(repository);
  const changed = await pushChangedPaths(context.octokit, repo, payload);
  const changes = changed !== "all" && touchesConfig(changed) ? "all" : changed;
  const report = await syncRepository(
    { octokit: context.octokit, log: context.log, repo, sha: payload.after, changes },
    deps,
  );
  const failed = report.plans.filter((plan) => plan.result === "failed");
  if (failed.length > 0) {
    // Probot logs a handler's error with the delivery: one line per plan that failed.
    const lines = failed.map((plan) => `${plan.plan}: ${plan.detail}`).join("; ");
    throw new Error(`sync of ${repo.owner}/${repo.name}@${payload.after} failed: ${lines}`);
  }
}
