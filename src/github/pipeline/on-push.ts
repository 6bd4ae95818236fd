/**
 * `push`: the event pipeline. The changed paths come with the payload (a push touching no plan
 * costs no request); then ONE read of the commit (config, plan folders, this app's check run, and
 * on the default branch its head, the app's issues and the touched plans' sync branches), ONE
 * analysis, and each feature decides its writes from that snapshot and report: the check run
 * (with the level buttons), the issue lifecycle, the status sync. A push whose commit is no
 * longer the default branch's head (delivered late, or redelivered) gets only its check run.
 * Deleted branches and tags have nothing to check; a push editing the config on the default
 * branch checks every plan.
 */
import type { Context } from "probot";
import type { ExistingIssue } from "../../core/assignment/diff-level.js";
import { keepIssuesInStep, pushButtons } from "../assign/on-push.js";
import { readOwnIssues, ownIssuesField } from "../assign/own-issues-query.js";
import { listOwnIssues } from "../assign/own-issues.js";
import { checkCommit, type CommitCheck } from "../check/check-commit.js";
import type { AppDeps } from "../deps.js";
import { syncFromEvent, syncQueryPart } from "../sync/run-sync.js";
import { isZeroSha, pushChangedPaths } from "./changed-paths.js";
import { branchHeadField, readBranchHead } from "./branch-head.js";
import type { FirstRead } from "./commit-reader.js";
import { describeFailure } from "./failure.js";
import type { QueryPart } from "./graphql-query.js";
import { issuesKey, syncKey } from "./lock-keys.js";
import { repositoryRef } from "./repository-ref.js";
import { rulesFor, touchedPlanFolders, touchesConfig } from "./touched-plans.js";

export async function onPush(context: Context<"push">, deps: AppDeps): Promise<void> {
  const { payload, octokit, log } = context;
  if (payload.deleted || isZeroSha(payload.after) || !payload.ref.startsWith("refs/heads/")) return;
  const repository = payload.repository;
  const repo = repositoryRef(repository);
  const changed = await pushChangedPaths(octokit, repo, payload);
  const onDefaultBranch = payload.ref === `refs/heads/${repository.default_branch}`;
  const changes = changed !== "all" && onDefaultBranch && touchesConfig(changed) ? "all" : changed;
  const check: CommitCheck = {
    octokit,
    log,
    repo,
    sha: payload.after,
    changes,
    rerequest: false,
    deliveryId: context.id,
  };
  if (!onDefaultBranch || (!deps.assignOnPush && !deps.syncOnPush)) {
    await checkCommit(check, deps);
    return;
  }

  const known = await deps.configs.get(repo.id);
  const assumed = changes === "all" ? "all" : touchedPlanFolders(changes, rulesFor(known));
  if (assumed !== "all" && assumed.length === 0) return;
  // Sync's part reads the head with its history (under the head field's alias): the query asks
  // for the default branch once.
  const syncing = deps.syncOnPush && known?.sync !== "off";
  const parts: QueryPart[] = [syncing ? syncQueryPart(assumed) : branchHeadField()];
  if (deps.assignOnPush) parts.push(ownIssuesField());
  const where = { owner: repo.owner, repo: repo.name };
  let own: ExistingIssue[] | undefined;
  // The issues past one page of the read are listed once, for the buttons and the lifecycle.
  const ownIssues = async (first: FirstRead) =>
    (own ??= readOwnIssues(first.repository) ?? (await listOwnIssues(octokit, where)));
  const removed = new Set(payload.commits.flatMap((c) => c.removed ?? []));
  // Only the head's state is acted on: an older commit's plans would close, reopen and fan out
  // from what the branch no longer holds (its run still says what that commit holds).
  const isHead = (first: FirstRead) => readBranchHead(first.repository) === payload.after;

  // One default-branch push per repository at a time (issues, then sync, then the commit: always
  // in this order): a redelivery arriving meanwhile reads what this one left and writes nothing.
  await deps.locks.run(issuesKey(repo.id), () =>
    deps.locks.run(syncKey(repo.id), async () => {
      const outcome = await checkCommit(check, deps, {
        parts,
        alwaysAnalyse: true,
        actions: deps.assignOnPush
          ? async (report, first, config) =>
              isHead(first) ? pushButtons(report, config, await ownIssues(first)) : []
          : undefined,
      });
      if (!outcome?.report) return;
      if (!isHead(outcome.first)) {
        const head = readBranchHead(outcome.first.repository);
        log.info({ sha: payload.after, head }, "stale push: not the head of the default branch");
        return;
      }
      const failures: string[] = [];
      if (deps.assignOnPush) {
        try {
          const issues = await ownIssues(outcome.first);
          await keepIssuesInStep(
            { octokit, log, repo, sha: payload.after, removed, outcome, own: issues },
            deps,
          );
        } catch (error) {
          failures.push(`issues: ${describeFailure(error)}`);
        }
      }
      // A push whose read did not carry sync's part (the known config said `sync: off`, and this
      // push turns it on) syncs nothing: the next push, or `/parallel sync`, does.
      if (syncing) {
        const synced = await syncFromEvent(
          {
            octokit,
            log,
            repo,
            sha: payload.after,
            changes,
            history: addedFileDates(payload.commits),
          },
          outcome,
          deps.syncCommits,
        );
        for (const plan of synced.plans)
          if (plan.result === "failed") failures.push(`sync of ${plan.plan}: ${plan.detail}`);
      }
      if (failures.length > 0) {
        // Probot logs a handler's error with the delivery: one line per part that failed.
        throw new Error(
          `push ${repo.owner}/${repo.name}@${payload.after} handled in part: ${failures.join("; ")}`,
        );
      }
    }),
  );
}

/** When each file the push added was committed: the start (EXECUTION_TASK) and end (APPROVED) dates sync may write. */
function addedFileDates(
  commits: readonly { timestamp: string; added?: string[] | undefined }[],
): Map<string, string[]> {
  const dates = new Map<string, string[]>();
  for (const commit of commits) {
    for (const file of commit.added ?? []) {
      const list = dates.get(file);
      if (list) list.push(commit.timestamp);
      else dates.set(file, [commit.timestamp]);
    }
  }
  return dates;
}
