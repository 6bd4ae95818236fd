/**
 * One `parallel-plans` check of one commit: read it (config, existing run, plan folders), decide
 * which run to write, analyse, complete the run. Every handler ends here. Whatever fails after
 * the run exists, the run is completed with a clear message; it is never left in progress.
 */
import type { Logger, ProbotOctokit } from "probot";
import { analyzeSnapshot } from "../core/analyze.js";
import { configToOptions, DEFAULT_CONFIG } from "../core/config.js";
import type { AnalysisOptions } from "../core/options.js";
import { describeScope, writeMarker, type Scope } from "./check-marker.js";
import {
  CHECK_NAME,
  configCheck,
  errorCheck,
  planCheck,
  startedOutput,
  type CompletedCheck,
} from "./check-run.js";
import { CheckRunWriter } from "./check-run-writer.js";
import { decideTarget } from "./check-target.js";
import { CommitReader, type FirstRead } from "./commit-reader.js";
import type { AppDeps } from "./deps.js";
import { describeFailure } from "./failure.js";
import { loadRepoConfig } from "./repo-config.js";
import { commitKey } from "./same-sha-lock.js";
import { CONFIG_PATH, rulesFor, touchedPlanFolders } from "./touched-plans.js";

const TRUNCATED_TREE =
  "The repository is too large for GitHub to list at once: plans past the listing were not checked.";

export interface CommitCheck {
  octokit: ProbotOctokit;
  log: Logger;
  repo: { owner: string; name: string; id: number; defaultBranch: string };
  sha: string;
  /** The changed paths of the event, or "all" to check every plan of the commit. */
  changes: readonly string[] | "all";
  /** check_suite / check_run `rerequested`. */
  rerequest: boolean;
  deliveryId: string;
}

/** The plan folders the change touches as far as the app knows the config (no request). */
function initialScope(check: Pick<CommitCheck, "changes" | "repo">, deps: AppDeps): Scope {
  if (check.changes === "all") return "all";
  return touchedPlanFolders(check.changes, rulesFor(deps.configs.get(check.repo.id)));
}

/** Check the commit when the change touches a plan; a change touching none costs no request. */
export async function checkCommit(check: CommitCheck, deps: AppDeps): Promise<void> {
  const scope = initialScope(check, deps);
  if (scope !== "all" && scope.length === 0) {
    check.log.debug({ sha: check.sha }, "no plan touched");
    return;
  }
  await deps.lock.run(commitKey(check.repo.id, check.sha), () => runCheck(check, scope, deps));
}

async function runCheck(check: CommitCheck, assumed: Scope, deps: AppDeps): Promise<void> {
  const { octokit, log, repo, sha } = check;
  const where = `${repo.owner}/${repo.name}@${sha}`;
  const reader = new CommitReader(octokit, repo, sha);
  const writer = new CheckRunWriter(octokit, repo, deps.now, check.deliveryId);
  const known = deps.configs.get(repo.id);

  let first: FirstRead;
  try {
    const auth = (await octokit.auth({ type: "app" })) as { appId: number | string };
    first = await reader.first(
      assumed,
      {
        configExpression: `${repo.defaultBranch}:${CONFIG_PATH}`,
        appId: Number(auth.appId),
        checkName: CHECK_NAME,
      },
      configToOptions(known ?? DEFAULT_CONFIG),
    );
  } catch (error) {
    // Without the lookup the existing run is unknown: report on a new one so the failure shows.
    const marker = writeMarker({ scope: assumed, config: null, done: false });
    await writer
      .createCompleted(sha, errorCheck(describeFailure(error), marker))
      .catch((reportError: unknown) =>
        log.error({ err: reportError, sha }, "check run not reported"),
      );
    throw new Error(`reading ${where} failed: ${describeFailure(error)}`, { cause: error });
  }

  const loaded = loadRepoConfig(first.config);
  if (loaded.findings.length === 0) deps.configs.set(repo.id, loaded.config);
  else deps.configs.forget(repo.id);
  const options = configToOptions(loaded.config);
  const scope: Scope =
    assumed === "all" || check.changes === "all" || loaded.findings.length > 0
      ? assumed
      : touchedPlanFolders(check.changes, rulesFor(loaded.config));
  if (scope !== "all" && scope.length === 0) {
    log.info({ sha }, "no plan touched under the repository config");
    return;
  }

  const target = decideTarget(first.runs, {
    scope,
    config: loaded.oid,
    rerequest: check.rerequest,
    deliveryId: check.deliveryId,
  });
  if (target.kind === "skip") {
    log.info({ sha, checkRunId: target.id }, "check run already up to date");
    return;
  }
  const marker = (done: boolean) => writeMarker({ scope: target.scope, config: loaded.oid, done });
  let id: number;
  try {
    id =
      target.kind === "create"
        ? await writer.start(sha, startedOutput(describeScope(target.scope), marker(false)))
        : target.id;
  } catch (error) {
    throw new Error(`starting the check run on ${where} failed: ${describeFailure(error)}`, {
      cause: error,
    });
  }

  try {
    const result =
      loaded.findings.length > 0
        ? configCheck(loaded.findings, marker(true))
        : await analyseScope(reader, target, options, marker(true));
    await writer.complete(id, result);
    log.info({ sha, checkRunId: id, conclusion: result.conclusion }, "check run completed");
  } catch (error) {
    log.warn({ sha, checkRunId: id }, "check failed; completing the run with the reason");
    await writer
      .complete(id, errorCheck(describeFailure(error), marker(false)))
      .catch((reportError: unknown) =>
        log.error({ err: reportError, sha }, "check run not completed"),
      );
    throw new Error(`checking ${where} failed: ${describeFailure(error)}`, { cause: error });
  }
}

/** Read what the scope still lacks, analyse it like the CLI, and build the completed check. */
async function analyseScope(
  reader: CommitReader,
  target: { scope: Scope; annotated: Scope },
  options: AnalysisOptions,
  marker: string,
): Promise<CompletedCheck> {
  await reader.complete(target.scope, options);
  const report = analyzeSnapshot(reader.files.snapshot(options), options);
  const folders = target.scope === "all" ? [] : target.scope;
  const planDirs = new Set(report.plans.map((plan) => plan.dir));
  const removed = folders.filter((f) => reader.files.removedFolders.has(f));
  return planCheck({
    report,
    removed,
    notPlans: folders.filter((f) => !planDirs.has(f) && !removed.includes(f)),
    notes: reader.files.treeTruncated ? [TRUNCATED_TREE] : [],
    strict: options.failOn === "warning",
    annotated: target.annotated,
    marker,
  });
}
