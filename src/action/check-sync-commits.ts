/**
 * The `parallel-plans` check of each commit status sync wrote in this run. The App gets the sync
 * branch's push back as a webhook and checks it like any push; GitHub starts no workflow for a
 * push or a pull request made with a workflow's `GITHUB_TOKEN`, so without this the sync pull
 * request would never get the check, and a branch protection requiring it would wait forever.
 * Each commit is checked as the push of its one file would be (the plan it changes): the read
 * and the finished check run, 2 requests.
 */
import type { Logger, ProbotOctokit } from "probot";
import { checkCommit } from "../github/check/check-commit.js";
import type { AppDeps, CheckResult, SyncCommit } from "../github/deps.js";
import { describeFailure } from "../github/pipeline/failure.js";
import type { RepositoryRef } from "../github/pipeline/repository-ref.js";

export interface SyncChecks {
  /** One line per commit checked, for the step's log. */
  lines: string[];
  /** One sentence per check that could not be written. */
  failures: string[];
}

export async function checkSyncCommits(
  commits: readonly SyncCommit[],
  at: { octokit: ProbotOctokit; log: Logger; repo: RepositoryRef; deliveryId: string },
  deps: AppDeps,
): Promise<SyncChecks> {
  const checks: SyncChecks = { lines: [], failures: [] };
  for (const commit of commits) {
    const short = commit.sha.slice(0, 7);
    let result: CheckResult | undefined;
    try {
      await checkCommit(
        { ...at, sha: commit.sha, changes: [commit.path], rerequest: false },
        // The job's outputs and exit code are the event's commit's; this check only gets written.
        { ...deps, checkResults: { checked: (checked) => void (result = checked) } },
      );
      const conclusion = result?.check.conclusion ?? "nothing to check";
      checks.lines.push(`checked sync commit ${short} on ${commit.branch}: ${conclusion}`);
    } catch (error) {
      checks.failures.push(
        `the check of sync commit ${short} on ${commit.branch} was not written: ${describeFailure(error)}`,
      );
    }
  }
  return checks;
}
