/**
 * One status-sync run on a repository: read what exists (one GraphQL query: config, default
 * branch history, sync branches and their pull requests), read the plans of the synced commit
 * with the check's own `CommitReader` (one more query), let the core decide the JSON edits and
 * `decideSync` the GitHub writes, then write only those. Runs are serialised per repository.
 */
import type { Logger, ProbotOctokit } from "probot";
import { configToOptions, type RepoConfig } from "../../core/config.js";
import type { FileHistory } from "../../core/history/measure-times.js";
import { syncSnapshot } from "../../core/sync/sync-snapshot.js";
import type { Scope } from "../check/check-marker.js";
import { CommitReader, type RepoRef } from "../pipeline/commit-reader.js";
import type { AppDeps, SyncCommitSink } from "../deps.js";
import { describeFailure } from "../pipeline/failure.js";
import { syncKey } from "../pipeline/lock-keys.js";
import { loadRepoConfig } from "../pipeline/repo-config.js";
import { CONFIG_PATH, rulesFor, touchedPlanFolders } from "../pipeline/touched-plans.js";
import { carryOut, type PlanSyncReport } from "./carry-out.js";
import { readState } from "./read-sync-state.js";
import { readSyncState, syncStateFields, type SyncState } from "./sync-state-query.js";
import type { CheckOutcome } from "../check/check-commit.js";
import type { QueryPart } from "../pipeline/graphql-query.js";
import type { AnalysisOptions } from "../../core/options.js";
import { branchRequestOf, branchRequests, syncTargets, type SyncTarget } from "./sync-targets.js";
import { SyncWriter } from "./sync-writer.js";

export type { PlanSyncReport } from "./carry-out.js";

export interface SyncRequest {
  octokit: ProbotOctokit;
  log: Logger;
  repo: RepoRef & { id: number; defaultBranch: string };
  /** The push's changed paths, or "all" plans. */
  changes: readonly string[] | "all";
  /** Only the plan of this name (`/parallel sync --plan X`). */
  plan?: string;
  /**
   * Commit dates of the files the push's commits added (repository paths): sync fills missing
   * `started_at` / `completed_at` from them (an EXECUTION_TASK's or APPROVED file's first commit).
   */
  history?: FileHistory;
}

/** What a run did: `skipped` says why nothing was looked at (sync off, invalid config…). */
export interface SyncRunReport {
  skipped: string | null;
  plans: PlanSyncReport[];
}

const SYNC_OFF = `sync is off (\`sync: off\` in ${CONFIG_PATH})`;

/**
 * Sync the head of the default branch (on demand): the plans a change touches, or all; a change
 * touching none costs no request. The head is the first commit of the history the state query
 * reads, so the commit synced and the history it is compared with come from one answer.
 */
export async function syncRepository(request: SyncRequest, deps: AppDeps): Promise<SyncRunReport> {
  const known = await deps.configs.get(request.repo.id);
  if (known?.sync === "off") return { skipped: SYNC_OFF, plans: [] };
  const assumed = scopeFor(request.changes, known);
  if (assumed !== "all" && assumed.length === 0) return { skipped: "no plan touched", plans: [] };
  return deps.locks.run(syncKey(request.repo.id), () => run(request, assumed, deps));
}

async function run(request: SyncRequest, assumed: Scope, deps: AppDeps): Promise<SyncRunReport> {
  const { octokit, repo } = request;
  const first = await readState(octokit, {
    owner: repo.owner,
    name: repo.name,
    defaultBranch: repo.defaultBranch,
    configExpression: `${repo.defaultBranch}:${CONFIG_PATH}`,
    ...stateRequest(assumed),
  });
  const loaded = loadRepoConfig(first.config);
  if (loaded.findings.length > 0) {
    await deps.configs.forget(repo.id);
    return { skipped: `${CONFIG_PATH} on ${repo.defaultBranch} is invalid`, plans: [] };
  }
  await deps.configs.set(repo.id, loaded.config);
  if (loaded.config.sync === "off") return { skipped: SYNC_OFF, plans: [] };
  const sha = first.history[0];
  if (sha === undefined) return { skipped: `${repo.defaultBranch} has no commit`, plans: [] };

  const options = configToOptions(loaded.config);
  const scope =
    request.changes === "all" || assumed === "all"
      ? "all"
      : scopeFor(request.changes, loaded.config);
  const reader = new CommitReader(octokit, repo, sha);
  try {
    await reader.complete(scope, options);
  } catch (error) {
    throw new Error(
      `reading ${repo.owner}/${repo.name}@${sha} for sync failed: ${describeFailure(error)}`,
      { cause: error },
    );
  }
  return syncFromRead(request, { state: first, reader, scope, options, sha }, deps.syncCommits);
}

