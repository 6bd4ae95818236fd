/**
 * `/parallel sync [--plan NAME]`: the slash-command handler calls {@link runSyncOnDemand} after it
 * has checked the commenter's permission, and renders the report in its reply. The run syncs the
 * head of the default branch, every plan (or the one named), exactly as a push would.
 */
import type { Logger, ProbotOctokit } from "probot";
import type { AppDeps } from "../deps.js";
import { syncRepository, type SyncRunReport } from "./run-sync.js";
import { repositoryRef } from "../pipeline/repository-ref.js";

export type { PlanSyncReport, SyncRunReport } from "./run-sync.js";
export type { SyncResult } from "./sync-decision.js";

/** What the run needs from the event's context (an `issue_comment.created` context fits). */
export interface SyncContext {
  octokit: ProbotOctokit;
  log: Logger;
  payload: {
    repository: { id: number; name: string; default_branch: string; owner: { login: string } };
  };
}

/**
 * Sync now. Resolves with one entry per plan (`result`: opened, updated, unchanged, closed,
 * in-sync, stopped, refused or failed; `detail`: one sentence; `pull`: the open sync pull
 * request) or with `skipped` saying why nothing ran (`sync: off`, an invalid config, no such
 * plan). Rejects only when GitHub cannot be read at all. `sync: off` is honoured here too: the
 * repository's owners turned the app's pull requests off, a comment does not turn them back on.
 */
export async function runSyncOnDemand(
  context: SyncContext,
  deps: AppDeps,
  plan?: string,
): Promise<SyncRunReport> {
  const { repository } = context.payload;
  return syncRepository(
    {
      octokit: context.octokit,
      log: context.log,
      repo: repositoryRef(repository),
      changes: "all",
      ...(plan === undefined ? {} : { plan }),
    },
    deps,
  );
}