/** What sync works from: the sync state, the synced commit's files, and the scope. */
interface SyncRead {
  state: SyncState;
  reader: CommitReader;
  scope: Scope;
  options: AnalysisOptions;
  sha: string;
}

async function syncFromRead(
  request: SyncRequest,
  read: SyncRead,
  commits: SyncCommitSink | undefined,
): Promise<SyncRunReport> {
  const { octokit, log, repo } = request;
  const { state: first, reader, scope, options, sha } = read;
  const syncs = syncSnapshot(
    reader.files.snapshot(options),
    options,
    new Map(),
    request.history ?? null,
  );
  const targets = syncTargets(syncs, scope, reader.files.removedFolders, request.plan);
  if (targets.length === 0 && request.plan !== undefined) {
    return { skipped: `no plan named ${request.plan} on ${repo.defaultBranch}`, plans: [] };
  }
  // Plans the event's read did not know would be synced (every plan, or the config changed how
  // plans are found) have their branches read now: only those whose branch exists, when the
  // read listed the sync branches.
  const exists = (t: SyncTarget) => first.existing === null || first.existing.has(t.branch);
  const unread = targets
    .filter((t) => !first.branches.has(t.plan) && exists(t))
    .map(branchRequestOf);
  const more =
    unread.length === 0
      ? null
      : await readState(octokit, {
          owner: repo.owner,
          name: repo.name,
          defaultBranch: repo.defaultBranch,
          history: false,
          branches: unread,
        });

  const writer = new SyncWriter(octokit, repo, repo.defaultBranch, commits);
  const plans: PlanSyncReport[] = [];
  for (const target of targets) {
    const branch = first.branches.get(target.plan) ?? more?.branches.get(target.plan) ?? null;
    plans.push(await carryOut(target, branch, { sha, history: first.history, repo, writer, log }));
  }
  return { skipped: null, plans };
}

/**
 * The sync part of a push's one read: history and the branches of the plans it touches; for
 * every plan (not known before the read), the names of the existing sync branches.
 */
export function syncQueryPart(scope: Scope): QueryPart {
  return syncStateFields(stateRequest(scope));
}

function stateRequest(scope: Scope) {
  return scope === "all"
    ? { history: true, branches: [], listBranches: true }
    : { history: true, branches: branchRequests(scope) };
}

/**
 * Sync after the check of a push to the default branch, from what the check read (the config,
 * the plans at the SHA, and the sync part of its query): no read of its own, unless the plans
 * to sync are not those the read expected. The caller holds the repository's sync lock (since
 * before the read, so a second push waits and reads the state this one leaves), and calls this
 * only when the read carried the sync part and `sha` is the head it read (`on-push.ts`).
 */
export async function syncFromEvent(
  request: SyncRequest & { sha: string },
  outcome: CheckOutcome,
  commits?: SyncCommitSink,
): Promise<SyncRunReport> {
  const { config } = outcome.loaded;
  if (outcome.loaded.findings.length > 0) {
    return { skipped: `${CONFIG_PATH} on ${request.repo.defaultBranch} is invalid`, plans: [] };
  }
  if (config.sync === "off") return { skipped: SYNC_OFF, plans: [] };
  const state = readSyncState(outcome.first.repository, {
    owner: request.repo.owner,
    name: request.repo.name,
    defaultBranch: request.repo.defaultBranch,
    ...stateRequest(outcome.scope),
  });
  try {
    await outcome.reader.complete(outcome.scope, outcome.options);
  } catch (error) {
    throw new Error(
      `reading ${request.repo.owner}/${request.repo.name}@${request.sha} for sync failed: ${describeFailure(error)}`,
      { cause: error },
    );
  }
  return syncFromRead(
    request,
    {
      state,
      reader: outcome.reader,
      scope: outcome.scope,
      options: outcome.options,
      sha: request.sha,
    },
    commits,
  );
}

/** The plan folders a change touches under a config (the cached one, or the defaults). */
function scopeFor(changes: readonly string[] | "all", config: RepoConfig | undefined): Scope {
  return changes === "all" ? "all" : touchedPlanFolders(changes, rulesFor(config));
}
